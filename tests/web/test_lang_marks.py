"""Japanese on a page in another language is marked lang="ja", so screen readers switch voice (WCAG 3.1.2).

A check over real pages in English and Vietnamese: every text node holding kana or kanji has a
nearest lang attribute starting with "ja". The form of the fixture has Japanese only, so each of
its texts falls back; the answers typed are Latin (what citizens type is theirs, never marked);
the language switcher names each language in itself and is left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from formbuilder.config import load_config
from formbuilder.extensions import db
from formbuilder.receipts.pdf import receipt_html
from formbuilder.storage.models import Submission
from tests.staff.test_applicant_status import REFERENCE, SECRET, look_up
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client
from tests.support import CSRF, Citizen, text_of

SLUG = "fallback-demo"
FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "lang_marks"
JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
COMMENT = "本人確認書類の裏面も添付してください。"
ABOUT = {"full_name": "Anna Nguyen", "usage": "home", "kind": "a", "items": "card", "count": "2"}
MORE = {"note": "Nothing else", "members": "1", "members-0-member_name": "Bao Tran"}
LANGUAGES = ["en", "vi"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Languages(HTMLParser):
    """Walk a page's <body>: each Japanese text with the language it is in, and every lang attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str, bool, bool]] = []  # tag, language, left out, in an error message
        self.japanese: list[tuple[str, str]] = []  # (text, language it is marked as), error messages apart
        self.in_messages: list[tuple[str, str]] = []
        self.marks: list[str] = []  # lang attributes below <html>, the switcher's left out

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        values = dict(attrs)
        classes = values.get("class") or ""
        lang, skipped, message = self.open[-1][1:] if self.open else ("", False, False)
        skipped = skipped or tag in ("head", "script", "style", "svg") or "languages" in classes.split()
        message = message or "error-text" in classes.split() or "error-summary" in classes.split()
        if values.get("lang") is not None:
            lang = values["lang"] or ""
            if tag != "html" and not skipped:
                self.marks.append(lang)
        self.open.append((tag, lang, skipped, message))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if self.open and not self.open[-1][2] and JAPANESE.search(data):
            found = (data.strip(), self.open[-1][1])
            (self.in_messages if self.open[-1][3] else self.japanese).append(found)


def read(html: str) -> _Languages:
    found = _Languages()
    found.feed(html)
    found.close()
    return found


def unmarked_japanese(html: str, messages: bool = False) -> list[tuple[str, str]]:
    """Return (text, language) for every text with kana or kanji not inside an element of lang="ja…".

    With `messages`, only those in error messages (a label with no translation inside one).
    """
    found = read(html)
    texts = found.in_messages if messages else [*found.japanese, *found.in_messages]
    return [(text, lang) for text, lang in texts if not lang.startswith("ja")]


def _page(response) -> str:
    assert response.status_code in (200, 403, 404, 422), response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def forms_dir():
    return FOLDER


def _journey(app, client, lang: str) -> tuple[dict[str, str], str]:
    """Walk the fixture form in `lang` with Latin answers; return {page: html} and the reference."""
    citizen = Citizen(client, SLUG, lang)
    pages = {"list": _page(client.get(f"/?lang={lang}")), "start": _page(citizen.get(citizen.url("")))}
    pages["first page"] = _page(citizen.start())
    pages["first page with errors"] = _page(citizen.post_page("about", {"full_name": "", "count": "99"}))
    exit_page = citizen.post_page("about", {**ABOUT, "usage": "other"}, follow=True)
    assert "/exit/" in exit_page.request.path, exit_page.request.path
    pages["exit"] = _page(exit_page)
    assert "テスト課" in pages["exit"]  # an exit without a contact of its own: the form's
    pages["back on the first page"] = _page(citizen.get(citizen.url("/pages/about")))
    assert citizen.post_page("about", ABOUT).status_code == 302
    pages["second page"] = _page(citizen.get(citizen.url("/pages/more")))
    assert citizen.post_page("more", MORE).status_code == 302
    pages["check"] = _page(citizen.check())
    done = citizen.submit()
    assert done.status_code == 302, text_of(done)[:300]
    complete = _page(citizen.get(done.location))
    pages["complete"] = complete
    pages["accessibility"] = _page(client.get(f"/accessibility?lang={lang}"))
    pages["not found"] = _page(client.get(f"/forms/no-such-form?lang={lang}"))
    pages["status look-up"] = _page(client.get(f"/status?lang={lang}"))
    return pages, REFERENCE.search(complete).group(1) + " " + SECRET.search(complete).group(1)


def _returned_with_comment(app, runner, reference: str) -> None:
    staff = staff_client(app, runner, "tester", "staff", "test")
    moved = post(staff, f"/staff/submissions/{reference}/status", seen="received", to="returned", comment=COMMENT)
    assert moved.status_code == 302, text_of(moved)[:300]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_japanese_text_on_a_foreign_page_is_marked_lang_ja(app, runner, lang):
    client = app.test_client()
    pages, key = _journey(app, client, lang)
    reference, secret = key.split()
    _returned_with_comment(app, runner, reference)
    applicant = app.test_client()
    assert look_up(applicant, reference, secret, lang=lang).status_code == 302
    status = _page(applicant.get(f"/status/view?lang={lang}"))
    assert COMMENT in status
    pages["status with a comment"] = status
    token = CSRF.search(status).group(1)
    opened = applicant.post("/status/correct", data={"csrf_token": token})
    assert opened.status_code == 302, opened.status_code
    pages["correction with the comment"] = _page(applicant.get(f"{opened.location}?lang={lang}"))
    assert COMMENT in pages["correction with the comment"]

    for name, html in pages.items():
        assert read(html).japanese, f"{name}: the check saw no Japanese at all"
        assert unmarked_japanese(html) == [], f"{lang} {name}"
    # The example a translation keeps, a prefecture (an <option> holds no <span>), an item's heading.
    assert '<span lang="ja">山田 太郎</span>' in pages["second page"]
    assert '<option lang="ja">北海道</option>' in pages["second page"]
    assert '<span lang="ja">同居人 1人目</span>' in pages["check"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_error_message_naming_a_japanese_only_label_marks_the_label(app, lang):
    citizen = Citizen(app.test_client(), SLUG, lang)
    citizen.start()
    html = _page(citizen.post_page("about", {"full_name": ""}))
    assert '<span lang="ja">氏名</span>' in html
    assert read(html).in_messages and unmarked_japanese(html, messages=True) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_receipt_marks_its_japanese_labels_and_the_japanese_it_falls_back_to(app, lang):
    client = app.test_client()
    _pages, key = _journey(app, client, lang)
    reference, secret = key.split()
    with app.test_request_context():
        submission = db.session.query(Submission).filter_by(reference=reference).one()
        html = receipt_html(submission, secret)
    assert f'<html lang="{lang}">' in html
    assert '<span lang="ja">受付番号</span>' in html and "氏名" in html and "家庭用" in html and "テスト課" in html
    assert unmarked_japanese(html) == []


@pytest.mark.parametrize("lang", ["ja", "ja-easy"])
def test_japanese_pages_get_no_language_marks(app, runner, lang):
    client = app.test_client()
    pages, _key = _journey(app, client, lang)
    for name, html in pages.items():
        assert read(html).marks == [], f"{lang} {name}"


def test_the_contact_line_is_shown_in_the_page_language_when_the_city_gave_it(app):
    app.config["MUNICIPALITY_NAME"] = {"ja": "テスト市", "en": "Test City"}
    app.config["MUNICIPALITY_CONTACT"] = {
        "ja": "テスト市役所 電話 000-000-0000",
        "en": "Test City Hall, tel. 000-000-0000",
    }
    client = app.test_client()
    english = _page(client.get("/accessibility?lang=en"))
    assert "Test City Hall, tel. " in english and "Test City" in english
    assert "テスト市" not in english
    vietnamese = _page(client.get("/accessibility?lang=vi"))
    assert (
        '<span lang="ja">テスト市役所 電話 <a class="tel" href="tel:0000000000">000-000-0000</a></span>' in vietnamese
    )
    assert unmarked_japanese(vietnamese) == []
    japanese = _page(client.get("/accessibility?lang=ja"))
    assert "テスト市役所 電話" in japanese and "Test City" not in japanese


def test_the_contact_line_per_language_is_read_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FORMBUILDER_MUNICIPALITY_CONTACT", "さくら市役所")
    monkeypatch.setenv("FORMBUILDER_MUNICIPALITY_CONTACT_EN", "Sakura City Hall")
    monkeypatch.setenv("FORMBUILDER_MUNICIPALITY_CONTACT_ZH_HANS", "樱市政府")
    monkeypatch.setenv("FORMBUILDER_MUNICIPALITY_NAME_PT_BR", "Cidade de Sakura")
    config = load_config(str(tmp_path), {"SECRET_KEY": "x"})
    assert config["MUNICIPALITY_CONTACT"] == {"ja": "さくら市役所", "en": "Sakura City Hall", "zh-Hans": "樱市政府"}
    assert config["MUNICIPALITY_NAME"] == {"ja": "さくら市", "pt-BR": "Cidade de Sakura"}
    monkeypatch.delenv("FORMBUILDER_MUNICIPALITY_CONTACT_EN")
    monkeypatch.delenv("FORMBUILDER_MUNICIPALITY_CONTACT_ZH_HANS")
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["MUNICIPALITY_CONTACT"] == "さくら市役所"
