"""Queue webhook events in the transaction that makes them (REL-07: an outbox, sent after commit).

Called from the submit flow and from `backoffice.status.apply`; the body holds no answers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from ..extensions import db
from .models import Webhook, WebhookDelivery


def submission_stored(submission) -> None:
    """A new submission: queue `submission.created` if its form has an enabled webhook."""
    _queue(submission, "submission.created")


def status_changed(submission) -> None:
    """A status change (staff, API or applicant): queue `submission.status_changed`."""
    _queue(submission, "submission.status_changed")


def _queue(submission, event: str) -> None:
    query = select(Webhook).where(Webhook.form_slug == submission.form_slug, Webhook.enabled.is_(True))
    hook = db.session.scalars(query).first()
    if hook is None:
        return
    now = datetime.now(UTC)
    body = {
        "event": event,
        "reference": submission.reference,
        "form": submission.form_slug,
        "status": submission.status,
        "at": now.isoformat(),
    }
    db.session.add(
        WebhookDelivery(
            webhook_id=hook.id,
            submission_id=submission.id,
            event=event,
            body=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            next_attempt_at=now,
        )
    )
