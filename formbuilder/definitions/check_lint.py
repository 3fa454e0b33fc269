"""`forms check` of `checks` (rules between answers): the answers they name, and their kinds.

A check is tested when its page is sent, so it may look at fields of earlier pages and at
any field of its own page (before or after its own field), never at a later page. It
compares like with like: a date with a date (an offset in days only on dates), a number
with a number or a count of a list's items, an age only of a date.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..fields import REGISTRY
from .model import Field, FormDefinition
from .rules import AGES, COMPARISONS, operand_fields, referenced_fields

LintError = tuple[str, str]


def kind(field: Field) -> str:
    """Return what a field's answer is for comparing: date, number, list or other.

    Read from the field type (its `value_kind` and `holds_list`), so a new type needs no entry here.
    """
    ftype = REGISTRY[field.type]
    if ftype.value_kind in ("date", "number"):
        return ftype.value_kind
    return "list" if ftype.holds_list else "other"


def lint_checks(definition: FormDefinition) -> Iterator[LintError]:
    """Yield every mistake of the fields' `checks`."""
    everywhere = {f.name: f for f in definition.fields()}
    earlier: dict[str, Field] = {}
    for page_index, page in enumerate(definition.pages):
        usable = {**earlier, **{f.name: f for f in page.fields}}
        for field_index, field in enumerate(page.fields):
            for sub_index, sub in enumerate(REGISTRY[field.type].item_fields(field)):
                if sub.checks:
                    yield (
                        f"/pages/{page_index}/fields/{field_index}/fields/{sub_index}/checks",
                        "a field inside a group cannot have checks; put the check on a field outside the group",
                    )
            for check_index, check in enumerate(field.checks):
                pointer = f"/pages/{page_index}/fields/{field_index}/checks/{check_index}/rule"
                yield from _names(check.rule, pointer, usable, everywhere)
                if not any(_named(check.rule, pointer, usable)):
                    continue
                for name, where, condition in referenced_fields(check.rule, pointer):
                    if name in usable and all(n in usable for n, _ in operand_fields(condition, "")):
                        yield from _kinds(condition, where.rsplit("/", 1)[0], usable)
        earlier.update({f.name: f for f in page.fields})


def _named(rule: Any, pointer: str, usable: Mapping[str, Field]) -> Iterator[str]:
    for name, _, _ in referenced_fields(rule, pointer):
        yield name
    for name, _ in operand_fields(rule, pointer):
        yield name


def _names(
    rule: Any, pointer: str, usable: Mapping[str, Field], everywhere: Mapping[str, Field]
) -> Iterator[LintError]:
    named = [(name, where) for name, where, _ in referenced_fields(rule, pointer)]
    named += list(operand_fields(rule, pointer))
    for name, where in named:
        if name not in everywhere:
            yield where, f"check refers to unknown field {name!r}"
        elif name not in usable:
            yield (
                where,
                f"check refers to field {name!r}, which is asked on a later page; "
                "a check may only look at fields of its own page and of earlier pages",
            )
        elif not (REGISTRY[everywhere[name].type].takes_input or REGISTRY[everywhere[name].type].computed):
            yield where, f"check refers to {name!r}, a {everywhere[name].type} field that holds no answer"


def _kinds(condition: Mapping[str, Any], pointer: str, usable: Mapping[str, Field]) -> Iterator[LintError]:
    """A condition compares like with like."""
    field = usable[condition["field"]]
    own = kind(field)
    for op in ("equals", *COMPARISONS):
        if op not in condition:
            continue
        wanted = condition[op]
        if isinstance(wanted, Mapping) and "count" in wanted:
            counted = usable[wanted["count"]]
            if kind(counted) != "list":
                yield (
                    f"{pointer}/{op}/count",
                    f"count needs a field whose answer is a list; {counted.name!r} is a {counted.type} field",
                )
            elif own != "number":
                yield (
                    f"{pointer}/{op}",
                    f"a count of items is compared with a number field; {field.name!r} is a {field.type} field",
                )
        elif isinstance(wanted, Mapping):
            other = usable[wanted["answer"]]
            if "plus_days" in wanted and (own != "date" or kind(other) != "date"):
                yield (
                    f"{pointer}/{op}/plus_days",
                    f"plus_days compares dates; {field.name!r} is a {field.type} field and {other.name!r} a {other.type} field",
                )
            elif kind(other) != own and {own, kind(other)} & {"date", "number"}:
                yield (
                    f"{pointer}/{op}/answer",
                    f"compares {field.name!r}, a {field.type} field, with {other.name!r}, a {other.type} field; "
                    "compare a date with a date and a number with a number",
                )
        elif own == "date" and op in COMPARISONS and not isinstance(wanted, str):
            yield (
                f"{pointer}/{op}",
                f"{field.name!r} is a date; compare it with a date (YYYY-MM-DD) or another date answer",
            )
        elif own == "number" and op in COMPARISONS and isinstance(wanted, str):
            yield f"{pointer}/{op}", f"{field.name!r} is a number; compare it with a number, without quotes"
    for op in AGES:
        if op in condition and own != "date":
            yield f"{pointer}/{op}", f"an age is counted from a date; {field.name!r} is a {field.type} field"
        spec = condition.get(op)
        if isinstance(spec, Mapping) and isinstance(spec.get("on"), Mapping):
            other = usable[spec["on"]["answer"]]
            if kind(other) != "date":
                yield (
                    f"{pointer}/{op}/on/answer",
                    f"an age is counted on a date; {other.name!r} is a {other.type} field",
                )
