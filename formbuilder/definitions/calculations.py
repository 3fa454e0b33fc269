"""Calculated values as data: evaluate a `calculated` field's `formula` against the answers.

A formula is a number, or one object:

- `{"answer": "F"}`: the number answered to field F (a number or another calculated field);
- `{"sum": [a, b, …]}`, `{"product": [a, b, …]}`: of the formulas listed;
- `{"count": "G"}`: how many items the repeating group G holds (0 when none);
- `{"sum_of": {"group": "G", "field": "F"}}`: field F of every item of group G, added up;
- `{"table": {"answer": "C", "values": {"choice value": amount, …}, "default": amount}}`:
  the amount of the choice answered to field C;
- `{"round": formula, "places": 0, "mode": "half_up" | "down" | "up"}`.

Arithmetic is in Decimal, never float: 0.1 + 0.2 is 0.3, and the browser's copy
(static/js/form.js) does the same with whole numbers. A formula has **no value** (None) while
an answer it needs is missing: an unanswered field, a choice the table has no amount for (and
no `default`). `sum_of` adds the items that have a value and leaves out the others (0 when none
has one), so a total is never held back by one item whose amount is not known yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from .model import freeze, thaw

OPERATORS = ("answer", "sum", "product", "count", "sum_of", "table", "round")
MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN, "up": ROUND_UP}
# Enough digits for any product of answers of at most 30 characters without rounding on the way.
PRECISION = 400
Values = Mapping[str, Any]


def calculate(formula: Any, values: Values) -> Decimal | None:
    """Return the formula's value from the answers (field name → stored value); None when unknown."""
    with localcontext() as context:
        context.prec = PRECISION
        return _value(formula, values)


def _value(formula: Any, values: Values) -> Decimal | None:
    if not isinstance(formula, Mapping):
        return number(formula)
    if "answer" in formula:
        return number(values.get(formula["answer"]))
    if "sum" in formula or "product" in formula:
        parts = [_value(part, values) for part in formula.get("sum", formula.get("product", ()))]
        if any(part is None for part in parts):
            return None
        total = Decimal(0) if "sum" in formula else Decimal(1)
        for part in parts:
            total = total + part if "sum" in formula else total * part  # type: ignore[operator]
        return total
    if "count" in formula:
        items = values.get(formula["count"])
        return Decimal(len(items) if isinstance(items, (list, tuple)) else 0)
    if "sum_of" in formula:
        spec = formula["sum_of"]
        items = values.get(spec["group"])
        found = [number(item.get(spec["field"])) for item in items or () if isinstance(item, Mapping)]
        return sum((n for n in found if n is not None), Decimal(0))
    if "table" in formula:
        spec = formula["table"]
        chosen = values.get(spec["answer"])
        amounts = spec["values"]
        if isinstance(chosen, str) and chosen in amounts:
            return number(amounts[chosen])
        return number(spec.get("default"))
    if "round" in formula:
        inner = _value(formula["round"], values)
        if inner is None:
            return None
        step = Decimal(1).scaleb(-int(formula.get("places", 0)))
        return inner.quantize(step, rounding=MODES[formula.get("mode", "half_up")])
    return None


def number(value: Any) -> Decimal | None:
    """Return a stored answer or a written amount as a Decimal; None when it is not a number."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        found = Decimal(str(value))
    except InvalidOperation:
        return None
    return found if found.is_finite() else None


def stored(value: Decimal | None) -> int | str | None:
    """Return a result as answers store numbers: a whole number as int, else decimal text ("1.5")."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


# --- names a formula looks at ----------------------------------------------------------------
def named(formula: Any, pointer: str = "") -> Iterator[tuple[str, str, str, Any]]:
    """Yield (operator, field name, JSON pointer, its object) of every field a formula names.

    The operator is `answer`, `count`, `table` (a choice field), `sum_of` (the group) or
    `sum_of.field` (the item field added up, named inside the group).
    """
    if not isinstance(formula, Mapping):
        return
    if "answer" in formula:
        yield "answer", formula["answer"], f"{pointer}/answer", formula
    for key in ("sum", "product"):
        for index, part in enumerate(formula.get(key, ())):
            yield from named(part, f"{pointer}/{key}/{index}")
    if "count" in formula:
        yield "count", formula["count"], f"{pointer}/count", formula
    if "sum_of" in formula:
        yield "sum_of", formula["sum_of"]["group"], f"{pointer}/sum_of/group", formula["sum_of"]
        yield "sum_of.field", formula["sum_of"]["field"], f"{pointer}/sum_of/field", formula["sum_of"]
    if "table" in formula:
        yield "table", formula["table"]["answer"], f"{pointer}/table/answer", formula["table"]
    if "round" in formula:
        yield from named(formula["round"], f"{pointer}/round")


def renamed(formula: Any, rename: Callable[[str], str]) -> Any:
    """Return the formula with the fields it names renamed (an item's own fields, for its item)."""
    data = thaw(formula)

    def walk(node: Any) -> None:
        if not isinstance(node, dict):
            return
        for key in ("answer", "count"):
            if isinstance(node.get(key), str):
                node[key] = rename(node[key])
        for part in [*node.get("sum", ()), *node.get("product", ())]:
            walk(part)
        if "table" in node:
            node["table"]["answer"] = rename(node["table"]["answer"])
        if "round" in node:
            walk(node["round"])

    walk(data)
    return freeze(data)


# --- the JSON Schema of a formula ------------------------------------------------------------
FORMULA_HINT = (
    'A number, or one of {"answer": F}, {"sum": [...]}, {"product": [...]}, {"count": G}, '
    '{"sum_of": {"group": G, "field": F}}, {"table": {"answer": C, "values": {...}}}, '
    '{"round": ..., "places": 0, "mode": "half_up"}.'
)


def formula_schema(name: dict[str, Any]) -> dict[str, Any]:
    """Return the schema of a formula (`#/$defs/formula`); `name` is the schema of a field name."""
    ref = {"$ref": "#/$defs/formula"}
    amount = {"type": "number"}
    listed = {"type": "array", "minItems": 1, "maxItems": 20, "items": ref}

    def one(key: str, schema: dict[str, Any], **more: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "required": [key],
            "properties": {key: schema, **more},
            "additionalProperties": False,
        }

    table = {
        "type": "object",
        "required": ["answer", "values"],
        "properties": {
            "answer": name,
            "values": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": "^[A-Za-z0-9_.-]{1,64}$"},
                "additionalProperties": amount,
            },
            "default": amount,
        },
        "additionalProperties": False,
    }
    sum_of = {
        "type": "object",
        "required": ["group", "field"],
        "properties": {"group": name, "field": name},
        "additionalProperties": False,
    }
    return {
        "description": FORMULA_HINT,
        "anyOf": [
            amount,
            one("answer", name),
            one("sum", listed),
            one("product", listed),
            one("count", name),
            one("sum_of", sum_of),
            one("table", table),
            one(
                "round",
                ref,
                places={"type": "integer", "minimum": -6, "maximum": 10, "default": 0},
                mode={"enum": list(MODES), "default": "half_up"},
            ),
        ],
    }
