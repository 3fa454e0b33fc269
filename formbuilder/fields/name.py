"""A person's name: 姓・名 with フリガナ (セイ・メイ), or one box for a name in the Latin alphabet.

Stored as a dict: {"family": "山田", "given": "太郎", "family_kana": "ヤマダ", "given_kana": "タロウ"},
or with `latin: true` {"full": "Nguyen Van An", "kana": "グエン ヴァン アン"}; フリガナ keys only
when given. Kanji are stored exactly as typed (no Unicode normalisation: NFC would turn 塚 U+FA10
into 塚 U+585A), any character is allowed (𠮷, variation sequences) and lengths count code points.
フリガナ typed in hiragana or half-width kana is stored as full-width katakana.

The citizen may tick 「ローマ字（アルファベット）で入力する」 (`latin_choice`, on by default): 姓・名 then
take Latin letters as on a residence card, 名 and フリガナ may be left empty (a person with one
name types it as 姓) and the value says so: {"family": "NGUYEN", "given": "VAN AN", "script": "latin"}.
The same four boxes serve both ways, so ticking or unticking loses nothing typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask_babel import gettext

from ..assist.kana import fold_spaces, has_control, is_katakana, is_latin_name, to_katakana, to_latin
from ..assist.width import HYPHENS
from ..definitions.model import Field
from ..i18n import Text, localize
from .base import LintError
from .composite import PartsField, PartsType
from .messages import N_, message, subject

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
# The box the citizen ticks to type 姓・名 in the Latin alphabet: `<field>-script` = "latin".
SCRIPT, LATIN = "script", "latin"
_HYPHENS = str.maketrans(dict.fromkeys(HYPHENS, "-"))


def latin_text(text: str) -> str:
    """Return a name typed in the Latin alphabet: full-width letters as ASCII, any hyphen as '-'.

    Letter case is kept as typed (McDONALD, Nguyễn): upper-casing would lose what the
    citizen wrote, and a core system that wants capitals can make them on import.
    """
    return to_latin(text).translate(_HYPHENS)


class NameField(PartsField):
    """The four boxes and the citizen's choice of the Latin alphabet (`<field>-script`)."""

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters)
        self.script = formdata.get(f"{self.name}-{SCRIPT}", "") if formdata is not None else ""
        if self.data is not None and self.script == LATIN:
            self.data[SCRIPT] = LATIN


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
        "latin_choice": {
            "type": "boolean",
            "default": True,
            "description": "Let the citizen tick 「ローマ字（アルファベット）で入力する」: 姓・名 in Latin letters, "
            "名 and フリガナ optional (default: yes).",
        },
        "single_name": {
            "enum": ["latin", "always"],
            "default": "latin",
            "description": "When 名 may be left empty (a person with one name): latin (default) when typed in "
            "ローマ字, always also in the 漢字 boxes.",
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

    def latin_choice(self, field: Field) -> bool:
        """Whether the citizen may choose to type 姓・名 in the Latin alphabet."""
        return not self.latin(field) and bool(field.option("latin_choice", True))

    def asks_kana(self, field: Field) -> bool:
        return bool(field.option("kana", True))

    def kana_required(self, field: Field, latin: bool = False) -> bool:
        """Whether フリガナ must be given; `latin` when the citizen chose the Latin alphabet."""
        return self.asks_kana(field) and bool(field.option("kana_required", not (self.latin(field) or latin)))

    def given_required(self, field: Field, latin: bool = False) -> bool:
        """Whether 名 must be given; `latin` when the citizen chose the Latin alphabet."""
        return not latin and field.option("single_name", "latin") != "always"

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
        names = [f"{field.name}-{part}" for part in self.parts(field)]
        return [*names, f"{field.name}-{SCRIPT}"] if self.latin_choice(field) else names

    def wtforms_field(self, field: Field) -> Any:
        return NameField(field.name, validators=self.validators(field), parts=self.parts(field))

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        if field.option("kana") is False and field.option("kana_required") is True:
            yield (
                pointer + "/kana_required",
                "kana_required: true asks for a reading that kana: false does not ask; remove one of them",
            )
        if self.latin(field):
            for option in ("latin_choice", "single_name"):
                if field.option(option) is not None:
                    yield (
                        f"{pointer}/{option}",
                        f"latin: true asks the whole name in one box in the Latin alphabet, so {option} has "
                        "nothing to act on; remove one of them",
                    )
        elif field.option("latin_choice") is False and field.option("single_name") == "latin":
            yield (
                pointer + "/single_name",
                'single_name: "latin" lets 名 be empty in the ローマ字 mode, which latin_choice: false turns off; '
                'write single_name: "always" or remove latin_choice: false',
            )

    def advice(self, field: Field, pointer: str) -> Iterator[LintError]:
        if field.option("latin_choice") is False and field.option("single_name") is None:
            yield (
                pointer + "/latin_choice",
                "latin_choice: false leaves no way to give a name without 名: a person with one name (as on many "
                'residence cards) cannot send this form; add single_name: "always"',
            )

    # --- checking -------------------------------------------------------------
    def read(self, field: Field, typed: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return the stored name and the message of each part that is wrong."""
        value: dict[str, str] = {}
        errors: dict[str, str] = {}
        limit = field.option("max_length", MAX_LENGTH)
        latin = self.latin_choice(field) and typed.get(SCRIPT) == LATIN
        for part in self.parts(field):
            kana = "kana" in part
            in_latin = part == "full" or (latin and not kana)
            text = to_katakana(typed[part]) if kana else typed[part]
            text = latin_text(text) if in_latin else fold_spaces(text)
            label = self._label(field, part)
            if not text:
                if kana and self.kana_required(field, latin) and (part != "given_kana" or typed["given"].strip()):
                    errors[part] = message(field, "required_part", part=self.part_label(part))
                elif part == "full":
                    errors[part] = message(field, "required")
                elif part == "family" or (part == "given" and self.given_required(field, latin)):
                    errors[part] = message(field, "required_part", part=self.part_label(part))
            elif len(text) > limit:
                errors[part] = message(field, "too_long", label=label, max=limit)
            elif has_control(text):
                errors[part] = message(field, "pattern", label=label)
            elif kana and not is_katakana(text):
                errors[part] = message(field, "katakana", label=label)
            elif in_latin and not is_latin_name(text):
                errors[part] = message(field, "latin", label=label)
            else:
                value[part] = text
        if latin:
            value[SCRIPT] = LATIN
        return value, errors

    def _label(self, field: Field, part: str) -> str:
        if part == "full":
            return subject(field)
        return gettext("%(label)sの%(part)s", label=subject(field), part=self.part_label(part))

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        return {f"{field.name}-{part}": value[part] for part in self.parts(field) if part in value}

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        found = super().draft_inputs(field, value)
        if isinstance(value, dict) and value.get(SCRIPT) == LATIN and self.latin_choice(field):
            found[f"{field.name}-{SCRIPT}"] = [LATIN]
        return found

    # --- showing -----------------------------------------------------------
    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        """Return 山田 太郎（ヤマダ タロウ）: the name as typed, the reading as stored.

        A name typed in the Latin alphabet shows the same way (NGUYEN VAN AN, or AN alone).
        """
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
        """Return one cell per box; a name typed in ローマ字 fills the same 姓・名 columns.

        The columns do not depend on the way of typing: a core system's import keeps its layout
        (a new column would move every later one), and the letters tell the way apart.
        """
        return [(value or {}).get(part, "") for part in self.parts(field)]
