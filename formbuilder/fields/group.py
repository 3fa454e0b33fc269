"""A repeating group ("add another"): the same few fields asked for each of 1 to `max` items.

Each item's fields are ordinary fields of the registry, renamed for the item
(`children-1-name` for the field `name` of the second child): each one is asked,
validated, normalised and shown by its own type, and its errors point at its own inputs.
The number of items travels in a hidden input named after the group; the buttons
「追加する」 (`action=group-add:<group>`) and 「削除」 (`action=group-remove:<group>:<index>`)
are ordinary submit buttons, so the group works without JavaScript.
The stored answer is a list with one dict a item: {item field name: value}.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from typing import Any

from .. import ruby
from ..definitions.model import Field, Rule, freeze, thaw
from ..i18n import Localized, in_language, localize
from .base import FIELDS, TEXT, FieldType, LintError

ADD = "group-add:"
REMOVE = "group-remove:"
MAX_ITEMS = 50
# Types an item may not hold: files are kept per field by the server, and groups do not nest.
NOT_IN_ITEMS = frozenset({"group", "file"})


def _types() -> Mapping[str, FieldType]:
    """Return the registry of field types (imported late: it imports this module)."""
    from . import REGISTRY

    return REGISTRY


def item_name(group: Field, index: int, name: str) -> str:
    """Return the name of an item field as posted and as rules inside the item see it."""
    return f"{group.name}-{index}-{name}"


class GroupType(FieldType):
    name = "group"
    holds_list = True
    template = "fields/group.html"
    value_kind = "parts"  # a list of items: a `when` rule may only ask whether it is answered
    options_schema = {
        "fields": {**FIELDS, "description": "The fields asked for each item (no file or group fields)."},
        "min": {"type": "integer", "minimum": 0, "maximum": MAX_ITEMS, "default": 0},
        "max": {"type": "integer", "minimum": 1, "maximum": MAX_ITEMS},
        "item_label": {
            **TEXT,
            "description": "The heading of each item; %(n)s is its number (example: お子さん %(n)s人目).",
        },
        "csv_label": {
            **TEXT,
            "description": "The start of the item's CSV headers; %(n)s is its number (example: 子%(n)s).",
        },
    }

    # --- the items ------------------------------------------------------------
    def bounds(self, field: Field) -> tuple[int, int]:
        return int(field.option("min", 0)), int(field.option("max", 1))

    def item_fields(self, field: Field) -> tuple[Field, ...]:
        return tuple(field.option("fields", ()))

    def count(self, field: Field, raw: Mapping[str, list[str]]) -> int:
        """Return how many items the typed answers hold, within min and max."""
        low, high = self.bounds(field)
        posted = (raw.get(field.name) or [""])[0]
        number = int(posted) if posted.isdecimal() and len(posted) < 4 else low
        return max(low, min(high, number))

    def item(self, field: Field, index: int) -> tuple[Field, ...]:
        """Return the fields of item `index`, renamed for it; their rules see the item's own fields."""
        own = {sub.name for sub in self.item_fields(field)}

        def rename(name: str) -> str:
            return item_name(field, index, name) if name in own else name

        renamed = []
        for sub in self.item_fields(field):
            renamed.append(
                replace(
                    sub,
                    name=item_name(field, index, sub.name),
                    when=_rename(sub.when, own, field, index),
                    options=_types()[sub.type].item_options(sub, rename),
                )
            )
        return tuple(renamed)

    def items(self, field: Field, raw: Mapping[str, list[str]]) -> list[tuple[Field, ...]]:
        return [self.item(field, index) for index in range(self.count(field, raw))]

    def item_label(self, field: Field, number: int, lang: str | None = None, rich: bool = False) -> str:
        """Return the heading of item `number` (from 1); `rich` gives HTML with readings as <ruby>."""
        label = field.option("item_label")
        text = label.source(lang) if label else f"{field.label.source(lang)} %(n)s"
        text = text.replace("%(n)s", str(number))
        written = (label or field.label).language(lang)  # Japanese on an English page is marked so
        return in_language(ruby.rich(text), written) if rich else Localized(ruby.plain(text), written)

    def collect(self, field: Field, count: int, known: Mapping[str, Any]) -> list[dict[str, Any]] | None:
        """Return the group's value from the item fields' values; None when it has no item."""
        if count == 0:
            return None
        return [
            {
                sub.name: known[item_name(field, index, sub.name)]
                for sub in self.item_fields(field)
                if known.get(item_name(field, index, sub.name)) is not None
            }
            for index in range(count)
        ]

    # --- posting --------------------------------------------------------------
    def input_names(self, field: Field) -> list[str]:
        """The count, then every input of every item up to max (a removed item's inputs are emptied)."""
        names = [field.name]
        for index in range(self.bounds(field)[1]):
            for sub in self.item(field, index):
                names.extend(_types()[sub.type].input_names(sub))
        return names

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        return f"{field.name}-items"

    def wtforms_field(self, field: Field) -> Any:
        return None  # the items' own fields are the form's fields

    def act(self, field: Field, action: str, typed: dict[str, list[str]]) -> dict[str, list[str]]:
        """Return the typed inputs after 「追加する」 or 「削除」 was pressed; other items keep what was typed."""
        count = self.count(field, typed)
        low, high = self.bounds(field)
        typed = dict(typed)
        if action.startswith(ADD) and count < high:
            count += 1
        elif action.startswith(REMOVE) and count > low:
            index = action.rsplit(":", 1)[-1]
            if not index.isdecimal() or int(index) >= count:
                return typed
            names = [
                [n for sub in self.item(field, i) for n in _types()[sub.type].input_names(sub)] for i in range(count)
            ]
            for i in range(int(index), count - 1):
                for target, source in zip(names[i], names[i + 1], strict=True):
                    typed[target] = list(typed.get(source, []))
            for name in names[count - 1]:
                typed[name] = []
            count -= 1
        typed[field.name] = [str(count)]
        return typed

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        items = value if isinstance(value, list) else []
        found: dict[str, list[str]] = {field.name: [str(len(items))]}
        for index, answers in enumerate(items):
            for sub in self.item(field, index):
                stored = answers.get(sub.name.removeprefix(f"{field.name}-{index}-"))
                if stored is not None:
                    found.update(_types()[sub.type].draft_inputs(sub, stored))
        return found

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        return {}

    # --- showing --------------------------------------------------------------
    def rows(self, field: Field, value: Any) -> Iterator[tuple[int, Field, Any]]:
        """Yield (item number, renamed item field, value) of every item, in order."""
        for index, answers in enumerate(value if isinstance(value, list) else []):
            for sub, renamed in zip(self.item_fields(field), self.item(field, index), strict=True):
                yield index + 1, renamed, answers.get(sub.name)

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        lines = []
        for index, answers in enumerate(value if isinstance(value, list) else []):
            parts = [
                f"{localize(sub.label, lang)}: {_types()[sub.type].display(sub, answers[sub.name], lang)}"
                for sub in self.item_fields(field)
                if answers.get(sub.name) is not None
            ]
            lines.append(f"{self.item_label(field, index + 1, lang)}: {'、'.join(parts)}")
        return "\n".join(lines)

    def csv_label(self, field: Field, number: int, lang: str) -> str:
        label = field.option("csv_label")
        return localize(label, lang).replace("%(n)s", str(number)) if label else self.item_label(field, number, lang)

    def item_headers(self, field: Field, lang: str) -> list[str]:
        return [h for sub in self.item_fields(field) for h in _types()[sub.type].csv_headers(sub, lang)]

    def item_cells(self, field: Field, answers: Mapping[str, Any]) -> list[str]:
        return [c for sub in self.item_fields(field) for c in _types()[sub.type].csv_cells(sub, answers.get(sub.name))]

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        """Numbered columns for every item up to max: 子1 氏名, 子1 生年月日, …, 子10 …"""
        own = self.item_headers(field, lang)
        return [f"{self.csv_label(field, n, lang)} {h}" for n in range(1, self.bounds(field)[1] + 1) for h in own]

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        items = value if isinstance(value, list) else []
        cells: list[str] = []
        for index in range(self.bounds(field)[1]):
            cells.extend(self.item_cells(field, items[index] if index < len(items) else {}))
        return cells

    # --- checking definitions -------------------------------------------------
    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        low, high = self.bounds(field)
        if field.option("max") is None:
            yield pointer, "a group needs max, the most items it may hold"
        elif low > high:
            yield pointer + "/min", f"min ({low}) is greater than max ({high})"
        if field.required:
            yield pointer + "/required", "a group is not required itself: set min, and required on its fields"
        seen: dict[str, Field] = {}
        for index, sub in enumerate(self.item_fields(field)):
            where = f"{pointer}/fields/{index}"
            if sub.type in NOT_IN_ITEMS:
                yield where + "/type", f"a {sub.type} field cannot be inside a group"
                continue
            if sub.name in seen:
                yield where + "/name", f"field name {sub.name!r} is used twice in group {field.name!r}"
            seen[sub.name] = sub
            yield from _types()[sub.type].lint(sub, where)

    def advice(self, field: Field, pointer: str) -> Iterator[LintError]:
        for index, sub in enumerate(self.item_fields(field)):
            if sub.type not in NOT_IN_ITEMS:
                yield from _types()[sub.type].advice(sub, f"{pointer}/fields/{index}")


def _rename(rule: Rule | None, own: set[str], group: Field, index: int) -> Rule | None:
    """Return `rule` with the names of the item's own fields renamed for item `index`."""
    if rule is None:
        return None
    data = thaw(rule)

    def walk(node: dict[str, Any]) -> None:
        for key in ("all", "any"):
            for sub in node.get(key, ()):
                walk(sub)
        if "not" in node:
            walk(node["not"])
        if node.get("field") in own:
            node["field"] = item_name(group, index, node["field"])

    walk(data)
    return freeze(data)
