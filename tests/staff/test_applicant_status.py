"""The applicant's status page: the city's comment in their language, and withdrawing."""

from __future__ import annotations

import re

from tests.staff.test_sign_in import audit_actions, post
from tests.staff.test_submissions import staff_client
from tests.support import CSRF, Citizen, errors_of, fill_water, text_of

SECRET = re.compile(r'class="secret">([^<]+)<')
REFERENCE = re.compile(r'class="reference"[^>]*>\s*([0-9A-Z]{4}-[0-9A-Z]{4})\s*<')


def submitted(app):
    citizen = Citizen(app.test_client(), "water-supply-start")
    fill_water(citizen)
    page = citizen.get(citizen.submit().location).get_data(as_text=True)
    return citizen.client, REFERENCE.search(page).group(1), SECRET.search(page).group(1)


def look_up(client, reference: str, secret: str, lang: str = "ja"):
    token = CSRF.search(client.get(f"/status?lang={lang}").get_data(as_text=True)).group(1)
    return client.post("/status", data={"csrf_token": token, "reference": reference, "secret": secret})


def test_a_wrong_secret_says_so_and_keeps_the_number(app):
    _client, reference, _secret = submitted(app)
    response = look_up(app.test_client(), reference, "WRONG-SECRET")
    assert response.status_code == 422
    assert errors_of(response) or "正しくありません" in text_of(response)
    assert f'value="{reference}"' in response.get_data(as_text=True)


def test_the_applicant_reads_the_returned_comment_in_english_then_withdraws(app, runner):
    _client, reference, secret = submitted(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert (
        post(
            staff,
            f"/staff/submissions/{reference}/status",
            seen="received",
            to="returned",
            comment="メーターの位置を教えてください。",
        ).status_code
        == 302
    )

    applicant = app.test_client()
    assert look_up(applicant, reference.lower(), secret.lower(), lang="en").location.endswith("/status/view")
    page = text_of(applicant.get("/status/view"))
    assert "resubmit" in page.lower() or "correct" in page.lower(), page
    assert "メーターの位置を教えてください。" in page  # the city's own words, as written
    assert "要再申請" not in page

    token = CSRF.search(applicant.get("/status/view").get_data(as_text=True)).group(1)
    refused = applicant.post("/status/withdraw", data={"csrf_token": token})
    assert refused.status_code == 422
    done = applicant.post("/status/withdraw", data={"csrf_token": token, "seen": "returned", "sure": "y"})
    assert done.location.endswith("/status/view?done=1")
    assert audit_actions(app)[-1] == "withdrawn"
    after = text_of(applicant.get("/status/view?lang=ja"))
    assert "取り下げ" in after and "この申請を取り下げます" not in after
    assert "取り下げ（申請者）" in text_of(staff.get(f"/staff/submissions/{reference}")) or "申請者" in text_of(
        staff.get(f"/staff/submissions/{reference}")
    )


def test_the_status_page_needs_a_look_up_first(client):
    assert client.get("/status/view").location.endswith("/status")
    token = CSRF.search(client.get("/status").get_data(as_text=True)).group(1)
    assert client.post("/status/withdraw", data={"csrf_token": token, "sure": "y"}).location.endswith("/status")
