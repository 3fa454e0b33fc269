"""Webhooks per form: set by admins, posted by `flask api webhooks deliver`, retried with backoff.

Each POST carries the queued JSON body, `X-Formbuilder-Signature: sha256=<HMAC-SHA256 of the
body with the webhook's secret>` and `X-Formbuilder-Timestamp` (Unix seconds of the attempt).
Only a 2xx answer counts as delivered; a redirect is a failure (never followed).

Where a webhook may post is decided by destinations.py, when it is saved and again at every
delivery; pinned.py then connects to the address that was checked. A failure is kept as one of
a few categories (FAILURES): never an exception text, an address or the receiver's answer, so
the admin page's list of failures cannot be used to probe the internal network.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import secrets
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..staff import audit
from ..staff.models import StaffAccount
from . import destinations, pinned
from .models import Webhook, WebhookDelivery

# Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is given up.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT_SECONDS = 10.0

# What a failed attempt keeps in `last_error`, and how the admin page says it.
FAILURES = {
    "http": "HTTP {status} が返りました",
    "timeout": "タイムアウト",
    "connect": "接続できませんでした",
    "tls": "証明書を確認できませんでした",
    "dns": "名前を解決できませんでした",
    "destination": "宛先が許可されていません",
}


class WebhookError(ValueError):
    """The webhook cannot be saved as asked; the message (Japanese, for admins) says why."""


@dataclass(frozen=True)
class Saved:
    secret: str | None  # a new webhook's secret (shown once); None when an existing one changed
    unresolved: bool = False  # the name does not resolve now; every delivery checks it again


def policy() -> destinations.Policy:
    return destinations.Policy.from_config(current_app.config)


def save(slug: str, url: str, by: StaffAccount) -> Saved:
    """Set the URL of a form's webhook once its destination passes the checks."""
    url = url.strip()
    unresolved = False
    try:
        destinations.check(url, policy())
    except destinations.Unresolved:
        unresolved = True  # nothing to reach now; a delivery refuses it if it later points inside
    except destinations.Refused as refused:
        raise WebhookError(refused.message) from None
    hook = db.session.scalars(select(Webhook).where(Webhook.form_slug == slug)).first()
    secret = None
    if hook is None:
        secret = secrets.token_hex(32)
        hook = Webhook(form_slug=slug, secret=secret, enabled=True, created_by_id=by.id)
        db.session.add(hook)
    hook.url = url
    audit.record("webhook_saved", by, target=slug)
    db.session.commit()
    return Saved(secret, unresolved)


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
        if hook is None:  # deleted meanwhile (its deliveries go with it on commit)
            continue
        status, error = _post(hook, delivery, now, timeout)
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_status = status
        delivery.last_error = error
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


def failure_label(delivery: WebhookDelivery) -> str:
    """The last failure as admins see it: a fixed phrase (older free-text rows included)."""
    if delivery.last_error == "http" or (delivery.last_error not in FAILURES and delivery.last_status):
        return FAILURES["http"].format(status=int(delivery.last_status or 0))
    return FAILURES.get(delivery.last_error, FAILURES["connect"])


def _post(hook: Webhook, delivery: WebhookDelivery, now: datetime, timeout: float) -> tuple[int | None, str]:
    """POST one delivery; return (HTTP status or None, "" when delivered else a FAILURES key)."""
    body = delivery.body.encode("utf-8")
    try:
        target = destinations.check(hook.url, policy())
    except destinations.Unresolved:
        return None, "dns"
    except destinations.Refused:
        return None, "destination"
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "formbuilder-webhooks/1",
        "X-Formbuilder-Event": delivery.event,
        "X-Formbuilder-Delivery": str(delivery.id),
        "X-Formbuilder-Timestamp": str(int(now.timestamp())),
        "X-Formbuilder-Signature": sign(hook.secret, body),
    }
    try:
        status = pinned.post(target, body, headers, timeout)
    except TimeoutError:
        return None, "timeout"
    except ssl.SSLError:
        return None, "tls"
    except (OSError, http.client.HTTPException, ValueError):
        return None, "connect"
    return status, "" if 200 <= status < 300 else "http"
