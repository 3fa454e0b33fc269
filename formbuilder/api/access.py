"""What a token may see: the forms of its departments, put into every query.

Like the back office's `_scoped`, a submission outside the token's forms is simply not found,
so a reference of another department answers 404, never 403 (nothing is confirmed to exist).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from ..definitions.model import FormDefinition
from ..extensions import db
from ..storage.models import Submission
from .models import ApiToken

MAX_LIMIT = 500  # submissions a page
DEFAULT_PAGE = 100


def visible_forms(token: ApiToken) -> list[FormDefinition]:
    departments = set(token.departments or [])
    return [d for d in current_app.extensions["formbuilder.catalogue"].listed() if d.department in departments]


def form_of(token: ApiToken, slug: str) -> FormDefinition | None:
    return next((d for d in visible_forms(token) if d.slug == slug), None)


def submission_of(token: ApiToken, reference: str, *, for_update: bool = False) -> Submission | None:
    """The submission with this reference if it belongs to one of the token's forms."""
    slugs = [d.slug for d in visible_forms(token)]
    query = select(Submission).where(Submission.reference == reference, Submission.form_slug.in_(slugs))
    if for_update:  # PostgreSQL: two status changes at once wait for each other
        query = query.with_for_update()
    return db.session.scalars(query).first()


@dataclass(frozen=True)
class Page:
    submissions: list[Submission]
    next_cursor: str
    has_more: bool


def page_of(slug: str, *, after: int, limit: int, updated_since: datetime | None) -> Page:
    """Submissions of one (already scoped) form with an id above `after`, in id order."""
    query = select(Submission).where(Submission.form_slug == slug, Submission.id > after)
    if updated_since is not None:
        query = query.where(Submission.updated_at >= updated_since.astimezone(UTC))
    found = list(db.session.scalars(query.order_by(Submission.id).limit(limit + 1)))
    shown = found[:limit]
    cursor = str(shown[-1].id) if shown else str(after)
    return Page(shown, cursor, len(found) > limit)
