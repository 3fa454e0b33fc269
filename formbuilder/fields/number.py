"""Numbers typed on any keyboard: full-width digits and thousands separators accepted."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from wtforms.validators import ValidationError

from ..assist.width import ascii_numeric
from ..definitions.model import Field
from .base import FieldType, LintError
from .messages import message
from .units import UNIT, unit_advice, unit_problems, with_unit

# Plain decimal notation only: exponents (1e9999999) would make int() run for minutes.
PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
MAX_DIGITS = 30


def parse_number(raw: str) -> Decimal | None:
    """Return the number typed in `raw`, or None when it is not one."""
    text = ascii_numeric(raw).replace(",", "").replace(" ", "").strip()
    if len(text) > MAX_DIGITS or not PLAIN.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class NumberType(FieldType):
    name = "number"
    value_kind = "number"
    aliases = ("integer", "int", "decimal", "numeric", "float", "amount")
    inputmode = "numeric"
    options_schema = {
        "min": {"type": "number"},
        "max": {"type": "number"},
        "integer": {"type": "boolean", "default": True},
        "unit": UNIT,
    }

    def attributes(self, field: Field) -> dict[str, str]:
        attrs = super().attributes(field)
        if not field.option("integer", True):
            attrs["inputmode"] = "decimal"
        return attrs

    def extra_validators(self, field: Field) -> list[Any]:
        integer = field.option("integer", True)
        low, high = field.option("min"), field.option("max")

        def check(form: Any, wt: Any) -> None:
            number = parse_number(wt.data)
            if number is None:
                raise ValidationError(message(field, "number"))
            if integer and number != number.to_integral_value():
                raise ValidationError(message(field, "integer"))
            if low is not None and number < Decimal(str(low)):
                raise ValidationError(message(field, "min", min=low))
            if high is not None and number > Decimal(str(high)):
                raise ValidationError(message(field, "max", max=high))
            wt.data = int(number) if integer else format(number.normalize(), "f")

        return [check]

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if value is None:
            return ""
        number = Decimal(str(value))
        return with_unit(f"{number:,}", number, field.option("unit"), lang)

    def advice(self, field: Field, pointer: str) -> Iterator[LintError]:
        yield from unit_advice(field.option("unit"), pointer + "/unit")

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        yield from unit_problems(field.option("unit"), pointer + "/unit")
        low, high = field.option("min"), field.option("max")
        if low is not None and high is not None and low > high:
            yield pointer + "/min", f"min ({low}) is greater than max ({high})"
        elif (
            low is not None
            and high is not None
            and field.option("integer", True)
            and math.ceil(Decimal(str(low))) > math.floor(Decimal(str(high)))
        ):
            yield (
                pointer + "/min",
                f"no whole number lies between min ({low}) and max ({high}); set integer: false or change the limits",
            )
