"""Journeys finished end to end, and what they leave in the database, for tests of every layer."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from pypdf import PdfReader

from formbuilder import create_app
from formbuilder.extensions import db
from tests.support import Citizen, fill_water, text_of

FIXTURE_FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "forms"
WATER = "water-supply-start"
REFERENCE = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}$")
SECRET = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}(?:-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}){3}$")


@dataclass
class Done:
    """A submitted application as its applicant sees it on the confirmation page."""

    citizen: Citizen
    reference: str
    secret: str
    page: Any


def confirmation(citizen: Citizen, response) -> Done:
    """Follow the submit's redirect and read the reference number and the secret."""
    assert response.status_code == 302 and response.location.endswith("/complete"), response.status_code
    page = citizen.get(response.location)
    text = text_of(page)
    reference = re.search(r"受付番号 (\S+)", text)
    secret = re.search(r"照会キー： (\S+)", text)
    assert reference and secret, text
    return Done(citizen, reference.group(1), secret.group(1), page)


def submit_water(client, overrides: dict[str, dict[str, str]] | None = None) -> Done:
    """Fill and send the shipped water form in one browser; return its confirmation."""
    citizen = Citizen(client, WATER)
    fill_water(citizen, overrides)
    return confirmation(citizen, citizen.submit())


def rows(app: Flask, table: str) -> list[dict[str, Any]]:
    """Return every row of `table`, oldest first, read apart from any request."""
    with app.app_context():
        result = db.session.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))
        found = [dict(row._mapping) for row in result]
        db.session.rollback()
    return found


def draft_answers(app: Flask) -> list[dict[str, list[str]]]:
    """Return the typed answers every draft holds."""
    from formbuilder.storage.models import Draft

    with app.app_context():
        found = [dict(d.answers or {}) for d in db.session.scalars(sa.select(Draft).order_by(Draft.id))]
        db.session.rollback()
    return found


def snapshot(app: Flask) -> dict[str, list[dict[str, Any]]]:
    return {table: rows(app, table) for table in ("form_versions", "drafts", "submissions")}


def restart(app: Flask, **changes: Any) -> Flask:
    """Return a new app instance on the same database and secrets (a server restart)."""
    keys = (
        "TESTING",
        "INSTANCE_PATH",
        "SECRET_KEY",
        "SQLALCHEMY_DATABASE_URI",
        "FORM_DEFINITIONS_DIR",
        "ATTACHMENT_DIR",
        "COOKIE_SECURE",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "MUNICIPALITY_NAME",
        "MUNICIPALITY_CONTACT",
        "DRAFT_LIFETIME_HOURS",
    )
    return create_app({**{key: app.config[key] for key in keys}, **changes})


def dispose(app: Flask) -> None:
    with app.app_context():
        db.engine.dispose()


def share_cookies(source, target) -> None:
    """Give test client `target` the cookies of `source` (the same browser, another tab or server)."""
    for name in ("fb_draft", "fb_session", "fb_lang"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def pdf_text(data: bytes) -> str:
    """Return the text of a PDF, pages joined, as pypdf extracts it."""
    assert data.startswith(b"%PDF-"), data[:40]
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
