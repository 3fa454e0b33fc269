"""What one staff account can reach: a submission of its forms by reference number, or nothing.

The account's visible forms go into the query itself (SEC-31). When that finds nothing,
`exists` tells a refusal (the number belongs to another department's form, recorded as
`denied`, SEC-27) from a number that is simply wrong.
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..storage.models import Submission


def submission(reference: str, slugs: list[str]) -> Submission | None:
    query = select(Submission).where(Submission.reference == reference, Submission.form_slug.in_(slugs))
    return db.session.scalars(query).first()


def exists(reference: str) -> bool:
    return db.session.scalar(select(Submission.id).where(Submission.reference == reference)) is not None
