"""Helpers of the API tests: tokens made through the CLI, and calls with a bearer token."""

from __future__ import annotations

import re

TOKEN = re.compile(r"token (fbk_[A-Za-z0-9_-]{43})")


def make_token(runner, name: str, *departments: str, write: bool = False) -> str:
    args = ["api", "token", "create", name]
    for department in departments:
        args += ["--department", department]
    result = runner.invoke(args=args + (["--write"] if write else []))
    assert result.exit_code == 0, result.output
    return TOKEN.search(result.output).group(1)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def api_get(client, path: str, token: str | None, **kwargs):
    return client.get(f"/api/v1{path}", headers=bearer(token) if token else {}, **kwargs)


def api_post(client, path: str, token: str | None, body=None, **kwargs):
    return client.post(f"/api/v1{path}", headers=bearer(token) if token else {}, json=body, **kwargs)


def audit_rows(app) -> list[tuple[str, str, str]]:
    """(login, action, target) of every audit event, oldest first."""
    from formbuilder.extensions import db
    from formbuilder.staff.models import AuditEvent

    with app.app_context():
        return [(e.login, e.action, e.target) for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
