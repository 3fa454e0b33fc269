"""HSTS only over https (a proxy believed only when trusted), cookie flags, body size limit."""

from __future__ import annotations

import pytest

from formbuilder import create_app
from tests.conftest import base_config

HTTPS_ONLY = "Strict-Transport-Security"


def test_hsts_is_sent_over_https_and_not_over_http(client):
    assert HTTPS_ONLY not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers[HTTPS_ONLY] == "max-age=31536000"


@pytest.mark.parametrize(("trusted", "expected"), [(0, False), (1, True)])
def test_x_forwarded_proto_is_believed_only_from_a_trusted_proxy(tmp_path, database_url, forms_dir, trusted, expected):
    app = create_app({**base_config(tmp_path, forms_dir, database_url), "TRUSTED_PROXIES": trusted})
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert (HTTPS_ONLY in response.headers) is expected


def test_cookies_are_secure_httponly_and_lax_by_default(tmp_path, database_url, forms_dir):
    config = base_config(tmp_path, forms_dir, database_url)
    for key in ("COOKIE_SECURE", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_NAME"):
        config.pop(key)  # the shipped defaults, not the tests' plain-http ones
    app = create_app(config)
    client = app.test_client()
    page = client.get("/forms/water-supply-start?lang=en", base_url="https://localhost")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    started = client.post(
        "/forms/water-supply-start/start",
        data={"csrf_token": token},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/forms/water-supply-start"},  # Flask-WTF checks it over https
    )
    assert started.status_code == 302
    cookies = page.headers.getlist("Set-Cookie") + started.headers.getlist("Set-Cookie")
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"__Host-fb_draft", "__Host-fb_session", "__Host-fb_lang"} <= names, names
    for cookie in cookies:
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags, cookie
        assert "domain=" not in cookie.lower(), cookie  # what the __Host- prefix requires
    in_english = client.get("/forms/water-supply-start", base_url="https://localhost")
    assert '<html lang="en"' in in_english.get_data(as_text=True)  # the prefixed cookie is read back


def test_a_body_over_the_limit_is_refused_with_413(app, client):
    assert app.config["MAX_CONTENT_LENGTH"] == 30 * 1024 * 1024
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/receipt", data={"reference": "x" * 4096})
    assert response.status_code == 413
    assert "送信された内容が大きすぎます" in response.get_data(as_text=True)
