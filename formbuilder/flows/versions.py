"""The stored copy of each definition exactly as submissions were filled against it.

A draft keeps the version it began on (`Draft.form_version_id`): a citizen mid-way through a
form finishes on that version even when a new one is published meanwhile, and a staff member
who began on a draft version (definitions/draft_versions.py) stays on it.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..definitions.catalogue import from_source
from ..definitions.model import FormDefinition
from ..extensions import db
from ..storage.models import Draft, FormVersion


def form_version(definition: FormDefinition) -> FormVersion:
    """Return the stored row of this exact definition, adding it the first time."""
    query = select(FormVersion).where(FormVersion.slug == definition.slug, FormVersion.hash == definition.hash)
    found = db.session.scalars(query).first()
    if found is not None:
        return found
    row = FormVersion(slug=definition.slug, version=definition.version, hash=definition.hash, source=definition.source)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return db.session.scalars(query).one()
    return row


def pin(draft: Draft, definition: FormDefinition) -> None:
    """Record that `draft` is filled against `definition`."""
    draft.form_version_id = form_version(definition).id
    db.session.commit()


def began_on(draft: Draft, definition: FormDefinition) -> bool:
    """Whether `draft` is filled against `definition`."""
    return draft.form_version_id is not None and draft.form_version_id == form_version(definition).id


def of_draft(live: FormDefinition, draft: Draft | None) -> FormDefinition:
    """The definition `draft` is filled against: the version it began on, else `live`."""
    if draft is None or draft.form_version_id is None or draft.submission_id is not None:
        return live
    if current_app.config.get("PREVIEW"):  # authors see their edits at once, mid-way or not
        return live
    row = db.session.get(FormVersion, draft.form_version_id)
    if row is None or row.hash == live.hash or row.slug != live.slug:
        return live
    return from_source(row.source)
