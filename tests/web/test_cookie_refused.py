"""A post that brings none of our cookies (they could not be kept) says so, not that time passed (issue 22)."""

from __future__ import annotations

import pytest

from tests.flows.journeys import WATER
from tests.support import Citizen, text_of

TIME_PASSED = "画面を開いてから時間がたったため"
NO_COOKIE = "クッキーを保存できなかったため、送信できませんでした"
HTTP = "このページは https ではないアドレス（http://）で開かれています。"


def test_start_without_any_cookie_says_the_cookie_was_not_kept(client):
    response = client.post(f"/forms/{WATER}/start", data={"csrf_token": "x"})
    text = text_of(response)
    assert response.status_code == 400
    assert NO_COOKIE in text and "クッキーを受け付けない設定" in text and TIME_PASSED not in text
    assert HTTP not in text  # cookies are not Secure here: http is not the cause


@pytest.mark.parametrize(
    "config_overrides",
    [{"COOKIE_SECURE": True, "SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_NAME": "__Host-fb_session"}],
)
def test_secure_cookies_over_http_say_to_use_https(client, caplog):
    citizen = Citizen(client, WATER)
    page = citizen.get(f"/forms/{WATER}")
    assert page.status_code == 200
    client.delete_cookie("__Host-fb_session")  # a browser never keeps a Secure cookie it got over http
    response = client.post(f"/forms/{WATER}/start", data={"csrf_token": citizen.csrf})
    text = text_of(response)
    assert response.status_code == 400 and NO_COOKIE in text and HTTP in text and TIME_PASSED not in text
    assert any("COOKIE_SECURE" in record.getMessage() for record in caplog.records)


def test_a_page_post_without_cookies_is_not_called_expired(client):
    response = client.post(f"/forms/{WATER}/pages/place", data={"csrf_token": "x", "action": "next"})
    assert response.status_code == 400 and NO_COOKIE in text_of(response)


def test_an_old_token_with_the_cookie_still_keeps_what_was_typed(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    citizen.csrf = "stale"
    response = citizen.post_page("place", {"address-postal": "100-0001"})
    assert response.status_code == 400 and TIME_PASSED in text_of(response)
