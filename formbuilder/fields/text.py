"""Free text: one line, several lines, e-mail and telephone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from ..assist.width import ascii_numeric
from ..definitions.model import Field
from .base import FieldType, LintError, TextLike, _strip
from .messages import message


class TextType(TextLike):
    name = "text"

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        yield from super().lint(field, pointer)
        if field.option("pattern"):
            import re

            try:
                re.compile(field.option("pattern"))
            except re.error as exc:
                yield pointer + "/pattern", f"pattern is not a valid regular expression: {exc}"


class TextareaType(TextLike):
    name = "textarea"
    template = "fields/textarea.html"
    options_schema = {
        "max_length": {"type": "integer", "minimum": 1},
        "min_length": {"type": "integer", "minimum": 0},
        "rows": {"type": "integer", "minimum": 2, "maximum": 20},
    }

    def wtforms_field(self, field: Field) -> Any:
        return TextAreaField(field.name, validators=self.validators(field), filters=[_crlf, _strip])


def _crlf(value: Any) -> Any:
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


class EmailType(FieldType):
    name = "email"
    html_type = "email"
    inputmode = "email"
    autocomplete = "email"
    options_schema = {"autocomplete": {"type": "string"}}

    def extra_validators(self, field: Field) -> list[Any]:
        text = message(field, "email")

        def check(form: Any, wt: Any) -> None:
            candidate = ascii_numeric(wt.data).replace("＠", "@")
            try:
                result = validate_email(candidate, check_deliverability=False)
            except EmailNotValidError:
                raise ValidationError(text) from None
            wt.data = result.normalized

        return [check]


class TelType(FieldType):
    """A Japanese phone number, stored and shown in national format (090-1234-5678)."""

    name = "tel"
    html_type = "tel"
    inputmode = "tel"
    autocomplete = "tel-national"
    options_schema = {"autocomplete": {"type": "string"}}

    def extra_validators(self, field: Field) -> list[Any]:
        text = message(field, "tel")

        def check(form: Any, wt: Any) -> None:
            formatted = format_phone(wt.data)
            if formatted is None:
                raise ValidationError(text)
            wt.data = formatted

        return [check]


def format_phone(raw: str) -> str | None:
    """Return a Japanese number in national format, or None if no such number can exist."""
    typed = ascii_numeric(raw).replace(" ", "").replace("(", "-").replace(")", "-")
    if not typed or any(c not in "0123456789-+" for c in typed):
        return None
    try:
        number = phonenumbers.parse(typed, "JP")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 81 or not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
