"""REL-01: SQLite made safe for several writers (WAL, synchronous=FULL, BEGIN IMMEDIATE, busy timeout)."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from formbuilder.extensions import db
from formbuilder.storage.models import Draft

WRITERS = 4


def _pragma(app, name: str):
    with app.app_context():
        return db.session.execute(sa.text(f"PRAGMA {name}")).scalar()


def test_sqlite_runs_in_wal_with_full_sync_foreign_keys_and_a_busy_timeout(app):
    assert _pragma(app, "journal_mode") == "wal"
    assert _pragma(app, "synchronous") == 2, "FULL: NORMAL may lose the last commits on power loss"
    assert _pragma(app, "foreign_keys") == 1
    assert 5000 <= _pragma(app, "busy_timeout") <= 10000


def test_every_pooled_connection_gets_the_same_settings(app):
    with app.app_context():
        connections = [db.engine.raw_connection() for _ in range(3)]
        try:
            for connection in connections:
                cursor = connection.cursor()
                settings = [cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("synchronous", "foreign_keys")]
                assert settings == [2, 1]
                assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
                cursor.close()
        finally:
            for connection in connections:
                connection.close()


def _draft(index: int) -> Draft:
    return Draft(
        token_hash=f"{index:064d}",
        form_slug="water-supply-start",
        answers={},
        reached=[],
        language="ja",
        submit_token=f"token-{index}",
        expires_at=datetime.now(UTC) + timedelta(hours=1),
    )


def test_four_writers_that_read_then_write_all_commit_one_after_another(app):
    """Deferred transactions would fail at once with "database is locked"; IMMEDIATE ones queue."""
    barrier = threading.Barrier(WRITERS)
    seen: list[int | None] = [None] * WRITERS
    failures: list[BaseException] = []

    def write(index: int) -> None:
        try:
            with app.app_context():
                barrier.wait()
                seen[index] = db.session.scalar(sa.select(sa.func.count()).select_from(Draft))
                time.sleep(0.05)  # hold the transaction open while the others arrive
                db.session.add(_draft(index))
                db.session.commit()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sorted(seen) == list(range(WRITERS)), "each writer saw the commits of those before it"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Draft)) == WRITERS


def test_foreign_keys_are_enforced(app):
    with app.app_context():
        draft = _draft(1)
        draft.submission_id = 999
        db.session.add(draft)
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            db.session.rollback()
        else:
            raise AssertionError("a draft pointing at no submission was stored")


def test_without_begin_immediate_the_same_writers_fail_at_once(app, tmp_path):
    """The control experiment: plain deferred transactions lose writes despite the busy timeout."""
    path = tmp_path / "control.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    setup.commit()
    setup.close()
    barrier = threading.Barrier(WRITERS)
    failures: list[str] = []

    def write() -> None:
        connection = sqlite3.connect(path, timeout=10, check_same_thread=False)
        try:
            barrier.wait()
            connection.execute("BEGIN")
            connection.execute("SELECT count(*) FROM t").fetchone()
            time.sleep(0.05)
            connection.execute("INSERT INTO t DEFAULT VALUES")
            connection.commit()
        except sqlite3.OperationalError as exc:
            failures.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures and set(failures) == {"database is locked"}


def test_a_page_view_does_not_wait_for_a_writer_and_takes_no_write_lock(app, client, database_url):
    """GETs read in deferred transactions: a writer holding the lock does not hold them up, and
    a page being rendered does not hold up a writer (SQLite's lock is for the whole file)."""
    from tests.support import Citizen, water_answers

    citizen = Citizen(client, "water-supply-start")
    citizen.start()
    first = next(iter(water_answers()))
    writer = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0.1, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another worker in the middle of a submission
        started = time.monotonic()
        response = client.get(f"/forms/water-supply-start/pages/{first}")
        assert response.status_code == 200
        assert time.monotonic() - started < 5  # the busy timeout is 10 s: it did not wait for the lock
        writer.execute("ROLLBACK")
        with app.test_request_context("/forms/water-supply-start", method="GET"):
            db.session.execute(sa.text("SELECT 1"))
            writer.execute("BEGIN IMMEDIATE")  # would fail at once (timeout 0.1 s) behind a write lock
            writer.execute("ROLLBACK")
            db.session.remove()
    finally:
        writer.close()
