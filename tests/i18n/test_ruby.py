"""Readings for やさしい日本語: {漢字|かんじ} as <ruby> in HTML, as 漢字（かんじ） everywhere else."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import Markup

from formbuilder.i18n import Text, use_language
from formbuilder.ruby import plain, rich, unwrap_html
from tests.conftest import shipped_raw

# The payloads of tests/browser/test_xss.py, in the text, the base and the reading.
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}")
RUBY = "<ruby>漢字<rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>"


def test_readings_become_ruby_in_html():
    assert rich("{漢字|かんじ}を書きます") == Markup(RUBY + "を書きます")
    assert rich("{申請|しんせい}と{受付|うけつけ}") == Markup(
        "<ruby>申請<rp>（</rp><rt>しんせい</rt><rp>）</rp></ruby>と"
        "<ruby>受付<rp>（</rp><rt>うけつけ</rt><rp>）</rp></ruby>"
    )


def test_readings_become_brackets_in_plain_text():
    assert plain("{漢字|かんじ}を書きます") == "漢字（かんじ）を書きます"
    assert plain("no readings {here} | there") == "no readings {here} | there"
    assert plain("{a|b|c}") == "{a|b|c}"


def test_text_without_readings_is_left_for_autoescaping():
    for text in ("普通の文", "<b>bold</b>", "{{7*7}}", "{only braces}"):
        assert rich(text) == text and not isinstance(rich(text), Markup)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_everything_around_and_inside_a_reading_is_escaped(payload):
    html = str(rich(f"{payload}{{{payload}|{payload}}}{payload}"))
    assert "<script" not in html and "<img" not in html and '"' not in html.replace("&#34;", "")
    assert re.sub(r"</?(ruby|rt|rp)>|<rp>（</rp>|<rp>）</rp>", "", html).count("<") == 0
    if not set("{}|") & set(payload):
        assert html.count("<ruby>") == 1


def test_a_payload_cannot_close_the_ruby_early():
    html = str(rich("{</rt></ruby><script>x</script>|<rt>y}"))
    assert html == (
        "<ruby>&lt;/rt&gt;&lt;/ruby&gt;&lt;script&gt;x&lt;/script&gt;<rp>（</rp><rt>&lt;rt&gt;y</rt><rp>）</rp></ruby>"
    )


def test_unwrapping_rendered_ruby_gives_plain_text_back():
    assert unwrap_html(rich("{漢字|かんじ} &")) == Markup("漢字（かんじ） &amp;")
    assert unwrap_html(Markup("&lt;ruby&gt;")) == Markup("&lt;ruby&gt;")


def test_text_get_is_plain_and_source_keeps_the_markup(app):
    text = Text.of({"ja": "漢字", "ja-easy": "{漢字|かんじ}"})
    with app.test_request_context("/"):
        with use_language("ja-easy"):
            assert text.get() == "漢字（かんじ）"
            assert text.source() == "{漢字|かんじ}"
        with use_language("en"):
            assert text.get() == "漢字"


def test_t_filter_renders_ruby_safely_and_plain_in_receipts(app):
    text = Text.of({"ja": "x", "ja-easy": "{水道|すいどう}<script>alert(1)</script>"})
    with app.test_request_context("/?lang=ja-easy"):
        page = app.jinja_env.from_string("<p>{{ value|t }}</p>").render(value=text)
        assert page == (
            "<p><ruby>水道<rp>（</rp><rt>すいどう</rt><rp>）</rp></ruby>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        )
        receipt = app.jinja_env.from_string("<p>{{ value|t }}</p>")
        receipt.name = "receipts/receipt.html"
        assert receipt.render(value=text) == "<p>水道（すいどう）&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.fixture
def forms_dir(tmp_path):
    """The water form with an やさしい日本語 title carrying readings and a payload."""
    raw = shipped_raw("water-supply-start")
    title = raw["title"] if isinstance(raw["title"], dict) else {"ja": raw["title"]}
    raw["title"] = {**title, "ja-easy": "{水道|すいどう}を使う<script>alert(1)</script>"}
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "water-supply-start.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return folder


def test_page_shows_ruby_in_headings_and_plain_text_in_the_title(client):
    html = client.get("/forms/water-supply-start?lang=ja-easy").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("水道（すいどう）を使う&lt;script&gt;alert(1)&lt;/script&gt;"), title
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert h1 == "<ruby>水道<rp>（</rp><rt>すいどう</rt><rp>）</rp></ruby>を使う&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script>alert" not in html
