"""Tables of attachments: one row per accepted file, and the bytes for the database store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .clock import utcnow


class Attachment(Model):
    """A file that passed the checks, owned by a draft until it is submitted.

    Deleting the draft or the submission leaves the row with neither owner: `flask forms
    cleanup` then deletes it and its file. The file name the citizen gave is metadata only;
    the stored file is named by `storage_key` alone.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    store: Mapped[str] = mapped_column(String(16))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"), index=True)
    field_name: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AttachmentBlob(Model):
    """The bytes of a file kept by the database store (several app servers, one PostgreSQL)."""

    __tablename__ = "attachment_blobs"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
