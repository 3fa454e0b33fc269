"""Times as stored: always UTC. SQLite gives them back without their zone, which is UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return a stored time with its zone: as it is, or UTC when the database dropped it."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
