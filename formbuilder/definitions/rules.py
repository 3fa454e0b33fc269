"""Rules as data: evaluate a `when` condition against the answers given so far."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from .model import Rule

COMPARISONS = ("gt", "gte", "lt", "lte")


def evaluate(rule: Rule | None, values: Mapping[str, Any]) -> bool:
    """Return whether `rule` holds; an absent rule always holds.

    Unanswered fields hold no value, so any comparison with them is false
    (and `not` of it true), which keeps follow-up questions hidden until answered.
    """
    if rule is None:
        return True
    if "all" in rule:
        return all(evaluate(r, values) for r in rule["all"])
    if "any" in rule:
        return any(evaluate(r, values) for r in rule["any"])
    if "not" in rule:
        return not evaluate(rule["not"], values)
    value = values.get(rule["field"])
    if "answered" in rule:
        return (value not in (None, "", [], ())) == rule["answered"]
    if value is None:
        return False
    present = list(value) if isinstance(value, (list, tuple)) else [value]
    if "equals" in rule:
        return any(_equal(v, rule["equals"]) for v in present)
    if "in" in rule:
        return any(_equal(v, wanted) for v in present for wanted in rule["in"])
    for op in COMPARISONS:
        if op in rule:
            return _compare(op, value, rule[op])
    return False


def _equal(value: Any, wanted: Any) -> bool:
    """Return whether an answer is a rule's value; numbers equal as numbers (stored "1.5" is 1.5)."""
    if isinstance(value, bool) or isinstance(wanted, bool):
        return value is wanted
    if isinstance(value, (int, float)) or isinstance(wanted, (int, float)):
        try:
            return Decimal(str(value)) == Decimal(str(wanted))
        except InvalidOperation:
            return False
    return value == wanted


def _compare(op: str, value: Any, limit: Any) -> bool:
    """Compare numbers as numbers and ISO dates as strings; mismatched kinds never match."""
    left: Any
    right: Any
    if isinstance(limit, (int, float)) and not isinstance(limit, bool):
        try:
            left, right = Decimal(str(value)), Decimal(str(limit))
        except InvalidOperation:
            return False
    elif isinstance(value, str):
        left, right = value, str(limit)
    else:
        return False
    return {"gt": left > right, "gte": left >= right, "lt": left < right, "lte": left <= right}[op]


def referenced_fields(rule: Rule | None, pointer: str) -> Iterator[tuple[str, str, Rule]]:
    """Yield (field name, JSON pointer, condition) for every condition in `rule`."""
    if rule is None:
        return
    for key in ("all", "any"):
        if key in rule:
            for index, sub in enumerate(rule[key]):
                yield from referenced_fields(sub, f"{pointer}/{key}/{index}")
            return
    if "not" in rule:
        yield from referenced_fields(rule["not"], f"{pointer}/not")
        return
    yield rule["field"], f"{pointer}/field", rule
