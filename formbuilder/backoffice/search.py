"""The text a submission is found by: its reference number and the names in it, folded.

Folding (NFKC, hiragana → katakana, spaces removed) lets staff type ﾔﾏﾀﾞ, やまだ or ヤマダ 太郎
and find 山田 太郎 / ヤマダ タロウ. The column is written once, at submit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from ..assist.kana import to_katakana
from ..definitions.model import FormDefinition


def fold(text: str) -> str:
    return to_katakana(unicodedata.normalize("NFKC", text)).replace(" ", "").replace("\u3000", "").lower()


NAME_TOKENS = frozenset({"name", "family-name", "given-name", "additional-name"})


def asks_for_a_name(item: Any) -> bool:
    """A `name` field, or a text field for a person's name (autocomplete) or its reading (…_kana)."""
    if item.type == "name":
        return True
    return item.type == "text" and (item.option("autocomplete") in NAME_TOKENS or item.name.endswith("_kana"))


def search_text(definition: FormDefinition, reference: str, values: Mapping[str, Any]) -> str:
    pieces = [reference]
    for item in definition.fields():
        value = values.get(item.name)
        if value and asks_for_a_name(item):
            # A name's parts; its "script" (the way it was typed) is no part of it.
            parts = [v for k, v in value.items() if v and k != "script"] if isinstance(value, dict) else [value]
            pieces.append("".join(str(p) for p in parts))
    return " ".join(fold(p) for p in pieces)


def applicant_name(definition: FormDefinition, values: Mapping[str, Any]) -> str:
    """The first name answered in the form, as the check page shows it (for the staff list)."""
    from ..fields import REGISTRY

    for item in definition.fields():
        value = values.get(item.name)
        if value and asks_for_a_name(item):
            return REGISTRY[item.type].display(item, value, "ja")
    return ""
