"""Bind field types to a throwaway one-page form and evaluate typed inputs as a page post would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, render_template_string

from formbuilder import create_app
from formbuilder.definitions.loader import load_data
from formbuilder.definitions.model import FormDefinition
from formbuilder.fields import REGISTRY
from formbuilder.flows.answers import PageResult, evaluate_page
from tests.conftest import base_config


@pytest.fixture(scope="module")
def field_app(tmp_path_factory) -> Iterator[Flask]:
    """An app with no forms, inside a Japanese request (messages need Babel)."""
    folder = tmp_path_factory.mktemp("field-types")
    (folder / "forms").mkdir()
    app = create_app(base_config(folder, folder / "forms", f"sqlite:///{folder / 'unused.sqlite3'}"))
    with app.test_request_context("/?lang=ja"):
        yield app


def form_of(*fields: dict[str, Any], languages: tuple[str, ...] = ("ja",)) -> FormDefinition:
    """Return a one-page definition holding `fields`; fail with the loader's problems if invalid."""
    raw = {
        "slug": "field-test",
        "version": "1",
        "title": "テスト",
        "department": "test",
        "languages": list(languages),
        "pages": [{"id": "page", "title": "テスト", "fields": list(fields)}],
    }
    result = load_data(raw)
    assert result.definition is not None, [str(p) for p in result.problems]
    return result.definition


def post(definition: FormDefinition, typed: dict[str, str], earlier: dict[str, Any] | None = None) -> PageResult:
    """Evaluate the only page of `definition` against typed inputs (input name → string)."""
    raw = {name: [value] for name, value in typed.items()}
    return evaluate_page(definition.pages[0], raw, earlier or {})


def outcome(definition: FormDefinition, typed: dict[str, str], earlier: dict[str, Any] | None = None) -> Any:
    """Return the stored value of the page's first field, or its error messages joined."""
    result = post(definition, typed, earlier)
    name = definition.pages[0].fields[0].name
    if name in result.errors:
        return " ".join(result.errors[name])
    return result.values.get(name)


def render(field_def: dict, typed: dict[str, str] | None = None, errors: bool = False) -> str:
    """The field's HTML partial after posting `typed`, with its messages when `errors`."""
    form = form_of(field_def)
    result = post(form, typed or {})
    field = form.pages[0].fields[0]
    return render_template_string(
        "{% include ftype.template %}",
        field=field,
        ftype=REGISTRY[field.type],
        wt=result.form[field.name],
        errors=result.errors.get(field.name, []) if errors else [],
    )
