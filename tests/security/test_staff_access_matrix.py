"""Every back-office endpoint × every role × own or other department: allowed or refused.

The endpoints come from the app's URL map: a staff endpoint missing from the table below
fails the test, so a page added later cannot go unchecked. Refused means: a sign-in redirect
for a stranger, 403 for a role that may not, 404 for a form or submission of another
department (it does not exist for them). Allowed means none of those (a 422 for an empty
post is allowed: the request got past the access checks). The API has its own matrix in
tests/api/test_access_matrix.py.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from formbuilder.extensions import db
from formbuilder.storage.attachment_models import Attachment
from formbuilder.storage.models import Submission
from tests.security.routes import ARGUMENTS
from tests.security.routes_api import API_STAFF_ACCESS
from tests.security.routes_exports import EXPORT_STAFF_ACCESS
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client, submit_child_allowance

EVERYONE = frozenset({"admin", "staff", "viewer"})
CHANGERS = frozenset({"admin", "staff"})
# The steps of signing in and out: open to anyone by design (tested in tests/staff/test_sign_in.py).
SIGN_IN = {"staff.login", "staff.next_step", "staff.new_password", "staff.enrol", "staff.code", "staff.logout"}
STAFF_ACCESS: dict[str, frozenset[str]] = {
    "staff.home": EVERYONE,
    "staff.submissions": EVERYONE,
    "staff.search_submissions": EVERYONE,
    "staff.submission": EVERYONE,
    "staff.change_status": CHANGERS,
    "staff.download_attachment": EVERYONE,
    "staff.show_attachment": EVERYONE,
    "staff.receipt": EVERYONE,
    "staff.counter_forms": CHANGERS,
    "staff.counter_start": CHANGERS,
    **EXPORT_STAFF_ACCESS,
    **API_STAFF_ACCESS,
}
# URL arguments that name a form or a submission: another department's is a 404.
SCOPING = {"slug", "reference"}
# Endpoints open to any form, whatever the department (counter staff take any application).
ANY_FORM = {"staff.counter_start"}
# Who asks: role and whether the child-allowance form (department "child") is theirs.
ACTORS = {
    "admin": ("admin", ()),
    "staff, own department": ("staff", ("child",)),
    "viewer, own department": ("viewer", ("child",)),
    "staff, other department": ("staff", ("water",)),
    "viewer, other department": ("viewer", ("water",)),
}


def _url(rule, values: dict[str, str]) -> str:
    path = rule.rule
    for name in rule.arguments:
        value = values.get(name, ARGUMENTS.get(name, "1"))
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", value, path)
    return path


def _call(client, rule, values):
    url = _url(rule, values)
    response = client.get(url) if "GET" in rule.methods else post(client, url)
    response.get_data()  # a streamed download runs to its end, then its context closes
    response.close()
    return response


def _refused(response) -> bool:
    return response.status_code in (401, 403) or (
        response.status_code == 302 and "/staff/login" in (response.location or "")
    )


@pytest.fixture
def setting(app, runner):
    reference = submit_child_allowance(app)
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        attachment = db.session.scalars(select(Attachment.id).where(Attachment.submission_id == submission.id)).first()
    values = {"slug": "child-allowance", "reference": reference, "attachment_id": str(attachment)}
    clients = {
        name: staff_client(app, runner, f"user{i}", role, *departments)
        for i, (name, (role, departments)) in enumerate(ACTORS.items())
    }
    return values, clients


def test_every_staff_endpoint_is_in_the_table(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.")}
    missing = sorted(endpoints - SIGN_IN - set(STAFF_ACCESS))
    assert not missing, f"add {missing} to STAFF_ACCESS (or the routes_*.py tables) with the roles allowed"
    assert not set(STAFF_ACCESS) - endpoints, "the table names endpoints the app does not have"


def test_each_role_and_department_gets_exactly_what_the_table_says(app, setting):
    values, clients = setting
    stranger = app.test_client()
    checked = 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("staff.") or rule.endpoint in SIGN_IN:
            continue
        allowed_roles = STAFF_ACCESS[rule.endpoint]
        scoped = bool(SCOPING & set(rule.arguments)) and rule.endpoint not in ANY_FORM
        anonymous = _call(stranger, rule, values)
        assert anonymous.status_code == 302 and "/staff/login" in anonymous.location, (rule.rule, "stranger")
        for actor, (role, departments) in ACTORS.items():
            response = _call(clients[actor], rule, values)
            where = f"{sorted(rule.methods - {'HEAD', 'OPTIONS'})} {rule.rule} as {actor} -> {response.status_code}"
            assert response.status_code < 500, where
            may = role in allowed_roles
            in_scope = role == "admin" or "child" in departments or not scoped
            if may and in_scope:
                assert not _refused(response) and not (scoped and response.status_code == 404), where
            elif may:  # right role, another department's form or submission
                assert response.status_code == 404, where
            elif in_scope:
                assert response.status_code == 403, where
            else:
                assert response.status_code in (403, 404), where
            checked += 1
    assert checked >= len(STAFF_ACCESS) * len(ACTORS)
