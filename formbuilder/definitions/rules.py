"""Rules as data: evaluate a `when` condition against the answers given so far."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .fiscal import age_on, reference_day
from .model import Rule

COMPARISONS = ("gt", "gte", "lt", "lte")
# Operators of checks only (`checks`): the age of a birth date, on a day (see fiscal.py).
AGES = ("age_under", "age_at_least")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
UNANSWERED: tuple[Any, ...] = (None, "", [], ())


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
        wanted = operand(rule["equals"], values)
        return wanted is not None and any(_equal(v, wanted) for v in present)
    if "in" in rule:
        return any(_equal(v, wanted) for v in present for wanted in rule["in"])
    for op in COMPARISONS:
        if op in rule:
            limit = operand(rule[op], values)
            return limit is not None and _compare(op, value, limit)
    for op in AGES:
        if op in rule:
            return _age(op, value, rule[op], values)
    return False


# --- rules between answers (`checks`) ----------------------------------------------------------
def operand(wanted: Any, values: Mapping[str, Any]) -> Any:
    """Return a rule's value, reading another answer when the value names one.

    `{"answer": "birth", "plus_days": 91}` is that date 91 days later (ISO text);
    `{"answer": "adults"}` that answer; `{"count": "children"}` how many items a list answer
    holds (0 when unanswered). None when the named answer is missing: nothing to compare.
    """
    if not isinstance(wanted, Mapping):
        return wanted
    if "count" in wanted:
        items = values.get(wanted["count"])
        return len(items) if isinstance(items, (list, tuple)) else 0
    answer = values.get(wanted["answer"])
    if answer in UNANSWERED or isinstance(answer, (list, tuple, Mapping)):
        return None
    if "plus_days" in wanted:
        try:
            return (date.fromisoformat(str(answer)) + timedelta(days=wanted["plus_days"])).isoformat()
        except (ValueError, OverflowError):
            return None
    if isinstance(answer, str) and NUMBER.fullmatch(answer):
        return Decimal(answer)  # a decimal answer is stored as text ("1.5")
    return answer


def _age(op: str, value: Any, spec: Any, values: Mapping[str, Any]) -> bool:
    """Compare the age of a birth date with `spec`: N (today) or {"years": N, "on": day}."""
    years, on = (spec, "today") if isinstance(spec, int) else (spec["years"], spec.get("on", "today"))
    if isinstance(on, Mapping):
        on = operand(on, values)
        if on is None:
            return False
    try:
        age = age_on(date.fromisoformat(str(value)), reference_day(str(on)))
    except ValueError:
        return False
    return age < years if op == "age_under" else age >= years


def operand_fields(rule: Rule | None, pointer: str) -> Iterator[tuple[str, str]]:
    """Yield (field name, JSON pointer) of every other answer a rule's values name."""
    for condition, where in conditions(rule, pointer):
        for op, wanted in condition.items():
            if op in AGES and isinstance(wanted, Mapping):
                op, wanted = f"{op}/on", wanted.get("on")
            if isinstance(wanted, Mapping):
                for key in ("answer", "count"):
                    if key in wanted:
                        yield wanted[key], f"{where}/{op}/{key}"


def compared_answers(rule: Rule | None) -> set[str]:
    """Return the answers a rule compares (all but those it only asks `answered` of)."""
    names = {name for name, _ in operand_fields(rule, "")}
    counted = {name for name, where in operand_fields(rule, "") if where.endswith("/count")}
    names -= counted
    names.update(name for name, _, condition in referenced_fields(rule, "") if "answered" not in condition)
    return names


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
    if isinstance(limit, (int, float, Decimal)) and not isinstance(limit, bool):
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
    for condition, where in conditions(rule, pointer):
        yield condition["field"], f"{where}/field", condition


def conditions(rule: Rule | None, pointer: str) -> Iterator[tuple[Rule, str]]:
    """Yield (condition, JSON pointer) for each condition on one field inside `all`, `any` and `not`."""
    if rule is None:
        return
    for key in ("all", "any"):
        if key in rule:
            for index, sub in enumerate(rule[key]):
                yield from conditions(sub, f"{pointer}/{key}/{index}")
            return
    if "not" in rule:
        yield from conditions(rule["not"], f"{pointer}/not")
        return
    yield rule, pointer
