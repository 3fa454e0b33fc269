"""A person's name: 姓・名 with フリガナ (セイ・メイ), or one box for a name in the Latin alphabet.

Stored as a dict: {"family": "山田", "given": "太郎", "family_kana": "ヤマダ", "given_kana": "タロウ"},
or with `latin: true` {"full": "Nguyen Van An", "kana": "グエン ヴァン アン"}; フリガナ keys only
when given. Kanji are stored exactly as typed (no Unicode normalisation: NFC would turn 塚 U+FA10
into 塚 U+585A), any character is allowed (𠮷, variation sequences) and lengths count code points.
フリガナ typed in hiragana or half-width kana is stored as full-width katakana.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask_babel import gettext

from ..assist.kana import fold_spaces, has_control, is_katakana, is_latin_name, to_katakana, to_latin
from ..definitions.model import Field
from ..i18n import Text, localize
from .base import LintError
from .composite import PartsType
from .messages import N_, message

KANJI_PARTS = ("family", "given", "family_kana", "given_kana")
LATIN_PARTS = ("full", "kana")
PART_LABELS = {
    "family": N_("姓"),
    "given": N_("名"),
    "family_kana": N_("フリガナ（セイ）"),
    "given_kana": N_("フリガナ（メイ）"),
    "kana": N_("フリガナ"),
    "full": N_("氏名（ローマ字）"),
}
PART_HEADERS = {
    "family": Text.of({"ja": "姓", "en": "family name"}),
    "given": Text.of({"ja": "名", "en": "given name"}),
    "family_kana": Text.of({"ja": "セイ", "en": "family name in katakana"}),
    "given_kana": Text.of({"ja": "メイ", "en": "given name in katakana"}),
    "kana": Text.of({"ja": "フリガナ", "en": "name in katakana"}),
}
AUTOCOMPLETE = {"family": "family-name", "given": "given-name", "full": "name"}
MAX_LENGTH = 50


class NameType(PartsType):
    name = "name"
    template = "fields/name.html"
    aliases = ("full_name", "person_name", "shimei", "person")
    options_schema = {
        "latin": {
            "type": "boolean",
            "default": False,
            "description": "One box for a name written in the Latin alphabet (as in a passport).",
        },
        "kana": {"type": "boolean", "default": True, "description": "Ask the reading (フリガナ) in katakana."},
        "kana_required": {
            "type": "boolean",
            "description": "Whether フリガナ must be given when the name is (default: yes, no with latin).",
        },
        "max_length": {"type": "integer", "minimum": 1, "maximum": 200, "default": MAX_LENGTH},
        "autocomplete": {
            "enum": ["on", "off"],
            "default": "on",
            "description": "off for somebody else's name (a child, a spouse), so the browser does not offer the citizen's own.",
        },
    }

    # --- asking -------------------------------------------------------------
    def latin(self, field: Field) -> bool:
        return bool(field.option("latin", False))

    def asks_kana(self, field: Field) -> bool:
        return bool(field.option("kana", True))

    def kana_required(self, field: Field) -> bool:
        return self.asks_kana(field) and bool(field.option("kana_required", not self.latin(field)))

    def parts(self, field: Field) -> tuple[str, ...]:
        parts = LATIN_PARTS if self.latin(field) else KANJI_PARTS
        return parts if self.asks_kana(field) else tuple(p for p in parts if "kana" not in p)

    def part_label(self, part: str) -> str:
        return gettext(PART_LABELS[part])

    def autocomplete_of(self, field: Field, part: str) -> str | None:
        if field.option("autocomplete") == "off":
            return "off"
        return AUTOCOMPLETE.get(part)  # no standard token exists for readings: leave it to the browser

    def input_names(self, field: Field) -> list[str]:
        return [f"{field.name}-{part}" for part in self.parts(field)]

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        if field.option("kana") is False and field.option("kana_required") is True:
            yield (
                pointer + "/kana_required",
                "kana_required: true asks for a reading that kana: false does not ask; remove one of them",
            )

    # --- checking -------------------------------------------------------------
    def read(self, field: Field, typed: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return the stored name and the message of each part that is wrong."""
        value: dict[str, str] = {}
        errors: dict[str, str] = {}
        limit = field.option("max_length", MAX_LENGTH)
        for part in self.parts(field):
            kana = "kana" in part
            text = to_katakana(typed[part]) if kana else typed[part]
            text = to_latin(text) if part == "full" else fold_spaces(text)
            label = self._label(field, part)
            if not text:
                if not kana or self.kana_required(field):
                    errors[part] = (
                        message(field, "required")
                        if part == "full"
                        else message(field, "required_part", part=self.part_label(part))
                    )
            elif len(text) > limit:
                errors[part] = message(field, "too_long", label=label, max=limit)
            elif has_control(text):
                errors[part] = message(field, "pattern", label=label)
            elif kana and not is_katakana(text):
                errors[part] = message(field, "katakana", label=label)
            elif part == "full" and not is_latin_name(text):
                errors[part] = message(field, "latin", label=label)
            else:
                value[part] = text
        return value, errors

    def _label(self, field: Field, part: str) -> str:
        if part == "full":
            return field.label.get()
        return gettext("%(label)sの%(part)s", label=field.label.get(), part=self.part_label(part))

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        return {f"{field.name}-{part}": value[part] for part in self.parts(field) if part in value}

    # --- showing -----------------------------------------------------------
    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        """Return 山田 太郎（ヤマダ タロウ）: the name as typed, the reading as stored."""
        if not value:
            return ""
        if "full" in value:
            name, reading = value["full"], value.get("kana", "")
        else:
            name = " ".join(v for v in (value.get("family"), value.get("given")) if v)
            reading = " ".join(v for v in (value.get("family_kana"), value.get("given_kana")) if v)
        return f"{name}（{reading}）" if reading else name

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        label = localize(field.label, lang)
        pattern = "{}（{}）" if lang.startswith("ja") else "{} ({})"
        return [
            label if part == "full" else pattern.format(label, PART_HEADERS[part].get(lang))
            for part in self.parts(field)
        ]

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        return [(value or {}).get(part, "") for part in self.parts(field)]
