"""Files posted with a page: checked, stored with the draft, removed on request.

A page post may carry files for the page's `file` fields (multipart) and an action
`remove:<id>` for a file already kept. Files are accepted one by one through the attachment
pipeline; each refusal becomes a message under its field, and the other files and the typed
answers are kept. The draft's entry for each file field is then rewritten from the rows, so
the answers always name exactly the files the server holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..attachments import records
from ..attachments.pipeline import Accepted, accept
from ..attachments.refusal import message as refusal_message
from ..definitions.model import Page
from ..extensions import db
from ..fields import REGISTRY
from ..fields.file import FileType, encode
from ..storage.attachment_models import Attachment
from ..storage.models import Draft

REMOVE = "remove:"


def file_fields(page: Page) -> list[Any]:
    """Return the fields of `page` that take files (the page is then posted multipart)."""
    return [item for item in page.fields if REGISTRY[item.type].takes_files]


def take(page: Page, draft: Draft, files: Mapping[str, Any] | None, action: str) -> dict[str, list[str]]:
    """Remove and store what the post asks for; return refusal messages by field name.

    Every file is checked and re-encoded before the first row is written: on SQLite the first
    write of a transaction takes the database's lock, which no other citizen should wait on
    while a 12 MP photo is re-encoded. The new rows are flushed, not committed: the caller
    saves the draft in the same commit.
    """
    fields = file_fields(page)
    if not fields:
        return {}
    if action.startswith(REMOVE):
        _remove(page, draft, action.removeprefix(REMOVE))
    refusals: dict[str, list[str]] = {}
    kept: list[tuple[str, Accepted]] = []
    used = records.bytes_of_draft(draft.id)
    getlist = getattr(files, "getlist", None)
    for item in fields:
        uploads = [f for f in (getlist(item.name) if getlist else []) if f and f.filename]
        if uploads:
            accepted, found = _check(item, draft, uploads, used)
            used += sum(a.size for a in accepted)
            kept += [(item.name, a) for a in accepted]
            if found:
                refusals[item.name] = found
    for field_name, accepted_file in kept:
        records.record(accepted_file, field_name=field_name, draft_id=draft.id)
    return refusals


def entries(page: Page, draft: Draft) -> dict[str, list[str]]:
    """Return the draft entries of the page's file fields, from the rows it holds."""
    found: dict[str, list[str]] = {}
    for item in file_fields(page):
        found[item.name] = [encode(_entry(row)) for row in records.of_draft(draft.id, item.name)]
    return found


def _check(item: Any, draft: Draft, uploads: list[Any], used: int) -> tuple[list[Accepted], list[str]]:
    """Put a field's new files through the pipeline; return those accepted and the refusals."""
    ftype = REGISTRY[item.type]
    if not isinstance(ftype, FileType):
        raise TypeError(f"{item.type} fields take no files")
    rules = ftype.rules(item)
    limit = ftype.max_files(item)
    held = len(records.of_draft(draft.id, item.name))
    accepted: list[Accepted] = []
    refusals = []
    for upload in uploads:
        if held + len(accepted) >= limit:
            refusals.append(refusal_message("too_many_files", {"name": upload.filename, "limit": limit}))
            continue
        outcome = accept(upload.filename, upload.stream, rules, used_bytes=used)
        if isinstance(outcome, Accepted):
            accepted.append(outcome)
            used += outcome.size
        else:
            refusals.append(outcome.message)
    return accepted, refusals


def _remove(page: Page, draft: Draft, which: str) -> None:
    """Delete one of the draft's files on this page; anything else (a forged id) is ignored."""
    if not (which.isascii() and which.isdigit()):
        return
    row = db.session.get(Attachment, int(which))
    names = {item.name for item in file_fields(page)}
    if row is not None and row.draft_id == draft.id and row.field_name in names:
        records.remove_from_draft(row)


def _entry(row: Attachment) -> dict[str, Any]:
    return {"id": row.id, "name": records.name_of(row), "size": row.size, "sha256": row.sha256, "kind": row.kind}
