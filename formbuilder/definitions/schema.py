"""The JSON Schema of the definition format, built from the field registry.

`schema.json` beside this module is the published copy (editors use it for completion);
a test checks that it equals what `build_schema()` returns, and `flask forms schema`
rewrites it after a field type changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..fields import REGISTRY
from ..fields.base import TEXT
from ..fields.messages import DEFAULTS
from ..i18n import LANGUAGE_CODES
from . import periods

SCHEMA_PATH = Path(__file__).with_name("schema.json")
NAME_PATTERN = "^[a-z][a-z0-9_]{0,62}$"
# Descriptions double as editor hints and as the loader's explanation of a value that does not fit.
NAME_HINT = "Use a lower-case letter first, then a-z, 0-9 or _ (up to 63 characters; example: start_date)."
TEXT_HINT = "Plain Japanese, or an object of language code → text."
RULE_HINT = "A condition: {field, equals|in|answered|gt|gte|lt|lte} or all/any/not."
SCALAR = {"type": ["string", "number", "boolean"]}
COMPARABLE = {"type": ["string", "number"]}


def _rule() -> dict[str, Any]:
    ref = {"$ref": "#/$defs/rule"}
    condition = {
        "type": "object",
        "required": ["field"],
        "properties": {
            "field": {"type": "string", "pattern": NAME_PATTERN, "description": NAME_HINT},
            "equals": SCALAR,
            "in": {"type": "array", "minItems": 1, "items": SCALAR},
            "answered": {"type": "boolean"},
            "gt": COMPARABLE,
            "gte": COMPARABLE,
            "lt": COMPARABLE,
            "lte": COMPARABLE,
        },
        "additionalProperties": False,
        "minProperties": 2,
        "maxProperties": 2,
    }
    return {
        "description": RULE_HINT,
        "oneOf": [
            condition,
            {
                "type": "object",
                "required": ["all"],
                "properties": {"all": {"type": "array", "minItems": 1, "items": ref}},
                "additionalProperties": False,
            },
            {
                "type": "object",
                "required": ["any"],
                "properties": {"any": {"type": "array", "minItems": 1, "items": ref}},
                "additionalProperties": False,
            },
            {"type": "object", "required": ["not"], "properties": {"not": ref}, "additionalProperties": False},
        ],
    }


def _field() -> dict[str, Any]:
    common = {
        "name": {
            "type": "string",
            "pattern": NAME_PATTERN,
            "description": "Unique in the form; key of the stored value. " + NAME_HINT,
        },
        "type": {"enum": sorted(REGISTRY)},
        "label": TEXT,
        "help": TEXT,
        "required": {"type": "boolean"},
        "when": {"$ref": "#/$defs/rule"},
        "messages": {
            "type": "object",
            "propertyNames": {"enum": sorted(DEFAULTS)},
            "additionalProperties": TEXT,
        },
    }
    branches = []
    for name, ftype in sorted(REGISTRY.items()):
        properties = {**common, **ftype.options_schema}
        required = ["name", "type", "label"]
        if ftype.has_choices:
            properties["choices"] = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}}
            required.append("choices")
        branches.append(
            {
                "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                "then": {"properties": properties, "required": required, "additionalProperties": False},
            }
        )
    return {
        "type": "object",
        "required": ["name", "type", "label"],
        "properties": {"type": common["type"]},
        "allOf": branches,
    }


def build_schema() -> dict[str, Any]:
    """Return the JSON Schema of a form definition."""
    text = {
        "description": TEXT_HINT,
        "oneOf": [
            {"type": "string", "minLength": 1},
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"enum": list(LANGUAGE_CODES)},
                "additionalProperties": {"type": "string", "minLength": 1},
            },
        ],
    }
    page = {
        "type": "object",
        "required": ["id", "title", "fields"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[a-z][a-z0-9-]{0,62}$",
                "description": "Use a lower-case letter first, then a-z, 0-9 or - (example: applicant).",
            },
            "title": TEXT,
            "help": TEXT,
            "when": {"$ref": "#/$defs/rule"},
            "fields": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/field"}},
        },
        "additionalProperties": False,
    }
    choice = {
        "type": "object",
        "required": ["value", "label"],
        "properties": {
            "value": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_.-]{1,64}$",
                "description": "Write the stored code with 1 to 64 of A-Z, a-z, 0-9, _ . - (example: household); "
                "the label holds the words people read.",
            },
            "label": TEXT,
            "exclusive": {
                "type": "boolean",
                "description": "Of checkboxes: a choice such as 「該当なし」 that may not be chosen with any other.",
            },
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:formbuilder:form-definition",
        "title": "formbuilder form definition",
        "type": "object",
        "required": ["slug", "version", "title", "department", "pages"],
        "properties": {
            "$schema": {"type": "string"},
            "slug": {
                "type": "string",
                "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                "description": "Use lower-case a-z and 0-9, words joined by single hyphens, the same as the file name "
                "(example: water-supply-start).",
            },
            "version": {
                "type": "string",
                "pattern": "^[0-9A-Za-z._-]{1,32}$",
                "description": 'Write up to 32 of A-Z, a-z, 0-9, . _ - in quotes (example: "2026.1").',
            },
            "title": TEXT,
            "description": TEXT,
            "department": {
                "type": "string",
                "pattern": "^[a-z0-9_-]{1,64}$",
                "description": "Write the code of the department that handles the form: a-z, 0-9, _ and - (example: water).",
            },
            "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(LANGUAGE_CODES)}},
            "before_you_start": {"type": "array", "items": TEXT},
            "duration_minutes": {"type": "integer", "minimum": 1, "maximum": 600},
            "fee": TEXT,
            "retention_days": {"type": "integer", "minimum": 1},
            "opens_at": {"type": "string", "pattern": periods.PATTERN, "description": periods.HINT},
            "closes_at": {"type": "string", "pattern": periods.PATTERN, "description": periods.HINT},
            "max_submissions": {
                "type": "integer",
                "minimum": 1,
                "description": "At most this many applications (withdrawn ones not counted), then the form closes.",
            },
            "pages": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/page"}},
        },
        "additionalProperties": False,
        "$defs": {"text": text, "rule": _rule(), "page": page, "choice": choice, "field": _field()},
    }


def published_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
