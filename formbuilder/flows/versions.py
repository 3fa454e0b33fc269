"""The stored copy of each definition exactly as submissions were filled against it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..definitions.model import FormDefinition
from ..extensions import db
from ..storage.models import FormVersion


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
