"""Identifiers written in digits: 被保険者番号, 受給者番号, 世帯番号, 証番号 ….

Not a number: leading zeros count (0012345678 is not 12345678), so the value is text of
half-width digits. Typed with the numeric keypad; full-width digits, spaces and every hyphen
variant are accepted and dropped. An exact count of digits (`length`) or a range
(`min_length`/`max_length`), and optionally a check digit, the last digit, by one of the
usual Japanese schemes (モジュラス10/11 with their weights).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from wtforms.validators import ValidationError

from ..definitions.model import Field
from .base import FieldType
from .identifiers import digits_of
from .messages import message

_DIGITS = re.compile(r"[0-9]+")
MAX_DIGITS = 30


def _weighted(number: str, weights: tuple[int, ...]) -> int:
    """Sum the digits before the check digit, weighted from the right (weights repeat)."""
    body = number[:-1][::-1]
    return sum(int(d) * weights[i % len(weights)] for i, d in enumerate(body))


def luhn(number: str) -> bool:
    """モジュラス10 ウェイト2・1 (Luhn): digit products summed digit by digit."""
    total = 0
    for i, d in enumerate(number[:-1][::-1]):
        product = int(d) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(number[-1])


def mod10_31(number: str) -> bool:
    """モジュラス10 ウェイト3・1 (as JAN codes): 3 for the digit next to the check digit."""
    return (10 - _weighted(number, (3, 1)) % 10) % 10 == int(number[-1])


def mod11_27(number: str) -> bool:
    """モジュラス11 ウェイト2〜7: 11 − remainder, where 10 and 11 make 0."""
    check = 11 - _weighted(number, (2, 3, 4, 5, 6, 7)) % 11
    return (0 if check >= 10 else check) == int(number[-1])


CHECK_DIGITS: dict[str, Callable[[str], bool]] = {"luhn": luhn, "mod10_31": mod10_31, "mod11_27": mod11_27}


class DigitsType(FieldType):
    """A code of digits kept as typed digits, leading zeros and all."""

    name = "digits"
    aliases = ("numeric_id", "number_code", "digit_code", "id_number", "insured_number")
    inputmode = "numeric"
    autocomplete = "off"
    options_schema = {
        "length": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_DIGITS,
            "description": "Exactly this many digits (example: 10 for a 被保険者番号).",
        },
        "min_length": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_DIGITS,
            "description": "At least this many digits.",
        },
        "max_length": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_DIGITS,
            "description": "At most this many digits.",
        },
        "check_digit": {
            "enum": sorted(CHECK_DIGITS),
            "description": "The last digit is a check digit: luhn (モジュラス10 ウェイト2・1), mod10_31 (ウェイト3・1), mod11_27 (モジュラス11 ウェイト2〜7).",
        },
    }

    def bounds(self, field: Field) -> tuple[int, int]:
        """The fewest and most digits accepted."""
        if field.option("length"):
            return field.option("length"), field.option("length")
        return field.option("min_length", 1), field.option("max_length", MAX_DIGITS)

    def attributes(self, field: Field) -> dict[str, str]:
        return {**super().attributes(field), "enterkeyhint": "next", "spellcheck": "false"}

    def extra_validators(self, field: Field) -> list[Any]:
        fewest, most = self.bounds(field)
        scheme = CHECK_DIGITS.get(field.option("check_digit") or "")

        def check(form: Any, wt: Any) -> None:
            number = digits_of(wt.data)
            if not _DIGITS.fullmatch(number) or not fewest <= len(number) <= most:
                raise ValidationError(self._length_message(field, fewest, most))
            if scheme and (len(number) < 2 or not scheme(number)):
                raise ValidationError(message(field, "check_digit"))
            wt.data = number

        return [check]

    def _length_message(self, field: Field, fewest: int, most: int) -> str:
        if fewest == most:
            return message(field, "digits", count=most)
        if fewest <= 1:
            return message(field, "digits_max", count=most)
        return message(field, "digits_range", min=fewest, max=most)
