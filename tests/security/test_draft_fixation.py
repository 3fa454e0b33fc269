"""Draft cookie fixation: a token planted in a citizen's browser never comes to hold their application.

The review planted `fb_draft=a` in a victim's browser, let the victim fill and send a form,
and read the victim's reference number and access key with the same cookie. Now a token is
issued by the server whenever a draft begins, so a planted one never comes to hold a draft.
"""

from __future__ import annotations

import pytest

from tests.flows.journeys import WATER, confirmation
from tests.support import Citizen, address_inputs, fill_water, text_of

PLANTED_WELL_FORMED = "A" * 43  # what a token looks like, chosen by the attacker


def _draft_cookie(client) -> str | None:
    cookie = client.get_cookie("fb_draft")
    return cookie.value if cookie else None


@pytest.mark.parametrize("planted", ["a", PLANTED_WELL_FORMED])
def test_a_planted_draft_cookie_cannot_read_the_victims_receipt(app, planted):
    victim = app.test_client()
    victim.set_cookie("fb_draft", planted)
    citizen = Citizen(victim, WATER)
    fill_water(citizen)
    done = confirmation(citizen, citizen.submit())
    assert _draft_cookie(victim) != planted

    attacker = app.test_client()
    attacker.set_cookie("fb_draft", planted)
    for path in (f"/forms/{WATER}/complete", f"/forms/{WATER}/check", f"/forms/{WATER}/pages/place"):
        response = attacker.get(path)
        assert response.status_code == 302 and response.location.endswith(f"/forms/{WATER}"), path
    assert attacker.get(f"/forms/{WATER}/complete/receipt.pdf").status_code == 404
    assert done.reference not in text_of(attacker.get(f"/forms/{WATER}"))


def test_the_token_changes_when_a_draft_begins_and_is_kept_through_the_submit(client):
    """Issued at the start; kept after the submit, so a submit whose answer was lost lands on its confirmation."""
    stale = client.application.test_client()
    stale.set_cookie("fb_draft", "B" * 43)
    Citizen(stale, WATER).start()
    before = _draft_cookie(stale)
    citizen = Citizen(client, WATER)
    citizen.start()
    at_start = _draft_cookie(client)
    assert at_start and at_start != before
    fill_water(citizen)
    assert _draft_cookie(client) == at_start  # filling pages keeps the token
    done = confirmation(citizen, citizen.submit())
    assert done.secret in text_of(client.get(f"/forms/{WATER}/complete"))


def test_beginning_a_second_form_keeps_the_first_forms_draft(client):
    first = Citizen(client, WATER)
    first.start()
    first.post_page("place", address_inputs("address", line1="千代田1-1-89"))
    before = _draft_cookie(client)
    second = Citizen(client, "oversized-waste-collection")
    second.start()
    assert _draft_cookie(client) != before
    page = first.get(f"/forms/{WATER}/pages/place")
    assert page.status_code == 200 and "千代田1-1-89" in page.get_data(as_text=True)
