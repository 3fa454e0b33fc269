"""`flask forms cleanup`: files of expired or abandoned drafts, old temporary files, orphans."""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from formbuilder.attachments import accept, records
from formbuilder.attachments.stores import store_for
from formbuilder.extensions import db
from formbuilder.storage.attachment_models import Attachment, AttachmentBlob
from formbuilder.storage.models import Draft

from . import files
from .owners import make_draft, make_submission

pytestmark = pytest.mark.usefixtures("in_app")


def attach(draft_id: int, name: str = "photo.jpg") -> Attachment:
    row = records.record(accept(name, io.BytesIO(files.jpeg())), field_name="photo", draft_id=draft_id)
    db.session.commit()
    return row


def age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def cleanup(runner, *args: str):
    result = runner.invoke(args=["forms", "cleanup", *args])
    assert result.exit_code == 0, result.output
    return result


def counts(result) -> dict[str, int]:
    """{"expired draft(s)": 1, ...} from the command's lines."""
    out = {}
    for line in result.stdout.splitlines():
        number, _, what = line.partition(" ")
        out[what.split(" deleted")[0].split(" removed")[0]] = int(number)
    return out


@pytest.mark.both_databases
@pytest.mark.parametrize("store", ["disk", "database"])
def test_files_of_expired_drafts_go_with_them_and_submitted_files_stay(app, runner, store):
    app.config["ATTACHMENT_STORE"] = store
    expired, live, submitted = make_draft(hours_left=-1), make_draft(), make_draft(hours_left=-1)
    gone = attach(expired.id).storage_key
    kept = attach(live.id).storage_key
    handed = attach(submitted.id).storage_key
    records.hand_over(submitted.id, make_submission().id)
    db.session.commit()

    result = cleanup(runner)

    assert counts(result) == {
        "expired draft(s)": 2,
        "closed submission(s) past their retention period": 0,  # tests/staff/test_retention.py
        "attachment(s) of expired or abandoned drafts": 1,
        "temporary file(s)": 0,
        "orphan file(s) without a database row": 0,
    }
    assert result.stderr == ""
    disk = store_for(store)
    assert not disk.exists(gone) and disk.exists(kept) and disk.exists(handed)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 2


@pytest.mark.both_databases
def test_files_of_a_draft_started_again_are_abandoned_and_removed(app, runner):
    draft = make_draft()
    key = attach(draft.id).storage_key
    db.session.execute(delete(Draft).where(Draft.id == draft.id))  # what drafts.start() does to the old draft
    db.session.commit()
    assert counts(cleanup(runner))["attachment(s) of expired or abandoned drafts"] == 1
    assert not store_for("disk").exists(key)


def test_temporary_files_older_than_the_grace_period_are_removed(app, runner):
    store = store_for("disk")
    old, recent = store.temp_path(), store.temp_path()
    age(old, 3)
    age(recent, 1)
    assert counts(cleanup(runner))["temporary file(s)"] == 1
    assert not old.exists() and recent.exists()
    assert counts(cleanup(runner, "--grace-hours", "0"))["temporary file(s)"] == 1
    assert not recent.exists()


@pytest.mark.both_databases
def test_orphans_without_a_row_are_removed_after_the_grace_period(app, runner):
    disk = store_for("disk")
    folder = Path(app.config["ATTACHMENT_DIR"])
    old_orphan, new_orphan = disk.put(io.BytesIO(b"old")), disk.put(io.BytesIO(b"new"))
    age(folder / old_orphan, 5)
    not_ours = folder / "README"
    not_ours.write_text("kept")
    age(not_ours, 100)
    blob_store = store_for("database")
    old_blob = blob_store.put(io.BytesIO(b"blob"))
    db.session.execute(
        AttachmentBlob.__table__.update()
        .where(AttachmentBlob.key == old_blob)
        .values(created_at=datetime.now(UTC) - timedelta(hours=5))
    )
    new_blob = blob_store.put(io.BytesIO(b"blob"))
    db.session.commit()
    live = attach(make_draft().id)
    age(folder / live.storage_key, 100)

    assert counts(cleanup(runner))["orphan file(s) without a database row"] == 2

    assert not disk.exists(old_orphan) and disk.exists(new_orphan) and not_ours.exists()
    assert not blob_store.exists(old_blob) and blob_store.exists(new_blob)
    assert disk.exists(live.storage_key)


def test_rows_whose_file_is_missing_are_reported_not_deleted(app, runner):
    row = attach(make_draft().id)
    (Path(app.config["ATTACHMENT_DIR"]) / row.storage_key).unlink()
    result = cleanup(runner)
    assert f"1 attachment row(s) whose file is missing: id {row.id}" in result.stderr
    assert db.session.get(Attachment, row.id) is not None
