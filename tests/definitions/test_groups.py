"""The `group` field type in definitions: schema, loader and linter."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from formbuilder.definitions.loader import load_data, load_file
from formbuilder.definitions.model import Field

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "groups" / "group-demo.json"


def _demo() -> dict:
    return json.loads(DEMO.read_text(encoding="utf-8"))


def _group(raw: dict) -> dict:
    return raw["pages"][1]["fields"][0]


def _problems(raw: dict) -> list[tuple[str, str]]:
    return [(p.pointer, p.message) for p in load_data(raw, "demo.json").problems]


def test_item_fields_are_built_as_fields_of_the_registry():
    definition = load_file(DEMO).definition
    assert definition is not None
    group = definition.field("children")
    items = group.option("fields")
    assert all(isinstance(item, Field) for item in items)
    assert [item.name for item in items] == ["name", "care", "care_note", "address"]
    assert items[2].pointer == "/pages/1/fields/0/fields/2"


def test_an_item_may_not_hold_a_file_or_a_group():
    raw = _demo()
    _group(raw)["fields"].append({"name": "photo", "type": "file", "label": "写真"})
    _group(raw)["fields"].append(copy.deepcopy({**_group(raw), "name": "inner", "fields": [_group(raw)["fields"][0]]}))
    problems = _problems(raw)
    assert ("/pages/1/fields/0/fields/4/type", "a file field cannot be inside a group") in problems
    assert ("/pages/1/fields/0/fields/5/type", "a group field cannot be inside a group") in problems


def test_bounds_names_and_rules_of_items_are_checked():
    raw = _demo()
    group = _group(raw)
    group["min"] = 5
    group["fields"][0]["when"] = {"field": "care", "equals": "yes"}
    group["fields"].append({"name": "separate", "type": "text", "max_length": 5, "label": "重複"})
    group["fields"].append({"name": "name", "type": "text", "max_length": 5, "label": "二度目"})
    problems = _problems(raw)
    assert ("/pages/1/fields/0/min", "min (5) is greater than max (3)") in problems
    assert (
        "/pages/1/fields/0/fields/0/when/field",
        "rule refers to field 'care', which is asked later; a rule may only look at earlier fields",
    ) in problems
    assert (
        "/pages/1/fields/0/fields/4/name",
        "item field 'separate' has the name of a field of the form; use another",
    ) in problems
    assert ("/pages/1/fields/0/fields/5/name", "field name 'name' is used twice in group 'children'") in problems


def test_a_group_needs_max_and_item_texts_in_every_language():
    raw = _demo()
    del _group(raw)["max"]
    raw["languages"] = ["ja", "en"]
    problems = _problems(raw)
    assert ("/pages/1/fields/0", "a group needs max, the most items it may hold") in problems
    assert any(p == "/pages/1/fields/0/fields/1/choices/0/label" and "'en'" in m for p, m in problems)
