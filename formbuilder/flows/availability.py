"""Whether a form takes applications now: its period (opens_at/closes_at) and its cap.

The cap counts the form's submissions that were not withdrawn: a withdrawn application frees
its place. A correction after 要再申請 is no new application: it is neither counted again nor
refused by the period (the city asked for it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from ..definitions.model import FormDefinition
from ..definitions.periods import State, state
from ..extensions import db
from ..storage.models import FormVersion, Submission
from .versions import form_version

NOT_COUNTED = ("withdrawn",)


def submissions_counted(slug: str) -> int:
    """Return how many of the form's submissions take a place under its cap."""
    query = select(func.count(Submission.id)).where(Submission.form_slug == slug, Submission.status.not_in(NOT_COUNTED))
    return int(db.session.scalar(query) or 0)


def now_state(definition: FormDefinition) -> State:
    """Return whether the form is open now (for the list and the start page; no lock taken)."""
    cap = definition.max_submissions
    count = submissions_counted(definition.slug) if cap is not None else 0
    return state(definition.opens_at, definition.closes_at, cap, count, datetime.now(UTC))


def claim_place(definition: FormDefinition) -> State:
    """Return whether a new submission may be stored now, holding the form's lock when it has a cap.

    Two last submissions at once must not both pass the cap: the count is taken under a row lock
    on the form's first stored version (PostgreSQL: SELECT … FOR UPDATE, held until the submit's
    transaction ends; SQLite: a writing transaction is already IMMEDIATE, so one at a time).
    """
    cap = definition.max_submissions
    now = datetime.now(UTC)
    count = 0
    if cap is not None and state(definition.opens_at, definition.closes_at, None, 0, now).open:
        form_version(definition)
        first = select(FormVersion.id).where(FormVersion.slug == definition.slug).order_by(FormVersion.id).limit(1)
        db.session.execute(first.with_for_update())
        count = submissions_counted(definition.slug)
    return state(definition.opens_at, definition.closes_at, cap, count, now)
