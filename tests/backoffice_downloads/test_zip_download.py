"""The ZIP download: the CSV and every file of the same submissions, streamed, names safe for Windows."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from formbuilder.attachments import records as attachment_records
from formbuilder.exports.archive import unique_name, windows_name
from formbuilder.extensions import db
from formbuilder.storage.attachment_models import Attachment
from formbuilder.storage.models import Submission
from tests.staff.test_sign_in import audit_actions
from tests.staff.test_submissions import staff_client, submit_child_allowance, submit_water

from .support import ZIP_URL, records

CHILD = "child-allowance"
CHILD_ZIP = f"/staff/forms/{CHILD}/export.zip"
UTF8_FLAG = 0x800


def stored_files(app) -> list[tuple[str, str, str]]:
    """(reference, name, SHA-256 recorded when the file was accepted) in submission and file order."""
    with app.app_context():
        rows = db.session.execute(
            select(Submission.reference, Attachment)
            .join(Attachment, Attachment.submission_id == Submission.id)
            .order_by(Submission.submitted_at, Submission.id, Attachment.id)
        )
        return [(reference, attachment_records.name_of(row), row.sha256) for reference, row in rows]


@pytest.mark.both_databases
@pytest.mark.parametrize("config_overrides", [{"ATTACHMENT_STORE": "disk"}, {"ATTACHMENT_STORE": "database"}])
def test_the_zip_holds_the_csv_download_and_every_file_unchanged(app, runner):
    first, second = submit_child_allowance(app), submit_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    response = staff.get(CHILD_ZIP)
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "application/zip" and response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith(f'attachment; filename="{CHILD}_')
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None
    csv_entry, *files = archive.infolist()
    assert csv_entry.filename.endswith(".csv") and csv_entry.flag_bits & UTF8_FLAG  # a Japanese name
    download = staff.get(f"/staff/forms/{CHILD}/export.csv").data
    assert records(archive.read(csv_entry)) == records(download)
    assert archive.read(csv_entry) == download
    stored = stored_files(app)
    assert len(stored) == 4 and {first, second} == {reference for reference, _, _ in stored}
    unpacked = [(*info.filename.split("/"), hashlib.sha256(archive.read(info)).hexdigest()) for info in files]
    assert [(folder, reference, sha) for folder, reference, _, sha in unpacked] == [
        ("attachments", reference, sha) for reference, _, sha in stored
    ]
    # Each applicant sent two photos both called card-front.jpg: the second is renamed.
    assert [name for *_, name, _ in unpacked] == ["card-front.jpg", "card-front (2).jpg"] * 2
    assert {name for _, name, _ in stored} == {"card-front.jpg"}
    assert audit_actions(app).count("export_zip") == 1


@pytest.mark.both_databases
def test_the_zip_follows_the_filters(app, runner):
    submit_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    none = zipfile.ZipFile(io.BytesIO(staff.get(CHILD_ZIP, query_string={"status": "completed"}).data))
    (only,) = none.infolist()
    assert records(none.read(only))[1:] == []
    future = zipfile.ZipFile(io.BytesIO(staff.get(CHILD_ZIP, query_string={"since": "2099-01-01"}).data))
    assert len(future.infolist()) == 1


def test_a_form_without_files_gives_the_csv_alone(app, runner):
    submit_water(app)
    staff = staff_client(app, runner, "suido", "admin")
    archive = zipfile.ZipFile(io.BytesIO(staff.get(ZIP_URL, query_string={"header": "en"}).data))
    (entry,) = archive.infolist()
    assert records(archive.read(entry))[0][0] == "Reference number" and len(records(archive.read(entry))) == 2


def test_the_zip_is_refused_to_viewers_and_other_departments(app, runner):
    submit_child_allowance(app)
    assert staff_client(app, runner, "etsuran", "viewer", "child").get(CHILD_ZIP).status_code == 403
    assert staff_client(app, runner, "suido", "staff", "water").get(CHILD_ZIP).status_code == 404
    assert "export_zip" not in audit_actions(app)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("住民票の写し.pdf", "住民票の写し.pdf"),
        ('a<b>:c"d|e?f*g.jpg', "a_b__c_d_e_f_g.jpg"),
        ("CON.jpg", "_CON.jpg"),
        ("lpt1", "_lpt1"),
        ("com¹.png", "_com¹.png"),
        ("終わりに点. ", "終わりに点"),
        ("..", "file"),
        ("tab\there.png", "tab_here.png"),
        ("x" * 150 + ".jpeg", "x" * 95 + ".jpeg"),
    ],
)
def test_entry_names_are_safe_for_windows_explorer(name, safe):
    assert windows_name(name) == safe


def test_entry_names_are_unique_in_a_folder_whatever_the_case():
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("写真.jpg", "写真.jpg", "写真.JPG", "memo", "MEMO")] == [
        "写真.jpg",
        "写真 (2).jpg",
        "写真 (3).JPG",
        "memo",
        "MEMO (2)",
    ]


def test_a_stored_file_gone_missing_becomes_a_note_and_the_zip_stays_whole(app, runner):
    reference = submit_child_allowance(app)
    with app.app_context():
        first = db.session.scalars(select(Attachment).order_by(Attachment.id)).first()
        (Path(app.config["ATTACHMENT_DIR"]) / first.storage_key).unlink()
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    archive = zipfile.ZipFile(io.BytesIO(staff.get(CHILD_ZIP).data))
    assert archive.testzip() is None
    names = [info.filename for info in archive.infolist()][1:]
    assert names == [
        f"attachments/{reference}/見つからないファイル_card-front.jpg.txt",
        f"attachments/{reference}/card-front (2).jpg",
    ]
    assert "見つからなかった" in archive.read(names[0]).decode("utf-8")
