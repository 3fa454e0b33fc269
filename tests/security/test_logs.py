"""No personal data in logs: distinctive answers through every shipped form, logs read back."""

from __future__ import annotations

import logging

import pytest

from tests.browser.answers import DISTINCTIVE
from tests.security.journeys import submit_every_form

pytestmark = pytest.mark.both_databases


def test_answers_of_every_form_never_reach_the_logs(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    caplog.set_level(logging.INFO, logger="werkzeug")
    slugs = submit_every_form(app, client)
    assert len(slugs) >= 3
    client.post("/receipt", data={"reference": DISTINCTIVE[0], "secret": DISTINCTIVE[1]})  # no token: refused
    client.get("/assist/postal/1000001")
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert any(r.name.startswith("sqlalchemy.engine") for r in caplog.records), "SQL was not logged: test is blind"
    for value in DISTINCTIVE:
        assert value not in logged, f"{value!r} was logged"
