"""docs/form-definitions.md stays true to the code: its example loads, every type is described."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.fields import REGISTRY

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "form-definitions.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    """Return the text under each `### ` heading, for every type named in it."""
    found: dict[str, str] = {}
    parts = re.split(r"^### ", guide(), flags=re.M)
    for part in parts[1:]:
        heading, _, body = part.partition("\n")
        for name in re.findall(r"`([a-z_]+)`", heading):
            found[name] = body.split("\n## ")[0]
    return found


def test_complete_example_is_a_valid_definition():
    block = guide().split("<!-- complete-example -->", 1)[1]
    raw = json.loads(block.split("```json", 1)[1].split("```", 1)[0])
    result = load_data(raw, "dog-registration-change.json")
    assert [str(p) for p in result.problems] == []
    assert result.definition is not None and result.definition.slug == "dog-registration-change"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_field_type_and_option_is_described(name):
    described = sections()
    assert name in described, f"docs/form-definitions.md has no ### section for {name}"
    missing = [option for option in REGISTRY[name].options_schema if f"`{option}`" not in described[name]]
    assert missing == [], f"options of {name} not described: {missing}"


def test_every_top_level_key_is_described():
    from formbuilder.definitions.schema import build_schema

    text = guide()
    assert [key for key in build_schema()["properties"] if f"| `{key}` |" not in text] == []


def field_examples() -> list[dict]:
    """Return every ```json block of the guide that is one whole field."""
    found = []
    for block in re.findall(r"```json\n(.*?)```", guide(), flags=re.S):
        try:
            raw = json.loads(block)
        except json.JSONDecodeError:
            continue  # a fragment with "…"
        if isinstance(raw, dict) and {"name", "type"} <= set(raw):
            found.append(raw)
    return found


def test_guide_has_an_example_for_most_types():
    assert len({example["type"] for example in field_examples()}) >= 12


@pytest.mark.parametrize("example", field_examples(), ids=lambda e: e["name"])
def test_each_field_example_is_valid_on_its_own(example):
    raw = {
        "slug": "example",
        "version": "1",
        "title": "例",
        "department": "test",
        "pages": [{"id": "page", "title": "例", "fields": [example]}],
    }
    assert [str(p) for p in load_data(raw).problems] == []
