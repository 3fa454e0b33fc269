"""Units after a number, in each reader's language and plural form: 2人, "1 child", "2 children".

A definition's `unit` is a text (one string per language) or, for a language whose words change
with the count, a map of CLDR plural categories: {"en": {"one": "child", "other": "children"}}.
The category of a count comes from Babel's plural rules of the language the unit is shown in.

One rule places the unit: a space between number and unit when the language writes spaces
between words (en, vi, fil, pt-BR, ne, id) and the unit begins with a letter; none otherwise
(ja, やさしい日本語, zh-Hans, zh-Hant, ko: 2人, 3명; and symbols anywhere: 50%, 20㎡).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from babel import Locale

from ..i18n import EASY_JAPANESE, LANGUAGE_CODES, Localized, Text, current_language, fallbacks
from ..ruby import plain

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Languages written without spaces between words (Korean writes a counter next to the number).
UNSPACED = frozenset({"ja", EASY_JAPANESE, "zh-Hans", "zh-Hant", "ko"})
# Schema of a unit (schema.py puts it in $defs; the loader builds it as a Unit).
UNIT: dict[str, Any] = {"$ref": "#/$defs/unit"}
_WORD = {"type": "string", "minLength": 1}
_FORMS = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"enum": list(CATEGORIES)},
    "additionalProperties": _WORD,
    "description": 'Plural forms by CLDR category: {"one": "child", "other": "children"}.',
}
UNIT_SCHEMA: dict[str, Any] = {
    "description": "Plain Japanese, or an object of language code → text or plural forms "
    '({"one": "child", "other": "children"}).',
    "anyOf": [
        _WORD,
        {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"enum": list(LANGUAGE_CODES)},
            "additionalProperties": {"anyOf": [_WORD, _FORMS]},
        },
    ],
}


@dataclass(frozen=True)
class Unit(Text):
    """A unit with plural forms; as a Text it reads as each language's `other` form."""

    forms: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))


def build_unit(raw: Any) -> Text:
    """Return the Text of a definition's `unit`: a Unit when a language gives plural forms."""
    if isinstance(raw, str) or all(isinstance(v, str) for v in raw.values()):
        return Text.of(raw)
    values = {lang: v if isinstance(v, str) else v.get("other", "") for lang, v in raw.items()}
    forms = {lang: MappingProxyType(dict(v)) for lang, v in raw.items() if not isinstance(v, str)}
    return Unit(MappingProxyType(values), MappingProxyType(forms))


@lru_cache(maxsize=32)
def categories(lang: str) -> tuple[str, ...]:
    """Return the plural categories `lang` uses, `other` last (ja: only other; en: one, other)."""
    return (*sorted(_locale(lang).plural_form.tags), "other")


def category(lang: str, count: Decimal | int) -> str:
    """Return the plural category of `count` in `lang` (en: 1 → one, 2 → other)."""
    return str(_locale(lang).plural_form(Decimal(str(count))))


@lru_cache(maxsize=32)
def _locale(lang: str) -> Locale:
    return Locale.parse("ja" if lang == EASY_JAPANESE else lang.replace("-", "_"))


def unit_text(unit: Text | None, count: Decimal | int | None, lang: str | None = None) -> tuple[str, str]:
    """Return (the unit's words for `count`, the language they are in); the `other` form without one."""
    if unit is None:
        return "", ""
    chain = fallbacks(lang or current_language())
    code = next((c for c in chain if unit.values.get(c)), next(iter(unit.values), ""))
    text = unit.values.get(code, "")
    forms = unit.forms.get(code) if isinstance(unit, Unit) else None
    if forms and count is not None:
        text = forms.get(category(code, count)) or forms.get("other", text)
    return plain(text), code


def with_unit(number: str, count: Decimal | int | None, unit: Text | None, lang: str | None = None) -> str:
    """Return `number` (already formatted) with its unit in the right form and place."""
    text, code = unit_text(unit, count, lang)
    if not text:
        return number
    spaced = code not in UNSPACED and unicodedata.category(text[0]).startswith("L")
    return Localized(f"{number} {text}" if spaced else f"{number}{text}", code)  # the unit's language


def unit_problems(unit: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Yield mistakes of plural forms: no `other`, or a category the language does not use."""
    for lang, forms in unit.forms.items() if isinstance(unit, Unit) else ():
        where = f"{pointer}/{lang}"
        used = categories(lang)
        if "other" not in forms:
            yield where, f"the {lang!r} plural forms need 'other' (the form for any count not named)"
        for name in forms:
            if name not in used:
                listed = ", ".join(repr(c) for c in used)
                hint = "; write the unit as plain text" if used == ("other",) else ""
                yield where + f"/{name}", f"{lang!r} has no plural form {name!r}; its forms are {listed}{hint}"


def unit_advice(unit: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Yield the plural forms a language uses that a unit's forms leave to `other`."""
    for lang, forms in unit.forms.items() if isinstance(unit, Unit) else ():
        missing = [name for name in categories(lang) if name not in forms]
        if missing:
            yield (
                f"{pointer}/{lang}",
                f"the {lang!r} unit has no {', '.join(repr(m) for m in missing)} form: such counts show "
                f"the 'other' form ({forms.get('other', '')!r})",
            )
