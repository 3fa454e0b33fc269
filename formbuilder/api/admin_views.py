"""Admin pages of the API (staff blueprint, Japanese): tokens, and webhooks with failed deliveries."""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from ..web.staff_auth import bp, signed_in
from . import tokens, webhooks
from .models import PERMISSIONS


def admin_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.account.role != "admin":
            abort(403)
        return view(*args, **kwargs)

    return signed_in(wrapper)


def _departments() -> list[str]:
    return sorted({d.department for d in current_app.extensions["formbuilder.catalogue"].listed()})


def _tokens_page(*, issued: tokens.Issued | None = None, error: str | None = None, status: int = 200):
    return render_template(
        "staff/api_tokens.html",
        tokens=tokens.listed(),
        departments=_departments(),
        permissions=PERMISSIONS,
        issued=issued,
        error=error,
        form=request.form,
    ), status


@bp.get("/api/tokens")
@admin_only
def api_tokens():
    return _tokens_page()


@bp.post("/api/tokens")
@admin_only
def api_token_create():
    """Show the new token on this response only (no redirect: it is never stored in clear)."""
    try:
        issued = tokens.create(
            request.form.get("name", "").strip(),
            request.form.getlist("department"),
            request.form.get("permission", ""),
            by=current_user.account,
        )
    except tokens.TokenError as refused:
        return _tokens_page(error=str(refused), status=422)
    return _tokens_page(issued=issued)


# Ids as strings, not <int:…>: tests/security/routes.py fills in only plain and path arguments.
@bp.post("/api/tokens/<token_id>/revoke")
@admin_only
def api_token_revoke(token_id: str):
    row = next((t for t in tokens.listed() if str(t.id) == token_id), None)
    if row is None:
        abort(404)
    try:
        tokens.revoke(row.prefix, by=current_user.account)
    except tokens.TokenError as refused:
        return _tokens_page(error=str(refused), status=422)
    return redirect(url_for(".api_tokens", revoked=1))


def _webhooks_page(*, saved: webhooks.Saved | None = None, error: str | None = None, status: int = 200):
    return render_template(
        "staff/api_webhooks.html",
        forms=current_app.extensions["formbuilder.catalogue"].listed(),
        hooks={h.form_slug: h for h in webhooks.listed()},
        failures=webhooks.undelivered(),
        failure_label=webhooks.failure_label,
        secret=saved.secret if saved else None,
        unresolved=saved.unresolved if saved else request.args.get("unresolved") == "1",
        error=error,
        form=request.form,
    ), status


@bp.get("/api/webhooks")
@admin_only
def api_webhooks():
    return _webhooks_page()


@bp.post("/api/webhooks")
@admin_only
def api_webhook_save():
    slug = request.form.get("form", "")
    if current_app.extensions["formbuilder.catalogue"].get(slug) is None:
        return _webhooks_page(error="手続きを選んでください。", status=422)
    try:
        saved = webhooks.save(slug, request.form.get("url", ""), current_user.account)
    except webhooks.WebhookError as refused:
        return _webhooks_page(error=str(refused), status=422)
    if saved.secret is not None:
        return _webhooks_page(saved=saved)
    return redirect(url_for(".api_webhooks", saved=1, **({"unresolved": 1} if saved.unresolved else {})))


@bp.post("/api/webhooks/<webhook_id>/enabled")
@admin_only
def api_webhook_enable(webhook_id: str):
    hook_id = int(webhook_id) if webhook_id.isascii() and webhook_id.isdigit() and len(webhook_id) < 10 else 0
    if webhooks.set_enabled(hook_id, request.form.get("enabled") == "1", current_user.account) is None:
        abort(404)
    return redirect(url_for(".api_webhooks", saved=1))
