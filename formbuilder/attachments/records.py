"""Rows of the `attachments` table: recording an accepted file, finding, moving, discarding."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import BinaryIO, Protocol

from sqlalchemy import and_, func, select, update

from ..extensions import db
from ..storage.attachment_models import Attachment
from ..storage.database import affected
from .names import stored_name
from .pipeline import Accepted
from .stores import store_for


def record(accepted: Accepted, *, field_name: str, draft_id: int | None = None) -> Attachment:
    """Add the row of a file just accepted for a draft's field; the caller commits.

    With the database store the bytes are already in the session: one commit keeps both.
    """
    row = Attachment(
        storage_key=accepted.key,
        store=accepted.store,
        draft_id=draft_id,
        field_name=field_name,
        original_name=accepted.original_name,
        kind=accepted.kind,
        size=accepted.size,
        sha256=accepted.sha256,
    )
    db.session.add(row)
    db.session.flush()
    return row


def of_draft(draft_id: int, field_name: str | None = None) -> list[Attachment]:
    """Return a draft's files in the order they were attached."""
    query = select(Attachment).where(Attachment.draft_id == draft_id)
    if field_name is not None:
        query = query.where(Attachment.field_name == field_name)
    return list(db.session.scalars(query.order_by(Attachment.id)))


def of_submission(submission_id: int) -> list[Attachment]:
    query = select(Attachment).where(Attachment.submission_id == submission_id).order_by(Attachment.id)
    return list(db.session.scalars(query))


def bytes_of_draft(draft_id: int) -> int:
    """What a draft already holds, for the per-submission total (`accept(used_bytes=…)`)."""
    return (
        db.session.scalar(select(func.coalesce(func.sum(Attachment.size), 0)).where(Attachment.draft_id == draft_id))
        or 0
    )


def hand_over(draft_id: int, submission_id: int, keep: Collection[int] | None = None) -> int:
    """Give a draft's files to its submission (in the submit transaction); return how many.

    With `keep`, only those ids are handed over; the draft's other files (of a question a
    changed answer hid) are let go, and `flask forms cleanup` deletes them.
    """
    mine = Attachment.draft_id == draft_id
    if keep is not None:
        db.session.execute(
            update(Attachment)
            .where(mine, Attachment.id.not_in(list(keep)))
            .values(draft_id=None)
            .execution_options(synchronize_session=False)
        )
        mine = and_(mine, Attachment.id.in_(list(keep)))
    return affected(
        update(Attachment)
        .where(mine)
        .values(submission_id=submission_id, draft_id=None)
        .execution_options(synchronize_session=False)
    )


class StoredFile(Protocol):
    """What naming and opening a stored file reads: an attachment row, or an export's file entry."""

    @property
    def original_name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def store(self) -> str: ...
    @property
    def storage_key(self) -> str: ...


def name_of(row: StoredFile) -> str:
    """The name to list on the receipt and download under (IMG_0001.HEIC → IMG_0001.jpg)."""
    return stored_name(row.original_name, row.kind)


def open_file(row: StoredFile) -> BinaryIO:
    """Return the stored bytes of `row` for reading, from whichever store holds them."""
    return store_for(row.store).open(row.storage_key)


def remove_from_draft(row: Attachment) -> None:
    """Take a file out of its draft: deleted, unless a submission holds it too.

    While a returned submission is corrected its files are in the correction draft and
    still the submission's; removing one there only takes it out of the draft, so giving
    up the correction loses nothing. Sending it lets go of the file (see flows/correction.py).
    """
    if row.submission_id is not None:
        row.draft_id = None
        db.session.commit()
    else:
        discard(row)


def discard(row: Attachment) -> None:
    """Delete a row and its file (the citizen pressed "remove"), committing.

    The row goes first: a crash after the commit leaves an orphan file for the sweep,
    never a row without its file.
    """
    after_commit = forget([row])
    db.session.commit()
    after_commit()


def forget(rows: Collection[Attachment]) -> Callable[[], None]:
    """Delete rows (and bytes held in the database) in the caller's transaction.

    Returns what deletes the files on disk, to call once the caller has committed.
    """
    on_disk = []
    for row in rows:
        store = store_for(row.store)
        db.session.delete(row)
        if store.kind == "disk":
            on_disk.append((store, row.storage_key))
        else:
            store.delete(row.storage_key)

    def delete_files() -> None:
        for store, key in on_disk:
            store.delete(key)

    return delete_files
