"""What every page shares: municipality, field registry for partials (headers: security.py)."""

from __future__ import annotations

import json

from flask import Flask
from markupsafe import Markup, escape

from .. import municipality
from ..definitions.model import thaw
from ..fields import REGISTRY
from ..flows.uploads import file_fields
from ..receipts.status_link import qr_svg, status_url
from .client_checks import client_checks


def paragraphs(text: str | Markup) -> Markup:
    """Render text from a definition: blank lines make paragraphs, escaped throughout.

    Markup (the `t` filter's <ruby> readings, built from escaped pieces) is kept as it is;
    anything else is escaped line by line.
    """
    safe = escape(text)  # a Localized text in another language than the page's comes marked
    blocks = [b.strip() for b in safe.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(b.split("\n"))) for b in blocks)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["rule_json"] = lambda rule: json.dumps(thaw(rule), ensure_ascii=False)
    app.jinja_env.globals["file_fields"] = file_fields
    app.jinja_env.globals["client_checks"] = client_checks
    app.jinja_env.globals["status_url"] = status_url  # the confirmation page prints it, as the receipt
    app.jinja_env.globals["qr_svg"] = qr_svg

    @app.context_processor
    def common():
        return {
            "municipality": municipality.name(),
            "municipality_contact": municipality.contact(),
            "field_types": REGISTRY,
        }
