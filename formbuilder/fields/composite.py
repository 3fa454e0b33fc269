"""A WTForms field made of several inputs named `<field>-<part>` (address, name)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from wtforms import Field as WTField
from wtforms.validators import StopValidation

from ..definitions.model import Field
from .base import FieldType


class PartsField(WTField):
    """Read `<name>-<part>` for each part, exactly as typed.

    `parts` holds the typed strings (for the partial), `data` the same dict or None when
    nothing was typed, `bad` the parts a validator found wrong (marked aria-invalid) and
    `clean` the normalised inputs of the parts that were right (the browser puts them back).
    """

    def __init__(self, label: str | None = None, validators: Any = None, parts: Iterable[str] = (), **kwargs: Any):
        super().__init__(label, validators, **kwargs)
        self.part_names = tuple(parts)

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[Any] = []
        self.bad: set[str] = set()
        self.clean: dict[str, str] = {}
        self.parts = {part: "" for part in self.part_names}
        if formdata is not None:
            for part in self.part_names:
                self.parts[part] = formdata.get(f"{self.name}-{part}", "")
        given = [value for value in self.parts.values() if value.strip()]
        self.data = dict(self.parts) if given else None
        self.raw_data = given

    def _value(self) -> str:
        return ""


class PartsType(FieldType):
    """A field type typed in several inputs and checked as a whole by `read`.

    Subclasses give `parts(field)` and `read(field, typed) -> (value, {part: message})`.
    """

    value_kind = "parts"

    def parts(self, field: Field) -> tuple[str, ...]:
        raise NotImplementedError

    def read(self, field: Field, typed: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        raise NotImplementedError

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        first = next((part for part in self.parts(field) if part in bad), None)
        return f"{field.name}-{first}" if first else super().anchor(field)

    def wtforms_field(self, field: Field) -> Any:
        return PartsField(field.name, validators=self.validators(field), parts=self.parts(field))

    def extra_validators(self, field: Field) -> list[Any]:
        def check(form: Any, wt: Any) -> None:
            value, errors = self.read(field, wt.data)
            if errors:
                wt.bad = set(errors)
                wt.clean = self.value_inputs(field, value)
                wt.errors.extend(errors.values())
                raise StopValidation()
            wt.data = value

        return [check]
