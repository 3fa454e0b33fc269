"""The cookie that finds a citizen's drafts: a random token, never the answers."""

from __future__ import annotations

import re

from flask import Response, current_app, g, request

from ..flows import drafts
from ..flows.secrets import new_token

TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what new_token() makes


def cookie_name() -> str:
    return "__Host-fb_draft" if current_app.config["COOKIE_SECURE"] else "fb_draft"


def token() -> str | None:
    """Return this browser's token: one issued in this request, or a well-formed one from its cookie."""
    issued = g.get("fb_draft_token")
    if issued:
        return issued
    sent = request.cookies.get(cookie_name(), "")
    return sent if TOKEN.fullmatch(sent) else None


def fresh_token() -> str:
    """Issue a new token for this browser (set on the response) and move its drafts to it.

    Called whenever a draft begins (citizen start, counter mode, a correction), so a token planted in the browser by
    someone else (cookie fixation) never comes to hold the citizen's draft or receipt: only a
    token the server has just issued does. The browser's other drafts, and the sealed secret
    of a submitted one, move to the new token, so nothing in progress is lost.
    """
    previous = token()
    g.fb_draft_token = new_token()
    if previous:
        drafts.rekey(previous, g.fb_draft_token)
    return g.fb_draft_token


def set_cookie(response: Response) -> Response:
    """Send the token when it is new, and again on every post, so the cookie lasts as long as the draft.

    A draft's expiry moves back each time it is saved; a cookie sent only once would expire
    first and lose a draft (or one of a second form) still alive on the server.
    """
    value = g.get("fb_draft_token")
    if not value and request.method == "POST":
        value = token()
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
