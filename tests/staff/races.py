"""Helpers of the status-race tests: forms posted as the page had them, two requests at once, counts."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from formbuilder.api.models import Webhook, WebhookDelivery
from formbuilder.extensions import db
from formbuilder.staff.models import AuditEvent
from formbuilder.storage.models import StatusChange, Submission
from tests.support import CSRF

SEEN = re.compile(r'name="seen" value="([^"]*)"')
WATER = "water-supply-start"


def page_form(page) -> dict[str, str]:
    """The hidden fields a browser would post back from this page: CSRF token and the status shown."""
    html = page.get_data(as_text=True)
    seen = SEEN.search(html)
    return {"csrf_token": CSRF.search(html).group(1), "seen": seen.group(1) if seen else ""}


def hook(app, slug: str = WATER) -> None:
    """Give the form an enabled webhook, so each status change queues one outbox row."""
    with app.app_context():
        db.session.add(Webhook(form_slug=slug, url="http://127.0.0.1:9/hook", secret="s" * 32, enabled=True))
        db.session.commit()


def written(app, reference: str) -> dict[str, list]:
    """What the database holds about the submission's status: the row, its history, outbox and audit."""
    with app.app_context():
        row = db.session.scalars(sa.select(Submission).where(Submission.reference == reference)).one()
        history = db.session.scalars(sa.select(StatusChange).where(StatusChange.submission_id == row.id))
        outbox = db.session.scalars(
            sa.select(WebhookDelivery.event).where(
                WebhookDelivery.submission_id == row.id, WebhookDelivery.event == "submission.status_changed"
            )
        )
        audit = db.session.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.action.in_(("status_change", "withdrawn", "api_status_change")))
            .order_by(AuditEvent.id)
        )
        return {
            "status": [row.status],
            "moves": [(c.from_status, c.to_status) for c in history],
            "outbox": list(outbox),
            "audit": list(audit),
        }


@contextmanager
def row_held(database_url: str, reference: str) -> Iterator[Callable[[int], None]]:
    """Hold the submission's row lock in a connection of the test (PostgreSQL).

    Both requests then read the row and reach their write, where they wait; the test releases
    the lock when `wait_for(n)` saw n of them waiting, so the two writes really meet.
    """
    engine = sa.create_engine(database_url)
    holder = engine.connect()
    held = holder.begin()
    holder.execute(sa.text("SELECT id FROM submissions WHERE reference = :r FOR UPDATE"), {"r": reference})
    watcher = engine.connect()

    def wait_for(waiting: int) -> None:
        deadline = time.monotonic() + 30
        query = sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        while time.monotonic() < deadline:
            if watcher.execute(query).scalar() >= waiting:
                return
            watcher.rollback()
            time.sleep(0.05)
        raise AssertionError(f"fewer than {waiting} requests reached their write")

    try:
        yield wait_for
    finally:
        held.rollback()
        holder.close()
        watcher.close()
        engine.dispose()


def at_once(*requests: Callable[[], object]) -> tuple[list[object], Callable[[], None]]:
    """Start the requests in threads that pass a Barrier together; return their results and a join."""
    barrier = threading.Barrier(len(requests))
    results: list[object] = [None] * len(requests)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = requests[index]()
        except Exception as exc:  # reported by the test, not lost in the thread
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()

    def join() -> None:
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "a request never finished"

    return results, join
