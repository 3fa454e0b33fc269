"""API tokens: made once and shown once, kept as a SHA-256, recognised by a short prefix.

A token is `fbk_` + 43 URL-safe characters (32 random bytes). Its first 12 characters are the
prefix shown in lists and used to revoke it; the rest never leaves the moment of creation.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from ..extensions import db
from ..staff import audit
from ..staff.models import StaffAccount
from .models import PERMISSIONS, ApiToken

SCHEME = "fbk_"
PREFIX_LENGTH = 12
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
DEPARTMENT = re.compile(r"[a-z0-9_-]{1,64}")


class TokenError(ValueError):
    """The token cannot be made or revoked as asked; the message says why."""


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    secret: str  # the whole token: shown once, never stored


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def create(
    name: str, departments: list[str], permission: str, *, by: StaffAccount | None = None, by_login: str = "cli"
) -> Issued:
    """Make a token, record who made it, commit, and return it with its one-time secret."""
    departments = sorted({d.strip() for d in departments if d.strip()})
    if not NAME.fullmatch(name):
        raise TokenError("名前は半角英数字で始まり、半角英数字・「_」「.」「-」の64文字以内にしてください。")
    if not departments or not all(DEPARTMENT.fullmatch(d) for d in departments):
        raise TokenError("部署を1つ以上、半角英小文字・数字・「_」「-」で指定してください。")
    if permission not in PERMISSIONS:
        raise TokenError("権限は read か read+status です。")
    if db.session.scalars(select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))).first():
        raise TokenError(f"名前「{name}」の有効なトークンがすでにあります。")
    secret = SCHEME + secrets.token_urlsafe(32)
    row = ApiToken(
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=digest(secret),
        departments=departments,
        permission=permission,
        created_by=by.login if by is not None else by_login,
        created_by_id=by.id if by is not None else None,
    )
    db.session.add(row)
    audit.record("api_token_created", by, login=by_login, target=f"{name} {row.prefix}")
    db.session.commit()
    return Issued(row, secret)


def revoke(prefix: str, *, by: StaffAccount | None = None, by_login: str = "cli") -> ApiToken:
    """Revoke the token with this prefix (at once: its next request gets a 401), committing."""
    row = db.session.scalars(select(ApiToken).where(ApiToken.prefix == prefix)).first()
    if row is None:
        raise TokenError(f"トークン {prefix} はありません。")
    if row.revoked_at is not None:
        raise TokenError(f"トークン {prefix} はすでに無効です。")
    row.revoked_at = datetime.now(UTC)
    audit.record("api_token_revoked", by, login=by_login, target=f"{row.name} {row.prefix}")
    db.session.commit()
    return row


def find(header: str | None) -> ApiToken | None:
    """The live token named by an `Authorization: Bearer …` header, or None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value.startswith(SCHEME) or len(value) > 200:
        return None
    row = db.session.scalars(select(ApiToken).where(ApiToken.token_hash == digest(value))).first()
    if row is None or row.revoked_at is not None:
        return None
    return row


def listed() -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id)))
