"""SEC-27: a staff member reaching for a submission or form outside their scope is refused and recorded.

The answer stays a 404 (another department's submission does not exist for them), but the
audit log gets a `denied` event like every other: who, when, from where, and what was asked
for, by its reference number or form, never by its answers.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from formbuilder.extensions import db
from formbuilder.staff.models import AuditEvent
from formbuilder.storage.attachment_models import Attachment
from formbuilder.storage.models import Submission
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client, submit_child_allowance


def _denied(app) -> list[tuple[str, str, str, bool]]:
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "denied").order_by(AuditEvent.id))
        return [(e.login, e.target, e.address, e.account_id is not None) for e in events]


def _attachment_of(app, reference: str) -> int:
    with app.app_context():
        submission = db.session.scalars(select(Submission.id).where(Submission.reference == reference)).one()
        return db.session.scalars(select(Attachment.id).where(Attachment.submission_id == submission)).first()


@pytest.mark.both_databases
def test_another_departments_submission_is_a_404_and_a_denied_event(app, runner):
    child = submit_child_allowance(app)
    attachment = _attachment_of(app, child)
    water = staff_client(app, runner, "suido", "staff", "water")

    assert water.get(f"/staff/submissions/{child}").status_code == 404
    assert water.get(f"/staff/submissions/{child}/attachments/{attachment}").status_code == 404
    assert water.get(f"/staff/submissions/{child}/receipt.pdf").status_code == 404
    assert post(water, f"/staff/submissions/{child}/status", seen="received", to="completed").status_code == 404
    assert water.get("/staff/forms/child-allowance/submissions").status_code == 404

    assert _denied(app) == [
        ("suido", f"{child} submission", "127.0.0.1", True),
        ("suido", f"{child} download_attachment", "127.0.0.1", True),
        ("suido", f"{child} receipt", "127.0.0.1", True),
        ("suido", f"{child} change_status", "127.0.0.1", True),
        ("suido", "child-allowance submissions", "127.0.0.1", True),
    ]
    with app.app_context():
        assert db.session.get(Submission, 1).status == "received"

    # A number or form that exists nowhere is only a 404: nobody was refused anything.
    assert water.get("/staff/submissions/ZZZZ-ZZZZ").status_code == 404
    assert water.get("/staff/forms/no-such-form/submissions").status_code == 404
    # Staff of the department, and admins, are not refused.
    assert staff_client(app, runner, "kodomo", "staff", "child").get(f"/staff/submissions/{child}").status_code == 200
    admin = staff_client(app, runner, "kanri", "admin")
    assert admin.get(f"/staff/submissions/{child}").status_code == 200
    assert len(_denied(app)) == 5
    # The admin reads the events in the audit log, in words.
    log = admin.get("/staff/audit?action=denied").get_data(as_text=True)
    assert log.count("<td>アクセスの拒否（担当外・権限外）</td>") == 5


def test_a_viewer_posting_a_status_is_refused_and_recorded(app, runner):
    child = submit_child_allowance(app)
    viewer = staff_client(app, runner, "etsuran", "viewer", "child")
    assert post(viewer, f"/staff/submissions/{child}/status", seen="received", to="completed").status_code == 403
    assert _denied(app) == [("etsuran", f"{child} change_status", "127.0.0.1", True)]
