"""Choices: a list box, radio buttons, several check boxes, and a single consent box."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, ClassVar

from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..definitions.model import Field
from ..i18n import current_language, joined, localize
from .base import TEXT, FieldType, LintError
from .messages import message


class ChoiceType(FieldType):
    """One value out of the definition's choices."""

    has_choices = True
    value_kind = "choice"
    required_key = "required_choice"
    wtforms_class: Any = RadioField
    # Whether a choice may be `exclusive` (「該当なし」): only where several may be chosen.
    takes_exclusive: ClassVar[bool] = False

    def wtforms_field(self, field: Field) -> Any:
        choices = [SelectChoice(c.value, c.value) for c in field.choices]
        return self.wtforms_class(field.name, choices=choices, validators=self.validators(field), validate_choice=False)

    def extra_validators(self, field: Field) -> list[Any]:
        allowed = {c.value for c in field.choices}

        def check(form: Any, wt: Any) -> None:
            values = wt.data if isinstance(wt.data, list) else [wt.data]
            if any(v not in allowed for v in values):
                raise ValidationError(message(field, "choice"))

        return [check]

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if value is None:
            return ""
        label = field.choice_label(value)
        return localize(label, lang) if label else str(value)

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        seen: set[str] = set()
        for index, choice in enumerate(field.choices):
            if choice.value in seen:
                yield f"{pointer}/choices/{index}/value", f"choice value {choice.value!r} is used twice"
            seen.add(choice.value)
            if choice.exclusive and not self.takes_exclusive:
                yield (
                    f"{pointer}/choices/{index}/exclusive",
                    f"exclusive is for checkboxes; a {self.name} field takes one answer anyway",
                )
        if self.takes_exclusive and all(choice.exclusive for choice in field.choices):
            yield f"{pointer}/choices", "every choice is exclusive: only one can be chosen, so use a radio field"


class RadioType(ChoiceType):
    name = "radio"
    template = "fields/radio.html"
    aliases = ("radios", "radio_buttons", "single_choice", "options")

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        return f"{field.name}-0"


class SelectType(ChoiceType):
    name = "select"
    template = "fields/select.html"
    aliases = ("dropdown", "pulldown", "combobox")
    wtforms_class = SelectField

    def value(self, field: Field, data: Any) -> Any:
        return data or None


class CheckboxesType(ChoiceType):
    """Several values; stored as a list in definition order, exported as one column."""

    name = "checkboxes"
    holds_list = True
    template = "fields/checkboxes.html"
    aliases = ("multiselect", "multi_select", "multiple_choice", "checklist")
    wtforms_class = SelectMultipleField
    takes_exclusive = True
    options_schema = {"max_choices": {"type": "integer", "minimum": 1}}

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        return f"{field.name}-0"

    def extra_validators(self, field: Field) -> list[Any]:
        found = super().extra_validators(field)
        most = field.option("max_choices")
        if most:

            def check(form: Any, wt: Any) -> None:
                if len(set(wt.data)) > most:
                    raise ValidationError(message(field, "max_choices", max=most))

            found.append(check)
        alone = [c for c in field.choices if c.exclusive]
        if alone:

            def exclusive(form: Any, wt: Any) -> None:
                # Without JavaScript nothing unticked the others: refuse rather than guess which was meant.
                chosen = set(wt.data or [])
                for choice in alone:
                    if choice.value in chosen and len(chosen) > 1:
                        raise ValidationError(message(field, "exclusive", choice=localize(choice.label)))

            found.append(exclusive)
        return found

    def value(self, field: Field, data: Any) -> Any:
        chosen = set(data or [])
        ordered = [c.value for c in field.choices if c.value in chosen]
        return ordered or None

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        return {field.name: [str(v) for v in value]} if value else {}

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        separator = "、" if (lang or current_language()).startswith("ja") else ", "
        return joined(separator, (super(CheckboxesType, self).display(field, v, lang) for v in value or []))

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        return [";".join(value or [])]


class CheckboxType(FieldType):
    """A single box to tick, such as a consent; stored as true when ticked."""

    name = "checkbox"
    template = "fields/checkbox.html"
    value_kind = "boolean"
    aliases = ("boolean", "bool", "consent", "agree", "agreement", "toggle")
    required_key = "required_consent"
    options_schema = {"text": TEXT}

    def wtforms_field(self, field: Field) -> Any:
        return BooleanField(field.name, validators=self.validators(field), false_values=("", "false", "0"))

    def value(self, field: Field, data: Any) -> Any:
        return True if data else None

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        return {field.name: ["y"]} if value else {}

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        from flask_babel import gettext

        return gettext("はい") if value else ""

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        return ["1" if value else ""]
