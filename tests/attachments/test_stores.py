"""The two stores behind one interface: a local folder and the database (REL-03, SEC-21)."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from formbuilder.attachments import accept, records
from formbuilder.attachments.stores import KEY, DatabaseStore, DiskStore, current_store, store_for
from formbuilder.extensions import db
from formbuilder.storage.attachment_models import Attachment, AttachmentBlob

from . import files
from .owners import make_draft, make_submission

pytestmark = pytest.mark.usefixtures("in_app")


def folder_of(app) -> Path:
    return Path(app.config["ATTACHMENT_DIR"])


def test_disk_store_writes_private_files_under_random_names(app):
    store = current_store()
    assert isinstance(store, DiskStore)
    key = store.put(io.BytesIO(b"hello"))
    other = store.put(io.BytesIO(b"hello"))
    assert KEY.fullmatch(key) and key != other
    assert sorted(p.name for p in folder_of(app).iterdir()) == sorted([key, other])
    assert stat.S_IMODE((folder_of(app) / key).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder_of(app).stat().st_mode) == 0o700
    assert store.read(key) == b"hello" and store.exists(key)
    store.delete(key)
    assert not store.exists(key)
    with pytest.raises(FileNotFoundError):
        store.read(key)


@pytest.mark.parametrize("key", ["../secret_key", "/etc/passwd", "", "A" * 32, ".tmp-" + "0" * 32])
def test_disk_store_opens_nothing_but_keys(key):
    store = current_store()
    with pytest.raises(FileNotFoundError):
        store.open(key)
    assert not store.exists(key)


def test_disk_store_fsyncs_the_file_then_renames_then_fsyncs_the_folder(app, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"))
        real_fsync(fd)

    def replace(source, target):
        calls.append(("replace", Path(source).name.startswith(".tmp-")))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    current_store().put(io.BytesIO(b"data"))
    assert calls == [("fsync", "file"), ("replace", True), ("fsync", "folder")]


def test_a_failed_rename_leaves_no_file_at_all(app, monkeypatch):
    def no_space(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    result = accept("photo.jpg", io.BytesIO(files.jpeg()))
    assert result.reason == "store_failed"
    assert "もう一度" in result.message
    assert list(folder_of(app).iterdir()) == []


def test_attachments_inside_the_static_folder_are_refused(app):
    app.config["ATTACHMENT_DIR"] = str(Path(app.static_folder) / "uploads")
    with pytest.raises(RuntimeError, match="static folder"):
        current_store()
    assert not (Path(app.static_folder) / "uploads").exists()


def test_an_unknown_store_is_a_configuration_error(app):
    app.config["ATTACHMENT_STORE"] = "s3"
    with pytest.raises(RuntimeError, match="unknown attachment store"):
        current_store()


@pytest.mark.both_databases
def test_database_store_round_trip(app):
    app.config["ATTACHMENT_STORE"] = "database"
    draft_id = make_draft().id
    result = accept("scan.pdf", io.BytesIO(files.pdf()))
    assert result.store == "database" and isinstance(store_for(result.store), DatabaseStore)
    row_id = records.record(result, field_name="id_document", draft_id=draft_id).id
    db.session.commit()
    db.session.remove()  # a later request: nothing cached

    (again,) = records.of_draft(draft_id)
    with records.open_file(again) as fh:
        data = fh.read()
    assert data.startswith(b"%PDF-") and len(data) == again.size == result.size
    assert (again.id, again.original_name, again.kind, again.sha256) == (row_id, "scan.pdf", "pdf", result.sha256)
    assert list(folder_of(app).iterdir()) == []  # temporary files only, and none left

    records.discard(again)
    assert db.session.scalar(select(func.count()).select_from(AttachmentBlob)) == 0
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


@pytest.mark.both_databases
def test_database_store_bytes_roll_back_with_the_row(app):
    app.config["ATTACHMENT_STORE"] = "database"
    draft = make_draft()
    result = accept("photo.jpg", io.BytesIO(files.jpeg()))
    records.record(result, field_name="photo", draft_id=draft.id)
    db.session.rollback()
    assert not store_for("database").exists(result.key)


@pytest.mark.both_databases
def test_disk_store_rows_move_from_draft_to_submission(app):
    draft = make_draft()
    first = accept("front.jpg", io.BytesIO(files.jpeg()))
    second = accept("back.png", io.BytesIO(files.png()))
    records.record(first, field_name="license", draft_id=draft.id)
    records.record(second, field_name="license", draft_id=draft.id)
    records.record(accept("bill.pdf", io.BytesIO(files.pdf())), field_name="bill", draft_id=draft.id)
    db.session.commit()
    assert [r.original_name for r in records.of_draft(draft.id, "license")] == ["front.jpg", "back.png"]
    assert records.bytes_of_draft(draft.id) == sum(r.size for r in records.of_draft(draft.id))

    submission = make_submission()
    assert records.hand_over(draft.id, submission.id) == 3
    db.session.commit()
    assert records.of_draft(draft.id) == []
    rows = records.of_submission(submission.id)
    assert [r.field_name for r in rows] == ["license", "license", "bill"]
    with records.open_file(rows[0]) as fh:
        assert fh.read()[:3] == b"\xff\xd8\xff"


def test_discarding_removes_row_and_file(app):
    draft = make_draft()
    row = records.record(accept("photo.jpg", io.BytesIO(files.jpeg())), field_name="photo", draft_id=draft.id)
    db.session.commit()
    records.discard(row)
    assert records.of_draft(draft.id) == [] and list(folder_of(app).iterdir()) == []


def test_the_row_keeps_the_original_name_and_lists_the_stored_one(app):
    draft = make_draft()
    row = records.record(accept("IMG_0001.HEIC", io.BytesIO(files.heic(64, 48))), field_name="photo", draft_id=draft.id)
    db.session.commit()
    assert (row.original_name, row.kind, records.name_of(row)) == ("IMG_0001.HEIC", "jpeg", "IMG_0001.jpg")
