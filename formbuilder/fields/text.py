"""Free text: one line, several lines, e-mail and telephone."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from wtforms import StringField, TextAreaField
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from ..assist.width import ascii_numeric
from ..definitions.model import Field
from .base import MAX_TEXT_LENGTH, FieldType, TextLike, _strip
from .messages import message


class TextType(TextLike):
    name = "text"
    aliases = ("string", "input", "short_text", "line")


class TextareaType(TextLike):
    name = "textarea"
    template = "fields/textarea.html"
    aliases = ("long_text", "multiline", "text_area", "memo", "paragraph")
    default_max_length = 2000  # about five pages of 400-character 原稿用紙
    options_schema = {
        "max_length": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_TEXT_LENGTH,
            "default": 2000,
            "description": f"At most this many characters, a line break counting one (default 2,000, at most {MAX_TEXT_LENGTH:,}).",
        },
        "min_length": {"type": "integer", "minimum": 0},
        "rows": {"type": "integer", "minimum": 2, "maximum": 20},
    }

    def wtforms_field(self, field: Field) -> Any:
        return TextAreaField(field.name, validators=self.validators(field), filters=[_crlf, _strip])


def _crlf(value: Any) -> Any:
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


class ConfirmedField(StringField):
    """A string input that also reads its second copy, typed in name-confirm."""

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters)
        self.confirm = formdata.get(f"{self.name}-confirm", "").strip() if formdata is not None else ""
        self.mismatch = False
        self.bad: set[str] = set()  # {"confirm"} when the second copy is what is wrong


class EmailType(FieldType):
    """An e-mail address; with `confirm: true` typed twice, and both must match."""

    name = "email"
    template = "fields/email.html"
    aliases = ("mail", "e_mail", "email_address")
    html_type = "email"
    inputmode = "email"
    autocomplete = "email"
    options_schema = {
        "autocomplete": {"type": "string"},
        "confirm": {"type": "boolean", "default": False, "description": "Ask for the address a second time."},
    }

    def input_names(self, field: Field) -> list[str]:
        return [field.name, f"{field.name}-confirm"] if field.option("confirm") else [field.name]

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        return f"{field.name}-confirm" if "confirm" in bad else field.name

    def wtforms_field(self, field: Field) -> Any:
        return ConfirmedField(field.name, validators=self.validators(field), filters=[_strip])

    def extra_validators(self, field: Field) -> list[Any]:
        text = message(field, "email")

        def check(form: Any, wt: Any) -> None:
            address = normalise_email(wt.data)
            if address is None:
                raise ValidationError(text)
            if field.option("confirm"):
                wt.mismatch, wt.bad = True, {"confirm"}
                if not wt.confirm:
                    raise ValidationError(message(field, "email_confirm"))
                again = normalise_email(wt.confirm)
                if again is None or again.casefold() != address.casefold():
                    raise ValidationError(message(field, "email_mismatch"))
                wt.mismatch, wt.bad = False, set()
            wt.data = address

        return [check]

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        if not isinstance(value, str):
            return {}
        return {name: value for name in self.input_names(field)}


# Full-width ASCII (ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ, typed with the IME on) as ASCII.
_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def normalise_email(raw: str) -> str | None:
    """Return an address in its normal form (full-width letters and ＠ accepted), or None.

    A local part in kana or kanji (たろう@…, typed with the IME still on) is refused:
    Japanese mobile and webmail providers cannot deliver to it.
    """
    try:
        typed = ascii_numeric(raw).translate(_FULL_WIDTH_ASCII)
        return validate_email(typed, check_deliverability=False, allow_smtputf8=False).normalized
    except EmailNotValidError:
        return None


class TelType(FieldType):
    """A Japanese phone number, stored and shown in national format (090-1234-5678)."""

    name = "tel"
    aliases = ("phone", "telephone", "phone_number", "mobile", "fax")
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
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    # No Japanese numbering pattern fits a number of a possible length but impossible layout
    # (090-1234-567): the library then returns the bare digits without the leading 0.
    return formatted if formatted.startswith("0") else None
