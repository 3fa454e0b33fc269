"""The back office through real requests: lists scoped by department, filters, detail, status, files."""

from __future__ import annotations

import re

import pytest

from formbuilder.i18n import name_for_staff
from tests.browser.answers import PHOTO
from tests.flows.journeys import pdf_text
from tests.staff.test_sign_in import audit_actions, create, enrol, post
from tests.support import Citizen, fill_water, name_inputs, text_of

REFERENCE = re.compile(r'class="reference"[^>]*>\s*([0-9A-Z]{4}-[0-9A-Z]{4})\s*<')


def submit_water(app, **user) -> str:
    citizen = Citizen(app.test_client(), "water-supply-start")
    fill_water(citizen, {"user": user} if user else None)
    done = citizen.submit()
    page = citizen.get(done.location)
    return REFERENCE.search(page.get_data(as_text=True)).group(1)


def submit_child_allowance(app) -> str:
    from tests.security.journeys import fill_every_page

    citizen = fill_every_page(app, app.test_client(), "child-allowance")
    page = citizen.get(citizen.submit().location)
    return REFERENCE.search(page.get_data(as_text=True)).group(1)


def staff_client(app, runner, login: str, role: str, *departments: str):
    client = app.test_client()
    enrol(client, login, create(runner, login, role, *departments))
    return client


@pytest.mark.both_databases
def test_the_list_filters_by_status_date_and_name_in_any_kana_and_width(app, runner):
    first = submit_water(app)
    second = submit_water(app, **name_inputs("user_name", "佐藤 花子", "サトウ ハナコ"))
    staff = staff_client(app, runner, "suido", "staff", "water")
    listed = text_of(staff.get("/staff/forms/water-supply-start/submissions"))
    assert first in listed and second in listed and "2件" in listed
    assert "佐藤 花子" in listed and "山田 太郎" in listed  # who applied, at a glance
    for typed in ("ｻﾄｳ", "さとう", "佐藤", second.lower()):
        searched = post(staff, "/staff/forms/water-supply-start/submissions/search", q=typed)  # SEC-06: posted
        found = text_of(staff.get(searched.location))
        assert second in found and first not in found, typed
    assert "0件" in text_of(staff.get("/staff/forms/water-supply-start/submissions?status=completed"))
    assert "0件" in text_of(staff.get("/staff/forms/water-supply-start/submissions?since=2099-01-01"))
    assert "2件" in text_of(staff.get("/staff/forms/water-supply-start/submissions?until=2099-01-01&sort=old"))
    assert "2件" in text_of(staff.get("/staff/forms/water-supply-start/submissions?page=x&sort=drop+table"))


def test_another_departments_forms_and_submissions_are_not_found(app, runner):
    child = submit_child_allowance(app)
    water = submit_water(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert staff.get("/staff/forms/child-allowance/submissions").status_code == 404
    assert staff.get(f"/staff/submissions/{child}").status_code == 404
    assert staff.get(f"/staff/submissions/{child}/receipt.pdf").status_code == 404
    assert post(staff, f"/staff/submissions/{child}/status", seen="received", to="completed").status_code == 404
    assert staff.get(f"/staff/submissions/{water}").status_code == 200
    admin = staff_client(app, runner, "kanri", "admin")
    assert admin.get(f"/staff/submissions/{child}").status_code == 200


def test_detail_masks_my_number_and_serves_files_and_receipt_as_downloads(app, runner):
    child = submit_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    detail = staff.get(f"/staff/submissions/{child}")
    text = text_of(detail)
    assert "**** **** 9018" in text and "123456789018" not in detail.get_data(as_text=True)
    link = re.search(r'href="(/staff/submissions/[^"]+/attachments/\d+)"', detail.get_data(as_text=True)).group(1)
    photo = staff.get(link)
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert (
        photo.headers["Content-Disposition"].startswith("attachment;")
        and PHOTO.name in photo.headers["Content-Disposition"]
    )
    assert (
        photo.headers["X-Content-Type-Options"] == "nosniff" and "sandbox" in photo.headers["Content-Security-Policy"]
    )
    receipt = staff.get(f"/staff/submissions/{child}/receipt.pdf")
    assert child in pdf_text(receipt.data)
    assert {"view", "download_attachment", "download_receipt"} <= set(audit_actions(app))


@pytest.mark.both_databases
def test_the_status_cycle_with_a_reason_and_history_and_audit(app, runner):
    reference = submit_water(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    page = f"/staff/submissions/{reference}"
    refused = post(staff, f"{page}/status", seen="received", to="returned", comment="")
    assert refused.status_code == 422 and "コメント（理由）を入力してください" in text_of(refused)
    kept = refused.get_data(as_text=True)  # the status chosen stays chosen next to the message
    assert 'id="to-returned" name="to" value="returned" checked' in kept
    assert 'id="to-in_progress" name="to" value="in_progress">' in kept
    assert post(staff, f"{page}/status", seen="received", to="withdrawn").status_code == 422  # not a staff move
    assert post(staff, f"{page}/status", seen="received", to="in_progress").status_code == 302
    returned = post(
        staff,
        f"{page}/status",
        seen="in_progress",
        to="returned",
        comment="使用開始日が土日です。平日を選んでください。",
    )
    assert returned.status_code == 302
    shown = text_of(staff.get(page))
    assert "要再申請" in shown and "使用開始日が土日です" in shown and "処理中 → 要再申請（suido さん）" in shown
    # 要再申請 goes only back to 処理中.
    assert post(staff, f"{page}/status", seen="returned", to="completed").status_code == 422
    assert post(staff, f"{page}/status", seen="returned", to="in_progress").status_code == 302
    assert post(staff, f"{page}/status", seen="in_progress", to="completed").status_code == 302
    closed = text_of(staff.get(page))
    assert "変更する" not in closed  # completed is final
    assert "申請に使った言語 日本語" in closed and "申請に使った言語 ja" not in closed
    assert audit_actions(app).count("status_change") == 4


def test_a_viewer_reads_but_cannot_change(app, runner):
    reference = submit_water(app)
    viewer = staff_client(app, runner, "etsuran", "viewer", "water")
    assert "変更する" not in text_of(viewer.get(f"/staff/submissions/{reference}"))
    assert post(viewer, f"/staff/submissions/{reference}/status", seen="received", to="completed").status_code == 403


@pytest.mark.both_databases
def test_the_date_filter_counts_days_in_japan_time(app, runner):
    """A submission at 08:30 Japan time (23:30 UTC the day before) belongs to the Japanese day."""
    from datetime import UTC, datetime

    from sqlalchemy import update

    from formbuilder.extensions import db
    from formbuilder.storage.models import Submission

    reference = submit_water(app)
    with app.app_context():
        moment = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)  # 2026-04-02 08:30 in Japan
        db.session.execute(update(Submission).values(submitted_at=moment))
        db.session.commit()
    staff = staff_client(app, runner, "suido", "staff", "water")
    listing = "/staff/forms/water-supply-start/submissions"
    assert reference in text_of(staff.get(f"{listing}?since=2026-04-02&until=2026-04-02"))
    assert reference not in text_of(staff.get(f"{listing}?since=2026-04-01&until=2026-04-01"))


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("ja", "日本語"),
        ("ja-easy", "やさしい日本語"),
        ("vi", "ベトナム語（Tiếng Việt）"),
        ("zh-Hans", "中国語（簡体字）（简体中文）"),
    ],
)
def test_the_applicants_language_is_named_for_staff(lang, shown):
    assert name_for_staff(lang) == shown
