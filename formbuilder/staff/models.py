"""Tables of the staff side: accounts, their sessions, and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..storage.clock import utcnow

ROLES = ("admin", "staff", "viewer")


class StaffAccount(Model):
    """One member of staff. `departments` scopes what a staff member or viewer sees."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    departments: Mapped[list] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Base32 TOTP secret; None until the account has enrolled its authenticator app.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    pending_totp_secret: Mapped[str | None] = mapped_column(String(64))
    last_totp_step: Mapped[int] = mapped_column(Integer, default=0)  # a code is accepted once
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # May read My Number (個人番号) unmasked; each unmasking is audited.
    may_unmask: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffSession(Model):
    """A signed-in browser. Only the hash of its token is stored; ending it ends the session."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    address: Mapped[str] = mapped_column(String(64), default="")


class PendingSignIn(Model):
    """A sign-in whose password was right and whose code (or first password, enrolment) is due.

    The browser holds a random token; only its hash is stored. The row is deleted when the
    sign-in completes and when the account is locked, disabled or reset (staff/pending.py).
    """

    __tablename__ = "staff_pending_sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class AuditEvent(Model):
    """Who did what, when, from where. Never the answers themselves."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id", ondelete="SET NULL"), index=True)
    login: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(128), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
