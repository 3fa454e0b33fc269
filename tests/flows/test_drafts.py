"""Drafts: kept server-side under a random cookie token, surviving restarts, expiring on time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.flows.html import Page
from tests.flows.journeys import WATER, confirmation, dispose, restart, rows, share_cookies
from tests.support import Citizen, text_of, water_answers

pytestmark = pytest.mark.both_databases


def _two_pages(client) -> Citizen:
    citizen = Citizen(client, WATER)
    citizen.start()
    answers = water_answers()
    for page_id in ("place", "user"):
        assert citizen.post_page(page_id, answers[page_id]).status_code == 302
    return citizen


def test_draft_survives_a_server_restart_with_the_same_cookie(app, client):
    _two_pages(client)
    again = restart(app)
    try:
        browser = again.test_client()
        share_cookies(client, browser)
        citizen = Citizen(browser, WATER)
        assert "入力を続ける" in text_of(citizen.get(f"/forms/{WATER}"))
        resumed = browser.post(f"/forms/{WATER}/start", data={"csrf_token": citizen.csrf})
        assert resumed.location == f"/forms/{WATER}/pages/start"
        place = Page(citizen.get(f"/forms/{WATER}/pages/place"))
        assert place.value("address-line1") == water_answers()["place"]["address-line1"]
        answers = water_answers()
        for page_id in ("start", "payment", "confirm"):
            assert citizen.post_page(page_id, answers[page_id]).status_code == 302
        confirmation(citizen, citizen.submit())
        assert len(rows(again, "submissions")) == 1
    finally:
        dispose(again)


def test_draft_expires_after_its_lifetime(app, client):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = _two_pages(client)
        clock.shift(timedelta(hours=app.config["DRAFT_LIFETIME_HOURS"], minutes=1))
        assert citizen.get(f"/forms/{WATER}/pages/start").location == f"/forms/{WATER}"
        assert "申請を始める" in text_of(citizen.get(f"/forms/{WATER}"))
        late = citizen.post_page("start", water_answers()["start"])
        assert late.location == f"/forms/{WATER}"
        assert "start_date" not in str(rows(app, "drafts"))


@pytest.mark.parametrize("config_overrides", [{"DRAFT_LIFETIME_HOURS": 2}])
def test_each_saved_page_pushes_the_expiry_back(app, client, config_overrides):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = Citizen(client, WATER)
        citizen.start()
        answers = water_answers()
        for page_id in ("place", "user", "start"):
            clock.shift(timedelta(minutes=110))
            citizen.get(f"/forms/{WATER}/pages/{page_id}")
            assert citizen.post_page(page_id, answers[page_id]).status_code == 302, page_id
        clock.shift(timedelta(minutes=121))
        assert citizen.get(f"/forms/{WATER}/pages/payment").location == f"/forms/{WATER}"


def test_cleanup_command_deletes_expired_drafts_only(app, client, runner):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        _two_pages(client)
        clock.shift(timedelta(hours=48))
        _two_pages(app.test_client())
        clock.shift(timedelta(hours=25))
        assert len(rows(app, "drafts")) == 2
        result = runner.invoke(args=["forms", "cleanup"])
        assert result.exit_code == 0, result.output
        assert "1 expired draft(s) deleted" in result.output
        (kept,) = rows(app, "drafts")
        assert runner.invoke(args=["forms", "cleanup"]).output.startswith("0 ")
    assert len(rows(app, "drafts")) == 1 and kept["id"] == 2


def test_draft_cookie_is_httponly_lax_and_holds_no_answer(app, client):
    citizen = Citizen(client, WATER)
    citizen.get(f"/forms/{WATER}")
    response = client.post(f"/forms/{WATER}/start", data={"csrf_token": citizen.csrf})
    (header,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("fb_draft=")]
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in header.split(";")[1:]}
    assert "httponly" in attributes and attributes["samesite"].lower() == "samesite=lax"
    assert attributes["path"] == "Path=/" and "domain" not in attributes
    assert int(attributes["max-age"].split("=")[1]) == app.config["DRAFT_LIFETIME_HOURS"] * 3600

    citizen.get(response.location)
    answers = water_answers()
    for page_id in ("place", "user"):
        citizen.post_page(page_id, answers[page_id])
    token = client.get_cookie("fb_draft").value
    assert len(token) >= 43 and token not in str(rows(app, "drafts")), "only its hash is stored"
    session = app.session_interface.get_signing_serializer(app).loads(client.get_cookie("fb_session").value)
    assert set(session) <= {"csrf_token"}
    cookies = " ".join(c.value for c in (client.get_cookie(n) for n in ("fb_draft", "fb_session")) if c)
    for value in ("山田", "ヤマダ", "090", "千代田", "100-0001"):
        assert value not in cookies


@pytest.mark.parametrize("config_overrides", [{"COOKIE_SECURE": True}])
def test_draft_cookie_is_secure_and_host_only_when_served_over_https(client, config_overrides):
    citizen = Citizen(client, WATER)
    citizen.get(f"/forms/{WATER}", base_url="https://localhost")
    response = client.post(
        f"/forms/{WATER}/start",
        data={"csrf_token": citizen.csrf},
        base_url="https://localhost",
        headers={"Referer": f"https://localhost/forms/{WATER}"},
    )
    assert response.status_code == 302
    (header,) = [h for h in response.headers.getlist("Set-Cookie") if "fb_draft=" in h]
    assert header.startswith("__Host-fb_draft=")
    assert "Secure" in header and "Path=/" in header and "Domain" not in header


def test_every_saved_page_sends_the_cookie_again_so_it_lasts_as_long_as_the_draft(app, client):
    citizen = Citizen(client, WATER)
    citizen.start()
    response = citizen.post_page("place", water_answers()["place"])
    (header,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("fb_draft=")]
    assert header.startswith(f"fb_draft={client.get_cookie('fb_draft').value};")
    assert f"Max-Age={app.config['DRAFT_LIFETIME_HOURS'] * 3600}" in header
    assert not [h for h in citizen.get(response.location).headers.getlist("Set-Cookie") if "fb_draft" in h]
