"""The admin pages of the API: tokens (made, shown once, revoked) and webhooks; admins only."""

from __future__ import annotations

import re

import pytest

from tests.api.support import api_get, audit_rows
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client
from tests.support import text_of

SHOWN = re.compile(r'<code class="api-token">(fbk_[A-Za-z0-9_-]{43})</code>')
SECRET = re.compile(r'<code class="api-token">([0-9a-f]{64})</code>')
PAGES = ("/staff/api/tokens", "/staff/api/webhooks")


@pytest.mark.both_databases
def test_an_admin_makes_a_token_sees_it_once_and_revokes_it(app, runner):
    admin = staff_client(app, runner, "kanri", "admin")
    assert "API連携の管理" in text_of(admin.get("/staff/"))
    made = post(admin, "/staff/api/tokens", name="suido-kikan", department="water", permission="read+status")
    assert made.status_code == 200
    token = SHOWN.search(made.get_data(as_text=True)).group(1)
    assert api_get(app.test_client(), "/forms", token).status_code == 200
    listed = admin.get("/staff/api/tokens").get_data(as_text=True)
    assert token not in listed and token[:12] in listed and "閲覧と状態変更" in listed
    token_id = re.search(r'action="/staff/api/tokens/(\d+)/revoke"', listed).group(1)
    revoked = post(admin, f"/staff/api/tokens/{token_id}/revoke")
    assert revoked.status_code == 302
    assert api_get(app.test_client(), "/forms", token).status_code == 401
    assert "無効（" in text_of(admin.get("/staff/api/tokens"))
    assert post(admin, f"/staff/api/tokens/{token_id}/revoke").status_code == 422  # already revoked
    assert post(admin, "/staff/api/tokens/999/revoke").status_code == 404
    assert post(admin, "/staff/api/tokens/x/revoke").status_code == 404
    created = [(login, action) for login, action, _ in audit_rows(app) if action.startswith("api_token")]
    assert created == [("kanri", "api_token_created"), ("kanri", "api_token_revoked")]


@pytest.mark.parametrize(
    "form",
    [
        {"name": "", "department": "water", "permission": "read"},
        {"name": "日本語", "department": "water", "permission": "read"},
        {"name": "ok", "permission": "read"},
        {"name": "ok", "department": "water", "permission": "admin"},
    ],
)
def test_a_bad_token_form_is_shown_again_with_the_reason(app, runner, form):
    admin = staff_client(app, runner, "kanri", "admin")
    page = post(admin, "/staff/api/tokens", **form)
    assert page.status_code == 422 and 'class="error-summary"' in page.get_data(as_text=True)
    assert not SHOWN.search(page.get_data(as_text=True))


@pytest.mark.parametrize("role", ["staff", "viewer"])
def test_other_roles_get_403_and_no_link(app, runner, role):
    member = staff_client(app, runner, "suido", role, "water")
    assert "API連携の管理" not in text_of(member.get("/staff/"))
    for path in PAGES:
        assert member.get(path).status_code == 403
    assert post(member, "/staff/api/tokens", name="x", department="water", permission="read").status_code == 403
    assert post(member, "/staff/api/tokens/1/revoke").status_code == 403
    assert post(member, "/staff/api/webhooks", form="water-supply-start", url="https://example.org/").status_code == 403
    assert post(member, "/staff/api/webhooks/1/enabled", enabled="0").status_code == 403


def test_signed_out_visitors_go_to_the_login(client):
    for path in PAGES:
        assert client.get(path).location.endswith("/staff/login")


def test_posts_need_the_csrf_token(app, runner):
    admin = staff_client(app, runner, "kanri", "admin")
    response = admin.post("/staff/api/tokens", data={"name": "x", "department": "water", "permission": "read"})
    assert response.status_code == 400
    assert audit_rows(app)[-1][1] == "login"


def test_an_admin_sets_a_webhook_sees_its_secret_once_and_disables_it(app, runner):
    admin = staff_client(app, runner, "kanri", "admin")
    made = post(admin, "/staff/api/webhooks", form="water-supply-start", url="https://core.example.org/hook")
    assert made.status_code == 200
    secret = SECRET.search(made.get_data(as_text=True)).group(1)
    page = admin.get("/staff/api/webhooks").get_data(as_text=True)
    assert secret not in page and "https://core.example.org/hook" in page and "有効" in page
    changed = post(admin, "/staff/api/webhooks", form="water-supply-start", url="https://core.example.org/v2")
    assert changed.status_code == 302  # the same webhook, the same secret: not shown again
    hook_id = re.search(r'action="/staff/api/webhooks/(\d+)/enabled"', page).group(1)
    assert post(admin, f"/staff/api/webhooks/{hook_id}/enabled", enabled="0").status_code == 302
    assert "停止中" in text_of(admin.get("/staff/api/webhooks"))
    assert post(admin, "/staff/api/webhooks/999/enabled", enabled="1").status_code == 404
    actions = [a for _, a, _ in audit_rows(app) if a.startswith("webhook")]
    assert actions == ["webhook_saved", "webhook_saved", "webhook_disabled"]


@pytest.mark.parametrize(
    "form",
    [
        {"form": "no-such-form", "url": "https://example.org/"},
        {"form": "water-supply-start", "url": "ftp://example.org/"},
        {"form": "water-supply-start", "url": "javascript:alert(1)"},
        {"form": "water-supply-start", "url": "https://"},
        {"form": "water-supply-start", "url": "https://example.org/" + "a" * 500},
    ],
)
def test_a_bad_webhook_is_refused(app, runner, form):
    admin = staff_client(app, runner, "kanri", "admin")
    page = post(admin, "/staff/api/webhooks", **form)
    assert page.status_code == 422 and not SECRET.search(page.get_data(as_text=True))
