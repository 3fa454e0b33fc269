"""The instance folder, the SQLite file (with its WAL), attachments and the secret key: owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from flask_migrate import upgrade

from formbuilder import create_app
from formbuilder.extensions import db
from tests.conftest import SHIPPED_FORMS, base_config
from tests.flows.journeys import submit_water


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request):
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def _fresh_app(instance: Path):
    config = base_config(instance, SHIPPED_FORMS, f"sqlite:///{instance / 'formbuilder.sqlite3'}")
    config.pop("SECRET_KEY")  # made on first start, as `make run` does
    return create_app(config)


def _installed(instance: Path):
    """A new installation, migrated as `make run` does."""
    app = _fresh_app(instance)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return app


def test_a_new_installation_keeps_everything_to_its_owner(tmp_path, umask):
    instance = tmp_path / "instance"
    app = _installed(instance)
    submit_water(app.test_client())  # a write: SQLite makes its -wal and -shm files now
    database = instance / "formbuilder.sqlite3"
    assert _mode(instance) == 0o700
    assert _mode(instance / "attachments") == 0o700
    assert _mode(instance / "secret_key") == 0o600
    assert _mode(database) == 0o600
    side_files = [p for p in instance.iterdir() if p.name.startswith("formbuilder.sqlite3-")]
    assert side_files, "expected the WAL files of a database in WAL mode"
    for path in side_files:
        assert _mode(path) == 0o600, path


def test_an_installation_made_with_loose_permissions_is_tightened_on_start(tmp_path, umask):
    instance = tmp_path / "instance"
    _installed(instance)
    database = instance / "formbuilder.sqlite3"
    for path, loose in ((instance, 0o755), (instance / "attachments", 0o755), (database, 0o644)):
        os.chmod(path, loose)
    os.chmod(instance / "secret_key", 0o644)
    _fresh_app(instance)
    assert (_mode(instance), _mode(instance / "attachments")) == (0o700, 0o700)
    assert (_mode(database), _mode(instance / "secret_key")) == (0o600, 0o600)
