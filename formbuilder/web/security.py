"""Response headers every page carries: a nonce-based Content-Security-Policy, HSTS, no caching.

The policy allows scripts and stylesheets from the app itself, and inline ones only when they
carry this response's nonce (`{{ csp_nonce() }}` in a template); never 'unsafe-inline'.
Downloads set their own stricter policy (a sandbox) and keep it.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, request
from werkzeug.middleware.proxy_fix import ProxyFix


def csp_nonce() -> str:
    """Return this request's nonce, made on first use (one per response, never reused)."""
    nonce = g.get("csp_nonce")
    if nonce is None:
        nonce = g.csp_nonce = secrets.token_urlsafe(18)
    return nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data: blob:",  # blob: previews of photos chosen, before they are sent
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        )
    )


def add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", f"max-age={current_app.config['HSTS_MAX_AGE']}")
    if not request.path.startswith("/static/"):
        # Pages may hold personal answers: never keep them in a shared or back/forward cache.
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    trusted = int(app.config.get("TRUSTED_PROXIES") or 0)
    if trusted > 0:
        # Believe X-Forwarded-* only from the configured number of proxies: otherwise anyone
        # could claim https (HSTS) or another address (rate limits).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)  # type: ignore[method-assign]
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(add_headers)
