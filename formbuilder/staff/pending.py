"""Sign-ins half done: the password was right; a first password, the enrolment or the code is due.

The browser holds only a random token (in the signed session cookie); the server keeps its hash,
the account and when the password was right. A half-done sign-in ends when it completes (once:
two requests with one token cannot both finish it), after STAFF_PENDING_MINUTES, and when the
account is locked, disabled or reset: a cookie saved earlier and replayed then finds nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..flows.secrets import digest, new_token
from ..storage.clock import as_utc
from ..storage.database import affected
from .models import PendingSignIn, StaffAccount


def start(account: StaffAccount) -> str:
    """Record that `account` gave the right password; return the token for the browser (caller commits)."""
    stale = (PendingSignIn.account_id == account.id) & (PendingSignIn.created_at < _oldest())
    db.session.execute(delete(PendingSignIn).where(stale))  # the account's own, so writers never cross
    token = new_token()
    db.session.add(PendingSignIn(token_hash=digest(token), account_id=account.id))
    return token


def account_of(token: str | None) -> StaffAccount | None:
    """The account whose half-done sign-in `token` is, while it lasts and the account may sign in."""
    if not token:
        return None
    row = db.session.scalars(select(PendingSignIn).where(PendingSignIn.token_hash == digest(token))).first()
    if row is None or as_utc(row.created_at) < _oldest():
        return None
    account = db.session.get(StaffAccount, row.account_id)
    return account if account is not None and may_sign_in(account) else None


def finish(token: str | None) -> bool:
    """End the half-done sign-in of `token`; False when it had already ended (another request won)."""
    if not token:
        return False
    return affected(delete(PendingSignIn).where(PendingSignIn.token_hash == digest(token))) == 1


def end_for(account: StaffAccount) -> None:
    """End every half-done sign-in of `account` (it was locked, disabled or reset)."""
    db.session.execute(delete(PendingSignIn).where(PendingSignIn.account_id == account.id))


def may_sign_in(account: StaffAccount, now: datetime | None = None) -> bool:
    """Active and not locked."""
    now = now or datetime.now(UTC)
    return account.active and not (account.locked_until is not None and as_utc(account.locked_until) > now)


def _oldest() -> datetime:
    return datetime.now(UTC) - timedelta(minutes=current_app.config["STAFF_PENDING_MINUTES"])
