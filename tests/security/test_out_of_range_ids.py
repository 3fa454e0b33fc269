"""Numbers no database column can hold, in every URL argument: a 404 or a refusal, never a 500.

The review asked for `/forms/<slug>/attachments/99999999999999999999999/preview.jpg` and got a
500 (SQLite cannot bind an integer past 64 bits; PostgreSQL refuses it as out of range). This
walks the whole URL map with such numbers, as a stranger, a citizen with a draft, a signed-in
administrator and an API client, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.api.support import bearer, make_token
from tests.security.journeys import fill_every_page
from tests.security.routes import ARGUMENTS
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client

pytestmark = pytest.mark.both_databases
OUT_OF_RANGE = ["99999999999999999999999", "2147483648", "9223372036854775808", "-9223372036854775809", "1e400"]


def _urls(rule, value: str, known: dict[str, str]) -> list[str]:
    """The rule with each argument in turn set to `value`, the others to values that exist."""
    found = []
    for target in rule.arguments:
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:[a-z]+:)?{name}>", value if name == target else known.get(name, "1"), path)
        found.append(path)
    return found


def test_no_url_argument_of_any_route_gives_a_500(app, runner):
    visitors = {
        "stranger": app.test_client(),
        "citizen with a draft": fill_every_page(app, app.test_client(), "water-supply-start").client,
        "administrator": staff_client(app, runner, "kanri", "admin"),
    }
    api_headers = bearer(make_token(runner, "core", "water", write=True))
    sent = fill_every_page(app, app.test_client(), "water-supply-start")
    sent.submit()
    with app.app_context():
        reference = db.session.scalars(select(Submission.reference)).first()
    known = {**ARGUMENTS, "reference": reference}
    called = 0
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.endpoint == "static":
            continue
        for url in (u for v in OUT_OF_RANGE for u in _urls(rule, v, known)):
            for who, client in visitors.items():
                headers = api_headers if rule.rule.startswith("/api/") else {}
                if "GET" in rule.methods:
                    response = client.get(url, headers=headers)
                else:
                    response = client.post(url, headers=headers, json={}) if headers else post(client, url)
                response.get_data()
                response.close()
                assert response.status_code < 500, (who, url, response.status_code)
                called += 1
    assert called > 50


def test_the_review_url_is_a_404(client):
    response = client.get("/forms/water-supply-start/attachments/99999999999999999999999/preview.jpg")
    assert response.status_code == 404
