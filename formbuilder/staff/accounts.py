"""Creating, disabling and resetting staff accounts; checking a password with a lock-out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from ..extensions import db
from ..storage.clock import as_utc
from . import audit, passwords, totp
from .models import ROLES, StaffAccount, StaffSession


class AccountError(ValueError):
    """A command asked for something impossible (unknown login, bad role)."""


@dataclass(frozen=True)
class Issued:
    """What a new or reset account's owner needs once: a temporary password."""

    account: StaffAccount
    password: str


def by_login(login: str) -> StaffAccount | None:
    return db.session.scalars(select(StaffAccount).where(StaffAccount.login == login.strip().lower())).first()


def create(login: str, display_name: str, role: str, departments: list[str]) -> Issued:
    """Add an account with a temporary password; TOTP is enrolled at first sign-in."""
    login = login.strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not login or by_login(login) is not None:
        raise AccountError(f"login {login!r} is empty or taken")
    if role != "admin" and not departments:
        raise AccountError("staff and viewers need at least one --department")
    password = passwords.temporary_password()
    account = StaffAccount(
        login=login,
        display_name=display_name or login,
        role=role,
        departments=sorted(set(departments)),
        password_hash=passwords.hash_password(password),
        must_change_password=True,
        last_totp_step=0,
        failed_logins=0,
        active=True,
    )
    db.session.add(account)
    db.session.flush()
    audit.record("account_created", account, target=f"role={role}")
    db.session.commit()
    return Issued(account, password)


def disable(login: str) -> StaffAccount:
    """Disable an account and end every session it has, at once."""
    account = _existing(login)
    account.active = False
    end_sessions(account)
    audit.record("account_disabled", account)
    db.session.commit()
    return account


def allow_my_number(login: str, allowed: bool) -> StaffAccount:
    """Let an account read My Number (個人番号) unmasked, or take that away."""
    account = _existing(login)
    account.may_unmask = allowed
    audit.record("my_number_allowed" if allowed else "my_number_denied", account)
    db.session.commit()
    return account


def reset(login: str) -> Issued:
    """New temporary password, TOTP to enrol again, lock lifted, sessions ended."""
    account = _existing(login)
    password = passwords.temporary_password()
    account.password_hash = passwords.hash_password(password)
    account.must_change_password = True
    account.totp_secret = None
    account.pending_totp_secret = None
    account.last_totp_step = 0
    account.failed_logins = 0
    account.locked_until = None
    account.active = True
    end_sessions(account)
    audit.record("account_reset", account)
    db.session.commit()
    return Issued(account, password)


def end_sessions(account: StaffAccount) -> None:
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.account_id == account.id, StaffSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )


def check_password(login: str, password: str) -> StaffAccount | None:
    """Return the account when the password is right and the account may sign in; audit either way.

    After STAFF_MAX_FAILURES wrong passwords in a row the account is locked for
    STAFF_LOCK_MINUTES, whatever is typed meanwhile (the right password included).
    """
    account = by_login(login)
    now = datetime.now(UTC)
    right = passwords.check_password(account.password_hash if account else None, password)
    if account is None:
        audit.record("login_failed", login=login.strip().lower(), target="unknown login")
        db.session.commit()
        return None
    if not account.active or (account.locked_until and as_utc(account.locked_until) > now):
        audit.record("login_failed", account, target="disabled" if not account.active else "locked")
        db.session.commit()
        return None
    if not right:
        account.failed_logins += 1
        if account.failed_logins >= current_app.config["STAFF_MAX_FAILURES"]:
            account.locked_until = now + timedelta(minutes=current_app.config["STAFF_LOCK_MINUTES"])
            account.failed_logins = 0
            audit.record("account_locked", account)
        audit.record("login_failed", account, target="password")
        db.session.commit()
        return None
    return account


def check_code(account: StaffAccount, code: str, secret: str | None = None) -> bool:
    """Accept a TOTP code once; a wrong code counts as a failed sign-in."""
    step = totp.matching_step(secret or account.totp_secret or "", code, account.last_totp_step)
    if step is None:
        account.failed_logins += 1
        if account.failed_logins >= current_app.config["STAFF_MAX_FAILURES"]:
            account.locked_until = datetime.now(UTC) + timedelta(minutes=current_app.config["STAFF_LOCK_MINUTES"])
            account.failed_logins = 0
            audit.record("account_locked", account)
        audit.record("login_failed", account, target="code")
        db.session.commit()
        return False
    account.last_totp_step = step
    account.failed_logins = 0
    return True


def _existing(login: str) -> StaffAccount:
    account = by_login(login)
    if account is None:
        raise AccountError(f"no account {login!r}")
    return account
