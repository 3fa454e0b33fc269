"""The published JSON Schema: generated from the field registry, kept in step, usable by editors."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.schema import SCHEMA_PATH, build_schema, published_schema, write_schema
from formbuilder.fields import REGISTRY
from formbuilder.fields.messages import DEFAULTS
from tests.conftest import SHIPPED_FORMS


def test_published_schema_equals_what_the_registry_builds():
    assert published_schema() == build_schema(), "run `flask --app wsgi forms schema` and commit schema.json"


def test_published_schema_is_written_as_the_schema_command_writes_it(tmp_path):
    fresh = tmp_path / "schema.json"
    write_schema(fresh)
    assert fresh.read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(build_schema())


def test_every_registered_type_has_its_own_branch():
    field = build_schema()["$defs"]["field"]
    assert field["properties"]["type"]["enum"] == sorted(REGISTRY)
    branches = {b["if"]["properties"]["type"]["const"]: b["then"] for b in field["allOf"]}
    assert set(branches) == set(REGISTRY)
    for name, ftype in REGISTRY.items():
        assert set(ftype.options_schema) <= set(branches[name]["properties"]), name
        assert ("choices" in branches[name]["required"]) == ftype.has_choices, name
        assert branches[name]["additionalProperties"] is False


def test_message_keys_are_the_catalogue_keys():
    messages = build_schema()["$defs"]["field"]["allOf"][0]["then"]["properties"]["messages"]
    assert messages["propertyNames"]["enum"] == sorted(DEFAULTS)


@pytest.mark.parametrize("path", sorted(definition_paths(SHIPPED_FORMS)), ids=lambda p: p.stem)
def test_shipped_definitions_validate_against_the_published_schema_alone(path):
    """What an editor does with the `$schema` line: no formbuilder code involved."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(published_schema()).iter_errors(raw)) == []
    assert raw.get("$schema") == "../formbuilder/definitions/schema.json"
