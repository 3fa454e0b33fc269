"""The JSON API for core systems: tokens, endpoints under /api/v1, its OpenAPI document, webhooks.

Nothing is imported here at module level: `storage.models` imports `api.models`, and the
submit and status flows import `api.outbox`, so this package must load without the web layer.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from ..extensions import csrf
    from . import admin_views, cli, views  # noqa: F401  (admin_views' routes join the staff blueprint)

    csrf.exempt(views.bp)  # token-authenticated, not cookie-authenticated: no CSRF to forge
    app.register_blueprint(views.bp)
    cli.init_app(app)
