"""Drafts and submissions made directly in the database, to own attachments in tests."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from formbuilder.extensions import db
from formbuilder.storage.models import Draft, FormVersion, Submission


def make_draft(hours_left: float = 24, slug: str = "attachments-test") -> Draft:
    draft = Draft(
        token_hash=secrets.token_hex(32),
        form_slug=slug,
        answers={},
        reached=[],
        language="ja",
        submit_token=secrets.token_hex(16),
        expires_at=datetime.now(UTC) + timedelta(hours=hours_left),
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def make_submission(slug: str = "attachments-test") -> Submission:
    version = FormVersion(slug=slug, version="1", hash=secrets.token_hex(32), source="{}")
    db.session.add(version)
    db.session.flush()
    submission = Submission(
        reference=secrets.token_hex(4).upper(),
        secret_hash=secrets.token_hex(32),
        submit_token=secrets.token_hex(16),
        form_slug=slug,
        form_version="1",
        form_version_id=version.id,
        definition_hash=version.hash,
        language="ja",
        answers={},
    )
    db.session.add(submission)
    db.session.commit()
    return submission
