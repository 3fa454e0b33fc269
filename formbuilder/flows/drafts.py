"""Drafts: answers in progress kept server-side, found by the token in the citizen's cookie."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..storage.clock import as_utc
from ..storage.database import affected
from ..storage.models import Draft
from .secrets import digest, new_token, seal, unseal


def _expiry() -> datetime:
    return datetime.now(UTC) + timedelta(hours=current_app.config["DRAFT_LIFETIME_HOURS"])


def find(token: str | None, slug: str, for_update: bool = False) -> Draft | None:
    """Return the live draft of `slug` for this cookie token, if any."""
    if not token:
        return None
    query = select(Draft).where(Draft.token_hash == digest(token), Draft.form_slug == slug)
    if for_update:
        query = query.with_for_update()
    draft = db.session.scalars(query).first()
    if draft is None or as_utc(draft.expires_at) < datetime.now(UTC):
        return None
    return draft


def start(token: str, slug: str, language: str) -> Draft:
    """Begin a fresh draft of `slug`, replacing any earlier one for this token."""
    db.session.execute(delete(Draft).where(Draft.token_hash == digest(token), Draft.form_slug == slug))
    draft = Draft(
        token_hash=digest(token),
        form_slug=slug,
        answers={},
        reached=[],
        language=language,
        submit_token=new_token(),
        expires_at=_expiry(),
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def save(draft: Draft, answers: dict[str, list[str]], reached: list[str] | None = None) -> None:
    """Merge typed answers into the draft and push its expiry back."""
    draft.answers = {**(draft.answers or {}), **answers}
    if reached is not None:
        draft.reached = reached
    draft.expires_at = _expiry()
    db.session.commit()


def secret_of(draft: Draft, token: str | None) -> str | None:
    """Return the access secret of the draft's submission, unsealed with the browser's token."""
    return unseal(draft.secret, token, draft.submit_token)


def rekey(old: str, new: str) -> int:
    """Move the drafts of token `old` to token `new`, resealing any secret they keep; return how many."""
    moved = db.session.scalars(select(Draft).where(Draft.token_hash == digest(old))).all()
    for draft in moved:
        if draft.secret:
            opened = unseal(draft.secret, old, draft.submit_token)
            draft.secret = seal(opened, new, draft.submit_token) if opened else None
        draft.token_hash = digest(new)
    if moved:
        db.session.commit()
    return len(moved)


def purge_expired(now: datetime | None = None) -> int:
    """Delete drafts past their expiry; return how many."""
    count = affected(delete(Draft).where(Draft.expires_at < (now or datetime.now(UTC))))
    db.session.commit()
    return count
