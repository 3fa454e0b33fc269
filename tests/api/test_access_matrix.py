"""Every api.* endpoint × every kind of caller: allowed, or refused with 401, 403 or 404.

The endpoints come from the URL map, so a new API route fails here until it has a row below.
The submission and its file belong to the water department; "other" tokens are of child.
"""

from __future__ import annotations

import pytest

from tests.api.support import bearer, make_token
from tests.staff.test_submissions import submit_water

CALLERS = ("no token", "revoked", "read own", "read other", "write own", "write other")
OK = 200
# endpoint → expected status for each caller, in the order of CALLERS.
EXPECTED: dict[str, tuple[int, ...]] = {
    "api.openapi": (OK, OK, OK, OK, OK, OK),  # the document is public: it holds no data
    "api.forms": (401, 401, OK, OK, OK, OK),  # "other" sees its own forms only (checked below)
    "api.submissions": (401, 401, OK, 404, OK, 404),
    "api.submission": (401, 401, OK, 404, OK, 404),
    "api.download_attachment": (401, 401, OK, 404, OK, 404),
    "api.change_status": (401, 401, 403, 403, OK, 404),
    "api.not_found": (401, 401, 404, 404, 404, 404),  # any other path under /api/v1
}


def _tokens(runner) -> dict[str, str | None]:
    revoked = make_token(runner, "revoked", "water", write=True)
    prefix = revoked[:12]
    assert runner.invoke(args=["api", "token", "revoke", prefix]).exit_code == 0
    return {
        "no token": None,
        "revoked": revoked,
        "read own": make_token(runner, "read-own", "water"),
        "read other": make_token(runner, "read-other", "child"),
        "write own": make_token(runner, "write-own", "water", write=True),
        "write other": make_token(runner, "write-other", "child", write=True),
    }


def _attach_a_file(app, reference: str) -> int:
    """Give the water submission a stored file (the water form has no file question)."""
    from formbuilder.attachments.pipeline import accept
    from formbuilder.attachments.records import record
    from formbuilder.extensions import db
    from formbuilder.storage.models import Submission
    from tests.browser.answers import PHOTO

    with app.app_context():
        submission = db.session.query(Submission).filter_by(reference=reference).one()
        with PHOTO.open("rb") as stream:
            accepted = accept(PHOTO.name, stream)
        row = record(accepted, field_name="photo")
        row.submission_id = submission.id
        db.session.commit()
        return row.id


@pytest.mark.both_databases
def test_every_api_endpoint_refuses_whom_it_must(app, runner):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    assert endpoints == set(EXPECTED), f"add a row to EXPECTED for {sorted(endpoints ^ set(EXPECTED))}"
    reference = submit_water(app)
    attachment_id = _attach_a_file(app, reference)
    calls = {
        "api.openapi": ("GET", "/api/v1/openapi.json", None),
        "api.forms": ("GET", "/api/v1/forms", None),
        "api.submissions": ("GET", "/api/v1/forms/water-supply-start/submissions", None),
        "api.submission": ("GET", f"/api/v1/submissions/{reference}", None),
        "api.download_attachment": ("GET", f"/api/v1/submissions/{reference}/attachments/{attachment_id}", None),
        "api.change_status": ("POST", f"/api/v1/submissions/{reference}/status", {"status": "in_progress"}),
        "api.not_found": ("GET", "/api/v1/no/such/thing", None),
    }
    assert set(calls) == set(EXPECTED)
    tokens = _tokens(runner)
    client = app.test_client()
    for endpoint, expected in EXPECTED.items():
        method, path, body = calls[endpoint]
        for caller, status in zip(CALLERS, expected, strict=True):
            token = tokens[caller]
            response = client.open(path, method=method, json=body, headers=bearer(token) if token else {})
            assert response.status_code == status, f"{endpoint} as {caller}: {response.status_code}"
            if status != OK:
                assert response.get_json()["error"]["code"]
            if endpoint == "api.forms" and status == OK:
                slugs = {f["slug"] for f in response.get_json()["forms"]}
                assert ("water-supply-start" in slugs) == caller.endswith("own"), (caller, slugs)
            if endpoint == "api.change_status" and status == OK:  # back, so the next caller can move it too
                _reset_status(app, reference)


def _reset_status(app, reference: str) -> None:
    from formbuilder.extensions import db
    from formbuilder.storage.models import Submission

    with app.app_context():
        db.session.query(Submission).filter_by(reference=reference).update({"status": "received"})
        db.session.commit()
