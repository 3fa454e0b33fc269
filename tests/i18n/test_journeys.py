"""The water form from start to confirmation in every language: no Japanese UI string is left.

Only the catalogue's strings are checked: the definition's own strings (translated later, with
Japanese as their fallback) and the answers typed are taken out of the page first.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from formbuilder import ruby
from formbuilder.i18n import LANGUAGE_NAMES, html_lang
from tests.conftest import shipped_raw
from tests.i18n.catalogues import PLACEHOLDER, TRANSLATED, translations
from tests.i18n.test_languages import current_of, html_lang_of, switcher_links
from tests.support import Citizen, address_inputs, water_answers

WATER = "water-supply-start"
TAG = re.compile(r"<[^>]+>")
ATTRIBUTE_TEXT = re.compile(r'(?:placeholder|aria-label|title|alt|value)="([^"]*)"')


def definition_strings(slug: str) -> list[str]:
    """Every string of the definition, longest first (so parts of them go after the whole)."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(shipped_raw(slug))
    # As shown: readings {漢字|かんじ} are plain 漢字（かんじ） once shown_texts unwraps the <ruby>.
    found += [ruby.plain(s) for s in found]
    return sorted({s for s in found if s.strip()}, key=len, reverse=True)


def shown_texts(html: str, known: list[str]) -> list[str]:
    """The text nodes and readable attributes of a page, with the definition's strings removed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = str(ruby.unwrap_html(html))
    pieces = [unescape(t) for t in TAG.split(html)] + [unescape(a) for a in ATTRIBUTE_TEXT.findall(html)]
    texts = []
    for piece in pieces:
        piece = piece.strip()
        for string in known:
            piece = piece.replace(string, " ")
        piece = re.sub(r"\s+", " ", piece).strip()
        if piece:
            texts.append(piece)
    return texts


def untranslated(texts: list[str], lang: str) -> list[str]:
    """Return the Japanese message ids (or their literal parts) that are still on the page."""
    left = []
    for msgid, msgstr in translations(lang).items():
        if msgstr == msgid:
            continue
        fragments = [f.strip("＊。、（）：「」 ") for f in PLACEHOLDER.split(msgid)[::2]]
        fragments = [f for f in fragments if len(f) >= 4]
        if "%(" not in msgid and len(msgid) < 6:
            if any(text == msgid for text in texts):
                left.append(msgid)
        elif fragments and any(f in text for f in fragments for text in texts):
            left.append(msgid)
    return left


def visit_everything(client, lang: str):
    """Yield (what, response) for every citizen page, the water form filled in along the way."""
    citizen = Citizen(client, WATER, lang)
    yield "list", client.get(f"/?lang={lang}")
    yield "accessibility", client.get("/accessibility")
    yield "receipt lookup", citizen.get("/receipt")
    yield (
        "receipt lookup error",
        client.post("/receipt", data={"csrf_token": citizen.csrf, "reference": "AAAA-AAAA", "secret": "x"}),
    )
    yield "not found", client.get("/no-such-page")
    yield "start", citizen.get(citizen.url(""))
    first = citizen.start()
    yield "first page", first
    yield "errors", citizen.post_page("place", address_inputs("address", postal="12", line1=""))
    for page_id, data in water_answers().items():
        yield page_id, citizen.get(citizen.url(f"/pages/{page_id}"))
        response = citizen.post_page(page_id, data)
        assert response.status_code == 302, (lang, page_id)
    yield "check", citizen.check()
    sent = citizen.submit()
    assert sent.status_code == 302 and sent.location.endswith("/complete")
    yield "complete", citizen.get(sent.location)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_water_journey_shows_no_untranslated_ui_string(client, lang):
    known = definition_strings(WATER) + [v for page in water_answers().values() for v in page.values() if v]
    known += ["テスト市役所 市民課 電話 000-000-0000", "テスト市"]
    for what, response in visit_everything(client, lang):
        assert response.status_code in (200, 404, 422), (lang, what, response.status_code)
        assert html_lang_of(response) == html_lang(lang), (lang, what)
        assert current_of(response) == LANGUAGE_NAMES[lang], (lang, what)
        left = untranslated(shown_texts(response.get_data(as_text=True), known), lang)
        assert not left, f"{lang} {what}: untranslated {left}"


def test_the_check_finds_an_untranslated_string():
    assert untranslated(["Step 1/5", "次へ進む"], "en") == ["次へ進む"]
    assert "＊%(label)sを入力してください。" in untranslated(["＊郵便番号を入力してください。"], "en")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_switcher_is_on_every_citizen_page(client, lang):
    for what, response in visit_everything(client, lang):
        links = switcher_links(response)
        assert len(links) == len(LANGUAGE_NAMES), (lang, what)
        assert all(attrs.get("lang") for attrs, _ in links), (lang, what)
        path = response.request.path
        if 'id="page-form"' in response.get_data(as_text=True):  # a form page: buttons that post what was typed
            assert all(attrs["form"] == "page-form" and attrs["name"] == "action" for attrs, _ in links), what
            assert [attrs["value"] for attrs, _ in links] == [f"language:{c}" for c in LANGUAGE_NAMES], what
            continue
        assert all(attrs.get("hreflang") for attrs, _ in links), (lang, what)
        assert all(attrs["href"].startswith(path + "?") for attrs, _ in links), (lang, what, path)
