"""Rows as the API's JSON: the shapes the OpenAPI document (openapi.py) describes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..attachments import kinds, records
from ..backoffice import status
from ..definitions.model import FormDefinition
from ..storage.attachment_models import Attachment
from ..storage.clock import as_utc
from ..storage.models import StatusChange, Submission


def when(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC; SQLite gives stored times back without their zone, which is UTC."""
    if moment is None:
        return None
    return as_utc(moment).astimezone(UTC).isoformat()


def form(definition: FormDefinition) -> dict[str, Any]:
    return {
        "slug": definition.slug,
        "title": dict(definition.title.values),
        "department": definition.department,
        "version": definition.version,
        "languages": list(definition.languages),
    }


def submission(row: Submission) -> dict[str, Any]:
    return {
        "reference": row.reference,
        "form": row.form_slug,
        "status": row.status,
        "submitted_at": when(row.submitted_at),
        "updated_at": when(row.updated_at),
        "language": row.language,
        "form_version": row.form_version,
        "entered_by": row.entered_by or "",
        "answers": row.answers,
    }


def attachment(row: Attachment) -> dict[str, Any]:
    return {
        "id": row.id,
        "field": row.field_name,
        "filename": records.name_of(row),
        "media_type": kinds.MEDIA_TYPES.get(row.kind, "application/octet-stream"),
        "size": row.size,
        "sha256": row.sha256,
    }


def change(row: StatusChange) -> dict[str, Any]:
    return {
        "at": when(row.at),
        "from_status": row.from_status,
        "to_status": row.to_status,
        "by": row.by,
        "comment": row.comment,
    }


def detail(row: Submission) -> dict[str, Any]:
    return submission(row) | {
        "attachments": [attachment(a) for a in records.of_submission(row.id)],
        "history": [change(c) for c in status.history(row)],
    }
