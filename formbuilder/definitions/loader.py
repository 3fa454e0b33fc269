"""Read definition files: schema check, frozen objects, semantic lint; errors with pointers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator

from ..fields import REGISTRY
from ..fields.base import FIELDS, TEXT
from ..fields.units import UNIT, build_unit
from ..i18n import Text
from .departments import load_departments
from .explain import explain
from .form_catalogues import catalogue_folder
from .lint import lint
from .model import Check, Choice, Exit, Field, FormDefinition, Page, freeze
from .periods import bounds
from .periods import problems as period_problems
from .schema import build_schema
from .translated import is_inline, translate

COMMON_KEYS = {"name", "type", "label", "noun", "help", "required", "when", "choices", "messages", "checks"}


@dataclass(frozen=True)
class Problem:
    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.pointer or '/'}: {self.message}"


@dataclass
class LoadResult:
    definition: FormDefinition | None
    problems: list[Problem] = field(default_factory=list)
    # Translations missing or stale in the form's catalogues: `forms check` fails on them, the
    # form is still served (the reader sees the Japanese of those texts).
    translation_problems: list[Problem] = field(default_factory=list)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(build_schema())


def canonical(raw: dict[str, Any]) -> str:
    """Return the JSON text whose hash identifies a definition version."""
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load_file(path: Path) -> LoadResult:
    """Load one definition file, returning the definition only when it has no problem."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return LoadResult(None, [Problem(name, "", f"cannot read file: {exc}")])
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return LoadResult(None, [Problem(name, "", json_syntax_message(exc))])
    result = load_translated(raw, name, catalogue_folder(path))
    if result.definition and result.definition.slug != path.stem:
        result.problems.append(
            Problem(name, "/slug", f"slug {result.definition.slug!r} must equal the file name {path.stem!r}")
        )
        result.definition = None
    # A draft version (drafts/SLUG.json) answers to the departments of the forms it will join.
    folder = path.parent.parent if path.parent.name == "drafts" else path.parent
    if result.definition and (unknown := load_departments(folder).unknown(result.definition.department)):
        result.problems.append(Problem(name, "/department", unknown))
        result.definition = None
    return result


def json_syntax_message(exc: json.JSONDecodeError) -> str:
    """Explain a JSON syntax error with its line and column, and the usual cause when known."""
    where = f"line {exc.lineno} column {exc.colno}"
    before = exc.doc[: exc.pos].rstrip()
    if before.endswith(",") and exc.doc[exc.pos : exc.pos + 1] in "]}":
        return f"not valid JSON at {where}: remove the comma before {exc.doc[exc.pos]!r} (the last item has none)"
    if exc.msg.startswith("Expecting ',' delimiter"):
        return f"not valid JSON at {where}: a comma is missing between two items"
    if exc.msg.startswith("Expecting property name") or "Invalid control character" in exc.msg:
        return f'not valid JSON at {where}: {exc.msg} (keys and texts need double quotes "…")'
    return f"not valid JSON at {where}: {exc.msg}"


def load_translated(raw: Any, name: str, folder: Path) -> LoadResult:
    """Load a definition with the translations of its catalogues in `folder` (form_catalogues.py).

    A definition that still carries its translations inline is loaded as it is, and a text it
    lacks in a declared language is a problem; with catalogues, such a text is a translation
    problem, and the form is served with the Japanese of that text.
    """
    japanese = load_data(raw, name, languages=False)
    if japanese.definition is None or is_inline(japanese.definition):
        return load_data(raw, name)
    translated = translate(raw, japanese.definition, folder, name)
    result = load_data(translated.raw, name, languages=False, valid=True)
    result.translation_problems = [Problem(p.file, p.pointer, p.message) for p in translated.problems]
    return result


def load_data(raw: Any, name: str = "<definition>", *, languages: bool = True, valid: bool = False) -> LoadResult:
    """Validate parsed JSON against the schema and the semantic rules, then freeze it.

    `languages`: whether a text missing in a declared language is a problem (it is not when the
    translations come from catalogues, which report their own). `valid`: `raw` is known to fit
    the schema (the Japanese was checked, and translations only add strings to its texts).
    """
    if not valid:
        problems = [Problem(name, pointer, message) for pointer, message in schema_errors(raw)]
        problems += [Problem(name, pointer, message) for pointer, message in period_problems(raw)]
        problems += [Problem(name, pointer, message) for pointer, message in retention_problems(raw)]
        if problems:
            return LoadResult(None, problems)
    definition = build(raw)
    problems = [Problem(name, pointer, message) for pointer, message in lint(definition, languages=languages)]
    return LoadResult(None if problems else definition, problems)


def schema_errors(raw: Any) -> list[tuple[str, str]]:
    """Return (pointer, message) for every schema error, in document order, each once."""
    found: list[tuple[str, str]] = []
    for error in _validator().iter_errors(raw):
        found.extend(item for item in explain(error) if item not in found)
    return sorted(found, key=lambda item: _document_order(item[0]))


def _document_order(pointer: str) -> list[tuple[int, int | str]]:
    """Sort key of a JSON pointer: list indexes as numbers (/pages/2 before /pages/10)."""
    return [(0, int(part)) if part.isdecimal() else (1, part) for part in pointer.split("/")[1:]]


def build(raw: dict[str, Any]) -> FormDefinition:
    """Turn schema-valid JSON into frozen definition objects."""
    source = canonical(raw)
    pages = tuple(_page(p, f"/pages/{i}") for i, p in enumerate(raw["pages"]))
    opens_at, closes_at = bounds(raw)
    return FormDefinition(
        slug=raw["slug"],
        version=raw["version"],
        title=Text.of(raw["title"]),
        department=raw["department"],
        languages=tuple(raw.get("languages", ["ja"])),
        pages=pages,
        description=Text.of(raw.get("description")),
        next_steps=Text.of(raw.get("next_steps")),
        contact=Text.of(raw.get("contact")),
        before_you_start=tuple(Text.of(t) for t in raw.get("before_you_start", [])),
        duration_minutes=raw.get("duration_minutes"),
        fee=Text.of(raw.get("fee")),
        life_events=tuple(raw.get("life_events", [])),
        keywords=tuple(Text.of(t) for t in raw.get("keywords", [])),
        retention_days=retention_days(raw),
        opens_at=opens_at,
        closes_at=closes_at,
        max_submissions=raw.get("max_submissions"),
        source=source,
        hash=hashlib.sha256(source.encode("utf-8")).hexdigest(),
    )


def retention_days(raw: dict[str, Any]) -> int | None:
    """Days to keep a closed submission: `retention_days`, or `retention_years` as days that
    cover that many calendar years whatever leap days fall in them (5 years: 1,827 days)."""
    if (years := raw.get("retention_years")) is not None:
        return years * 365 + (years + 3) // 4
    return raw.get("retention_days")


def retention_problems(raw: Any) -> list[tuple[str, str]]:
    if isinstance(raw, dict) and "retention_days" in raw and "retention_years" in raw:
        return [("/retention_years", "give retention_days or retention_years, not both")]
    return []


def _page(raw: dict[str, Any], pointer: str) -> Page:
    return Page(
        id=raw["id"],
        title=Text.of(raw["title"]),
        help=Text.of(raw.get("help")),
        when=freeze(raw.get("when")),
        fields=tuple(_field(f, f"{pointer}/fields/{i}") for i, f in enumerate(raw["fields"])),
        exits=tuple(_exit(e, f"{pointer}/exits/{i}") for i, e in enumerate(raw.get("exits", []))),
    )


def _exit(raw: dict[str, Any], pointer: str) -> Exit:
    contact = Text.of(raw.get("contact"))
    return Exit(raw["id"], freeze(raw["when"]), Text.of(raw["title"]), Text.of(raw["body"]), contact, pointer)


def _field(raw: dict[str, Any], pointer: str) -> Field:
    schema = REGISTRY[raw["type"]].options_schema
    options = {
        key: _option(schema.get(key), value, f"{pointer}/{key}") for key, value in raw.items() if key not in COMMON_KEYS
    }
    return Field(
        name=raw["name"],
        type=raw["type"],
        label=Text.of(raw["label"]),
        noun=Text.of(raw.get("noun")),
        help=Text.of(raw.get("help")),
        required=bool(raw.get("required", False)),
        when=freeze(raw.get("when")),
        choices=tuple(
            Choice(c["value"], Text.of(c["label"]), exclusive=bool(c.get("exclusive"))) for c in raw.get("choices", [])
        ),
        options=MappingProxyType(options),
        messages=MappingProxyType({k: Text.of(v) for k, v in raw.get("messages", {}).items()}),
        pointer=pointer,
        checks=tuple(
            Check(freeze(c["rule"]), Text.of(c["message"]), f"{pointer}/checks/{i}")
            for i, c in enumerate(raw.get("checks", []))
        ),
    )


def _option(schema: Any, value: Any, pointer: str) -> Any:
    """Build one option of a field: texts as Text, nested fields (a group's items) as Fields."""
    if schema == TEXT or (isinstance(schema, dict) and schema.get("$ref") == TEXT["$ref"]):
        return Text.of(value)
    if schema == UNIT:  # a text, or plural forms per language
        return build_unit(value)
    if isinstance(schema, dict) and schema.get("items") == FIELDS["items"]:
        return tuple(_field(item, f"{pointer}/{index}") for index, item in enumerate(value))
    return freeze(value)
