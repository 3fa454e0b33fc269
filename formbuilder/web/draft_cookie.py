"""The cookie that finds a citizen's drafts: a random token, never the answers."""

from __future__ import annotations

import re

from flask import Response, current_app, g, request

from ..flows.secrets import new_token

TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what new_token() makes


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
    """Send the token when it is new, and again on every post, so the cookie lasts as long as the draft.

    A draft's expiry moves back each time it is saved; a cookie sent only once would expire
    first and lose a draft (or one of a second form) still alive on the server.
    """
    value = g.get("fb_draft_token")
    if not value and request.method == "POST":
        sent = request.cookies.get(cookie_name(), "")
        value = sent if TOKEN.fullmatch(sent) else None
    if value:
        response.set_cookie(
            cookie_name(),
            value,
            max_age=current_app.config["DRAFT_LIFETIME_HOURS"] * 3600,
            secure=current_app.config["COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
            path="/",
        )
    return response
