"""SEC-07/SEC-09: every post needs its form token, and an expired one never loses what was typed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.flows.html import Page
from tests.flows.journeys import WATER, confirmation, draft_answers, rows
from tests.support import DECLARED, SUBMIT_TOKEN, Citizen, errors_of, fill_water, name_inputs, text_of, water_answers

pytestmark = pytest.mark.both_databases

NOTICE = "画面を開いてから時間がたったため、送信できませんでした。入力した内容は残っています。"
TYPED = {**name_inputs("user_name", "山田 太郎", "ヤマダ タロウ"), "phone": "090-1234-5678", "email": "taro@example.jp"}


def _on_user_page(client) -> Citizen:
    citizen = Citizen(client, WATER)
    citizen.start()
    citizen.post_page("place", water_answers()["place"])
    citizen.get(f"/forms/{WATER}/pages/user")
    return citizen


def _shown(response, names) -> dict:
    page = Page(response)
    return {name: page.value(name) for name in names}


def test_token_expired_after_nine_hours_reshows_the_page_with_everything_typed(app, client):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = _on_user_page(client)
        stale = citizen.csrf
        clock.shift(timedelta(hours=9))
        response = citizen.post_page("user", TYPED)
        assert response.status_code == 400
        assert NOTICE in text_of(response) and errors_of(response) == []
        assert _shown(response, TYPED) == TYPED
        assert citizen.csrf != stale, "the page carries a fresh token"
        again = _shown(citizen.get(f"/forms/{WATER}/pages/user"), TYPED)
        assert again == TYPED, "the draft kept the answers"
        assert draft_answers(app)[0]["user_name-given_kana"] == ["タロウ"]
        retry = citizen.post_page("user", TYPED)
        assert retry.status_code == 302 and retry.location == f"/forms/{WATER}/pages/start"


def test_token_younger_than_eight_hours_is_accepted(client):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = _on_user_page(client)
        clock.shift(timedelta(hours=7, minutes=59))
        assert citizen.post_page("user", TYPED).location == f"/forms/{WATER}/pages/start"


def test_expired_token_on_back_keeps_what_was_typed(client):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = _on_user_page(client)
        clock.shift(timedelta(hours=9))
        typed = {**TYPED, "phone": "でんわ"}
        response = citizen.post_page("user", typed, action="back")
        assert response.status_code == 400 and _shown(response, typed) == typed
        assert citizen.post_page("user", typed, action="back").location == f"/forms/{WATER}/pages/place"


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_page_posted_without_a_valid_token_is_reshown_with_the_answers(client, token):
    citizen = _on_user_page(client)
    citizen.csrf = token
    response = citizen.post_page("user", TYPED)
    assert response.status_code == 400 and _shown(response, TYPED) == TYPED
    assert NOTICE in text_of(response)


def test_token_of_another_browser_is_refused(app, client):
    citizen = _on_user_page(client)
    other = Citizen(app.test_client(), WATER)
    other.get(f"/forms/{WATER}")
    citizen.csrf = other.csrf
    response = citizen.post_page("user", TYPED)
    assert response.status_code == 400 and NOTICE in text_of(response)


def test_submit_with_an_expired_token_reshows_the_check_page_and_stores_nothing(app, client):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = Citizen(client, WATER)
        fill_water(citizen)
        check = citizen.check()
        token = SUBMIT_TOKEN.search(check.get_data(as_text=True)).group(1)
        clock.shift(timedelta(hours=9))
        form = {"csrf_token": citizen.csrf, "submit_token": token, **DECLARED}
        response = client.post(f"/forms/{WATER}/submit", data=form)
        assert response.status_code == 400
        assert "入力内容の確認" in text_of(response) and NOTICE in text_of(response)
        assert "ヤマダ タロウ" in text_of(response)
        assert rows(app, "submissions") == []
        citizen._remember(response)
        assert confirmation(citizen, client.post(f"/forms/{WATER}/submit", data={**form, "csrf_token": citizen.csrf}))
        assert len(rows(app, "submissions")) == 1


def test_submit_without_a_token_reshows_the_check_page_and_stores_nothing(app, client):
    citizen = Citizen(client, WATER)
    fill_water(citizen)
    token = SUBMIT_TOKEN.search(citizen.check().get_data(as_text=True)).group(1)
    response = client.post(f"/forms/{WATER}/submit", data={"submit_token": token})
    assert response.status_code == 400 and "送信する" in text_of(response) and NOTICE in text_of(response)
    assert rows(app, "submissions") == []


def test_submit_without_a_token_before_the_pages_are_done_leads_to_them(app, client):
    citizen = Citizen(client, WATER)
    citizen.start()
    response = client.post(f"/forms/{WATER}/submit", data={"submit_token": "x"})
    assert response.status_code == 302 and response.location == f"/forms/{WATER}/pages/place"


def test_start_with_an_expired_token_shows_the_start_button_again(app, client):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = Citizen(client, WATER)
        citizen.get(f"/forms/{WATER}")
        clock.shift(timedelta(hours=9))
        response = client.post(f"/forms/{WATER}/start", data={"csrf_token": citizen.csrf})
        assert response.status_code == 400 and "申請を始める" in text_of(response)
        assert rows(app, "drafts") == []
        citizen._remember(response)
        assert client.post(f"/forms/{WATER}/start", data={"csrf_token": citizen.csrf}).status_code == 302


def test_expired_token_on_a_page_posted_out_of_order_keeps_nothing(app, client):
    citizen = Citizen(client, WATER)
    citizen.start()
    citizen.csrf = ""
    response = citizen.post_page("payment", water_answers()["payment"])
    assert response.status_code in (302, 400)
    assert "payment" not in draft_answers(app)[0]
