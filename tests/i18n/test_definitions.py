"""The shipped definitions in every language: complete, and no Japanese left on any page.

The UI catalogues are checked by test_journeys.py (water form only); here each shipped form is
filled in, checked and sent in each language other than Japanese, and every page is searched
for the definition's Japanese strings, the catalogue's untranslated ids and, for the languages
not written in kanji, any Japanese character at all. Allowed: what the test typed, the
municipality's name and contact (set by the city), and Japanese a translation itself keeps on
purpose (an address example such as さくら市中央1-2-3, ヤマダ　タロウ as the katakana example).
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from formbuilder import create_app, ruby
from formbuilder.assist.postal import PREFECTURES
from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.lint import lint, missing_translations, texts
from formbuilder.definitions.loader import load_file
from formbuilder.i18n import EASY_JAPANESE, LANGUAGE_CODES, LANGUAGE_NAMES
from tests.browser.answers import page_answers
from tests.conftest import SHIPPED_FORMS, base_config, shipped_raw
from tests.flows.journeys import pdf_text
from tests.i18n.catalogues import PLACEHOLDER, TRANSLATED, translations
from tests.i18n.test_journeys import untranslated
from tests.support import Citizen, errors_of

SLUGS = sorted(p.stem for p in definition_paths(SHIPPED_FORMS))
TAG = re.compile(r"<[^>]+>")
ATTRIBUTE_TEXT = re.compile(r'(?:placeholder|aria-label|title|alt|value)="([^"]*)"')
# Kana (with the middle dot ・) and kanji.
KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f]+")
JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f\u3400-\u4dbf\u4e00-\u9fff]+")
CHINESE = ("zh-Hans", "zh-Hant")
# The contact line is split by its phone number, a tel: link.
CITY = ["テスト市役所 市民課 電話 000-000-0000", "テスト市役所 市民課 電話", "テスト市"]
# The language switcher names each language in itself, and is labelled for every reader.
SWITCHER = [*sorted(LANGUAGE_NAMES.values(), key=len, reverse=True), "Language / 言語"]


def definition(slug: str):
    result = load_file(SHIPPED_FORMS / f"{slug}.json")
    assert result.problems == [], result.problems
    return result.definition


@pytest.mark.parametrize("slug", SLUGS)
def test_every_shipped_definition_is_complete_in_all_eleven_languages(slug):
    form = definition(slug)
    assert form.languages == LANGUAGE_CODES
    assert list(lint(form)) == []
    assert missing_translations(form) == {}
    for pointer, text in texts(form):
        assert list(text.values) == list(LANGUAGE_CODES), f"{slug} {pointer}: languages out of order"


@pytest.mark.parametrize("slug", SLUGS)
def test_translations_keep_placeholders_and_readings_only_in_easy_japanese(slug):
    for pointer, text in texts(definition(slug)):
        wanted = sorted(re.findall(r"%\(\w+\)s", text.values["ja"]))
        for lang, value in text.values.items():
            assert sorted(re.findall(r"%\(\w+\)s", value)) == wanted, (slug, pointer, lang)
            assert value.strip() and "  " not in value.strip(), (slug, pointer, lang)
            if lang != EASY_JAPANESE:
                assert not ruby.has_readings(value), (slug, pointer, lang)
        easy = text.values[EASY_JAPANESE]
        assert "{" not in ruby.READING.sub("", easy), f"{slug} {pointer}: broken reading markup in {easy!r}"


def test_easy_japanese_has_readings_over_hard_kanji():
    form = definition("child-allowance")
    easy = {pointer: text.values[EASY_JAPANESE] for pointer, text in texts(form)}
    assert "{児童手当|じどうてあて}" in easy["/title"]
    # A counter after a number carries no reading: 1人 is ひとり, 2人 ふたり, 3人 さんにん.
    easy = {pointer: v for pointer, v in easy.items() if not pointer.endswith("/unit")}
    assert all(ruby.has_readings(v) or not re.search(r"[\u4e00-\u9fff]", v) for v in easy.values())


@pytest.mark.parametrize("slug", SLUGS)
def test_easy_japanese_gives_no_reading_to_a_counter_whose_reading_depends_on_the_number(slug):
    """1人 is ひとり, 2人 ふたり, 3人 さんにん: {人|にん} after %(n)s, 1 or 2, or as a unit, reads wrong."""
    wrong = re.compile(r"(%\(\w+\)s|(?<![0-9])[12])\{人|^\{人\|")
    easy = {pointer: text.values[EASY_JAPANESE] for pointer, text in texts(definition(slug))}
    assert [f"{pointer}: {v}" for pointer, v in easy.items() if wrong.search(v)] == []


def pieces_of(html: str) -> list[str]:
    """The text nodes and readable attributes of a page; readings shown as 漢字（かんじ）."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = str(ruby.unwrap_html(html))
    found = [unescape(t) for t in TAG.split(html)] + [unescape(a) for a in ATTRIBUTE_TEXT.findall(html)]
    return [re.sub(r"\s+", " ", p).strip() for p in found if p.strip()]


def journey(app, client, slug: str, lang: str):
    """Yield (what, response) for every page of `slug` in `lang`, filled in and sent."""
    form = app.extensions["formbuilder.catalogue"].get(slug)
    answers = page_answers(form)
    citizen = Citizen(client, slug, lang)
    yield "start", citizen.get(citizen.url(""))
    page = citizen.start()
    yield "first page", page
    location = page.request.path
    for _ in range(len(form.pages) + 1):
        if location.endswith("/check"):
            break
        page_id = location.rsplit("/", 1)[1]
        yield page_id, citizen.get(citizen.url(f"/pages/{page_id}"))
        response = citizen.post_page(page_id, answers[page_id])
        assert response.status_code == 302, (slug, lang, page_id, errors_of(response))
        location = response.location.split("?", 1)[0]
    yield "check", citizen.check()
    sent = citizen.submit()
    assert sent.status_code == 302 and sent.location.endswith("/complete"), (slug, lang)
    yield "complete", citizen.get(sent.location)
    yield "receipt", client.get(f"/forms/{slug}/complete/receipt.pdf")


def ui_left(shown: list[str], lang: str) -> list[str]:
    """test_journeys.untranslated; in やさしい日本語 a fragment the translation shares is no leak."""
    left = untranslated(shown, lang)
    if lang != EASY_JAPANESE:
        return left
    catalogue = translations(lang)

    def shared(msgid: str) -> bool:
        fragments = [f.strip("＊。、（）：「」 ") for f in PLACEHOLDER.split(msgid)[::2]]
        seen = [f for f in fragments if len(f) >= 4 and any(f in text for text in shown)]
        return all(f in catalogue[msgid] for f in seen)

    return [msgid for msgid in left if not shared(msgid)]


def check_receipt(form, lang: str, text: str) -> None:
    """The receipt is in the applicant's language, with the Japanese labels beside (staff read them)."""
    flat = re.sub(r"\s+", "", text)
    first = form.pages[0].fields[0].label
    if lang != EASY_JAPANESE:  # やさしい日本語 is Japanese already: no second label
        assert re.sub(r"\s+", "", first.get("ja")) in flat, (form.slug, lang)
    if lang == "ne":  # pypdf cannot give shaped Devanagari back in order: only look for the script
        assert re.search(r"[\u0900-\u097f]", text), form.slug
        return
    assert re.sub(r"\s+", "", first.get(lang)) in flat, (form.slug, lang, first.get(lang))
    assert re.sub(r"\s+", "", form.title.get(lang)) in flat, (form.slug, lang)


def typed_values(app, slug: str) -> list[str]:
    """What the walk types, and the bank and branch names its codes stand for (the national
    list's Japanese names, shown beside the codes in every language)."""
    from formbuilder.assist import banks

    form = app.extensions["formbuilder.catalogue"].get(slug)
    answers = {k: v for page in page_answers(form).values() for k, v in page.items() if isinstance(v, str) and v}
    values = set(answers.values())
    for key, code in answers.items():
        if key.endswith("-bank") and (bank := banks.bank(code)):
            values.add(bank.name)
            branch = banks.branch(bank.code, answers.get(key.removesuffix("-bank") + "-branch", ""))
            values.update([branch.name] if branch else [])
    return sorted(values, key=len, reverse=True)


def leftovers(app, client, slug: str, lang: str) -> list[str]:
    """Walk `slug` in `lang` through `client`; return every Japanese string found left on a page."""
    form = app.extensions["formbuilder.catalogue"].get(slug)
    japanese = {ruby.plain(t.values["ja"]) for _, t in texts(form) if t.values.get(lang, "") != t.values["ja"]}
    # Japanese a translation keeps on purpose: examples of what to type (ヤマダ タロウ,
    # 千代田区), in the definition's texts and in the UI catalogue; and the prefectures to choose.
    kept = set(PREFECTURES)
    for _, text in texts(form):
        kept.update(JAPANESE.findall(ruby.plain(text.values.get(lang, ""))))
    for msgstr in translations(lang).values():
        kept.update(JAPANESE.findall(msgstr))
    allowed = [*CITY, *SWITCHER, *typed_values(app, slug), *sorted(kept, key=len, reverse=True)]
    found = []
    for what, response in journey(app, client, slug, lang):
        assert response.status_code == 200, (slug, lang, what)
        if what == "receipt":
            check_receipt(form, lang, pdf_text(response.data))
            continue
        shown = pieces_of(response.get_data(as_text=True))
        found += [f"{what}: Japanese definition string {p!r}" for p in sorted({p for p in shown if p in japanese})]
        found += [f"{what}: untranslated UI {m!r}" for m in ui_left(shown, lang)]
        if lang == EASY_JAPANESE:
            continue
        script = KANA if lang in CHINESE else JAPANESE
        stray = set()
        for piece in shown:
            for string in allowed:
                piece = piece.replace(string, " ")
            stray.update(script.findall(piece))
        found += [f"{what}: Japanese characters {s!r}" for s in sorted(stray)]
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("slug", SLUGS)
def test_each_form_in_each_language_shows_no_japanese_left(app, client, slug, lang):
    assert leftovers(app, client, slug, lang) == [], (slug, lang)


def test_the_walk_finds_a_text_left_in_japanese(tmp_path, database_url):
    folder = tmp_path / "forms"
    folder.mkdir()
    raw = shipped_raw("water-supply-start")
    del raw["pages"][1]["fields"][0]["label"]["vi"]  # 氏名
    raw["languages"].remove("vi")
    (folder / "water-supply-start.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    app = create_app(base_config(tmp_path, folder, database_url))
    found = leftovers(app, app.test_client(), "water-supply-start", "vi")
    assert "user: Japanese definition string '氏名'" in found
    assert "user: Japanese characters '氏名'" in found


def test_the_language_names_cover_the_definitions():
    assert set(LANGUAGE_NAMES) == set(LANGUAGE_CODES)
