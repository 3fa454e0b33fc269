"""One term, one translation: translations/glossary.csv names each language's word for the
terms residents meet at the counter and on paper, and every UI catalogue and every shipped
form's catalogue uses it wherever the Japanese term is in the message id.

Matching, per row of the glossary:
- a message is checked when its Japanese contains the term (or matches `msgid_match`, a
  regular expression, when the row has one: 完了 is checked only as the status, not in 完了画面);
- its translation must contain one of the language's variants (cells hold `term|variant|…`,
  the first is the term, the others grammatical forms of it), case-insensitively;
- やさしい日本語 is compared without readings and spaces: `{控|ひか}え`, `控え（ひかえ）` and
  `控え` all read 控え;
- with `japanese_beside` = yes the translation also carries the Japanese term itself, as
  in "reference number (受付番号)", in every language but やさしい日本語 (which is Japanese).
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from formbuilder.i18n import EASY_JAPANESE, catalogue_name
from tests.i18n.catalogues import NOT_SHOWN, TRANSLATED, TRANSLATIONS, po_path

GLOSSARY = TRANSLATIONS / "glossary.csv"
FORM_CATALOGUES = TRANSLATIONS / "forms"
SHOWN_BESIDE = {"受付番号", "照会キー", "控え", "公金受取口座", "住民票", "児童手当"}
REQUIRED = {"受付番号", "照会キー", "控え", "要再申請", "処理中", "完了", "却下", "取り下げ"} | {
    "公金受取口座",
    "マイナンバー",
    "住民票",
    "世帯主",
    "扶養",
    "口座名義",
}
READING = re.compile(r"\{([^{}|]+)\|[^{}|]+\}|（[ぁ-ゖー・\s]+）")


@dataclass(frozen=True)
class Term:
    ja: str
    msgid_match: re.Pattern[str]
    beside: bool
    words: dict[str, tuple[str, ...]]  # catalogue folder name (pt_BR) → term and its variants


@dataclass(frozen=True)
class Message:
    where: str
    msgid: str
    msgstr: str


def read_glossary(path: Path = GLOSSARY) -> list[Term]:
    with path.open(encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp))
    languages = [catalogue_name(lang) for lang in TRANSLATED]
    return [
        Term(
            ja=row["ja"],
            msgid_match=re.compile(row["msgid_match"] or re.escape(row["ja"])),
            beside=row["japanese_beside"] == "yes",
            words={lang: tuple(w.strip() for w in row[lang].split("|") if w.strip()) for lang in languages},
        )
        for row in rows
    ]


def normalised(lang: str, text: str) -> str:
    if lang == catalogue_name(EASY_JAPANESE):
        text = READING.sub(lambda m: m.group(1) or "", text)
        text = re.sub(r"\s+", "", text)
    return text.casefold()


def problems(glossary: list[Term], lang: str, messages: Iterable[Message]) -> list[str]:
    """Say where a translation misses its language's glossary term or the Japanese beside it."""
    found = []
    for message in messages:
        if not message.msgstr:
            continue
        text = normalised(lang, message.msgstr)
        for term in glossary:
            if not term.msgid_match.search(message.msgid):
                continue
            words = term.words[lang]
            if not any(normalised(lang, word) in text for word in words):
                found.append(f"{message.where}: {message.msgid!r} → {message.msgstr!r} lacks {words[0]!r} ({term.ja})")
            if term.beside and lang != catalogue_name(EASY_JAPANESE) and term.ja not in message.msgstr:
                found.append(f"{message.where}: {message.msgstr!r} lacks the Japanese {term.ja!r} beside {words[0]!r}")
    return found


def messages_of(path: Path) -> Iterator[Message]:
    with path.open("rb") as fp:
        catalogue = read_po(fp)
    for m in catalogue:
        if not m.id or m.id in NOT_SHOWN or m.fuzzy:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        where = f"{path.relative_to(path.parents[2])}" + (f" {m.context}" if m.context else "")
        for msgstr in strings:
            yield Message(where, " ".join(ids), msgstr)


def form_catalogues(lang: str) -> list[Path]:
    return sorted(FORM_CATALOGUES.glob(f"*/{lang}.po"))


def test_the_glossary_names_every_required_term_in_every_language():
    glossary = read_glossary()
    assert {term.ja for term in glossary} >= REQUIRED
    assert {term.ja for term in glossary if term.beside} == SHOWN_BESIDE
    for term in glossary:
        assert all(term.words.values()), f"{term.ja}: a language has no term"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_ui_catalogue_uses_the_glossary_terms(lang):
    assert problems(read_glossary(), catalogue_name(lang), messages_of(po_path(lang))) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_form_catalogue_uses_the_glossary_terms(lang):
    catalogues = form_catalogues(lang)
    assert catalogues, f"no shipped form has a {lang} catalogue"
    found = [p for path in catalogues for p in problems(read_glossary(), catalogue_name(lang), messages_of(path))]
    assert found == []


def _plant(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    copy = tmp_path / source.relative_to(TRANSLATIONS)
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, copy)
    text = copy.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def _planted_problems(tmp_path: Path, lang: str, source: Path, old: str, new: str) -> list[str]:
    """The problems a copy of `source` with `old` replaced by `new` has that `source` has not."""
    before = problems(read_glossary(), lang, messages_of(source))
    after = problems(read_glossary(), lang, messages_of(_plant(tmp_path, source, old, new)))
    return [p for p in after if p.split(": ", 1)[1] not in {b.split(": ", 1)[1] for b in before}]


def test_a_planted_other_word_for_a_term_is_caught(tmp_path):
    found = _planted_problems(tmp_path, "vi", po_path("vi"), "Số tiếp nhận", "Số biên nhận")
    (wrong,) = [p for p in found if "lacks 'số tiếp nhận' (受付番号)" in p]
    assert "→ 'Số biên nhận" in wrong


def test_a_planted_missing_japanese_beside_the_term_is_caught(tmp_path):
    source = FORM_CATALOGUES / "child-allowance" / "en.po"
    (found,) = _planted_problems(tmp_path, "en", source, "account (公金受取口座)", "account")
    assert "lacks the Japanese '公金受取口座'" in found and "/before_you_start/1" in found


@pytest.mark.parametrize("path", [po_path("ko"), *form_catalogues("ko")], ids=lambda p: p.parent.name)
def test_korean_asks_in_one_register(path):
    """해 주세요 throughout: no formal 하십시오 request among them."""
    assert [m.msgstr for m in messages_of(path) if "십시오" in m.msgstr] == []


def test_easy_japanese_is_compared_without_readings():
    glossary = read_glossary()
    easy = catalogue_name(EASY_JAPANESE)
    fine = [Message("x", "控えを保存", "{控|ひか}え"), Message("y", "控え", "控え（ひかえ）を ほぞん")]
    assert problems(glossary, easy, fine) == []
    assert problems(glossary, easy, [Message("z", "控え", "レシート")]) != []
