"""Over a rate limit: an answer in the citizen's language with Retry-After, keeping what was typed.

The limits themselves sit on the routes (`@limiter.limit(...)` from formbuilder.extensions);
their values come from the config (RATELIMIT_SUBMIT, RATELIMIT_RECEIPT_LOOKUP, RATELIMIT_POSTAL,
RATELIMIT_DRAFT_START, RATELIMIT_UPLOAD).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext

from ..extensions import limiter


def configured(key: str) -> Callable[[], str]:
    """A limit read from the app's config at request time (each app may set its own)."""
    return lambda: current_app.config[key]


def _retry_after(error) -> str:
    limit = getattr(error, "limit", None)
    seconds = limit.limit.get_expiry() if limit is not None else 60
    return str(seconds)


def init_app(app: Flask) -> None:
    limiter.init_app(app)

    @app.errorhandler(429)
    def too_many_requests(error):
        from .citizen import check

        wait = gettext(
            "短い時間に操作が集中したため、受け付けられませんでした。しばらく待ってから、もう一度お試しください。"
        )
        headers = {"Retry-After": _retry_after(error)}
        if request.endpoint in ("assist.postal", "assist.banks", "assist.branches"):
            return jsonify({"status": "busy", "message": wait}), 429, headers
        if request.endpoint == "citizen.receipt_lookup":
            # The reference number stays in its box (the template reads it from the post).
            return render_template("citizen/receipt_lookup.html", error=None, notice=wait), 429, headers
        if request.endpoint in ("citizen.begin", "citizen.save_page"):
            from .citizen import resume_after_limit

            resumed = resume_after_limit(wait)
            if resumed is not None:
                body, status = resumed
                return body, status, headers
        slug = (request.view_args or {}).get("slug")
        if request.endpoint == "citizen.send" and slug:
            shown = check(slug, notice=wait)
            if not isinstance(shown, str):
                return shown
            return shown, 429, headers
        return render_template("citizen/error.html", status=429, text=wait), 429, headers
