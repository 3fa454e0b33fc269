"""`flask db upgrade` on an empty database builds exactly the tables the models describe."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from formbuilder import create_app
from formbuilder.extensions import db
from tests.flows.journeys import dispose

PG_ADMIN_URL = os.environ.get("FORMBUILDER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SHIPPED_FORMS = Path(__file__).resolve().parents[2] / "form_definitions"


@pytest.fixture
def empty_database(backend, tmp_path) -> Iterator[str]:
    """A database with no tables at all: a new SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:
        if os.environ.get("FORMBUILDER_REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL required but unreachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}")
    name = f"fbmigrate_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield re.sub(r"/[^/]+$", f"/{name}", PG_ADMIN_URL)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.both_databases
def test_upgrade_of_an_empty_database_matches_the_models(empty_database, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(tmp_path),
            "SQLALCHEMY_DATABASE_URI": empty_database,
            "FORM_DEFINITIONS_DIR": str(SHIPPED_FORMS),
        }
    )
    try:
        with app.app_context():
            assert sa.inspect(db.engine).get_table_names() == []
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context(), db.engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names())
            assert tables == {*db.metadata.tables, "alembic_version"}
            assert {"drafts", "form_versions", "submissions"} <= tables
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
            assert context.get_current_revision() is not None
        again = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert again.exit_code == 0, again.output
    finally:
        dispose(app)
