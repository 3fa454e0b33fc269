"""Links in help texts and notices, and notice styles: safe by construction, refused by the linter."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from formbuilder.definitions.loader import load_data
from formbuilder.markup import rich, url_problem
from tests.support import Citizen, text_of

FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "links"
DEMO = json.loads((FORMS / "links-demo.json").read_text(encoding="utf-8"))
SLUG = "links-demo"
CITY = "https://www.city.example.lg.jp/kouza/"


@pytest.fixture
def forms_dir():
    return FORMS


@pytest.mark.parametrize(
    "url", [CITY, "https://www.city.example.lg.jp:8443/a?b=1&c=2#d", "/accessibility", "/forms/x?y=1#z"]
)
def test_https_and_paths_on_this_site_are_links(url):
    assert url_problem(url) is None
    assert f'href="{url.replace("&", "&amp;")}"' in rich(f"[案内]({url})")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example",
        "/\\evil.example",
        "http://www.city.example.lg.jp/",
        "https://www.city.example.lg.jp@evil.example/",
        "https:evil.example",
        "https://",
        'https://x.jp/"onmouseover="alert(1)',
        "https://x.jp/<script>",
        "relative/page",
        "mailto:a@example.jp",
        "",
    ],
)
def test_other_addresses_never_become_links(url):
    assert url_problem(url) is not None
    html = str(rich(f"[案内]({url}) と <script>alert(1)</script>"))
    assert "<a " not in html and "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "label", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"><svg onload=alert(1)>', "{{7*7}}"]
)
def test_a_label_is_escaped_text_inside_the_link(label):
    assert str(rich(f"[{label}](/accessibility)")) == f'<a href="/accessibility">{escape(label)}</a>'


def test_an_external_link_is_marked_and_opens_in_the_same_tab(app):
    with app.test_request_context("/"):
        html = str(rich(f"[市のページ]({CITY})"))
    assert 'class="external"' in html and "（外部サイト）" in html and "target" not in html


def test_a_link_to_the_own_site_is_not_marked(app):
    app.config["BASE_URL"] = "https://www.city.example.lg.jp"
    with app.test_request_context("/"):
        assert "外部サイト" not in str(rich(f"[市のページ]({CITY})"))


def problems(**changes) -> list[tuple[str, str]]:
    raw = json.loads(json.dumps(DEMO))
    for pointer, value in changes.items():
        *path, last = pointer.split("__")
        target = raw
        for part in path:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = value
    return [(p.pointer, p.message) for p in load_data(raw, "links-demo.json").problems]


@pytest.mark.parametrize(
    ("where", "text", "pointer", "words"),
    [
        ("pages__0__help", "[x](javascript:alert(1))", "/pages/0/help", "is not a link"),
        ("pages__0__help", "[x](javascript:void)", "/pages/0/help", "javascript: addresses are not allowed"),
        ("pages__0__fields__1__body", "[x](//evil.example)", "/pages/0/fields/1/body", "starting with //"),
        ("pages__0__fields__2__help", "[x](data:text/html,hi)", "/pages/0/fields/2/help", "data: addresses"),
        ("pages__0__fields__2__label", "[氏名](/accessibility)", "/pages/0/fields/2/label", "links are shown only in"),
        ("title", "[申込み](https://x.jp)", "/title", "links are shown only in"),
        ("pages__0__fields__2__label", "**氏名**", "/pages/0/fields/2/label", "emphasis is shown only in"),
    ],
)
def test_the_linter_refuses_bad_links_with_a_pointer(where, text, pointer, words):
    found = problems(**{where: text})
    assert any(p == pointer and words in m for p, m in found), found


def test_the_linter_refuses_an_unknown_notice_style():
    found = problems(pages__0__fields__1__style="danger")
    assert [p for p, _ in found] == ["/pages/0/fields/1/style"], found


def test_the_page_shows_links_notices_and_the_warning_style(client):
    start = client.get(f"/forms/{SLUG}").get_data(as_text=True)
    assert '対象は<a href="/accessibility">市内在住の方</a>です。' in start
    citizen = Citizen(client, SLUG)
    page = citizen.start()
    html = page.get_data(as_text=True)
    assert f'<a href="{CITY}" class="external" rel="external noopener">市のホームページ' in html
    assert '<section class="notice notice-info"' in html
    assert re.search(
        r'<section class="notice notice-warning"[^>]*>\s*<h2[^>]*><span class="notice-tag">必読</span>', html
    )
    assert "<ruby>申込<rp>（</rp><rt>もうしこみ</rt>" in html
    assert "<img" not in html and "<script>alert" not in html and "49" not in text_of(page)
    assert "&lt;b&gt;" in html and "{{7*7}}" in text_of(page)
    assert "キャンセルは<strong>前日の17時まで</strong>に" in html and "**" not in text_of(page)
    assert '同行する方は<a href="/accessibility">参加の決まり</a>をお読みのうえ、<strong>全員</strong>を' in html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("**必ず**お読みください", "<strong>必ず</strong>お読みください"),
        ("**[手引](/accessibility)**", '<strong><a href="/accessibility">手引</a></strong>'),
        ("**<b>x</b>**", "<strong>&lt;b&gt;x&lt;/b&gt;</strong>"),
        ("2 ** 3 と **", "2 ** 3 と **"),  # unpaired: shown as typed
        ("**一行目\n二行目**", "**一行目\n二行目**"),  # emphasis stays within one line
    ],
)
def test_emphasis_is_bold_and_everything_else_is_escaped(text, html):
    assert str(rich(text)) == html


def test_the_check_page_and_the_receipt_leave_notices_out(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert citizen.post_page("about", {"full_name": "山田 花子"}).status_code == 302
    check = text_of(citizen.check())
    assert "山田 花子" in check
    assert "キャンセルの期限" not in check and "申込みについて" not in check and "必読" not in check
    done = citizen.submit()
    assert done.status_code == 302
    citizen.get(done.location)
    pdf = client.get(f"/forms/{SLUG}/complete/receipt.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "山田" in text and "キャンセル" not in text and "必読" not in text
