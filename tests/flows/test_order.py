"""SEC-15: pages are taken in order; a later page, the check page or submit cannot be reached early."""

from __future__ import annotations

import pytest

from tests.flows.journeys import WATER, rows
from tests.support import DECLARED, Citizen, water_answers

pytestmark = pytest.mark.both_databases

FIRST = f"/forms/{WATER}/pages/place"


def _draft(app) -> dict:
    (draft,) = rows(app, "drafts")
    return draft


@pytest.mark.parametrize("page_id", ["user", "start", "payment", "confirm"])
def test_opening_a_later_page_first_leads_to_the_first_page(client, page_id):
    citizen = Citizen(client, WATER)
    citizen.start()
    response = citizen.get(f"/forms/{WATER}/pages/{page_id}")
    assert response.status_code == 302 and response.location == FIRST


@pytest.mark.parametrize("page_id", ["user", "start", "payment", "confirm"])
def test_posting_a_later_page_first_leads_to_the_first_page_and_keeps_nothing(app, client, page_id):
    citizen = Citizen(client, WATER)
    citizen.start()
    response = citizen.post_page(page_id, water_answers()[page_id])
    assert response.status_code == 302 and response.location == FIRST
    draft = _draft(app)
    assert draft["reached"] in ([], "[]")
    assert "user_name" not in str(draft["answers"]) and "payment" not in str(draft["answers"])


def test_a_page_after_the_first_incomplete_one_leads_back_to_it(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    answers = water_answers()
    citizen.post_page("place", answers["place"])
    citizen.post_page("user", answers["user"])
    incomplete = f"/forms/{WATER}/pages/start"
    assert citizen.get(f"/forms/{WATER}/pages/confirm").location == incomplete
    assert citizen.post_page("payment", answers["payment"]).location == incomplete
    assert citizen.get(f"/forms/{WATER}/check").location == incomplete
    assert citizen.get(f"/forms/{WATER}/pages/user").status_code == 200, "earlier pages stay open"


def test_the_check_page_before_every_page_is_done_leads_to_the_first_incomplete_page(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    assert citizen.get(f"/forms/{WATER}/check").location == FIRST


def test_submit_before_every_page_is_done_stores_nothing(app, client):
    citizen = Citizen(client, WATER)
    citizen.start()
    citizen.post_page("place", water_answers()["place"])
    token = _draft(app)["submit_token"]
    response = client.post(
        f"/forms/{WATER}/submit", data={"csrf_token": citizen.csrf, "submit_token": token, **DECLARED}
    )
    assert response.status_code == 302 and response.location == f"/forms/{WATER}/pages/user"
    assert rows(app, "submissions") == []


def test_posting_the_last_page_in_a_fresh_session_is_refused(app, client):
    citizen = Citizen(client, WATER)
    citizen.get(f"/forms/{WATER}")
    response = citizen.post_page("confirm", water_answers()["confirm"])
    assert response.status_code == 302 and response.location == f"/forms/{WATER}"
    response = client.post(f"/forms/{WATER}/submit", data={"csrf_token": citizen.csrf, "submit_token": "x", **DECLARED})
    assert response.status_code == 302 and response.location == f"/forms/{WATER}"
    assert rows(app, "drafts") == [] and rows(app, "submissions") == []
