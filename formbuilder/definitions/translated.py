"""Put a form's catalogues into its definition, and say which translations are missing or stale.

The loader reads the Japanese definition, then this module puts each catalogue's translations
into the text objects (`{"ja": …, "en": …}`), so everything after the loader (pages, receipts,
CSV, the stored version a submission keeps) works on one in-memory shape, whatever the layout
on disk. A translation is used only while its msgid is the Japanese at its pointer and it is not
marked fuzzy; otherwise the reader sees the Japanese (marked lang="ja" by the page) and
`forms check` names the entry.

Pointers move when an author inserts a question; the same Japanese then has a translation under
another context, which is used as gettext would (its msgid is the key), until `translations
update` puts it at its new pointer.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError

from ..i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES
from . import form_catalogues
from .form_catalogues import CATEGORY_MARK, Slot, is_unit
from .model import FormDefinition
from .pointers import resolve


@dataclass(frozen=True)
class TranslationProblem:
    """A text a declared language lacks, or a catalogue entry that no longer fits."""

    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.pointer}: {self.message}" if self.pointer else f"{self.file}: {self.message}"


@dataclass
class Translated:
    raw: dict[str, Any]
    problems: list[TranslationProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Lookup:
    """One catalogue, indexed the two ways a text is found: by pointer, and by Japanese."""

    by_context: dict[str, tuple[str, str, bool]]  # context → (msgid, msgstr, fuzzy)
    by_source: dict[str, str]  # msgid → a non-fuzzy translation of it

    @classmethod
    def of(cls, catalog: Catalog) -> Lookup:
        by_context: dict[str, tuple[str, str, bool]] = {}
        by_source: dict[str, str] = {}
        for message in catalog:
            if not message.id or not isinstance(message.id, str) or not isinstance(message.string, str):
                continue
            by_context[message.context or ""] = (message.id, message.string, message.fuzzy)
            if message.string and not message.fuzzy:
                by_source.setdefault(message.id, message.string)
        return cls(by_context, by_source)

    def find(self, slot: Slot) -> tuple[str, str]:
        """Return (translation or "", why it is not used: "" | "missing" | "stale" | "fuzzy")."""
        found = self.by_context.get(slot.context)
        if found and found[0] == slot.source and found[1] and not found[2]:
            return found[1], ""
        moved = self.by_source.get(slot.source) if CATEGORY_MARK not in slot.context else None
        if moved:
            return moved, ""
        if found is None or not found[1]:
            return "", "missing"
        return "", "fuzzy" if found[0] == slot.source else "stale"


def catalogue_languages(folder: Path) -> list[str]:
    """The languages the folder has a catalogue of, in the product's order."""
    return [
        lang for lang in LANGUAGE_CODES if lang != DEFAULT_LANGUAGE and form_catalogues.po_path(folder, lang).is_file()
    ]


def is_inline(definition: FormDefinition) -> bool:
    """Whether the definition carries translations itself (the layout before catalogues)."""
    from .lint import texts

    return any(set(text.values) - {DEFAULT_LANGUAGE} for _, text in texts(definition))


def translate(raw: dict[str, Any], definition: FormDefinition, folder: Path, name: str) -> Translated:
    """Return `raw` with the translations of the catalogues in `folder`, and their problems.

    `definition` is `raw` built as it is (Japanese); `name` is how problems name the file.
    """
    merged = copy.deepcopy(raw)
    problems: list[TranslationProblem] = []
    languages = [lang for lang in definition.languages if lang != DEFAULT_LANGUAGE]
    for lang in dict.fromkeys([*languages, *catalogue_languages(folder)]):
        path = form_catalogues.po_path(folder, lang)
        shown = _shown(path, name)
        try:
            lookup = Lookup.of(form_catalogues.read(path))
        except (PoFileError, ValueError, UnicodeDecodeError) as exc:
            problems.append(TranslationProblem(shown, "", f"cannot read the catalogue: {exc}"))
            lookup = Lookup({}, {})
        declared = lang in languages
        units = set()  # pointers of the units translated: their plural forms may follow
        for slot in form_catalogues.slots(definition, lang, plurals=False):
            translation, why = lookup.find(slot)
            if translation:
                _put(merged, slot, lang, translation)
                units.add(slot.context)
            elif declared:
                problems.append(TranslationProblem(shown, slot.context, _explain(why, lang, slot, lookup)))
        _put_plurals(merged, definition, lang, lookup, units)
    return Translated(merged, problems)


def _put_plurals(merged: dict[str, Any], definition: FormDefinition, lang: str, lookup: Lookup, done: set[str]) -> None:
    """Add the plural forms a catalogue gives for units whose `other` form it translates: read
    from the entries themselves, so loading never asks for the language's plural rules."""
    from .lint import texts

    units = {pointer: text.source(DEFAULT_LANGUAGE) for pointer, text in texts(definition) if is_unit(pointer, text)}
    for context, (source, translation, fuzzy) in lookup.by_context.items():
        pointer, mark, _ = context.partition(CATEGORY_MARK)
        if mark and pointer in done and units.get(pointer) == source and translation and not fuzzy:
            _put(merged, Slot(context, source), lang, translation)


def _shown(path: Path, name: str) -> str:
    """The catalogue's path as problems show it: relative to the definition's folder's parent."""
    base = Path(name).parent.parent
    try:
        return str(path.relative_to(base)) if str(base) not in ("", ".") else str(path)
    except ValueError:
        return str(path)


def _explain(why: str, lang: str, slot: Slot, lookup: Lookup) -> str:
    if why == "stale":
        old = lookup.by_context[slot.context][0]
        return (
            f"stale {lang!r} text: translated from 「{_short(old)}」, the Japanese is now 「{_short(slot.source)}」 "
            f"(the page shows the Japanese until it is translated again)"
        )
    if why == "fuzzy":
        return f"the {lang!r} text is marked fuzzy (to review after a change of the Japanese)"
    return f"missing the {lang!r} text"


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _put(raw: dict[str, Any], slot: Slot, lang: str, translation: str) -> None:
    """Set the `lang` text (or plural form) of the text at the slot's pointer in `raw`."""
    pointer, _, category = slot.context.partition(CATEGORY_MARK)
    where = resolve(raw, pointer)
    if where is None:
        return
    container, key = where
    node = container[key]
    values: dict[str, Any] = {DEFAULT_LANGUAGE: node} if isinstance(node, str) else dict(node)
    current = values.get(lang)
    if category:
        forms = dict(current) if isinstance(current, dict) else ({"other": current} if current else {})
        forms[category] = translation
        values[lang] = forms
    elif isinstance(current, dict):
        values[lang] = {**current, "other": translation}
    else:
        values[lang] = translation
    order = {code: index for index, code in enumerate(LANGUAGE_CODES)}
    container[key] = dict(sorted(values.items(), key=lambda item: order.get(item[0], len(order))))
