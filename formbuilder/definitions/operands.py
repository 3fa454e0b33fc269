"""What a condition may compare an answer with: one check per kind of stored value.

The rules engine (rules.py) compares what a field stores: text, a number (an int, or a decimal
string "1.5"), an ISO date string, `True` for a ticked checkbox (nothing when unticked), a
choice's value (a list of them for checkboxes), or parts (a dict or list) it cannot compare.
An operand of another kind makes a condition that is never true ("2" against 2, "yes" against
True, "today-6570" against "1990-01-01"), so the linter refuses it, saying what to write.

Each check takes (field named by the condition, operator, operand) and returns the problem in
words, or None; a field type says which check applies with its `value_kind`. An operand that
is an object names another answer (a check between answers): it is checked where such
operands are read, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..fields import REGISTRY
from .model import Field, Rule
from .rules import COMPARISONS

OperandCheck = Callable[[Field, str, Any], "str | None"]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def operand_problems(condition: Rule, pointer: str, target: Field, always_answered: bool) -> Iterator[tuple[str, str]]:
    """Yield (pointer, problem) for each value of `condition` that `target`'s answers never match.

    `always_answered`: the field is required and asked whenever the condition is evaluated.
    """
    if condition.get("answered") is False and always_answered:
        yield (
            f"{pointer}/answered",
            f"field {target.name!r} is required and always asked before this rule, so it is always answered "
            "and answered: false never holds",
        )
    check = CHECKS.get(REGISTRY[target.type].value_kind, _text)
    for op in ("equals", "in", *COMPARISONS):
        if op not in condition:
            continue
        values = condition[op]
        wanted = (
            [(f"{pointer}/in/{i}", v) for i, v in enumerate(values)] if op == "in" else [(f"{pointer}/{op}", values)]
        )
        said: set[str] = set()
        for where, operand in wanted:
            problem = None if isinstance(operand, Mapping) else check(target, op, operand)
            if problem and problem not in said:
                said.add(problem)
                yield where, problem


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _no_comparison(target: Field, op: str, instead: str) -> str:
    return f"{op} compares numbers and dates, but {target.name!r} is a {target.type} field; {instead}"


def _text(target: Field, op: str, operand: Any) -> str | None:
    """Text answers (text, textarea, email, tel, postal_code, …): equal to a text, never ordered."""
    if op in COMPARISONS:
        return _no_comparison(target, op, "use equals or in")
    if not isinstance(operand, str):
        return f"{target.name!r} is a {target.type} field and holds text: write the value in double quotes (found {_show(operand)})"
    if operand != operand.strip() or not operand:
        return (
            f"{operand!r} can never match: answers are stored without spaces at either end, and an empty answer "
            "is not stored (to ask whether a field was left empty, use answered: false)"
        )
    return None


def _number(target: Field, op: str, operand: Any) -> str | None:
    """Numbers: a number without quotes, that the field can hold."""
    if isinstance(operand, bool) or not isinstance(operand, (int, float)):
        written = operand if isinstance(operand, str) and _is_number(operand) else "a number"
        return f"{target.name!r} is a number field: write {written} without quotes (found {_show(operand)})"
    number = Decimal(str(operand))
    low, high = target.option("min"), target.option("max")
    whole = target.option("integer", not REGISTRY[target.type].computed)  # a calculated value may be 1.5
    if op in ("equals", "in") and whole and number != number.to_integral_value():
        return f"{target.name!r} takes whole numbers only (integer), so it is never {operand}"
    never = {
        "equals": (low is not None and number < low) or (high is not None and number > high),
        "in": (low is not None and number < low) or (high is not None and number > high),
        "gt": high is not None and number >= high,
        "gte": high is not None and number > high,
        "lt": low is not None and number <= low,
        "lte": low is not None and number < low,
    }[op]
    if never:
        return f"never true: {target.name!r} accepts numbers from {_bound(low)} to {_bound(high)}"
    return None


def _bound(limit: Any) -> str:
    return "any" if limit is None else str(limit)


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text))


def _date(target: Field, op: str, operand: Any) -> str | None:
    """Dates (date, era_date): stored as YYYY-MM-DD, compared as such."""
    if isinstance(operand, str) and operand.startswith("today"):
        return (
            f"a rule compares dates with a fixed date (YYYY-MM-DD), not {operand!r}: today, today+N and today-N "
            "work only in the min and max of a date or era_date field (for an age, use age_min and age_max)"
        )
    if not isinstance(operand, str) or not ISO_DATE.fullmatch(operand):
        return f"{target.name!r} is a {target.type} field: write the date as YYYY-MM-DD in double quotes (found {_show(operand)})"
    try:
        date.fromisoformat(operand)
    except ValueError:
        return f"{operand!r} is not a real date"
    return None


def _boolean(target: Field, op: str, operand: Any) -> str | None:
    """A checkbox: stored as true when ticked, nothing when not."""
    instead = f'use {{"field": "{target.name}", "equals": true}}'
    if op in COMPARISONS:
        return _no_comparison(target, op, instead)
    if operand is False:
        return (
            f"a checkbox holds true when ticked and no answer when not, so it never equals false; "
            f'for an unticked box use {{"not": {{"field": "{target.name}", "equals": true}}}}'
        )
    if operand is not True:
        return f"{target.name!r} is a checkbox: it holds true (without quotes) when ticked (found {_show(operand)})"
    return None


def _choice(target: Field, op: str, operand: Any) -> str | None:
    """radio, select, checkboxes: one of the declared values."""
    if op in COMPARISONS:
        return _no_comparison(target, op, "use equals or in with its choice values")
    values = [c.value for c in target.choices]
    if operand not in values:
        hint = f"; write the value in double quotes: {str(operand)!r}" if str(operand) in values else ""
        return f"{_show(operand)} is not a choice of field {target.name!r} (its choices are {', '.join(values)}){hint}"
    return None


def _parts(target: Field, op: str, operand: Any) -> str | None:
    """name, address, bank_account, file: several parts that no single value equals."""
    return (
        f"{target.name!r} is a {target.type} field of several parts, so {op} is never true; a rule can only ask "
        f'whether it is answered: {{"field": "{target.name}", "answered": true}}'
    )


CHECKS: dict[str, OperandCheck] = {
    "text": _text,
    "number": _number,
    "date": _date,
    "boolean": _boolean,
    "choice": _choice,
    "parts": _parts,
}
