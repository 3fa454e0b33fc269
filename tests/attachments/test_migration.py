"""Migration 0002 creates exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Table, inspect

from formbuilder.extensions import db

OURS = {"attachments", "attachment_blobs"}


def _tables(diff) -> set[str]:
    """The tables an autogenerate diff entry mentions (tuples, or lists of tuples for columns)."""
    found = set()
    for op in diff if isinstance(diff, list) else [diff]:
        for item in op[1:]:
            if isinstance(item, str):
                found.add(item)
            elif isinstance(item, Table):
                found.add(item.name)
            elif getattr(item, "table", None) is not None:
                found.add(item.table.name)
    return found


@pytest.mark.both_databases
def test_migrated_attachment_tables_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= OURS
        diffs = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert [d for d in diffs if _tables(d) & OURS] == []


@pytest.mark.both_databases
def test_deleting_a_draft_or_submission_leaves_its_attachments_ownerless(app):
    """The foreign keys are ON DELETE SET NULL on both databases (SQLite: foreign_keys=ON)."""
    with app.app_context(), db.engine.connect() as conn:
        keys = inspect(conn).get_foreign_keys("attachments")
    assert {(k["referred_table"], k["options"].get("ondelete")) for k in keys} == {
        ("drafts", "SET NULL"),
        ("submissions", "SET NULL"),
    }
