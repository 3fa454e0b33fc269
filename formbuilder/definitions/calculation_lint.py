"""`forms check` of calculated fields' formulas: the fields they name, and what those hold.

A formula is computed in field order as the answers are evaluated, so it may only use fields
asked **before** it (on earlier pages or earlier on its page; inside a group's item, also the
item's earlier fields). That also rules out cycles: no formula can reach itself. `answer` and
`sum_of` take numbers (a number or another calculated field), `table` one choice (radio or
select) with amounts only for its declared values, `count` and `sum_of` a repeating group.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..fields import REGISTRY
from .calculations import named
from .model import Field, FormDefinition

LintError = tuple[str, str]
ONE_CHOICE = ("radio", "select")


def lint_calculations(definition: FormDefinition) -> Iterator[LintError]:
    """Yield every mistake of the formulas of the definition's calculated fields."""
    everywhere = {f.name: f for f in definition.fields()}
    inside = {sub.name: f for f in definition.fields() for sub in REGISTRY[f.type].item_fields(f)}
    earlier: dict[str, Field] = {}
    for page_index, page in enumerate(definition.pages):
        for field_index, field in enumerate(page.fields):
            pointer = f"/pages/{page_index}/fields/{field_index}"
            places = _Places(everywhere, inside)
            yield from places.formula(field, pointer, earlier, None)
            known = dict(earlier)
            for sub_index, sub in enumerate(REGISTRY[field.type].item_fields(field)):
                yield from places.formula(sub, f"{pointer}/fields/{sub_index}", known, field)
                known[sub.name] = sub
            earlier[field.name] = field


class _Places:
    """Where each name of the form is: a field of the form, or a field inside a group."""

    def __init__(self, everywhere: Mapping[str, Field], inside: Mapping[str, Field]) -> None:
        self.everywhere = everywhere
        self.inside = inside

    def formula(
        self, field: Field, pointer: str, usable: Mapping[str, Field], group: Field | None
    ) -> Iterator[LintError]:
        formula = field.option("formula")
        if not REGISTRY[field.type].computed or formula is None:
            return
        for op, name, where, node in named(formula, f"{pointer}/formula"):
            if op == "sum_of.field":
                continue  # checked with its group
            target = usable.get(name)
            if target is None:
                yield where, self._missing(field, name, group)
            elif op == "answer":
                yield from _number(target, where, "answer")
            elif op == "table":
                yield from _table(target, where, node)
            else:
                yield from _group(target, where, op, node)

    def _missing(self, field: Field, name: str, group: Field | None) -> str:
        if name == field.name:
            return f"the formula of {name!r} uses {name!r} itself; a formula may only use fields asked before it"
        if group is not None and name == group.name:
            return (
                f"a field inside group {name!r} cannot use the group itself; put the total after the group, outside it"
            )
        if name in self.inside and (group is None or self.inside[name] is not group):
            owner = self.inside[name].name
            return (
                f"{name!r} is a field inside group {owner!r}: a formula outside its item adds it up with "
                f'{{"sum_of": {{"group": "{owner}", "field": "{name}"}}}}'
            )
        if name in self.everywhere or name in self.inside:
            return f"formula uses field {name!r}, which is asked later; a formula may only use fields asked before it"
        return f"formula uses unknown field {name!r}"


def _number(target: Field, where: str, op: str) -> Iterator[LintError]:
    ftype = REGISTRY[target.type]
    if ftype.value_kind == "number":
        return
    instead = ""
    if ftype.has_choices:
        instead = "; for an amount per choice use table"
    elif ftype.item_fields(target):
        instead = "; for its number of items use count"
    yield where, f"{op} needs a number: {target.name!r} is a {target.type} field{instead}"


def _table(target: Field, where: str, node: Mapping[str, Any]) -> Iterator[LintError]:
    if target.type not in ONE_CHOICE:
        yield where, f"table reads one choice: {target.name!r} is a {target.type} field; use a radio or select field"
        return
    values = [c.value for c in target.choices]
    base = where.rsplit("/", 1)[0]
    for key in node["values"]:
        if key not in values:
            yield (
                f"{base}/values/{key}",
                f"{key!r} is not a choice of field {target.name!r} (its choices are {', '.join(values)})",
            )


def _group(target: Field, where: str, op: str, node: Mapping[str, Any]) -> Iterator[LintError]:
    subs = {sub.name: sub for sub in REGISTRY[target.type].item_fields(target)}
    if not subs:
        yield where, f"{op} needs a repeating group: {target.name!r} is a {target.type} field"
        return
    if op != "sum_of":
        return
    added = subs.get(node["field"])
    field_where = where.rsplit("/", 1)[0] + "/field"
    if added is None:
        yield field_where, f"group {target.name!r} has no field {node['field']!r} (its fields are {', '.join(subs)})"
    else:
        yield from _number(added, field_where, "sum_of")
