"""Two people changing one status at once (REL-05): exactly one change is recorded, the other is told.

Every status change posts the status its page showed (`seen`) and is written as one
compare-and-set on it, with its history row, webhook and audit event in the same transaction.
The races run two real requests on PostgreSQL; a lock held by the test makes both reach
their write before either may commit, so they really meet.
"""

from __future__ import annotations

import re

import pytest

from tests.api.support import api_post, make_token
from tests.staff.races import at_once, hook, page_form, row_held, written
from tests.staff.test_applicant_status import look_up, submitted
from tests.staff.test_correction import _return, _start_correction, _submitted_child_allowance
from tests.staff.test_submissions import staff_client, submit_water
from tests.support import text_of

POSTGRESQL = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
STAFF_CONFLICT = "他の職員が先に状態を変更しました。最新の状態を確認してください。"
WITHDRAWN = "申請を取り下げました。"
STILL_OPEN = "申請の状況が変わりました。"
ERROR_BOX = re.compile(r'class="error-summary"[^>]*>(.*?)</div>', re.S)


def _code(result) -> object:
    return getattr(result, "status_code", result)


def _outcome(winner: str, by: str) -> dict[str, list]:
    return {
        "status": [winner],
        "moves": [("received", winner)],
        "outbox": ["submission.status_changed"],
        "audit": [by],
    }


@POSTGRESQL
def test_two_staff_deciding_at_once_record_exactly_one_decision(app, runner, database_url):
    reference = submit_water(app)
    hook(app)
    first = staff_client(app, runner, "suido1", "staff", "water")
    second = staff_client(app, runner, "suido2", "staff", "water")
    page = f"/staff/submissions/{reference}"
    completing = {**page_form(first.get(page)), "to": "completed", "comment": ""}
    rejecting = {**page_form(second.get(page)), "to": "rejected", "comment": "添付書類が足りません。"}
    assert completing["seen"] == rejecting["seen"] == "received"

    with row_held(database_url, reference) as wait_for:
        results, join = at_once(
            lambda: first.post(f"{page}/status", data=completing),
            lambda: second.post(f"{page}/status", data=rejecting),
        )
        wait_for(2)
    join()

    assert sorted(map(_code, results)) == [302, 409], results
    winner = "completed" if _code(results[0]) == 302 else "rejected"
    loser = next(r for r in results if r.status_code == 409)
    assert STAFF_CONFLICT in text_of(loser)
    assert written(app, reference) == _outcome(winner, "status_change")


@POSTGRESQL
def test_a_withdrawal_racing_a_staff_decision_records_only_one_of_them(app, runner, database_url):
    _, reference, secret = submitted(app)
    hook(app)
    applicant = app.test_client()
    look_up(applicant, reference, secret)
    withdrawing = {**page_form(applicant.get("/status/view")), "sure": "y"}
    staff = staff_client(app, runner, "suido", "staff", "water")
    page = f"/staff/submissions/{reference}"
    completing = {**page_form(staff.get(page)), "to": "completed", "comment": ""}

    with row_held(database_url, reference) as wait_for:
        results, join = at_once(
            lambda: applicant.post("/status/withdraw", data=withdrawing),
            lambda: staff.post(f"{page}/status", data=completing),
        )
        wait_for(2)
    join()

    withdrawal, decision = results
    assert sorted(map(_code, results)) == [302, 409], results
    if withdrawal.status_code == 302:
        assert STAFF_CONFLICT in text_of(decision)
        assert WITHDRAWN in text_of(applicant.get(withdrawal.location))
        assert written(app, reference) == _outcome("withdrawn", "withdrawn")
    else:
        told = text_of(withdrawal)
        assert "この申請はすでに「完了」となっているため、取り下げできません。" in told and WITHDRAWN not in told
        assert written(app, reference) == _outcome("completed", "status_change")


@POSTGRESQL
def test_the_api_and_a_staff_member_at_once_record_exactly_one_change(app, runner, database_url):
    reference = submit_water(app)
    hook(app)
    token = make_token(runner, "suido-kikan", "water", write=True)
    staff = staff_client(app, runner, "suido", "staff", "water")
    page = f"/staff/submissions/{reference}"
    completing = {**page_form(staff.get(page)), "to": "completed", "comment": ""}
    api = app.test_client()

    with row_held(database_url, reference) as wait_for:
        results, join = at_once(
            lambda: api_post(api, f"/submissions/{reference}/status", token, {"status": "rejected", "comment": "不備"}),
            lambda: staff.post(f"{page}/status", data=completing),
        )
        wait_for(2)
    join()

    by_api, by_staff = results
    if by_api.status_code == 200:  # the API went first: the staff member's page was stale
        assert by_staff.status_code == 409 and STAFF_CONFLICT in text_of(by_staff)
        assert written(app, reference) == _outcome("rejected", "api_status_change")
    else:  # the staff member went first: the API, holding the row, sees 完了 and may not move it
        assert (by_api.status_code, by_staff.status_code) == (422, 302), (by_api.get_json(), by_staff.status_code)
        assert written(app, reference) == _outcome("completed", "status_change")


@POSTGRESQL
def test_a_resubmission_racing_a_staff_decision_records_only_one_of_them(app, runner, database_url):
    reference, secret = _submitted_child_allowance(app)
    hook(app, "child-allowance")
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    _return(staff, reference)
    citizen = _start_correction(app, reference, secret)
    page = f"/staff/submissions/{reference}"
    moving_on = {**page_form(staff.get(page)), "to": "in_progress", "comment": ""}
    assert moving_on["seen"] == "returned"

    with row_held(database_url, reference) as wait_for:
        results, join = at_once(citizen.submit, lambda: staff.post(f"{page}/status", data=moving_on))
        wait_for(2)
    join()

    sent, decision = results
    moves = written(app, reference)["moves"][1:]  # after 受付 → 要再申請
    if decision.status_code == 302:
        assert sent.location.endswith("/status/view?unsent=1")
        assert moves == [("returned", "in_progress")]
    else:
        assert decision.status_code == 409 and STAFF_CONFLICT in text_of(decision)
        assert sent.location.endswith("/forms/child-allowance/complete")
        assert moves == [("returned", "received")]
    assert len(written(app, reference)["outbox"]) == 2


@pytest.mark.both_databases
def test_a_decision_from_a_page_shown_before_another_change_is_refused_and_writes_nothing(app, runner):
    reference = submit_water(app)
    hook(app)
    first = staff_client(app, runner, "suido1", "staff", "water")
    second = staff_client(app, runner, "suido2", "staff", "water")
    page = f"/staff/submissions/{reference}"
    stale = {**page_form(first.get(page)), "to": "completed", "comment": ""}
    assert second.post(f"{page}/status", data={**page_form(second.get(page)), "to": "in_progress"}).status_code == 302
    before = written(app, reference)

    # 処理中 → 完了 is a move staff may make, but the first one decided on a page that said 受付.
    refused = first.post(f"{page}/status", data=stale)
    assert refused.status_code == 409 and STAFF_CONFLICT in text_of(refused)
    assert written(app, reference) == before
    assert page_form(refused)["seen"] == "in_progress"  # the page now shows, and posts, the new status
    # Without the status seen, nothing moves either.
    assert first.post(f"{page}/status", data={**page_form(refused), "seen": "", "to": "completed"}).status_code == 409
    assert written(app, reference) == before

    again = first.post(f"{page}/status", data={**page_form(refused), "to": "completed", "comment": ""})
    assert again.status_code == 302
    assert written(app, reference)["moves"] == [("received", "in_progress"), ("in_progress", "completed")]


@pytest.mark.both_databases
def test_a_withdrawal_after_a_decision_says_it_was_not_withdrawn_and_why(app, runner):
    _, reference, secret = submitted(app)
    hook(app)
    applicant, in_english = app.test_client(), app.test_client()
    look_up(applicant, reference, secret)
    look_up(in_english, reference, secret, lang="en")
    shown = {**page_form(applicant.get("/status/view")), "sure": "y"}
    shown_in_english = {**page_form(in_english.get("/status/view")), "sure": "y"}
    staff = staff_client(app, runner, "suido", "staff", "water")
    page = f"/staff/submissions/{reference}"
    assert staff.post(f"{page}/status", data={**page_form(staff.get(page)), "to": "completed"}).status_code == 302
    before = written(app, reference)

    refused = applicant.post("/status/withdraw", data=shown)
    told = text_of(refused)
    assert refused.status_code == 409
    assert "この申請はすでに「完了」となっているため、取り下げできません。" in told and WITHDRAWN not in told
    assert "この申請を取り下げます" not in told  # no withdraw form any more
    english = in_english.post("/status/withdraw", data=shown_in_english).get_data(as_text=True)
    assert "Completed" in ERROR_BOX.search(english).group(1)  # the status, in the applicant's language
    assert written(app, reference) == before
    # A hand-made ?done=1 does not claim a withdrawal either.
    assert WITHDRAWN not in text_of(applicant.get("/status/view?done=1"))


@pytest.mark.both_databases
def test_a_withdrawal_from_a_page_shown_before_a_change_asks_to_look_again(app, runner):
    _, reference, secret = submitted(app)
    applicant = app.test_client()
    look_up(applicant, reference, secret)
    shown = {**page_form(applicant.get("/status/view")), "sure": "y"}
    staff = staff_client(app, runner, "suido", "staff", "water")
    page = f"/staff/submissions/{reference}"
    assert staff.post(f"{page}/status", data={**page_form(staff.get(page)), "to": "in_progress"}).status_code == 302
    before = written(app, reference)

    refused = applicant.post("/status/withdraw", data=shown)
    assert refused.status_code == 409 and STILL_OPEN in text_of(refused) and WITHDRAWN not in text_of(refused)
    assert written(app, reference) == before
    done = applicant.post("/status/withdraw", data={**page_form(refused), "sure": "y"})
    assert done.status_code == 302 and WITHDRAWN in text_of(applicant.get(done.location))
    assert written(app, reference)["moves"] == [("received", "in_progress"), ("in_progress", "withdrawn")]


def test_the_status_forms_post_the_status_shown(app, runner):
    """Staff page and applicant page both carry the status they show, for the compare-and-set."""
    _, reference, secret = submitted(app)
    applicant = app.test_client()
    look_up(applicant, reference, secret)
    assert page_form(applicant.get("/status/view"))["seen"] == "received"
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert page_form(staff.get(f"/staff/submissions/{reference}"))["seen"] == "received"
