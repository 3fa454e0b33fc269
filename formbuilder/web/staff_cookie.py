"""The session cookie turns SameSite=Strict once it holds a staff sign-in (SEC-01).

Citizens and staff share Flask's signed session cookie. For a citizen it stays Lax, so a link
from an e-mail or another site still opens their pages as theirs; once it holds a half-done or
a finished staff sign-in, the browser sends it only with requests that start on this site: no
other site can make a signed-in staff browser post or fetch anything. The cost is accepted: a
link to a staff page from an e-mail lands on the sign-in page.
"""

from __future__ import annotations

from flask import Flask, has_request_context, session
from flask.sessions import SecureCookieSessionInterface

PENDING = "staff_pending"  # the token of a half-done sign-in (staff/pending.py)
SIGNED_IN = "_user_id"  # where Flask-Login keeps the token of a staff session (staff/sessions.py)


class StaffCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie session, SameSite=Strict while it holds a staff sign-in."""

    def get_cookie_samesite(self, app: Flask) -> str | None:
        if has_request_context() and (PENDING in session or SIGNED_IN in session):
            return "Strict"
        return super().get_cookie_samesite(app)
