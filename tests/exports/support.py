"""Helpers of the export tests: submissions made through HTTP or inserted, CSV read back."""

from __future__ import annotations

import csv
import io
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import insert

from formbuilder.extensions import db
from formbuilder.storage.models import FormVersion, Submission
from tests.support import Citizen, fill_water

WATER = "water-supply-start"
BOM = b"\xef\xbb\xbf"


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    """Return the records of a CSV file, checking it has a BOM (UTF-8) and CRLF line ends."""
    data = path.read_bytes()
    assert data.startswith(BOM) == (encoding == "utf-8-sig")
    assert data.endswith(b"\r\n")
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def submit_water(client, **pages: dict[str, str]) -> None:
    """Make one real submission of the water form, with some answers changed."""
    citizen = Citizen(client, WATER)
    fill_water(citizen, pages)
    response = citizen.submit()
    assert response.status_code == 302 and response.location.endswith("/complete")


def insert_submissions(app: Flask, slug: str, rows: list[dict[str, Any]], source: str | None = None) -> None:
    """Insert submissions directly (many at once, or answers the form could not produce).

    Each row gives `answers` and may give `reference`, `submitted_at` and `status`; they
    are stored against `source` (default: the served definition) as a definition version.
    """
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(slug)
        source = source or definition.source
        with db.engine.begin() as connection:
            version_id = connection.execute(
                insert(FormVersion.__table__).returning(FormVersion.__table__.c.id),
                {"slug": slug, "version": "test", "hash": secrets.token_hex(32), "source": source, "first_seen": now()},
            ).scalar_one()
            connection.execute(
                insert(Submission.__table__),
                [
                    {
                        "reference": row.get("reference", f"T{index:03d}-{secrets.token_hex(2).upper()}"),
                        "secret_hash": secrets.token_hex(32),
                        "submit_token": secrets.token_hex(16),
                        "form_slug": slug,
                        "form_version": "test",
                        "form_version_id": version_id,
                        "definition_hash": "0" * 64,
                        "language": "ja",
                        "answers": row["answers"],
                        "status": row.get("status", "received"),
                        "submitted_at": row.get("submitted_at", now()),
                        "updated_at": now(),
                    }
                    for index, row in enumerate(rows)
                ],
            )


def now() -> datetime:
    return datetime.now(UTC)
