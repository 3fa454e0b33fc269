"""A value computed from answers (a fee, a total): shown, stored and exported, never typed.

The `formula` is data (definitions/calculations.py). The server computes the value each time
the answers are evaluated and never reads one posted by a browser, so the check page, the
receipt, the CSV, the API and a correction after 要再申請 all show what the server computed.
On the page the value is an <output>; static/js/form.js recomputes it as the citizen types.
Inside a repeating group's item the formula sees that item's own fields (renamed for it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..definitions.calculations import calculate, named, renamed, stored
from ..definitions.model import Field, thaw
from .base import FieldType, LintError
from .number import NumberType

_NUMBER = NumberType()


class CalculatedType(FieldType):
    name = "calculated"
    template = "fields/calculated.html"
    takes_input = False
    computed = True
    value_kind = "number"
    aliases = ("calculation", "computed", "formula", "total", "sum")
    options_schema = {
        "formula": {
            "$ref": "#/$defs/formula",
            "description": "How the value is computed from answers (required).",
        },
        # Shown like a number's unit, so whatever a number's unit can say, this one can too.
        "unit": NumberType.options_schema["unit"],
    }

    def wtforms_field(self, field: Field) -> Any:
        return None

    def compute(self, field: Field, known: Mapping[str, Any]) -> Any:
        return stored(calculate(field.option("formula"), known))

    def item_options(self, field: Field, rename: Callable[[str], str]) -> dict[str, Any]:
        return {**field.options, "formula": renamed(field.option("formula"), rename)}

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        return _NUMBER.display(field, value, lang)

    def browser(self, field: Field, result: Any, lang: str | None) -> dict[str, Any]:
        """Return what static/js/form.js needs to recompute the value as the citizen types.

        The formula (renamed for its item), the answers of earlier pages it uses (the page's
        own are read from its inputs) and the unit, for a page's result (flows/answers.py).
        """
        formula = field.option("formula")
        known = getattr(result.form.meta, "known", None) or {}
        on_page = {f.name for f in result.fields()} | {f.name for f in result.page.fields}
        earlier = sorted({name for _op, name, _where, _node in named(formula)} & set(known) - on_page)
        return {
            "formula": thaw(formula),
            "known": {name: thaw(known[name]) for name in earlier},
            # The unit as the server writes it after 1 and after other counts (its plural form
            # and its space, fields/number.py); the script uses the first for exactly 1.
            "unit_one": self.display(field, 1, lang).removeprefix("1"),
            "unit": self.display(field, 2, lang).removeprefix("2"),
        }

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        if field.option("formula") is None:
            yield pointer, "a calculated field needs a formula, how its value is computed from answers"
        yield from _NUMBER.lint(field, pointer)  # its unit, checked as a number's

    def advice(self, field: Field, pointer: str) -> Iterator[LintError]:
        yield from _NUMBER.advice(field, pointer)
