"""The public address: printed on receipts whatever Host a request named; other hosts refused.

A receipt used to print `url_for(..., _external=True)`, built from the request's Host header:
a forged Host put any site on a citizen's receipt. FORMBUILDER_BASE_URL is now the only source
of absolute URLs, and Flask's TRUSTED_HOSTS (its host name plus FORMBUILDER_TRUSTED_HOSTS)
turns a request for any other host into a 400.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from formbuilder import create_app
from formbuilder.web.urls import AddressError, public_url
from tests.conftest import ROOT, base_config
from tests.flows.journeys import WATER, pdf_text, rows, submit_water

PUBLIC = "https://shinsei.city.example.lg.jp"


@pytest.fixture
def config_overrides() -> dict:
    # The test client asks for localhost: an allowed name that is not the public one.
    return {"BASE_URL": PUBLIC + "/", "EXTRA_TRUSTED_HOSTS": ("localhost", "intranet.city.example")}


def test_the_receipt_prints_the_public_address_not_the_host_the_request_named(client):
    submit_water(client)
    text = pdf_text(client.get(f"/forms/{WATER}/complete/receipt.pdf").data)
    assert f"{PUBLIC}/status" in text  # where the status is checked
    assert "localhost" not in text


@pytest.mark.parametrize("host", ["shinsei.city.example.lg.jp", "localhost", "intranet.city.example:8080"])
def test_the_public_host_and_the_extra_names_are_served(client, host):
    assert client.get(f"/forms/{WATER}", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "shinsei.city.example.lg.jp.evil.example", "evil.example:443", "127.0.0.1"]
)
def test_a_request_for_another_host_is_refused_before_any_view_runs(app, client, host):
    assert client.get(f"/forms/{WATER}", headers={"Host": host}).status_code == 400
    assert client.post(f"/forms/{WATER}/start", headers={"Host": host}).status_code == 400
    assert client.get(f"/forms/{WATER}/complete/receipt.pdf", headers={"Host": host}).status_code == 400
    assert rows(app, "drafts") == []


def test_a_forged_forwarded_host_is_refused_behind_a_trusted_proxy(tmp_path, database_url, forms_dir):
    config = {**base_config(tmp_path, forms_dir, database_url), "BASE_URL": PUBLIC, "TRUSTED_PROXIES": 1}
    client = create_app(config).test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    ok = client.get("/", headers={**forwarded, "X-Forwarded-Host": "shinsei.city.example.lg.jp"})
    assert ok.status_code == 200
    assert client.get("/", headers={**forwarded, "X-Forwarded-Host": "evil.example"}).status_code == 400


def test_public_url_needs_no_request_and_keeps_a_path_prefix(tmp_path, database_url, forms_dir):
    config = {**base_config(tmp_path, forms_dir, database_url), "BASE_URL": "https://city.example.lg.jp/shinsei/"}
    app = create_app(config)
    assert app.config["TRUSTED_HOSTS"] == ["city.example.lg.jp", "127.0.0.1"]
    with app.app_context():  # as an e-mail sent by a worker would
        assert public_url("citizen.receipt_lookup") == "https://city.example.lg.jp/shinsei/receipt"
        assert public_url("citizen.start", slug=WATER) == f"https://city.example.lg.jp/shinsei/forms/{WATER}"


def _production(tmp_path, forms_dir, database_url) -> dict:
    """The shipped defaults: not testing, Secure cookies (an https deployment), no address."""
    config = base_config(tmp_path, forms_dir, database_url)
    for key in (
        "TESTING",
        "COOKIE_SECURE",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "BASE_URL",
        "EXTRA_TRUSTED_HOSTS",
    ):
        config.pop(key)
    return config


@pytest.mark.parametrize(
    ("base", "says"),
    [
        (None, "FORMBUILDER_BASE_URL is not set: set it to the address citizens use, e.g. https://"),
        ("http://shinsei.city.example.lg.jp", "must start with https:// when cookies are Secure"),
        ("shinsei.city.example.lg.jp", "is not a web address like https://shinsei.city.example.lg.jp"),
        ("https://shinsei.city.example.lg.jp/?lang=ja", "is not a web address"),
    ],
)
def test_production_refuses_to_start_without_a_usable_public_address(tmp_path, forms_dir, database_url, base, says):
    config = _production(tmp_path, forms_dir, database_url)
    if base:
        config["BASE_URL"] = base
    with pytest.raises(AddressError, match=says.replace("?", r"\?")):
        create_app(config)


def test_production_starts_with_the_address_from_the_environment(tmp_path, forms_dir, database_url, monkeypatch):
    monkeypatch.setenv("FORMBUILDER_BASE_URL", "https://Shinsei.City.Example.lg.jp/")
    monkeypatch.setenv("FORMBUILDER_TRUSTED_HOSTS", "intranet.city.example, ")
    app = create_app(_production(tmp_path, forms_dir, database_url))
    assert app.config["BASE_URL"] == PUBLIC
    assert app.config["TRUSTED_HOSTS"] == ["shinsei.city.example.lg.jp", "intranet.city.example"]


def _run(tmp_path, code: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run a command with the shipped defaults: the environment holds no FORMBUILDER_ setting but these."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("FORMBUILDER_", "FLASK_")) and k != "DATABASE_URL"
    }
    clean.update(FORMBUILDER_INSTANCE=str(tmp_path / "instance"), FORMBUILDER_SECRET_KEY="x" * 32, **env)
    return subprocess.run(code, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_the_server_process_stops_with_the_reason_but_commands_still_run(tmp_path):
    """gunicorn imports wsgi: without an address it stops there; `flask forms check` serves no one and runs."""
    started = _run(tmp_path, [sys.executable, "-c", "import wsgi"])
    assert started.returncode != 0
    assert "AddressError: FORMBUILDER_BASE_URL is not set" in started.stderr
    checked = _run(tmp_path, [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "forms", "check"])
    assert checked.returncode == 0, checked.stderr
    local = _run(tmp_path, [sys.executable, "-c", "import wsgi"], FORMBUILDER_COOKIE_SECURE="0")
    assert local.returncode == 0, local.stderr
