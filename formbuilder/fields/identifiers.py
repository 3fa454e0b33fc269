"""Numbers with a check digit: 個人番号 (My Number) and 法人番号 (corporate number).

Both accept spaces, every hyphen variant and full-width digits, and are stored as bare digits.
個人番号 is 特定個人情報: it is masked wherever a person reads it (check page, receipt), left out
of CSV unless the definition sets `exportable`, never put in a log message, and its input asks
browsers not to remember it.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from stdnum.jp import cn, in_
from wtforms.validators import ValidationError

from ..assist.width import ascii_numeric
from ..definitions.model import Field
from .base import FieldType
from .messages import message

_SEPARATORS = re.compile(r"[\s-]+")
_DIGITS = re.compile(r"[0-9]+")


def digits_of(raw: str) -> str:
    """Return typed digits with widths folded and spaces and hyphens removed."""
    return _SEPARATORS.sub("", ascii_numeric(raw))


class CheckedNumberType(FieldType):
    """A fixed count of digits whose last one is a check digit."""

    digits: ClassVar[int]
    inputmode = "numeric"
    autocomplete = "off"

    def attributes(self, field: Field) -> dict[str, str]:
        return {**super().attributes(field), "enterkeyhint": "next", "spellcheck": "false"}

    def is_valid(self, number: str) -> bool:
        raise NotImplementedError

    def extra_validators(self, field: Field) -> list[Any]:
        def check(form: Any, wt: Any) -> None:
            number = digits_of(wt.data)
            if len(number) != self.digits or not _DIGITS.fullmatch(number):
                raise ValidationError(message(field, "digits", count=self.digits))
            if not self.is_valid(number):
                raise ValidationError(message(field, "check_digit"))
            wt.data = number

        return [check]


class MyNumberType(CheckedNumberType):
    """個人番号: 12 digits, shown as **** **** 0257, exported only when the form says so."""

    name = "my_number"
    aliases = ("mynumber", "individual_number", "kojin_bango")
    digits = 12
    masks = True
    options_schema = {
        "exportable": {
            "type": "boolean",
            "default": False,
            "description": "Write the full number to CSV exports (default: no column).",
        }
    }

    def is_valid(self, number: str) -> bool:
        return in_.is_valid(number)

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        return mask(value) if value else ""

    def display_unmasked(self, field: Field, value: Any, lang: str | None = None) -> str:
        return f"{value[:4]} {value[4:8]} {value[8:]}" if value else ""

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        return super().csv_headers(field, lang) if field.option("exportable") else []

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        return super().csv_cells(field, value) if field.option("exportable") else []


def mask(number: str) -> str:
    """Return **** **** 0257: only the last four digits of a 個人番号 are shown."""
    return f"**** **** {number[-4:]}"


class CorporateNumberType(CheckedNumberType):
    """法人番号: 13 digits, public, shown and exported in full."""

    name = "corporate_number"
    aliases = ("corporate_id", "houjin_bangou", "hojin_bango")
    digits = 13

    def is_valid(self, number: str) -> bool:
        return cn.is_valid(number)
