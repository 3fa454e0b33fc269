"""Every UI string is translated into every language, placeholders intact, catalogues compiled."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from formbuilder.i18n import LANGUAGE_NAMES, catalogue_name, load_catalogue
from tests.i18n.catalogues import (
    NOT_SHOWN,
    PLACEHOLDER,
    TRANSLATED,
    TRANSLATIONS,
    catalogue,
    fresh_template,
    japanese_beside,
    translations,
)

# Latin-script languages, whose catalogue could silently keep English.
LATIN = ("vi", "fil", "pt-BR", "id")
# Names and forms that are the same in English and in these languages.
SAME_AS_ENGLISH = {"Reiwa", "Heisei", "Shōwa", "Taishō", "Meiji", "%(label)s: %(part)s", "Email", "Online", "Preview"}
SAME_AS_ENGLISH |= {"%(era)s 1", "%(era)s %(year)s"}  # era years (Reiwa 6): no words to translate
# Filipino says these with the English loanwords (translations/glossary.csv).
SAME_AS_ENGLISH |= {"Reference number (受付番号)", "Access key (照会キー)"}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return fresh_template(str(tmp_path_factory.mktemp("pot")))


def test_every_language_but_japanese_has_a_catalogue_and_no_other_does():
    folders = {p.name for p in TRANSLATIONS.iterdir() if p.is_dir() and p.name != "forms"}  # forms: a form's own
    assert folders == {catalogue_name(code) for code in TRANSLATED}


def test_checked_in_template_is_the_fresh_extraction(template):
    """translations/messages.pot is what `make translations-extract` writes today."""
    with (TRANSLATIONS / "messages.pot").open("rb") as fp:
        checked_in = {m.id for m in read_po(fp) if m.id}
    fresh = {m.id for m in template if m.id}
    assert fresh - checked_in == set(), "new strings: run `make translations-update` and translate them"
    assert checked_in - fresh == set(), "strings gone: run `make translations-update`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(template, lang):
    found = {m.id: m for m in catalogue(lang) if m.id}
    missing = [m.id for m in template if m.id and not (m.id in found and found[m.id].string)]
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:3]} (make translations-update)"
    fuzzy = [m.id for m in found.values() if m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries {fuzzy[:3]}"
    obsolete = list(catalogue(lang).obsolete)
    assert not obsolete, f"{lang}: obsolete entries {obsolete[:3]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_are_kept_exactly(lang):
    for msgid, msgstr in translations(lang).items():
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), (lang, msgid, msgstr)
        # A lone % breaks "%"-formatting in Jinja's _() and in gettext(..., **params).
        assert "%" not in PLACEHOLDER.sub("", msgstr), (lang, msgstr)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_hold_no_markup(lang):
    """Jinja marks translations safe: no tags or entities may come in through a catalogue."""
    for msgid, msgstr in translations(lang).items():
        assert not re.search(r"[<>&]", msgstr), (lang, msgid, msgstr)
        assert msgstr == msgstr.strip() and "\n" not in msgstr, (lang, msgstr)


@pytest.mark.parametrize("lang", [code for code in TRANSLATED if code != "ja-easy"])
def test_no_japanese_message_is_left_as_it_was(lang):
    """Only examples of what to type (住所, カタカナ, 昭和60, the names of banks as the national
    list writes them) may stay Japanese, and the terms the glossary shows beside their translation,
    as in "Reference number (受付番号)"."""
    for msgid, msgstr in translations(lang).items():
        for term in japanese_beside():
            msgstr = msgstr.replace(term, "")
        kana = re.findall(r"[\u3040-\u30ff]+", msgstr)
        allowed = {"さくらハイツ", "ヤマダ", "タロウ", "スミス", "ジョン", "みずほ", "ゆうちょ", "さわやか", "しぶや"}
        assert set(kana) <= allowed, (lang, msgid, msgstr)


@pytest.mark.parametrize("lang", LATIN)
def test_no_english_is_left_in_other_latin_script_catalogues(lang):
    english = translations("en")
    same = [
        msgid
        for msgid, msgstr in translations(lang).items()
        if msgstr == english[msgid] and msgstr != msgid and msgstr not in SAME_AS_ENGLISH
    ]
    assert not same, f"{lang}: still English: {[english[m] for m in same][:5]}"


@pytest.mark.parametrize("lang", [code for code in TRANSLATED if code not in (*LATIN, "en")])
def test_no_english_words_in_non_latin_catalogues(lang):
    words = {"the", "and", "please", "enter", "file", "your", "must", "choose"}
    for msgstr in translations(lang).values():
        found = words & set(re.findall(r"[a-z]+", msgstr.lower()))
        assert not found, (lang, msgstr)


def test_ids_no_one_sees_keep_their_id():
    for lang in TRANSLATED:
        for m in catalogue(lang):
            if m.id in NOT_SHOWN:
                assert m.string == m.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_the_app_reads_holds_every_translation(lang):
    """The app compiles the .po in memory at start (formbuilder/ui_catalogues.py): what it serves
    is what the catalogue says, entry for entry, with or without `make translations-compile`."""
    compiled = load_catalogue(lang)
    differ = [msgid for msgid, msgstr in translations(lang).items() if compiled.gettext(msgid) != msgstr]
    assert not differ, f"{lang}: {len(differ)} differ, e.g. {differ[:2]}"


def test_switcher_names_every_language_in_itself():
    assert list(LANGUAGE_NAMES.values()) == [
        "日本語",
        "やさしい日本語",
        "English",
        "简体中文",
        "繁體中文",
        "한국어",
        "Tiếng Việt",
        "Filipino",
        "Português",
        "नेपाली",
        "Bahasa Indonesia",
    ]
