"""Finding a submission for its applicant: by the draft that made it, or number + secret."""

from __future__ import annotations

import hmac

from flask import current_app
from sqlalchemy import select

from ..definitions.catalogue import from_source
from ..definitions.model import FormDefinition
from ..extensions import db
from ..storage.models import FormVersion, Submission
from .secrets import canonical_reference, canonical_secret, digest, secret_digest


def by_id(submission_id: int) -> Submission | None:
    return db.session.get(Submission, submission_id)


def by_credentials(reference: str, secret: str) -> Submission | None:
    """Return the submission only when both the number and its secret match."""
    reference = canonical_reference(reference)
    found = db.session.scalars(select(Submission).where(Submission.reference == reference)).first()
    expected = found.secret_hash if found is not None else digest("no such submission")
    matches = hmac.compare_digest(expected, secret_digest(reference, canonical_secret(secret)))
    return found if found is not None and matches else None


def definition_of(submission: Submission) -> FormDefinition:
    """Return the definition exactly as the submission was filled against it."""
    served = current_app.extensions["formbuilder.catalogue"].get(submission.form_slug)
    if served is not None and served.hash == submission.definition_hash:
        return served
    version = db.session.get(FormVersion, submission.form_version_id)
    if version is None:  # the foreign key forbids it; say so rather than fail on None
        raise LookupError(f"form version {submission.form_version_id} of a submission is missing")
    return from_source(version.source)
