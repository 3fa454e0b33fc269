"""formbuilder: JSON form definitions served as accessible citizen forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from .config import load_config
from .storage import private_files
from .web.converters import RowIdConverter


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the application; `config` overrides the environment (tests)."""
    app = Flask(__name__, static_folder=str(Path(__file__).resolve().parent.parent / "static"))
    app.url_map.converters["int"] = RowIdConverter  # before any route is added
    app.config.update(load_config(app.instance_path, config))
    app.instance_path = app.config["INSTANCE_PATH"]
    private_files.prepare(app.config)

    from . import api, cli, i18n, preview
    from .definitions.catalogue import load_catalogue
    from .extensions import csrf
    from .staff import cli as staff_cli
    from .storage import database
    from .web import (
        applicant_status,
        assist,
        attachment_views,
        citizen,
        contact,
        errors,
        pages,
        rate_limits,
        security,
        staff_auth,
        urls,
    )

    urls.init_app(app)  # first: refuses to start without a usable public address
    database.init_app(app)
    csrf.init_app(app)
    i18n.init_app(app)
    app.extensions["formbuilder.catalogue"] = load_catalogue(Path(app.config["FORM_DEFINITIONS_DIR"]))
    preview.init_app(app)
    pages.init_app(app)
    contact.init_app(app)
    security.init_app(app)
    rate_limits.init_app(app)
    app.register_blueprint(citizen.bp)
    app.register_blueprint(assist.bp)
    app.register_blueprint(attachment_views.bp)
    app.register_blueprint(applicant_status.bp)
    api.init_app(app)  # before staff_auth: its admin pages join the staff blueprint
    staff_auth.init_app(app)
    staff_cli.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app
