"""How the security tests call every route: values for URL arguments and the endpoints they know.

A new endpoint makes the URL-map tests fail until it is listed here, so each route added
later (the back office, attachments) is checked for CSRF and for changes made by GET.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import Flask
from werkzeug.routing import Rule

from .routes_api import API_ARGUMENTS, API_ENDPOINTS
from .routes_exports import EXPORT_ARGUMENTS, EXPORT_ENDPOINTS

ARGUMENTS = (
    {
        "slug": "water-supply-start",
        "page_id": "place",
        "exit_id": "civil-servant",
        "code": "1000001",
        "filename": "css/app.css",
        "attachment_id": "1",
        "reference": "AAAA-AAAA",
    }
    | API_ARGUMENTS
    | EXPORT_ARGUMENTS
)
KNOWN_ENDPOINTS = (
    {
        "static",
        "citizen.index",
        "citizen.start",
        "citizen.begin",
        "citizen.page",
        "citizen.save_page",
        "citizen.check",
        "citizen.exit_page",
        "citizen.send",
        "citizen.complete",
        "citizen.complete_receipt",
        "citizen.receipt_lookup",
        "citizen.accessibility",
        "assist.postal",
        "assist.banks",
        "assist.branches",
        "assist.validate",
        "attachments.preview",
        "staff.login",
        "staff.next_step",
        "staff.new_password",
        "staff.enrol",
        "staff.code",
        "staff.logout",
        "staff.home",
        "applicant.lookup",
        "applicant.view",
        "applicant.withdraw",
        "staff.submissions",
        "staff.search_submissions",
        "staff.submission",
        "staff.change_status",
        "staff.download_attachment",
        "staff.show_attachment",
        "staff.receipt",
        "staff.counter_forms",
        "staff.counter_start",
        "applicant.correct",
    }
    | API_ENDPOINTS
    | EXPORT_ENDPOINTS
)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def url_of(rule: Rule) -> str:
    missing = [name for name in rule.arguments if name not in ARGUMENTS]
    assert not missing, f"{rule.rule}: add a value for {missing} to ARGUMENTS in tests/security/routes.py"
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<{name}>", ARGUMENTS[name]).replace(f"<path:{name}>", ARGUMENTS[name])
    return path


def rules(app: Flask) -> list[Rule]:
    """Every rule of the app, failing on an endpoint these tests do not know how to call."""
    found = list(app.url_map.iter_rules())
    unknown = sorted({r.endpoint for r in found} - KNOWN_ENDPOINTS)
    assert not unknown, (
        f"new endpoints {unknown}: list them in tests/security/routes.py (and give URL argument values) "
        "so their CSRF protection, headers and safe GETs are tested"
    )
    return found


def database_fingerprint(app: Flask) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    from formbuilder.extensions import db

    digest = hashlib.sha256()
    with app.app_context():
        tables = sa.inspect(db.engine).get_table_names()
        with db.engine.connect() as conn:
            for name in sorted(tables):
                rows = conn.execute(sa.text(f'SELECT * FROM "{name}"')).fetchall()
                digest.update(name.encode())
                for row in sorted(repr(tuple(r)) for r in rows):
                    digest.update(row.encode())
    return digest.hexdigest()
