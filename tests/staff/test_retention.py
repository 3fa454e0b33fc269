"""Retention (保存期間): closed submissions past their form's retention_days go, with their files.

SEC-25 and REL-08: the purge deletes rows, status history and files, writes an audit event
naming the reference number, never touches an application still open, and a second run
deletes nothing more.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from formbuilder.backoffice.retention import period_text
from tests.attachments.files import jpeg
from tests.attachments.test_file_field import first_page, upload
from tests.conftest import FIXTURE_FORMS
from tests.staff.test_applicant_status import REFERENCE, SECRET, look_up
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client
from tests.support import Citizen, text_of

SLUG = "attachments-demo"
DAYS = 30


@pytest.fixture
def forms_dir(tmp_path):
    raw = json.loads((FIXTURE_FORMS / f"{SLUG}.json").read_text(encoding="utf-8"))
    raw["retention_days"] = DAYS
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / f"{SLUG}.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return folder


def submit(app) -> tuple[str, str]:
    citizen = Citizen(app.test_client(), SLUG)
    citizen.start()
    assert first_page(citizen, photos=upload(jpeg(), "住民票.jpg")).status_code == 302
    assert citizen.post_page("last", {"comment": "山田テスト太郎"}).status_code == 302
    page = citizen.get(citizen.submit().location).get_data(as_text=True)
    return REFERENCE.search(page).group(1), SECRET.search(page).group(1)


def stored(app) -> dict[str, tuple[str, int, int, list[str]]]:
    """Reference → status, status changes, attachment rows, and which of its files are on disk."""
    from formbuilder.attachments.stores import store_for
    from formbuilder.extensions import db
    from formbuilder.storage.attachment_models import Attachment
    from formbuilder.storage.models import StatusChange, Submission

    with app.app_context():
        found = {}
        disk = store_for("disk")
        for row in db.session.query(Submission):
            files = db.session.query(Attachment).filter_by(submission_id=row.id).all()
            changes = db.session.query(StatusChange).filter_by(submission_id=row.id).count()
            on_disk = [f.storage_key for f in files if disk.exists(f.storage_key)]
            found[row.reference] = (row.status, changes, len(files), on_disk)
        return found


def files_on_disk(app) -> int:
    from formbuilder.attachments.stores import store_for

    with app.app_context():
        return sum(1 for _ in store_for("disk").stored())


def purge_events(app) -> list[tuple[str, str]]:
    from formbuilder.extensions import db
    from formbuilder.staff.models import AuditEvent

    with app.app_context():
        return [(e.login, e.target) for e in db.session.query(AuditEvent).filter_by(action="purge")]


def run(runner, *args: str) -> str:
    result = runner.invoke(args=["forms", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.both_databases
def test_closed_submissions_go_after_their_period_open_ones_stay(app, runner):
    start = datetime.now(UTC)
    done, done_secret = submit(app)
    still_open, _ = submit(app)
    late, _ = submit(app)
    staff = staff_client(app, runner, "kakari", "staff", "test")
    assert (
        post(staff, f"/staff/submissions/{done}/status", seen="received", to="completed", comment="").status_code == 302
    )
    assert (
        post(
            staff, f"/staff/submissions/{still_open}/status", seen="received", to="in_progress", comment=""
        ).status_code
        == 302
    )
    assert files_on_disk(app) == 3
    assert re.search(
        r"保存期間 \d{4}-\d\d-\d\d \d\d:\d\d 以降に削除されます（完了から30日）",
        text_of(staff.get(f"/staff/submissions/{done}")),
    )
    assert "保存期間 完了・却下・取り下げから30日" in text_of(staff.get(f"/staff/submissions/{still_open}"))

    with time_machine.travel(start + timedelta(days=20)):
        later = staff_client(app, runner, "kakari2", "staff", "test")
        assert (
            post(
                later, f"/staff/submissions/{late}/status", seen="received", to="rejected", comment="期限切れです。"
            ).status_code
            == 302
        )

    with time_machine.travel(start + timedelta(days=DAYS - 1)):
        assert run(runner, "purge", "--dry-run").strip() == "0 closed submission(s) due; dry run, nothing deleted"

    with time_machine.travel(start + timedelta(days=DAYS + 1)):
        listed = run(runner, "purge", "--dry-run")
        assert re.search(rf"^{done}\t{SLUG}\tclosed \d{{4}}-\d\d-\d\d\tretention {DAYS} days$", listed, re.M)
        assert late not in listed and still_open not in listed
        assert len(stored(app)) == 3  # a dry run deletes nothing

        output = run(runner, "cleanup")
        assert "1 closed submission(s) past their retention period deleted" in output
        after = stored(app)
        assert set(after) == {still_open, late}
        assert all(files == 1 and len(disk) == 1 for _status, _changes, files, disk in after.values())
        assert files_on_disk(app) == 2  # the purged submission's photo is gone from the disk too
        assert purge_events(app) == [("保存期間", f"{done} {SLUG}")]  # the number, never the answers
        assert run(runner, "purge").strip() == "0 deleted"  # again: nothing more (REL-08)

        citizen = app.test_client()
        gone = look_up(citizen, done, done_secret)
        assert gone.status_code == 422 and "山田テスト太郎" not in text_of(gone)

    with time_machine.travel(start + timedelta(days=20 + DAYS + 1)):
        assert late in run(runner, "purge")
        assert set(stored(app)) == {still_open}  # in progress: kept however old
        assert files_on_disk(app) == 1
        assert [target for _login, target in purge_events(app)] == [f"{done} {SLUG}", f"{late} {SLUG}"]


def test_a_form_no_longer_served_keeps_the_period_of_its_newest_stored_version(app):
    from formbuilder.backoffice.retention import retention_days

    submit(app)  # stores the version it was filled against
    catalogue = app.extensions["formbuilder.catalogue"]
    with app.app_context():
        assert retention_days(SLUG) == DAYS
        served = catalogue.forms.pop(SLUG)
        try:
            assert retention_days(SLUG) == DAYS  # from form_versions
            assert retention_days("never-served") is None
        finally:
            catalogue.forms[SLUG] = served


@pytest.mark.parametrize(
    ("days", "shown"),
    [(1825, "5年（1,825日）"), (365, "1年（365日）"), (400, "400日（約1.1年）"), (30, "30日")],
)
def test_the_retention_period_is_shown_in_years_when_it_is_long(days, shown):
    assert period_text(days) == shown
