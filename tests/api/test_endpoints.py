"""The API through real requests: forms, pages of submissions, one submission, files, statuses."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.api.support import api_get, api_post, assert_error, audit_rows, make_token
from tests.staff.test_submissions import submit_child_allowance, submit_water


@pytest.mark.both_databases
def test_forms_lists_only_the_forms_of_the_tokens_departments(app, client, runner):
    token = make_token(runner, "suido-kikan", "water")
    response = api_get(client, "/forms", token)
    assert response.status_code == 200 and response.mimetype == "application/json"
    forms = response.get_json()["forms"]
    assert [f["slug"] for f in forms] == ["water-supply-start"]
    assert forms[0]["department"] == "water" and forms[0]["title"]["ja"]
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.both_databases
def test_submissions_come_page_by_page_in_cursor_order_with_their_answers(app, client, runner):
    references = [submit_water(app) for _ in range(3)]
    submit_child_allowance(app)  # another department: never listed
    token = make_token(runner, "suido-kikan", "water")
    first = api_get(client, "/forms/water-supply-start/submissions?limit=2", token).get_json()
    assert [s["reference"] for s in first["submissions"]] == references[:2] and first["has_more"] is True
    row = first["submissions"][0]
    assert row["status"] == "received" and row["form"] == "water-supply-start" and row["entered_by"] == ""
    assert row["answers"] and row["language"] == "ja" and row["form_version"]
    assert datetime.fromisoformat(row["submitted_at"]).tzinfo is not None
    second = api_get(client, f"/forms/water-supply-start/submissions?since={first['next_cursor']}", token).get_json()
    assert [s["reference"] for s in second["submissions"]] == references[2:] and second["has_more"] is False
    empty = api_get(client, f"/forms/water-supply-start/submissions?since={second['next_cursor']}", token).get_json()
    assert empty == {"submissions": [], "next_cursor": second["next_cursor"], "has_more": False}
    logged = [row for row in audit_rows(app) if row[1] == "api_list"]
    assert logged and all(login == "api:suido-kikan" for login, _, _ in logged)
    assert all("山田" not in target for _, _, target in logged)


def test_updated_since_finds_status_changes_of_older_submissions(app, client, runner):
    old = submit_water(app)
    token = make_token(runner, "suido-kikan", "water", write=True)
    later = datetime.now(UTC) + timedelta(seconds=1)
    query = {"updated_since": later.isoformat()}
    assert (
        api_get(client, "/forms/water-supply-start/submissions", token, query_string=query).get_json()["submissions"]
        == []
    )
    with time_machine.travel(later + timedelta(seconds=5)):
        assert api_post(client, f"/submissions/{old}/status", token, {"status": "in_progress"}).status_code == 200
    changed = api_get(client, "/forms/water-supply-start/submissions", token, query_string=query).get_json()
    assert [s["reference"] for s in changed["submissions"]] == [old]
    assert changed["submissions"][0]["status"] == "in_progress"


@pytest.mark.parametrize(
    "query",
    [
        "since=abc",
        "since=-1",
        "since=1234567890123456789",
        "limit=0",
        "limit=501",
        "limit=x",
        "updated_since=yesterday",
    ],
)
def test_bad_listing_parameters_are_422(app, client, runner, query):
    token = make_token(runner, "suido-kikan", "water")
    assert_error(api_get(client, f"/forms/water-supply-start/submissions?{query}", token), 422, "invalid")


def test_unknown_and_foreign_forms_are_404(app, client, runner):
    token = make_token(runner, "suido-kikan", "water")
    assert_error(api_get(client, "/forms/child-allowance/submissions", token), 404, "not_found")
    assert_error(api_get(client, "/forms/no-such-form/submissions", token), 404, "not_found")


@pytest.mark.both_databases
def test_one_submission_has_attachments_history_and_the_file_downloads(app, client, runner):
    reference = submit_child_allowance(app)
    token = make_token(runner, "kodomo-kikan", "child", write=True)
    assert api_post(client, f"/submissions/{reference}/status", token, {"status": "in_progress"}).status_code == 200
    body = api_get(client, f"/submissions/{reference}", token).get_json()
    assert body["reference"] == reference and body["status"] == "in_progress"
    assert [(h["from_status"], h["to_status"], h["by"]) for h in body["history"]] == [
        ("received", "in_progress", "API: kodomo-kikan")
    ]
    attached = body["attachments"][0]
    assert attached["media_type"] == "image/jpeg" and attached["filename"] and attached["field"]
    download = api_get(client, f"/submissions/{reference}/attachments/{attached['id']}", token)
    assert download.status_code == 200 and download.mimetype == "image/jpeg"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    data = download.get_data()
    assert len(data) == attached["size"] and hashlib.sha256(data).hexdigest() == attached["sha256"]
    assert_error(
        api_get(client, f"/submissions/{reference}/attachments/{attached['id'] + 99}", token), 404, "not_found"
    )
    actions = [(login, action) for login, action, _ in audit_rows(app) if login.startswith("api:")]
    assert actions == [
        ("api:kodomo-kikan", "api_status_change"),
        ("api:kodomo-kikan", "api_view"),
        ("api:kodomo-kikan", "api_download"),
    ]


@pytest.mark.both_databases
def test_status_changes_follow_the_staff_rules(app, client, runner):
    reference = submit_water(app)
    token = make_token(runner, "suido-kikan", "water", write=True)
    path = f"/submissions/{reference}/status"
    assert_error(api_post(client, path, token, {"status": "rejected"}), 422, "invalid")  # needs a comment
    assert_error(api_post(client, path, token, {"status": "withdrawn"}), 422, "invalid")  # the applicant's move
    assert_error(api_post(client, path, token, {"status": "completed", "comment": "x" * 2001}), 422, "invalid")
    for bad in (None, [], {"status": 3}, {"comment": "no status"}, {"status": "completed", "comment": 5}):
        assert_error(api_post(client, path, token, bad), 422, "invalid")
    assert_error(
        client.post(f"/api/v1{path}", headers={"Authorization": f"Bearer {token}"}, data="status=completed"),
        422,
        "invalid",
    )
    done = api_post(client, path, token, {"status": "rejected", "comment": "書類が足りません"})
    assert done.status_code == 200 and done.get_json()["status"] == "rejected"
    assert_error(api_post(client, path, token, {"status": "completed"}), 422, "invalid")  # decided already
    assert [a for _, a, _ in audit_rows(app) if a.startswith("api")] == ["api_token_created", "api_status_change"]


def test_a_read_token_may_not_change_statuses(app, client, runner):
    reference = submit_water(app)
    token = make_token(runner, "suido-etsuran", "water")
    assert_error(api_post(client, f"/submissions/{reference}/status", token, {"status": "completed"}), 403, "forbidden")
    assert api_get(client, f"/submissions/{reference}", token).get_json()["status"] == "received"


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer fbk_" + "A" * 43, "bearer nonsense", "Token fbk_x"],
)
def test_no_or_unknown_token_is_401(app, client, header):
    response = client.get("/api/v1/forms", headers={"Authorization": header} if header is not None else {})
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_at_once_and_last_use_is_recorded(app, client, runner):
    token = make_token(runner, "suido-kikan", "water")
    assert api_get(client, "/forms", token).status_code == 200
    from formbuilder.api.models import ApiToken
    from formbuilder.extensions import db

    with app.app_context():
        row = db.session.query(ApiToken).one()
        assert row.last_used_at is not None and row.token_hash != token and token not in str(row.__dict__)
        prefix = row.prefix
    result = runner.invoke(args=["api", "token", "revoke", prefix])
    assert result.exit_code == 0, result.output
    assert_error(api_get(client, "/forms", token), 401, "unauthorized")
    again = runner.invoke(args=["api", "token", "revoke", prefix])
    assert again.exit_code != 0 and "すでに無効" in again.output
    assert runner.invoke(args=["api", "token", "revoke", "fbk_nothere"]).exit_code != 0
    assert [a for _, a, _ in audit_rows(app)] == ["api_token_created", "api_token_revoked"]


@pytest.mark.parametrize(
    "args",
    [["bad name", "--department", "water"], ["-x", "--department", "water"], ["ok", "--department", "Water!"], ["ok"]],
)
def test_the_cli_refuses_bad_tokens(app, runner, args):
    result = runner.invoke(args=["api", "token", "create", *args])
    assert result.exit_code != 0
    assert audit_rows(app) == []


def test_a_name_in_use_is_refused_until_revoked(app, runner):
    make_token(runner, "suido-kikan", "water")
    result = runner.invoke(args=["api", "token", "create", "suido-kikan", "--department", "water"])
    assert result.exit_code != 0 and "すでにあります" in result.output
