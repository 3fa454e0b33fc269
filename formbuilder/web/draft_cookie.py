"""The cookie that finds a citizen's drafts: a random token, never the answers."""

from __future__ import annotations

from flask import Response, current_app, g, request

from ..flows.secrets import new_token


def cookie_name() -> str:
    return "__Host-fb_draft" if current_app.config["COOKIE_SECURE"] else "fb_draft"


def token() -> str | None:
    return g.get("fb_draft_token") or request.cookies.get(cookie_name())


def ensure_token() -> str:
    """Return this browser's token, making one (set on the response) the first time."""
    found = token()
    if not found:
        found = g.fb_draft_token = new_token()
    return found


def set_cookie(response: Response) -> Response:
    if g.get("fb_draft_token"):
        response.set_cookie(
            cookie_name(),
            g.fb_draft_token,
            max_age=current_app.config["DRAFT_LIFETIME_HOURS"] * 3600,
            secure=current_app.config["COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
            path="/",
        )
    return response
