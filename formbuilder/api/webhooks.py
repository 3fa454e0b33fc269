"""Webhooks per form: set by admins, posted by `flask api webhooks deliver`, retried with backoff.

Each POST carries the queued JSON body, `X-Formbuilder-Signature: sha256=<HMAC-SHA256 of the
body with the webhook's secret>` and `X-Formbuilder-Timestamp` (Unix seconds of the attempt).
Only a 2xx answer counts as delivered; a redirect is a failure (never followed).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select

from ..extensions import db
from ..staff import audit
from ..staff.models import StaffAccount
from .models import Webhook, WebhookDelivery

# Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is given up.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT_SECONDS = 10.0


class WebhookError(ValueError):
    """The webhook cannot be saved as asked; the message (Japanese, for admins) says why."""


def save(slug: str, url: str, by: StaffAccount) -> str | None:
    """Set the URL of a form's webhook; return the new secret when the webhook is new (shown once)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or len(url) > 500 or any(c in url for c in "\r\n "):
        raise WebhookError("URLは https:// で始まる500文字以内のものを入力してください。")
    hook = db.session.scalars(select(Webhook).where(Webhook.form_slug == slug)).first()
    secret = None
    if hook is None:
        secret = secrets.token_hex(32)
        hook = Webhook(form_slug=slug, secret=secret, enabled=True, created_by_id=by.id)
        db.session.add(hook)
    hook.url = url
    audit.record("webhook_saved", by, target=slug)
    db.session.commit()
    return secret


def set_enabled(webhook_id: int, enabled: bool, by: StaffAccount) -> Webhook | None:
    hook = db.session.get(Webhook, webhook_id)
    if hook is None:
        return None
    hook.enabled = enabled
    audit.record("webhook_enabled" if enabled else "webhook_disabled", by, target=hook.form_slug)
    db.session.commit()
    return hook


def listed() -> list[Webhook]:
    return list(db.session.scalars(select(Webhook).order_by(Webhook.form_slug)))


def undelivered(limit: int = 50) -> list[WebhookDelivery]:
    """Deliveries that failed at least once and are not delivered (waiting or given up), newest first."""
    query = (
        select(WebhookDelivery)
        .where(WebhookDelivery.delivered_at.is_(None), WebhookDelivery.attempts > 0)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("ascii"), body, hashlib.sha256).hexdigest()


@dataclass
class Report:
    delivered: int = 0
    failed: int = 0
    gave_up: int = 0


def deliver_due(now: datetime | None = None, *, timeout: float = TIMEOUT_SECONDS, batch: int = 100) -> Report:
    """Post every delivery due at `now` once, record the outcomes and commit.

    At least once: a worker killed mid-batch posts those again, so receivers dedupe by
    `X-Formbuilder-Delivery`.
    """
    now = now or datetime.now(UTC)
    report = Report()
    query = (
        select(WebhookDelivery)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            Webhook.enabled.is_(True),
            WebhookDelivery.delivered_at.is_(None),
            WebhookDelivery.gave_up_at.is_(None),
            WebhookDelivery.next_attempt_at <= now,
        )
        .order_by(WebhookDelivery.id)
        .limit(batch)
        .with_for_update(skip_locked=True, of=WebhookDelivery)  # PostgreSQL: two workers never post the same row
    )
    for delivery in list(db.session.scalars(query)):
        hook = db.session.get(Webhook, delivery.webhook_id)
        status, error = _post(hook, delivery, now, timeout)
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_status = status
        delivery.last_error = error[:200]
        if error == "":
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            report.delivered += 1
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.gave_up_at = now
            delivery.next_attempt_at = None
            report.gave_up += 1
        else:
            delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
            report.failed += 1
    db.session.commit()
    return report


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx then arrives as an HTTPError: a failure, never a second request


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(hook: Webhook, delivery: WebhookDelivery, now: datetime, timeout: float) -> tuple[int | None, str]:
    """POST one delivery; return (HTTP status or None, "" when delivered else a short reason)."""
    body = delivery.body.encode("utf-8")
    if urlsplit(hook.url).scheme not in ("https", "http"):
        return None, "not an http(s) URL"
    request = urllib.request.Request(  # noqa: S310  (http and https only, checked above and on save)
        hook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "formbuilder-webhooks/1",
            "X-Formbuilder-Event": delivery.event,
            "X-Formbuilder-Delivery": str(delivery.id),
            "X-Formbuilder-Timestamp": str(int(now.timestamp())),
            "X-Formbuilder-Signature": sign(hook.secret, body),
        },
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as answered:
        answered.close()
        return answered.code, f"HTTP {answered.code}"
    except (urllib.error.URLError, OSError, ValueError) as failed:
        reason = getattr(failed, "reason", failed)
        return None, f"{type(failed).__name__}: {reason}"
