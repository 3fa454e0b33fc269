"""The served catalogue: a broken file is logged at start-up and left out, the others are served."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from formbuilder import create_app
from formbuilder.definitions.catalogue import definition_paths, from_source, load_catalogue
from tests.conftest import SHIPPED_FORMS, base_config, copy_shipped

GOOD = "water-supply-start"
BROKEN = Path(__file__).resolve().parent.parent / "fixtures" / "broken"


@pytest.fixture
def forms_dir(tmp_path: Path) -> Path:
    """One good definition and one with a rule that looks at an unknown field."""
    folder = tmp_path / "forms"
    folder.mkdir()
    copy_shipped(GOOD, folder)
    shutil.copy(BROKEN / "rule-unknown-field.json", folder)
    return folder


def test_broken_file_is_logged_at_start_up_with_its_pointer(tmp_path, database_url, forms_dir, caplog):
    # The app is made here, not by the `app` fixture: Alembic's logging set-up, run once
    # by the session's migration fixture, would drop the records of a setup phase.
    with caplog.at_level(logging.ERROR, logger="formbuilder.definitions.catalogue"):
        create_app(base_config(tmp_path / "instance", forms_dir, database_url))
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"form definition not served: {forms_dir / 'rule-unknown-field.json'}: "
        "/pages/1/fields/0/when/field: rule refers to unknown field 'usage_type'"
    ]


def test_broken_file_is_not_served_and_the_good_one_is(app, client):
    catalogue = app.extensions["formbuilder.catalogue"]
    assert [d.slug for d in catalogue.listed()] == [GOOD]
    assert [p.pointer for p in catalogue.problems] == ["/pages/1/fields/0/when/field"]
    assert client.get(f"/forms/{GOOD}").status_code == 200
    assert client.get("/forms/rule-unknown-field").status_code == 404
    assert "rule-unknown-field" not in client.get("/").get_data(as_text=True)


def test_files_starting_with_underscore_are_ignored(tmp_path: Path):
    shutil.copy(SHIPPED_FORMS / f"{GOOD}.json", tmp_path / f"_{GOOD}.json")
    (tmp_path / "notes.txt").write_text("not a definition", encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.forms == {} and catalogue.problems == []


def test_every_shipped_definition_is_served():
    catalogue = load_catalogue(SHIPPED_FORMS)
    assert catalogue.problems == []
    assert sorted(catalogue.forms) == sorted(p.stem for p in definition_paths(SHIPPED_FORMS))


def test_stored_source_rebuilds_the_same_definition():
    definition = load_catalogue(SHIPPED_FORMS).get(GOOD)
    assert definition is not None
    rebuilt = from_source(definition.source)
    assert rebuilt.hash == definition.hash
    assert rebuilt.pages == definition.pages
    assert json.loads(definition.source)["slug"] == GOOD
