"""Every key of the definition format is documented, and the Japanese guide covers all of them.

Authors are municipal staff who read Japanese: the guide for them is docs/ja/. A key that the
JSON Schema accepts but no guide names (in backticks, `key`) is a key nobody can learn to use.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.definitions.schema import SCHEMA_PATH

DOCS = Path(__file__).resolve().parents[2] / "docs"
ENGLISH = [DOCS / "form-definitions.md", *sorted(DOCS.glob("field-types-*.md")), DOCS / "i18n.md"]
JAPANESE_GUIDE = DOCS / "ja" / "form-definitions.md"


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema_keys(node: Any) -> set[str]:
    """Return every property name declared anywhere in the schema (top level, $defs, per type)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            found |= schema_keys(value)
    elif isinstance(node, list):
        for item in node:
            found |= schema_keys(item)
    return found


def message_keys(node: Any) -> set[str]:
    """Return the error message keys a field's `messages` may override."""
    found: set[str] = set()
    if isinstance(node, dict):
        names = node.get("properties", {}).get("messages", {}).get("propertyNames", {}).get("enum", [])
        found.update(names)
        for value in node.values():
            found |= message_keys(value)
    elif isinstance(node, list):
        for item in node:
            found |= message_keys(item)
    return found


def read(paths: list[Path]) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in paths if path.exists())


def japanese_docs() -> str:
    return read(sorted((DOCS / "ja").glob("*.md")))


def undocumented(keys: set[str], text: str) -> list[str]:
    """Return the keys that the text never names as `key`."""
    return sorted(key for key in keys if f"`{key}`" not in text)


def test_the_schema_walk_finds_keys_of_every_level():
    keys = schema_keys(schema())
    # top level, page, field, a type's option, rule, check, exit, formula, choice
    assert {"slug", "pages", "fields", "max_length", "equals", "age_under", "body", "sum_of", "exclusive"} <= keys


def test_every_schema_key_is_documented_in_english_or_japanese():
    missing = undocumented(schema_keys(schema()), read(ENGLISH) + japanese_docs())
    assert missing == [], f"keys of schema.json that no guide names in backticks: {missing}"


def test_the_japanese_guide_covers_every_schema_key():
    missing = undocumented(schema_keys(schema()), japanese_docs())
    assert missing == [], f"keys of schema.json missing from docs/ja/: {missing}"


def test_the_japanese_guide_lists_every_message_key():
    keys = message_keys(schema())
    assert {"required", "era_needed", "check_digit"} <= keys
    missing = undocumented(keys, JAPANESE_GUIDE.read_text(encoding="utf-8"))
    assert missing == [], f"message keys missing from the table in docs/ja/form-definitions.md: {missing}"


def test_a_new_schema_key_without_docs_is_reported(monkeypatch):
    """Plant a key in a copy of the schema: both tests above must then fail."""
    planted = copy.deepcopy(schema())
    planted["$defs"]["page"]["properties"]["shiny_new_option"] = {"type": "boolean"}
    monkeypatch.setattr(f"{__name__}.schema", lambda: planted)
    with pytest.raises(AssertionError, match="shiny_new_option"):
        test_every_schema_key_is_documented_in_english_or_japanese()
    with pytest.raises(AssertionError, match="shiny_new_option"):
        test_the_japanese_guide_covers_every_schema_key()
    planted["$defs"]["field"]["allOf"][0]["then"]["properties"]["messages"]["propertyNames"]["enum"].append(
        "shiny_new_message"
    )
    with pytest.raises(AssertionError, match="shiny_new_message"):
        test_the_japanese_guide_lists_every_message_key()


def example(path: Path) -> dict[str, Any]:
    block = path.read_text(encoding="utf-8").split("<!-- complete-example -->", 1)[1]
    return json.loads(block.split("```json", 1)[1].split("```", 1)[0])


def japanese_only(node: Any) -> Any:
    """Return a definition with every inline {"ja": …, "en": …} text reduced to its Japanese."""
    if isinstance(node, dict):
        if "ja" in node and all(isinstance(value, str) for value in node.values()):
            return node["ja"]
        return {key: japanese_only(value) for key, value in node.items()}
    if isinstance(node, list):
        return [japanese_only(item) for item in node]
    return node


def test_japanese_complete_example_is_a_valid_definition():
    result = load_data(example(JAPANESE_GUIDE), "dog-registration-change.json")
    assert [str(p) for p in result.problems] == []


def test_japanese_complete_example_is_the_english_one_written_in_japanese():
    english = japanese_only(example(DOCS / "form-definitions.md"))
    english.pop("languages", None)  # the Japanese guide adds "en" once en.po is translated
    assert example(JAPANESE_GUIDE) == english


def test_japanese_field_examples_are_valid():
    blocks = re.findall(r"```json\n(.*?)```", japanese_docs(), flags=re.S)
    fields = []
    for block in blocks:
        try:
            raw = json.loads(block)
        except json.JSONDecodeError:
            continue  # a fragment with "…"
        if isinstance(raw, dict) and {"name", "type"} <= set(raw):
            fields.append(raw)
    assert len({field["type"] for field in fields}) >= 12
    for field in fields:
        page = {"id": "page", "title": "例", "fields": [field]}
        raw = {"slug": "example", "version": "1", "title": "例", "department": "test", "pages": [page]}
        assert [str(p) for p in load_data(raw).problems] == [], field["name"]


def anchor(heading: str) -> str:
    """Return the anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", sorted((DOCS / "ja").glob("*.md")), ids=lambda p: p.name)
def test_links_of_the_japanese_guide_lead_somewhere(page):
    broken = []
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if target.startswith(("https://", "/")):
            continue
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(target)
        elif fragment:
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), flags=re.M)
            if fragment not in {anchor(h) for h in headings}:
                broken.append(target)
    assert broken == []
