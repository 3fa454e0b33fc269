"""Every route: security headers, CSRF on every state-changing method, no change made by GET/HEAD."""

from __future__ import annotations

import re

import pytest

from tests.security.journeys import fill_every_page
from tests.security.routes import SAFE_METHODS, database_fingerprint, rules, url_of

pytestmark = pytest.mark.both_databases
# Without a valid token a page post keeps what was typed in the sender's own draft (an expired
# token must never lose a citizen's input). A cross-site post cannot reach a draft: the draft
# cookie is SameSite=Lax, so such a post arrives without it, like the "fresh" visitor below.
KEEPS_TYPED_WITHOUT_TOKEN = {"citizen.save_page"}
NONCE = re.compile(r"script-src 'self' 'nonce-([A-Za-z0-9_-]{16,})'")


def _at_check(app):
    visitor = app.test_client()
    fill_every_page(app, visitor, "water-supply-start")
    return visitor


def _submitted(app):
    citizen = fill_every_page(app, app.test_client(), "water-supply-start")
    citizen.submit()
    return citizen.client


# A visitor with no draft, one half-way (at the check page) and one who has submitted.
STATES = {"fresh": lambda app: app.test_client(), "at check": _at_check, "submitted": _submitted}


def assert_security_headers(response, where: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, (where, csp)
    assert "frame-ancestors 'none'" in csp, (where, csp)
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    if response.mimetype == "text/html":
        assert NONCE.search(csp), (where, csp)
        for part in ("object-src 'none'", "base-uri 'none'", "form-action 'self'", "default-src 'self'"):
            assert part in csp, (where, part)
    if not response.request.path.startswith("/static/"):
        assert response.headers.get("Cache-Control") == "no-store", where


def test_get_and_head_change_nothing_and_carry_the_headers(app):
    for state, make in STATES.items():
        visitor = make(app)
        for rule in rules(app):
            for method in sorted(rule.methods & {"GET", "HEAD"}):
                before = database_fingerprint(app)
                response = visitor.open(url_of(rule), method=method)
                after = database_fingerprint(app)
                where = f"{method} {rule.rule} ({state}) -> {response.status_code}"
                assert response.status_code < 500, where
                assert before == after, f"{where} changed the database"
                assert_security_headers(response, where)
                response.close()


def test_every_state_changing_request_needs_the_csrf_token(app):
    for state, make in STATES.items():
        for rule in rules(app):
            for method in sorted(rule.methods - SAFE_METHODS):
                visitor = make(app)
                before = database_fingerprint(app)
                response = visitor.open(url_of(rule), method=method, data={"action": "next", "reference": "x"})
                where = f"{method} {rule.rule} ({state}) without a token"
                # The JSON API is authenticated by a bearer token, not a cookie: without one, 401.
                expected = 401 if rule.endpoint.startswith("api.") else 400
                assert response.status_code == expected, f"{where} -> {response.status_code}"
                if state == "fresh" or rule.endpoint not in KEEPS_TYPED_WITHOUT_TOKEN:
                    assert database_fingerprint(app) == before, f"{where} changed the database"
                assert_security_headers(response, where)


def test_error_pages_carry_the_headers(client):
    for path, status in (("/no-such-page", 404), ("/forms/water-supply-start/submit", 405)):
        response = client.get(path)
        assert response.status_code == status
        assert_security_headers(response, path)


def test_each_response_gets_its_own_nonce(client):
    first = NONCE.search(client.get("/").headers["Content-Security-Policy"]).group(1)
    second = NONCE.search(client.get("/").headers["Content-Security-Policy"]).group(1)
    assert first != second
