"""Retention (保存期間): closed submissions past their form's `retention_days` are deleted.

A submission is closed once it is 完了, 却下 or 取り下げ; its period runs from that moment (its
last status change), so an application still being processed is never deleted however old.
The period is the form's current `retention_days`, or for a form no longer served, that of
its newest stored version; a form without one keeps everything. Each deletion removes the
row, its status history, its files and any draft still holding its answers, in one
transaction, and writes an audit event naming the reference number (never the answers).
Running it again deletes nothing more (REL-08).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from ..attachments import records
from ..definitions.catalogue import from_source
from ..extensions import db
from ..staff import audit
from ..storage.attachment_models import Attachment
from ..storage.clock import as_utc
from ..storage.models import Draft, FormVersion, StatusChange, Submission
from .status import CLOSED

BY = "保存期間"  # the audit log's "who" of a purge: the retention rule, not a person


@dataclass(frozen=True)
class Due:
    """A closed submission whose retention period is over."""

    submission_id: int
    reference: str
    form_slug: str
    closed_at: datetime
    retention_days: int


def retention_days(slug: str) -> int | None:
    """The form's retention period in days, or None to keep its submissions."""
    served = current_app.extensions["formbuilder.catalogue"].get(slug)
    if served is not None:
        return served.retention_days
    source = db.session.scalar(
        select(FormVersion.source).where(FormVersion.slug == slug).order_by(FormVersion.id.desc()).limit(1)
    )
    return from_source(source).retention_days if source else None


def period_text(days: int) -> str:
    """A retention period as staff read it: 「5年（1,825日）」, or 「400日（約1.1年）」."""
    if days >= 365 and days % 365 == 0:
        return f"{days // 365}年（{days:,}日）"
    if days >= 365:
        return f"{days:,}日（約{days / 365:.1f}年）"
    return f"{days:,}日"


def purge_after(submission: Submission) -> datetime | None:
    """When the purge may delete `submission`: None while it is open or its form keeps all."""
    days = retention_days(submission.form_slug)
    if days is None or submission.status not in CLOSED:
        return None
    closed = db.session.scalar(select(func.max(StatusChange.at)).where(StatusChange.submission_id == submission.id))
    return as_utc(closed) + timedelta(days=days) if closed is not None else None


def due(now: datetime | None = None) -> list[Due]:
    """Return the closed submissions whose period is over at `now`, oldest first."""
    now = now or datetime.now(UTC)
    closed_at = (
        select(StatusChange.submission_id, func.max(StatusChange.at).label("at"))
        .group_by(StatusChange.submission_id)
        .subquery()
    )
    slugs = db.session.scalars(select(Submission.form_slug).where(Submission.status.in_(CLOSED)).distinct())
    found: list[Due] = []
    for slug in sorted(slugs):
        days = retention_days(slug)
        if days is None:
            continue
        rows = db.session.execute(
            select(Submission.id, Submission.reference, closed_at.c.at)
            .join(closed_at, closed_at.c.submission_id == Submission.id)
            .where(Submission.form_slug == slug, Submission.status.in_(CLOSED))
            .where(closed_at.c.at < now - timedelta(days=days))
            .order_by(closed_at.c.at)
        )
        found += [Due(row.id, row.reference, slug, as_utc(row.at), days) for row in rows]
    return sorted(found, key=lambda d: d.closed_at)


def purge(now: datetime | None = None) -> Iterator[Due]:
    """Delete every submission `due` at `now`, one transaction each; yield each one deleted."""
    for item in due(now):
        submission = db.session.get(Submission, item.submission_id)
        if submission is None or submission.status not in CLOSED:
            continue  # deleted or reopened meanwhile
        drafts = select(Draft.id).where(or_(Draft.submission_id == submission.id, Draft.resubmits_id == submission.id))
        files = db.session.scalars(
            select(Attachment).where(or_(Attachment.submission_id == submission.id, Attachment.draft_id.in_(drafts)))
        )
        delete_files = records.forget(list(files))
        db.session.execute(delete(Draft).where(Draft.id.in_(drafts)))
        db.session.execute(delete(StatusChange).where(StatusChange.submission_id == submission.id))
        db.session.delete(submission)
        audit.record("purge", login=BY, target=f"{item.reference} {item.form_slug}")
        db.session.commit()
        delete_files()  # after the commit: a crash leaves orphan files for the sweep, never a row without its file
        yield item
