"""要再申請 → corrected → resubmitted under the same reference number, files and all."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from formbuilder.definitions.catalogue import from_source
from formbuilder.extensions import db
from formbuilder.flows.answers import evaluate_all
from formbuilder.flows.correction import inputs_of
from formbuilder.storage.attachment_models import Attachment
from formbuilder.storage.models import Submission
from tests.browser.answers import PHOTO_BACK, page_answers
from tests.security.journeys import fill_every_page
from tests.staff.test_applicant_status import SECRET, look_up
from tests.staff.test_sign_in import audit_actions, post
from tests.staff.test_submissions import REFERENCE, staff_client
from tests.support import CSRF, Citizen, text_of

COMMENT = "本人確認書類の裏面も添付してください。メールアドレスも確認してください。"
NEW_EMAIL = "corrected.hanako@example.jp"


def _submitted_child_allowance(app):
    citizen = fill_every_page(app, app.test_client(), "child-allowance")
    page = citizen.get(citizen.submit().location).get_data(as_text=True)
    return REFERENCE.search(page).group(1), SECRET.search(page).group(1)


def _row(app, reference: str) -> Submission:
    with app.app_context():
        row = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        db.session.expunge(row)
        return row


def _files(app, reference: str) -> list[int]:
    """The ids of the attachment rows the submission holds."""
    with app.app_context():
        sid = db.session.scalars(select(Submission.id).where(Submission.reference == reference)).one()
        return list(
            db.session.scalars(select(Attachment.id).where(Attachment.submission_id == sid).order_by(Attachment.id))
        )


def _return(staff, reference: str) -> None:
    assert (
        post(
            staff, f"/staff/submissions/{reference}/status", seen="received", to="returned", comment=COMMENT
        ).status_code
        == 302
    )


def _start_correction(app, reference: str, secret: str, lang: str = "ja") -> Citizen:
    applicant = app.test_client()
    look_up(applicant, reference, secret, lang=lang)
    page = applicant.get("/status/view").get_data(as_text=True)
    assert "修正して再申請する" in page or lang != "ja"
    token = CSRF.search(page).group(1)
    opened = applicant.post("/status/correct", data={"csrf_token": token})
    assert opened.status_code == 302 and opened.location.endswith("/forms/child-allowance/check"), opened.location
    citizen = Citizen(applicant, "child-allowance", lang if lang != "ja" else None)
    return citizen


@pytest.mark.both_databases
def test_returned_corrected_and_resubmitted_under_the_same_number(app, runner):
    reference, secret = _submitted_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    _return(staff, reference)
    before = _row(app, reference)
    first_files = _files(app, reference)
    assert len(first_files) == 2

    citizen = _start_correction(app, reference, secret)
    check = citizen.check()
    shown = text_of(check)
    assert f"修正中の申請（受付番号 {reference}）です" in shown and COMMENT in shown
    assert "再申請する" in shown and "検査" in shown  # every earlier answer is there

    # Change the e-mail address, take one photo out and add the back of the card.
    documents = citizen.get("/forms/child-allowance/pages/documents?to_check=1").get_data(as_text=True)
    ids = re.findall(r'name="action" value="remove:(\d+)"', documents)
    assert sorted(int(i) for i in ids) == first_files, documents
    assert citizen.post_page("documents", {"action": f"remove:{ids[0]}"}, action=f"remove:{ids[0]}").status_code in (
        200,
        302,
    )
    assert _files(app, reference) == first_files  # still the submission's until it is sent again
    attached = citizen.post_page("documents", {"identity_document": PHOTO_BACK}, action="attach")
    assert attached.status_code in (200, 302), text_of(attached)[:400]
    contact_page = _page_with(citizen, "claimant_email")
    answers = page_answers(app.extensions["formbuilder.catalogue"].get("child-allowance"))[contact_page]
    answers = {**answers, "claimant_email": NEW_EMAIL, "claimant_email-confirm": NEW_EMAIL}
    changed = citizen.post_page(contact_page, answers)
    assert changed.status_code == 302, text_of(changed)[:400]

    done = citizen.submit()
    assert done.status_code == 302 and done.location.endswith("/complete")
    complete = citizen.get(done.location)
    page = text_of(complete)
    assert "再申請を受け付けました" in page and reference in page and "照会キーは変わりません" in page

    after = _row(app, reference)
    assert after.id == before.id and after.status == "received" and after.answers["claimant_email"] == NEW_EMAIL
    assert after.secret_hash == before.secret_hash
    files = _files(app, reference)
    assert len(files) == 2 and files[0] == first_files[1]  # the kept photo, then the new one
    assert after.search_text.startswith(reference.lower())

    detail = text_of(staff.get(f"/staff/submissions/{reference}"))
    assert "要再申請 → 受付（申請者）" in detail and NEW_EMAIL in detail
    # The removed photo is let go: cleanup deletes it, the two kept stay.
    assert runner.invoke(args=["forms", "cleanup", "--grace-hours", "0"]).exit_code == 0
    assert _files(app, reference) == files
    with app.app_context():
        assert db.session.get(Attachment, first_files[0]) is None

    # The applicant's status page says it was received again; staff complete it.
    status_page = text_of(citizen.client.get("/status/view"))
    assert "受付済み" in status_page and "修正して再申請する" not in status_page
    assert post(staff, f"/staff/submissions/{reference}/status", seen="received", to="completed").status_code == 302
    actions = audit_actions(app)
    assert actions.count("status_change") == 2 and actions.count("resubmitted") == 1 and "view" in actions
    # Each step in order: returned by staff, resubmitted by the applicant, completed by staff.
    steps = [a for a in actions if a in ("status_change", "resubmitted")]
    assert steps == ["status_change", "resubmitted", "status_change"]


def _page_with(citizen: Citizen, name: str) -> str:
    definition = citizen.client.application.extensions["formbuilder.catalogue"].get("child-allowance")
    return next(page.id for page in definition.pages if any(f.name == name for f in page.fields))


def test_a_correction_given_up_leaves_the_submission_as_it_was(app, runner):
    reference, secret = _submitted_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    _return(staff, reference)
    files = _files(app, reference)
    citizen = _start_correction(app, reference, secret)
    documents = citizen.get("/forms/child-allowance/pages/documents?to_check=1").get_data(as_text=True)
    for file_id in re.findall(r'name="action" value="remove:(\d+)"', documents):
        citizen.post_page("documents", {}, action=f"remove:{file_id}")
    assert runner.invoke(args=["forms", "cleanup", "--grace-hours", "0"]).exit_code == 0
    assert _files(app, reference) == files
    assert _row(app, reference).status == "returned"
    detail = staff.get(f"/staff/submissions/{reference}")
    assert len(set(re.findall(r"/attachments/(\d+)", detail.get_data(as_text=True)))) == 2  # shown and downloadable


def test_a_correction_sent_after_staff_moved_on_changes_nothing(app, runner):
    reference, secret = _submitted_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    _return(staff, reference)
    citizen = _start_correction(app, reference, secret)
    assert post(staff, f"/staff/submissions/{reference}/status", seen="returned", to="in_progress").status_code == 302
    before = _row(app, reference)
    sent = citizen.submit()
    assert sent.status_code == 302 and sent.location.endswith("/status/view?unsent=1")
    after = _row(app, reference)
    assert after.status == "in_progress" and after.answers == before.answers
    told = text_of(citizen.client.get(sent.location))
    assert "修正して再申請する" not in told and "修正した内容は送信されませんでした" in told


def test_only_a_returned_application_can_be_corrected(app, runner):
    reference, secret = _submitted_child_allowance(app)
    applicant = app.test_client()
    look_up(applicant, reference, secret)
    page = applicant.get("/status/view").get_data(as_text=True)
    assert "修正して再申請する" not in page
    token = CSRF.search(page).group(1)
    assert applicant.post("/status/correct", data={"csrf_token": token}).location.endswith("/status/view")
    # Without a look-up first, the correction cannot be opened.
    stranger = app.test_client()
    token = CSRF.search(stranger.get("/status").get_data(as_text=True)).group(1)
    assert stranger.post("/status/correct", data={"csrf_token": token}).location.endswith("/status")


def test_the_correction_is_offered_in_the_applicants_language(app, runner):
    reference, secret = _submitted_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    _return(staff, reference)
    citizen = _start_correction(app, reference, secret, lang="en")
    shown = text_of(citizen.client.get("/forms/child-allowance/check?lang=en"))
    assert reference in shown and COMMENT in shown and "再申請する" not in shown


@pytest.mark.parametrize("slug", ["water-supply-start", "child-allowance", "oversized-waste-collection"])
def test_every_shipped_answer_comes_back_from_its_stored_value(app, slug):
    """The inputs made from a submission's values give exactly those values again."""
    citizen = fill_every_page(app, app.test_client(), slug)
    citizen.submit()
    with app.app_context():
        row = db.session.scalars(select(Submission).where(Submission.form_slug == slug)).one()
        definition = app.extensions["formbuilder.catalogue"].get(slug)
        _assert_round_trip(definition, row.answers)


ALL_KINDS = {
    "slug": "round-trip",
    "version": "1",
    "title": "往復",
    "department": "test",
    "languages": ["ja"],
    "pages": [
        {
            "id": "one",
            "title": "一",
            "fields": [
                {
                    "name": "colours",
                    "type": "checkboxes",
                    "label": "色",
                    "choices": [
                        {"value": "red", "label": "赤"},
                        {"value": "blue", "label": "青"},
                        {"value": "green", "label": "緑"},
                    ],
                },
                {"name": "agree", "type": "checkbox", "label": "同意", "text": "同意します"},
                {"name": "born", "type": "era_date", "label": "生年月日", "eras": ["reiwa", "heisei", "showa"]},
                {"name": "moved", "type": "era_date", "label": "転入日", "eras": ["western", "reiwa"]},
                {"name": "start", "type": "date", "label": "開始日"},
                {"name": "amount", "type": "number", "label": "金額", "integer": False},
                {"name": "count", "type": "number", "label": "人数"},
                {"name": "pay_public", "type": "bank_account", "label": "口座", "public_account": True},
                {"name": "pay_own", "type": "bank_account", "label": "口座2", "public_account": True},
                {"name": "pay_plain", "type": "bank_account", "label": "口座3"},
            ],
        }
    ],
}


def test_every_kind_of_value_comes_back(app):
    with app.test_request_context():
        definition = from_source(json.dumps(ALL_KINDS, ensure_ascii=False))
        raw = {
            "colours": ["green", "red"],
            "agree": ["y"],
            "born-era": ["heisei"],
            "born-year": ["3"],
            "born-month": ["4"],
            "born-day": ["5"],
            "moved-era": ["western"],
            "moved-year": ["2024"],
            "moved-month": ["12"],
            "moved-day": ["31"],
            "start-year": ["2026"],
            "start-month": ["1"],
            "start-day": ["9"],
            "amount": ["1234.50"],
            "count": ["３"],
            "pay_public-choice": ["public"],
            "pay_own-choice": ["account"],
            "pay_own-bank": ["0001"],
            "pay_own-branch": ["123"],
            "pay_own-kind": ["1"],
            "pay_own-number": ["1234567"],
            "pay_own-holder": ["やまだ たろう"],
            "pay_plain-bank": ["0005"],
            "pay_plain-branch": ["001"],
            "pay_plain-kind": ["2"],
            "pay_plain-number": ["7654321"],
            "pay_plain-holder": ["ヤマダ ハナコ"],
        }
        evaluation = evaluate_all(definition, raw)
        assert evaluation.first_invalid() is None, evaluation.first_invalid().errors
        assert evaluation.values["colours"] == ["red", "green"] and evaluation.values["born"] == "1991-04-05"
        _assert_round_trip(definition, evaluation.values)


def _assert_round_trip(definition, values: dict) -> None:
    files = {f.name for p in definition.pages for f in p.fields if f.type == "file"}
    again = evaluate_all(definition, inputs_of(definition, values)).values
    wanted = {k: v for k, v in values.items() if k not in files and v is not None}
    got = {k: v for k, v in again.items() if k not in files and v is not None}
    assert got == wanted
