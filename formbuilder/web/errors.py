"""Error pages in the citizen's language; an expired form token keeps every answer."""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError

from . import draft_cookie

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        """Re-show the page with what was typed instead of throwing it away."""
        from .citizen import resume_after_csrf

        if _no_cookie():
            return _cookie_refused()
        resumed = resume_after_csrf()
        if resumed is not None:
            return resumed
        return _expired()

    @app.errorhandler(404)
    def not_found(error):
        return _error(404, gettext("お探しのページが見つかりません。"))

    @app.errorhandler(405)
    def not_allowed(error):
        body, status = _error(405, gettext("この操作はできません。"))
        return body, status, {"Allow": ", ".join(error.valid_methods or ())}

    @app.errorhandler(413)
    def too_large(error):
        """A form page comes back as it was last saved, with the reason; anything else: a page."""
        from .citizen import resume_after_too_large

        resumed = resume_after_too_large()
        if resumed is not None:
            return resumed
        return _error(413, gettext("送信された内容が大きすぎます。"))

    @app.errorhandler(500)
    def server_error(error):
        return _error(500, gettext("システムで問題が発生しました。時間をおいてもう一度お試しください。"))


def _expired():
    """Say in plain words why nothing was sent (token too old, or the draft's cookie gone) and how to go on."""
    slug = (request.view_args or {}).get("slug")
    definition = current_app.extensions["formbuilder.catalogue"].get(slug) if slug else None
    return render_template("citizen/expired.html", definition=definition), 400


def _no_cookie() -> bool:
    """Whether the browser sent none of our cookies: the form token's cookie was never kept."""
    config = current_app.config
    names = (config["SESSION_COOKIE_NAME"], draft_cookie.cookie_name())
    return not any(name in request.cookies for name in names)


def _cookie_refused():
    """Say that the cookie could not be kept (not that time passed), and why when it is known."""
    over_http = current_app.config["SESSION_COOKIE_SECURE"] and not request.is_secure
    if over_http:
        # For IT: the usual cause on a local server (no personal data in this line).
        log.warning("session cookie is Secure but the request came over http: serve https or set COOKIE_SECURE off")
    slug = (request.view_args or {}).get("slug")
    definition = current_app.extensions["formbuilder.catalogue"].get(slug) if slug else None
    return render_template("citizen/expired.html", definition=definition, cookie_refused=True, over_http=over_http), 400


def _error(status: int, text: str):
    return render_template("citizen/error.html", status=status, text=text), status
