"""Counter mode (書かない窓口) and the permission to read My Number in full."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.flows.journeys import pdf_text
from tests.staff.test_sign_in import audit_actions, post
from tests.staff.test_submissions import REFERENCE, staff_client, submit_child_allowance, submit_water
from tests.support import Citizen, errors_of, text_of, water_answers


@pytest.mark.both_databases
def test_staff_fill_a_form_at_the_counter_and_the_submission_says_so(app, runner):
    staff = staff_client(app, runner, "madoguchi", "staff", "water")
    assert "窓口で入力する" in text_of(staff.get("/staff/"))
    listed = text_of(staff.get("/staff/counter"))
    assert "水道" in listed and "児童手当" in listed  # any citizen form, whatever the department
    opened = post(staff, "/staff/counter/water-supply-start")
    assert opened.status_code == 302 and opened.location.endswith("/forms/water-supply-start/pages/place")

    desk = Citizen(staff, "water-supply-start")
    first = desk.get(opened.location)
    assert "窓口入力：madoguchi さん さんが申請者と一緒に入力しています" in text_of(first)
    for page_id, data in water_answers().items():
        response = desk.post_page(page_id, data)
        assert response.status_code == 302, (page_id, errors_of(response))
    done = desk.submit()
    complete = desk.get(done.location)
    reference = REFERENCE.search(complete.get_data(as_text=True)).group(1)
    receipt = staff.get("/forms/water-supply-start/complete/receipt.pdf")
    assert receipt.status_code == 200 and reference in pdf_text(receipt.data)

    with app.app_context():
        row = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        assert row.entered_by == "madoguchi さん" and row.entered_by_id is not None
    detail = text_of(staff.get(f"/staff/submissions/{reference}"))
    assert "窓口で入力（担当：madoguchi さん）" in detail


def test_a_citizens_own_submission_is_not_marked_and_a_viewer_cannot_take_applications(app, runner):
    reference = submit_water(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert "窓口で入力" not in text_of(staff.get(f"/staff/submissions/{reference}"))
    viewer = staff_client(app, runner, "etsuran", "viewer", "water")
    assert "窓口で入力する" not in text_of(viewer.get("/staff/"))
    assert viewer.get("/staff/counter").status_code == 403
    assert post(viewer, "/staff/counter/water-supply-start").status_code == 403
    assert post(staff, "/staff/counter/no-such-form").status_code == 404
    anonymous = app.test_client()
    assert "/staff/login" in anonymous.get("/staff/counter").location


def test_my_number_is_masked_unless_the_account_may_read_it_and_each_reading_is_audited(app, runner):
    reference = submit_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    page = f"/staff/submissions/{reference}"
    assert "個人番号を全桁表示する" not in text_of(staff.get(page))
    assert "1234 5678 9018" not in text_of(staff.get(f"{page}?unmask=1"))  # asking is not enough

    result = runner.invoke(args=["staff", "my-number", "kodomo", "--allow"])
    assert result.exit_code == 0, result.output
    masked = text_of(staff.get(page))
    assert "個人番号を全桁表示する" in masked and "**** **** 9018" in masked
    shown = text_of(staff.get(f"{page}?unmask=1"))
    assert "1234 5678 9018" in shown and "個人番号を全桁表示する" not in shown
    actions = audit_actions(app)
    assert "my_number_allowed" in actions and actions.count("view_my_number") == 1

    assert runner.invoke(args=["staff", "my-number", "kodomo", "--deny"]).exit_code == 0
    assert "1234 5678 9018" not in text_of(staff.get(f"{page}?unmask=1"))
    assert runner.invoke(args=["staff", "my-number", "nobody", "--allow"]).exit_code != 0


def test_a_form_without_my_number_offers_no_unmasking(app, runner):
    reference = submit_water(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert runner.invoke(args=["staff", "my-number", "suido", "--allow"]).exit_code == 0
    staff.get(f"/staff/submissions/{reference}?unmask=1")
    assert "個人番号を全桁表示する" not in text_of(staff.get(f"/staff/submissions/{reference}"))
    assert "view_my_number" not in audit_actions(app)
