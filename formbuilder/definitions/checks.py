"""Rules between answers (`checks`): which check of a field fails, and what the browser needs.

A check belongs to one field: its message is shown at that field and the error summary links
to it. It is tested after every field of the page passed its own validation, and only when
every answer it compares is given (a missing answer is the `required` flag's business); an
`answered` condition looks only at whether an answer was given, so "phone or e-mail" works.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .model import Check, Field
from .rules import UNANSWERED, compared_answers, evaluate, operand_fields, referenced_fields


def looked_at(check: Check) -> set[str]:
    """Return every field a check's rule names: compared, asked `answered`, or counted."""
    names = {name for name, _, _ in referenced_fields(check.rule, "")}
    return names | {name for name, _ in operand_fields(check.rule, "")}


def failing(field: Field, values: Mapping[str, Any], broken: Iterable[str] = ()) -> Check | None:
    """Return the first check of `field` that fails on `values`, or None.

    A check that looks at a field with its own error (`broken`) waits until that is fixed.
    """
    skip = set(broken)
    for check in field.checks:
        if looked_at(check) & skip:
            continue
        if any(values.get(name) in UNANSWERED for name in compared_answers(check.rule)):
            continue
        if not evaluate(check.rule, values):
            return check
    return None
