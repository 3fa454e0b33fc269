"""One TOTP code sent by two browsers at the same moment signs in once (PostgreSQL, real threads)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine

from tests.staff.test_sign_in import NEW_PASSWORD, create, enrol, post, token

ROUNDS = 3


def _race(app, secret: str) -> list[str]:
    """Two browsers, each past the password step, send the same valid code at once."""
    browsers = [app.test_client() for _ in range(2)]
    for browser in browsers:
        assert post(browser, "/staff/login", login="twice", password=NEW_PASSWORD).status_code == 302
    code = pyotp.TOTP(secret).now()
    forms = [{"csrf_token": token(browser), "code": code} for browser in browsers]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send(browser, form) -> None:
        barrier.wait()
        response = browser.post("/staff/login/code", data=form)
        outcomes.append("signed in" if (response.location or "").endswith("/staff/") else str(response.status_code))

    threads = [threading.Thread(target=send, args=pair) for pair in zip(browsers, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_the_same_code_sent_twice_at_once_signs_in_once(app, runner):
    secret = enrol(app.test_client(), "twice", create(runner, "twice", "viewer", "water"))
    start = datetime.now(UTC)
    for round_ in range(1, ROUNDS + 1):
        with time_machine.travel(start + timedelta(seconds=90 * round_), tick=True):  # a step no code used yet
            assert _race(app, secret) == ["422", "signed in"], round_
