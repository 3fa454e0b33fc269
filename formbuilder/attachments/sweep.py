"""The attachment part of `flask forms cleanup`: abandoned files, temporary files, orphans.

- Rows with neither a draft nor a submission (their draft expired or was replaced, their
  submission was purged: the foreign keys set them to NULL) are deleted with their files.
- Temporary files older than the grace period are removed (a crash during an upload).
- Stored files and blobs with no row, older than the grace period, are removed (a crash
  between the file write and the commit of its row). The grace period protects uploads
  in progress: their file exists a moment before their row commits.
- Rows whose file is missing are reported, not deleted (that needs a person).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ..extensions import db
from ..storage.attachment_models import Attachment, AttachmentBlob
from .stores import STORES, Store, store_for


@dataclass
class SweepReport:
    abandoned: int = 0
    temp_files: int = 0
    orphans: int = 0
    missing: list[int] = field(default_factory=list)


def sweep(grace: timedelta, now: datetime | None = None) -> SweepReport:
    """Remove what no draft or submission needs any more; return the counts."""
    cutoff = (now or datetime.now(UTC)) - grace
    report = SweepReport()
    report.abandoned = _abandoned()
    stores = {kind: store_for(kind) for kind in STORES}
    for path, modified in stores["disk"].temp_files():  # both stores work in this one folder
        if modified < cutoff:
            path.unlink(missing_ok=True)
            report.temp_files += 1
    for store in stores.values():
        known = set(db.session.scalars(select(Attachment.storage_key).where(Attachment.store == store.kind)))
        old = [key for key, written in store.stored() if written < cutoff and key not in known]
        for key in old:
            store.delete(key)
        db.session.commit()
        report.orphans += len(old)
    report.missing = _missing(stores)
    return report


def _abandoned() -> int:
    rows = list(
        db.session.scalars(select(Attachment).where(Attachment.draft_id.is_(None), Attachment.submission_id.is_(None)))
    )
    files = [(row.store, row.storage_key) for row in rows]
    for row in rows:
        db.session.delete(row)
        if row.store == "database":
            store_for(row.store).delete(row.storage_key)
    db.session.commit()
    for kind, key in files:
        if kind == "disk":
            store_for(kind).delete(key)
    return len(rows)


def _missing(stores: dict[str, Store]) -> list[int]:
    """Return the ids of rows whose stored file is gone."""
    on_disk = {key for key, _ in stores["disk"].stored()}
    disk_rows = db.session.execute(select(Attachment.id, Attachment.storage_key).where(Attachment.store == "disk"))
    missing = [row_id for row_id, key in disk_rows if key not in on_disk]
    blob = select(AttachmentBlob.key).where(AttachmentBlob.key == Attachment.storage_key).exists()
    missing += db.session.scalars(select(Attachment.id).where(Attachment.store == "database", ~blob))
    missing += db.session.scalars(select(Attachment.id).where(Attachment.store.not_in(list(stores))))
    return sorted(missing)
