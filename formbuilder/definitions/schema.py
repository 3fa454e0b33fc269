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
from ..fields.units import UNIT_SCHEMA
from ..i18n import LANGUAGE_CODES
from . import periods
from .calculations import formula_schema
from .fiscal import REFERENCE_DAYS
from .model import LIFE_EVENTS

SCHEMA_PATH = Path(__file__).with_name("schema.json")
NAME_PATTERN = "^[a-z][a-z0-9_]{0,62}$"
# Descriptions double as editor hints and as the loader's explanation of a value that does not fit.
NAME_HINT = "Use a lower-case letter first, then a-z, 0-9 or _ (up to 63 characters; example: start_date)."
TEXT_HINT = (
    "Japanese text; its translations go in translations/forms/<slug>/<lang>.po "
    "(an object of language code → text is the older inline layout, still read)."
)
RULE_HINT = "A condition: {field, equals|in|answered|gt|gte|lt|lte} or all/any/not."
SCALAR = {"type": ["string", "number", "boolean"]}
COMPARABLE = {"type": ["string", "number"]}


def _rule(between_answers: bool = False) -> dict[str, Any]:
    ref = {"$ref": "#/$defs/check_rule" if between_answers else "#/$defs/rule"}
    condition: dict[str, Any] = {
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
    if between_answers:
        condition["properties"] = {**condition["properties"], **_between_answers()}
    return {
        "description": CHECK_RULE_HINT if between_answers else RULE_HINT,
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


# --- checks: rules between answers (definitions/checks.py) -------------------------------------
CHECK_RULE_HINT = (
    "A condition: {field, equals|in|answered|gt|gte|lt|lte|age_under|age_at_least} or all/any/not; "
    'a value may name another answer: {"answer": "birth_date", "plus_days": 91} or {"count": "children"}.'
)


VALUE_HINT = 'A value, or another answer: {"answer": "birth_date", "plus_days": 91} or {"count": "children"}.'
AGE_HINT = 'A whole number of years, or {"years": 18, "on": "fiscal_year_start"}.'


def _between_answers() -> dict[str, Any]:
    """Condition properties only checks have: operands naming another answer, and ages."""
    name = {"type": "string", "pattern": NAME_PATTERN, "description": NAME_HINT}
    answer = {
        "type": "object",
        "required": ["answer"],
        "properties": {"answer": name, "plus_days": {"type": "integer", "minimum": -36600, "maximum": 36600}},
        "additionalProperties": False,
    }
    count = {"type": "object", "required": ["count"], "properties": {"count": name}, "additionalProperties": False}
    value = {"anyOf": [COMPARABLE, answer, count], "description": VALUE_HINT}
    on = {
        "anyOf": [
            {"enum": list(REFERENCE_DAYS)},
            {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            {"type": "object", "required": ["answer"], "properties": {"answer": name}, "additionalProperties": False},
        ],
        "description": "The day the age is counted on: today (default), fiscal_year_start (4月1日), "
        'fiscal_year_end (3月31日), YYYY-MM-DD, or {"answer": "a date field"}.',
    }
    years = {"type": "integer", "minimum": 0, "maximum": 150}
    age = {
        "description": AGE_HINT,
        "anyOf": [
            years,
            {
                "type": "object",
                "required": ["years"],
                "properties": {"years": years, "on": on},
                "additionalProperties": False,
            },
        ],
    }
    return {
        "equals": {"anyOf": [SCALAR, answer, count], "description": VALUE_HINT},
        **{op: value for op in ("gt", "gte", "lt", "lte")},
        "age_under": age,
        "age_at_least": age,
    }


def _check() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["rule", "message"],
        "properties": {"rule": {"$ref": "#/$defs/check_rule"}, "message": TEXT},
        "additionalProperties": False,
    }


def _exit() -> dict[str, Any]:
    """An eligibility exit of a page: when its rule holds after the page, the journey ends on its page."""
    return {
        "type": "object",
        "required": ["id", "when", "title", "body"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[a-z][a-z0-9-]{0,62}$",
                "description": "Unique in the form; part of the exit page's address and of the counts. "
                "Use a lower-case letter first, then a-z, 0-9 or - (example: civil-servant).",
            },
            "when": {"$ref": "#/$defs/check_rule"},
            "title": TEXT,
            "body": TEXT,
            "contact": TEXT,
        },
        "additionalProperties": False,
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
        "noun": {
            **TEXT,
            "description": "What error messages call the field instead of its label, for a label written as "
            "a question (label 多胎ですか, noun 多胎の別).",
        },
        "help": TEXT,
        "required": {"type": "boolean"},
        "when": {"$ref": "#/$defs/rule"},
        "checks": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/check"}},
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
            "exits": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/exit"}},
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
            "next_steps": TEXT,
            "contact": TEXT,
            "department": {
                "type": "string",
                "pattern": "^[a-z0-9_-]{1,64}$",
                "description": "Write the code of the department that handles the form: a-z, 0-9, _ and - (example: water).",
            },
            "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(LANGUAGE_CODES)}},
            "before_you_start": {"type": "array", "items": TEXT},
            "duration_minutes": {"type": "integer", "minimum": 1, "maximum": 600},
            "fee": TEXT,
            "life_events": {
                "type": "array",
                "uniqueItems": True,
                "items": {"enum": list(LIFE_EVENTS)},
                "description": "Where the home page lists the form: " + ", ".join(LIFE_EVENTS) + " (one or more).",
            },
            "keywords": {
                "type": "array",
                "items": TEXT,
                "description": "More words the home page's search finds the form by (example: じどうてあて).",
            },
            "retention_days": {"type": "integer", "minimum": 1},
            "retention_years": {
                "type": "integer",
                "minimum": 1,
                "maximum": 100,
                "description": "Keep a closed submission this many years (instead of retention_days).",
            },
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
        "$defs": {
            "text": text,
            "rule": _rule(),
            "check_rule": _rule(between_answers=True),
            "check": _check(),
            "exit": _exit(),
            "page": page,
            "choice": choice,
            "unit": UNIT_SCHEMA,
            "field": _field(),
            "formula": formula_schema({"type": "string", "pattern": NAME_PATTERN, "description": NAME_HINT}),
        },
    }


def published_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
