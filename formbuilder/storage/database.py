"""Database engine set-up: SQLite made safe for several writers, PostgreSQL as is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, CursorResult, Engine
from sqlalchemy.sql.expression import Executable

from ..extensions import db, migrate

READ_ONLY = "formbuilder_read_only"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL, synchronous=FULL, foreign keys, busy timeout, and writing transactions IMMEDIATE.

    pysqlite's own transaction handling opens deferred transactions, which fail at once
    with "database is locked" when two writers meet; so it is switched off and every
    transaction starts IMMEDIATE, waiting up to the busy timeout for the write lock.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN" if _reads_only(connection) else "BEGIN IMMEDIATE")


def _reads_only(connection: Connection) -> bool:
    """Whether this transaction only reads, so it may stay deferred.

    In WAL mode a deferred transaction never holds the write lock, so readers and writers
    do not wait for each other. Long reads (exports) say so with an execution option; a
    GET, HEAD or OPTIONS request never changes state (a test enumerates the URL map), and
    its session stays open while the page renders: taking the write lock there would make
    every page view of every worker wait in line.
    """
    if connection.get_execution_options().get(READ_ONLY):
        return True
    return has_request_context() and request.method in SAFE_METHODS


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _sqlite_pragmas(db.engine)


def affected(statement: Executable) -> int:
    """Run an UPDATE or DELETE in the request's session and return how many rows it changed."""
    result = cast("CursorResult[Any]", db.session.execute(statement))
    return result.rowcount or 0


@contextmanager
def read_connection() -> Iterator[Connection]:
    """Return a connection for a long read that must not block writers (SQLite: deferred)."""
    with db.engine.connect() as connection:
        connection.execution_options(**{READ_ONLY: True})
        yield connection
