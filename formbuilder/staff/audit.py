"""The audit log: every sign-in, failed sign-in, view, download, export and status change."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from flask import current_app, has_request_context, request

from ..extensions import db
from .models import AuditEvent, StaffAccount


def record(action: str, account: StaffAccount | None = None, *, login: str = "", target: str = "") -> None:
    """Add an event to the session (the caller commits with the change it records)."""
    address = (request.remote_addr or "") if has_request_context() else "cli"
    db.session.add(
        AuditEvent(
            account_id=account.id if account is not None else None,
            login=(account.login if account is not None else login)[:64],
            action=action,
            target=target[:128],
            address=address[:64],
        )
    )


def record_after_read(action: str, account: StaffAccount, *, target: str = "") -> None:
    """In a GET: end the read, then write the event in a transaction of its own, committed.

    On SQLite a GET's transaction is deferred (storage/database.py), and a deferred
    transaction that has read cannot take the write lock once another writer committed
    meanwhile ("database is locked"); one whose first statement writes waits for the lock.
    """
    if has_request_context() and request.method == "HEAD":
        return  # no body goes out: nothing was viewed or downloaded
    account_id, login = account.id, account.login
    db.session.commit()
    db.session.add(
        AuditEvent(
            account_id=account_id,
            login=login[:64],
            action=action,
            target=target[:128],
            address=((request.remote_addr or "") if has_request_context() else "cli")[:64],
        )
    )
    db.session.commit()


def unknown_login(typed: str) -> str:
    """How a sign-in with a login that does not exist is recorded: 不明: and a keyed hash.

    What was typed is often a password typed into the wrong box, so it is never stored. The
    same text gives the same hash (HMAC-SHA-256 under the app's secret key, 64 bits shown), so
    repeated tries of one name can still be told apart from others; without the key the hash
    cannot be checked against guesses.
    """
    name = unicodedata.normalize("NFKC", typed).strip().lower()
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"audit unknown login", hashlib.sha256).digest()
    return "不明:" + hmac.new(key, name.encode(), hashlib.sha256).hexdigest()[:16]
