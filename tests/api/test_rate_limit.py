"""The API's rate limit answers in JSON, per token, with Retry-After."""

from __future__ import annotations

import secrets

import pytest

from tests.api.support import api_get, assert_error, make_token


@pytest.fixture
def config_overrides() -> dict:
    return {"RATELIMIT_API": "3 per minute"}


def test_over_the_rate_limit_is_a_json_429(app, client, runner):
    token = make_token(runner, "suido-kikan-limited", "water")
    for _ in range(3):
        assert api_get(client, "/forms", token).status_code == 200
    response = api_get(client, "/forms", token)
    assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize(
    "config_overrides", [{"RATELIMIT_API": "100 per minute", "RATELIMIT_API_INVALID": "5 per minute"}]
)
def test_rotating_invalid_tokens_are_limited_per_address_and_valid_tokens_are_not(app, client, runner):
    token = make_token(runner, "suido-kikan-valid", "water")
    attacker, other = {"REMOTE_ADDR": "198.51.100.7"}, {"REMOTE_ADDR": "198.51.100.8"}
    guesses = ["fbk_" + secrets.token_urlsafe(32) for _ in range(5)] + ["not-even-a-token"]
    for guess in guesses[:5]:  # a new token each time: the count is per address, not per token
        assert_error(api_get(client, "/forms", guess, environ_base=attacker), 401, "unauthorized")
    over = api_get(client, "/forms", guesses[5], environ_base=attacker)
    assert_error(over, 429, "rate_limited")
    assert 0 < int(over.headers["Retry-After"]) <= 60
    assert api_get(client, "/forms", token, environ_base=other).status_code == 200
    assert_error(api_get(client, "/forms", guesses[0], environ_base=other), 401, "unauthorized")
    # A valid token keeps its own count even from the address that guessed.
    assert api_get(client, "/forms", token, environ_base=attacker).status_code == 200
