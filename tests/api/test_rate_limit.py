"""The API's rate limit answers in JSON, per token, with Retry-After."""

from __future__ import annotations

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
