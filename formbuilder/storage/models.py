"""Tables: definition versions seen, drafts in progress, submissions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..api.models import ApiToken, Webhook, WebhookDelivery  # noqa: F401  (registered with the metadata)
from ..extensions import Model
from ..staff.models import AuditEvent, StaffAccount, StaffSession  # noqa: F401  (registered with the metadata)
from .attachment_models import Attachment, AttachmentBlob  # noqa: F401  (registered with the metadata)
from .clock import utcnow

Json = JSON().with_variant(JSONB(), "postgresql")


class FormVersion(Model):
    """A definition exactly as a submission was filled against it."""

    __tablename__ = "form_versions"
    __table_args__ = (UniqueConstraint("slug", "hash", name="uq_form_versions_slug_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Draft(Model):
    """Answers in progress, keyed by a random token held in the citizen's cookie."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("token_hash", "form_slug", name="uq_drafts_token_form"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    form_slug: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    reached: Mapped[list[str]] = mapped_column(Json, default=list)
    language: Mapped[str] = mapped_column(String(16), default="ja")
    submit_token: Mapped[str] = mapped_column(String(64))
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"))
    # The access secret in clear, only until the draft expires, so the confirmation
    # page can show it again after a reload; the submission keeps only its hash.
    secret: Mapped[str | None] = mapped_column(String(64))
    # Counter mode (書かない窓口): the staff member filling this draft with the applicant.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    # A correction of a returned (要再申請) submission: submitting updates that row, same reference.
    resubmits_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    # Ids of the eligibility exits already counted for this draft (each is counted once).
    exits_counted: Mapped[list[str] | None] = mapped_column(Json)
    # The definition version the draft began on: its pages are served until it is submitted,
    # even when a new version is published meanwhile (flows/versions.py).
    form_version_id: Mapped[int | None] = mapped_column(ForeignKey("form_versions.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Submission(Model):
    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_form_submitted", "form_slug", "submitted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    submit_token: Mapped[str] = mapped_column(String(64), unique=True)
    form_slug: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(32))
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"))
    definition_hash: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(Json)
    status: Mapped[str] = mapped_column(String(16), default="received")
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # Reference number and names, width- and kana-folded, for the back office's free-text search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Entered at the counter (書かない窓口) by this staff member; empty when the applicant sent it.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    entered_by: Mapped[str] = mapped_column(String(100), default="")


class StatusChange(Model):
    """One step of a submission's history: who moved it where, and what the applicant is told."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    by: Mapped[str] = mapped_column(String(100), default="")  # a staff member's name, or 申請者
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")  # shown to the applicant


class ExitCount(Model):
    """How many drafts reached an eligibility exit of a form on a day (Japan time); nothing personal."""

    __tablename__ = "exit_counts"
    __table_args__ = (UniqueConstraint("form_slug", "exit_id", "day", name="uq_exit_counts_form_exit_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_slug: Mapped[str] = mapped_column(String(64))
    exit_id: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer, default=0)
