"""Which language a citizen reads: ?lang=, the cookie, Accept-Language; <html lang>; the switcher."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask_babel import format_date, gettext

from formbuilder.i18n import LANGUAGE_NAMES, babel_locale, html_lang, negotiate, use_language
from tests.support import Citizen, water_answers

HTML_LANG = re.compile(r'<html lang="([^"]+)">')
SWITCHER = re.compile(r'<nav class="languages" aria-label="[^"]+">(.*?)</nav>', re.S)
LINK = re.compile(r"<(?:a|button) ([^>]*)>([^<]*)</(?:a|button)>")  # buttons of the page's form on a form page
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')
BCP47 = {
    "ja": "ja",
    "ja-easy": "ja",
    "en": "en",
    "zh-Hans": "zh-Hans",
    "zh-Hant": "zh-Hant",
    "ko": "ko",
    "vi": "vi",
    "fil": "fil",
    "pt-BR": "pt-BR",
    "ne": "ne",
    "id": "id",
}


def html_lang_of(response) -> str:
    return HTML_LANG.search(response.get_data(as_text=True)).group(1)


def switcher_links(response) -> list[tuple[dict[str, str], str]]:
    nav = SWITCHER.search(response.get_data(as_text=True))
    assert nav, "no language switcher"
    return [
        ({k: unescape(v or "") for k, v in ATTRIBUTE.findall(attrs)}, unescape(name))
        for attrs, name in LINK.findall(nav.group(1))
    ]


def current_of(response) -> str:
    chosen = [name for attrs, name in switcher_links(response) if "aria-current" in attrs]
    assert len(chosen) == 1, chosen
    return chosen[0]


@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
def test_html_lang_is_the_bcp47_tag_of_the_language(client, lang):
    response = client.get(f"/?lang={lang}")
    assert html_lang_of(response) == BCP47[lang] == html_lang(lang)
    assert current_of(response) == LANGUAGE_NAMES[lang]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", "ja"),
        ("ja-JP,ja;q=0.9", "ja"),
        ("en-US,en;q=0.9,ja;q=0.8", "en"),
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-Hans-CN", "zh-Hans"),
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("ko-KR", "ko"),
        ("vi-VN,vi;q=0.9", "vi"),
        ("tl", "fil"),
        ("fil-PH", "fil"),
        ("pt", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("pt-BR", "pt-BR"),
        ("ne-NP", "ne"),
        ("id-ID", "id"),
        ("de-DE,fr;q=0.8", "ja"),
        ("de-DE,ko;q=0.5", "ko"),
        ("en;q=0.1,vi;q=0.9", "vi"),
        ("*", "ja"),
    ],
)
def test_first_visit_negotiates_from_accept_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert current_of(response) == LANGUAGE_NAMES[expected]
    assert html_lang_of(response) == BCP47[expected]


def test_negotiation_never_picks_easy_japanese_by_itself():
    assert negotiate([("ja-easy", 1.0)]) == "ja"


def test_lang_parameter_switches_and_is_remembered_in_the_cookie(client):
    assert current_of(client.get("/?lang=ko")) == "한국어"
    cookie = client.get_cookie("fb_lang")
    assert cookie.value == "ko" and cookie.http_only and cookie.same_site == "Lax"
    assert current_of(client.get("/accessibility", headers={"Accept-Language": "en"})) == "한국어"
    assert current_of(client.get("/?lang=ja-easy")) == "やさしい日本語"
    assert current_of(client.get("/")) == "やさしい日本語"


def test_unknown_lang_parameter_is_ignored(client):
    response = client.get("/?lang=xx", headers={"Accept-Language": "vi"})
    assert current_of(response) == "Tiếng Việt"
    assert client.get_cookie("fb_lang") is None


def test_switcher_is_an_accessible_disclosure_without_javascript(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    nav = SWITCHER.search(html).group(0)
    assert re.search(r'<nav class="languages" aria-label="[^"]+">', nav)
    assert "<details>" in nav and "<summary>" in nav
    links = switcher_links(client.get("/?lang=en"))
    assert [name for _, name in links] == list(LANGUAGE_NAMES.values())
    for (attrs, _), code in zip(links, LANGUAGE_NAMES, strict=True):
        assert attrs["lang"] == attrs["hreflang"] == BCP47[code]
        assert attrs["href"] == f"/?lang={code}"


def test_switcher_styles_give_44px_targets_and_wrap():
    from tests.i18n.catalogues import ROOT

    css = (ROOT / "static/css/app.css").read_text(encoding="utf-8")
    section = css[css.index("/* language switcher */") :]
    assert re.search(r"\.languages summary \{[^}]*min-height: 44px", section)
    assert re.search(r"\.languages a[^{]*\{[^}]*min-height: 44px", css)
    assert "flex-wrap: wrap" in section


def test_switching_keeps_the_path_and_other_parameters(client):
    links = switcher_links(client.get("/forms/water-supply-start?lang=en&from=list"))
    assert links[0][0]["href"] == "/forms/water-supply-start?from=list&lang=ja"


def test_switching_language_mid_form_keeps_the_answers(client):
    citizen = Citizen(client, "water-supply-start")
    citizen.start()
    answers = water_answers()["place"]
    assert citizen.post_page("place", answers).status_code == 302
    page = citizen.get("/forms/water-supply-start/pages/user")
    buttons = {name: attrs for attrs, name in switcher_links(page)}
    assert buttons["English"]["form"] == "page-form" and buttons["English"]["value"] == "language:en"
    assert buttons["English"]["name"] == "action" and buttons["English"]["lang"] == "en"
    in_english = citizen.get("/forms/water-supply-start/pages/place?lang=en")
    html = in_english.get_data(as_text=True)
    assert html_lang_of(in_english) == "en"
    assert f'value="{answers["address-line1"]}"' in html and f'value="{answers["address-line2"]}"' in html


def test_easy_japanese_reads_its_own_catalogue_but_formats_as_japanese(app):
    with app.test_request_context("/"):
        with use_language("ja-easy"):
            assert gettext("送信する") == "送る"
            assert format_date(date(2026, 4, 1), "medium") == format_date_ja(app)
        with use_language("en"):
            assert gettext("送信する") == "Send"
        assert gettext("送信する") == "送信する"
    assert babel_locale("ja-easy") == "ja@easy" and babel_locale("zh-Hant") == "zh_Hant"


def format_date_ja(app) -> str:
    with use_language("ja"):
        return format_date(date(2026, 4, 1), "medium")
