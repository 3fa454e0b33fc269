"""Staff sign-in throttling per client address (SEC-30): 429 with Retry-After, then fine after the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from formbuilder.extensions import limiter
from tests.staff.test_sign_in import NEW_PASSWORD, create, enrol, post, sign_in, wrong_code
from tests.support import text_of

WAIT = "短い時間に操作が集中したため、受け付けられませんでした"


@pytest.fixture
def config_overrides() -> dict:
    return {"RATELIMIT_STAFF_LOGIN": "3 per minute", "RATELIMIT_STORAGE_URI": "memory://"}


@pytest.fixture
def fresh_limits(app):
    with app.app_context():
        limiter.reset()
    yield
    with app.app_context():
        limiter.reset()


def test_too_many_passwords_get_429_and_the_right_one_works_after_the_window(app, client, runner, fresh_limits):
    secret = enrol(client, "hayai", create(runner, "hayai", "staff", "water"))  # one password post
    post(client, "/staff/logout")
    assert [post(client, "/staff/login", login="hayai", password="not-the-password").status_code for _ in "12"] == [
        401,
        401,
    ]
    refused = post(client, "/staff/login", login="hayai", password=NEW_PASSWORD)  # right, but too soon
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert WAIT in text_of(refused)
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=61), tick=True):
        assert sign_in(client, "hayai", secret).location.endswith("/staff/")
        assert client.get("/staff/").status_code == 200


def test_guessing_codes_gets_429_before_the_lock(app, client, runner, fresh_limits):
    secret = enrol(client, "kodo", create(runner, "kodo", "staff", "water"))
    post(client, "/staff/logout")
    assert post(client, "/staff/login", login="kodo", password=NEW_PASSWORD).status_code == 302
    statuses = [post(client, "/staff/login/code", code=wrong_code(secret)).status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=61), tick=True):
        assert sign_in(client, "kodo", secret).location.endswith("/staff/")
