"""Creating, disabling and resetting staff accounts; checking a password with a lock-out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from ..extensions import db
from ..storage.database import affected
from . import audit, passwords, pending, totp
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


def reset(login: str, enable: bool = False) -> Issued:
    """New temporary password, TOTP to enrol again, lock lifted, sessions ended.

    A disabled account stays disabled unless `enable` says otherwise: a reset is often asked
    for in a hurry, and must not quietly let a leaver back in.
    """
    account = _existing(login)
    password = passwords.temporary_password()
    account.password_hash = passwords.hash_password(password)
    account.must_change_password = True
    account.totp_secret = None
    account.pending_totp_secret = None
    account.last_totp_step = 0
    account.failed_logins = 0
    account.locked_until = None
    enabling = enable and not account.active
    if enable:
        account.active = True
    end_sessions(account)
    audit.record("account_reset", account, target="enabled" if enabling else "")
    db.session.commit()
    return Issued(account, password)


def end_sessions(account: StaffAccount) -> None:
    """End the account's sessions and its half-done sign-ins."""
    pending.end_for(account)
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.account_id == account.id, StaffSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )


def check_password(login: str, password: str) -> StaffAccount | None:
    """Return the account when the password is right and the account may sign in; audit either way.

    After STAFF_MAX_FAILURES wrong passwords or codes in a row the account is locked for
    STAFF_LOCK_MINUTES, whatever is typed meanwhile (the right password included). An unknown
    login is audited as a keyed hash, never as typed: it is often a password in the wrong box.
    """
    account = by_login(login)
    right = passwords.check_password(account.password_hash if account else None, password)
    if account is None:
        audit.record("login_failed", login=audit.unknown_login(login), target="unknown login")
        db.session.commit()
        return None
    if not pending.may_sign_in(account):
        audit.record("login_failed", account, target="disabled" if not account.active else "locked")
        db.session.commit()
        return None
    if not right:
        _count_failure(account, "password")
        return None
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    return account


def check_code(account: StaffAccount, code: str, secret: str | None = None) -> bool:
    """Accept a TOTP code once, for an account that may sign in; a wrong code counts as a failure.

    The step is taken by compare-and-set: of two requests carrying the same code at the same
    moment, the second finds the step already taken (PostgreSQL re-reads the row once the first
    commits; SQLite writes one at a time) and fails.
    """
    if not pending.may_sign_in(account):
        audit.record("login_failed", account, target="disabled" if not account.active else "locked")
        db.session.commit()
        return False
    step = totp.matching_step(secret or account.totp_secret or "", code, account.last_totp_step)
    if step is not None and _take_step(account, step):
        return True
    _count_failure(account, "code")
    return False


def _take_step(account: StaffAccount, step: int) -> bool:
    taken = affected(
        update(StaffAccount)
        .where(
            StaffAccount.id == account.id,
            or_(StaffAccount.last_totp_step.is_(None), StaffAccount.last_totp_step < step),
        )
        .values(last_totp_step=step, failed_logins=0)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(account, ["last_totp_step", "failed_logins"])
    return taken == 1


def _count_failure(account: StaffAccount, what: str) -> None:
    """Count a wrong password or code on the locked row; lock the account at the limit."""
    db.session.refresh(account, with_for_update=True)  # concurrent guesses each count
    account.failed_logins += 1
    if account.failed_logins >= current_app.config["STAFF_MAX_FAILURES"]:
        account.locked_until = datetime.now(UTC) + timedelta(minutes=current_app.config["STAFF_LOCK_MINUTES"])
        account.failed_logins = 0
        pending.end_for(account)
        audit.record("account_locked", account)
    audit.record("login_failed", account, target=what)
    db.session.commit()


def _existing(login: str) -> StaffAccount:
    account = by_login(login)
    if account is None:
        raise AccountError(f"no account {login!r}")
    return account
