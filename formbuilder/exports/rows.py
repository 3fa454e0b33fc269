"""The submissions of one form as a query, and a stream of its rows at flat memory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.engine import RowMapping

from ..storage.database import read_connection
from ..storage.models import Submission

BATCH_ROWS = 1000


def submission_rows(
    slug: str,
    since: datetime | None = None,
    until: datetime | None = None,
    statuses: tuple[str, ...] = (),
) -> Select:
    """Return the query of a form's submissions, oldest first; since inclusive, until exclusive.

    Bounds are compared in UTC: SQLite keeps timestamps as UTC text without an offset
    and would compare a Japan-time bound's wall clock as if it were UTC. Callers may
    narrow the query further with `.where(...)`.
    """
    table = Submission.__table__
    query = select(table.c.reference, table.c.submitted_at, table.c.status, table.c.answers).where(
        table.c.form_slug == slug
    )
    if since is not None:
        query = query.where(table.c.submitted_at >= _utc(since))
    if until is not None:
        query = query.where(table.c.submitted_at < _utc(until))
    if statuses:
        query = query.where(table.c.status.in_(statuses))
    return query.order_by(table.c.submitted_at, table.c.id)


def stream_rows(query: Select, batch: int = BATCH_ROWS) -> Iterator[RowMapping]:
    """Yield the query's rows a batch at a time (a server-side cursor on PostgreSQL).

    The connection is opened here, when the first row is asked for, and not from the
    request's session: Flask closes that session as soon as a streaming view returns.
    """
    with read_connection() as connection:
        result = connection.execution_options(yield_per=batch).execute(query)
        yield from result.mappings()


def as_utc(moment: datetime) -> datetime:
    """Return a stored timestamp as aware UTC (SQLite gives it back without an offset)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("export bounds must be timezone-aware")
    return moment.astimezone(UTC)
