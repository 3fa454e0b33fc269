"""Server-side staff sessions: a random token in the signed cookie, its hash in the database.

Flask-Login keeps the token as the user id. A session ends on logout, after STAFF_IDLE_MINUTES
without a request, after STAFF_ABSOLUTE_HOURS in all, or when the account is disabled or reset;
an ended session can never be used again, whatever the browser still holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app, request
from sqlalchemy import select, update

from ..extensions import db
from ..flows.secrets import digest, new_token
from ..storage.clock import as_utc
from .models import StaffAccount, StaffSession

TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most once a minute


@dataclass
class SignedIn:
    """The object Flask-Login calls the current user: an account and the session it came with."""

    account: StaffAccount
    session: StaffSession
    token: str
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> str:
        return self.token


def open_for(account: StaffAccount) -> str:
    """Start a session for `account` and return its token (the caller commits)."""
    token = new_token()
    db.session.add(
        StaffSession(token_hash=digest(token), account_id=account.id, address=(request.remote_addr or "")[:64])
    )
    return token


def find(token: str) -> SignedIn | None:
    """Return the live session of `token`, ending it when it has timed out."""
    row = db.session.scalars(select(StaffSession).where(StaffSession.token_hash == digest(token))).first()
    if row is None or row.ended_at is not None:
        return None
    account = db.session.get(StaffAccount, row.account_id)
    now = datetime.now(UTC)
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
    absolute = timedelta(hours=current_app.config["STAFF_ABSOLUTE_HOURS"])
    if (
        account is None
        or not account.active
        or now - as_utc(row.last_seen) > idle
        or now - as_utc(row.created_at) > absolute
    ):
        _write_after_read(row.id, ended_at=now)
        return None
    if now - as_utc(row.last_seen) > TOUCH_EVERY:
        _write_after_read(row.id, last_seen=now)
    return SignedIn(account, row, token)


def _write_after_read(session_id: int, **values: datetime) -> None:
    """Change a session row in a transaction whose first statement writes.

    Every request looks its session up first; on SQLite a GET's transaction is deferred and,
    having read, could not take the write lock after another writer's commit (see
    storage/database.py). Ending the read first lets the write wait for the lock instead.
    """
    db.session.commit()
    db.session.execute(update(StaffSession).where(StaffSession.id == session_id).values(**values))
    db.session.commit()


def end(signed_in: SignedIn) -> None:
    signed_in.session.ended_at = datetime.now(UTC)
