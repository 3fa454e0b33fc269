"""Webhooks: queued with the submission or status change, posted signed, retried with backoff.

The receiver is a real HTTP server on 127.0.0.1 (http.server in a thread) that fails the first
tries; time moves by passing `now` to `deliver_due`, never by sleeping. 127.0.0.1 is internal, so
these tests allow it (and plain http to it) as an administrator would allow a core system.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.api.support import api_post, make_token
from tests.staff.test_submissions import submit_water


class Receiver:
    """Answers `fail_first` requests with 500 (or `fail_status`) and `fail_body`, then 204; keeps what arrived.

    With `tls` (a server-side SSLContext) it speaks https.
    """

    def __init__(
        self, fail_first: int = 0, fail_status: int = 500, *, fail_body: bytes = b"", tls: ssl.SSLContext | None = None
    ) -> None:
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                failing = len(receiver.received) <= receiver.fail_first
                self.send_response(receiver.fail_status if failing else 204)
                if failing and receiver.fail_status in (301, 302, 307):
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                answer = fail_body if failing else b""
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.url = f"http://127.0.0.1:{self.port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def config_overrides() -> dict:
    return {"WEBHOOK_ALLOWED_HOSTS": ("127.0.0.1",), "WEBHOOK_ALLOW_HTTP": True}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver(fail_first=2)
    yield found
    found.close()


def _hook(app, url: str, slug: str = "water-supply-start") -> str:
    """Set a webhook as an admin would (the function behind the admin page); return its secret."""
    from formbuilder.api import webhooks
    from formbuilder.staff.accounts import create

    with app.app_context():
        admin = create("kanri", "管理者", "admin", []).account
        return webhooks.save(slug, url, admin).secret


def _deliver(app, now: datetime):
    from formbuilder.api.webhooks import deliver_due

    with app.app_context():
        return deliver_due(now, timeout=5)


def _deliveries(app) -> list:
    from formbuilder.api.models import WebhookDelivery
    from formbuilder.extensions import db

    with app.app_context():
        rows = db.session.query(WebhookDelivery).order_by(WebhookDelivery.id).all()
        db.session.expunge_all()
        return rows


@pytest.mark.both_databases
def test_a_submission_is_posted_signed_after_two_failures_with_backoff(app, receiver):
    secret = _hook(app, receiver.url)
    reference = submit_water(app)
    (queued,) = _deliveries(app)
    assert queued.event == "submission.created" and queued.attempts == 0
    start = datetime.now(UTC) + timedelta(seconds=1)
    assert _deliver(app, start).failed == 1
    assert _deliver(app, start + timedelta(seconds=59)).failed == 0  # not due before 1 minute
    assert len(receiver.received) == 1
    assert _deliver(app, start + timedelta(minutes=1)).failed == 1
    (row,) = _deliveries(app)
    assert row.attempts == 2 and row.last_status == 500 and row.last_error == "http"
    due = row.next_attempt_at if row.next_attempt_at.tzinfo else row.next_attempt_at.replace(tzinfo=UTC)
    assert due == start + timedelta(minutes=1) + timedelta(minutes=5)
    assert _deliver(app, start + timedelta(minutes=5, seconds=59)).delivered == 0
    assert _deliver(app, start + timedelta(minutes=6)).delivered == 1
    assert _deliver(app, start + timedelta(days=1)).delivered == 0  # never posted again
    (row,) = _deliveries(app)
    assert row.delivered_at is not None and row.next_attempt_at is None and row.attempts == 3
    assert len(receiver.received) == 3
    headers, body = receiver.received[-1]
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Formbuilder-Signature"] == expected
    assert headers["X-Formbuilder-Timestamp"] == str(int((start + timedelta(minutes=6)).timestamp()))
    assert headers["Content-Type"] == "application/json" and headers["X-Formbuilder-Event"] == "submission.created"
    sent = json.loads(body)
    assert set(sent) == {"event", "reference", "form", "status", "at"}  # no answers
    assert sent["reference"] == reference and sent["status"] == "received" and sent["form"] == "water-supply-start"


def test_a_status_change_by_staff_api_or_applicant_is_queued(app, runner):
    receiver = Receiver()
    try:
        _hook(app, receiver.url)
        reference = submit_water(app)
        token = make_token(runner, "suido-kikan", "water", write=True)
        assert (
            api_post(
                app.test_client(), f"/submissions/{reference}/status", token, {"status": "in_progress"}
            ).status_code
            == 200
        )
        assert _deliver(app, datetime.now(UTC) + timedelta(seconds=1)).delivered == 2
        events = [json.loads(body) for _, body in receiver.received]
        assert [(e["event"], e["status"]) for e in events] == [
            ("submission.created", "received"),
            ("submission.status_changed", "in_progress"),
        ]
    finally:
        receiver.close()


def test_forms_without_a_webhook_queue_nothing_and_other_forms_do_not_share(app, receiver):
    _hook(app, receiver.url, slug="child-allowance")
    submit_water(app)
    assert _deliveries(app) == []


def test_it_gives_up_after_the_last_backoff_and_admins_see_the_failure(app, runner):
    receiver = Receiver(fail_first=100, fail_status=503)
    try:
        _hook(app, receiver.url)
        submit_water(app)
        now = datetime.now(UTC) + timedelta(seconds=1)
        waits = [
            timedelta(0),
            timedelta(minutes=1),
            timedelta(minutes=5),
            timedelta(minutes=30),
            timedelta(hours=2),
            timedelta(hours=12),
        ]
        for wait in waits:
            now += wait
            report = _deliver(app, now)
            assert report.failed + report.gave_up == 1, wait
        assert report.gave_up == 1
        assert _deliver(app, now + timedelta(days=7)).failed == 0
        (row,) = _deliveries(app)
        assert row.attempts == 6 and row.gave_up_at is not None and row.last_status == 503
        assert len(receiver.received) == 6
    finally:
        receiver.close()
    from tests.support import text_of

    admin = app.test_client()
    _sign_in_existing_admin(app, admin)
    page = text_of(admin.get("/staff/api/webhooks"))
    assert "HTTP 503 が返りました" in page and "断念" in page


def _sign_in_existing_admin(app, client) -> None:
    """The admin made by `_hook` has a temporary password: reset it through the CLI and enrol."""
    import re

    from tests.staff.test_sign_in import enrol

    result = app.test_cli_runner().invoke(args=["staff", "reset", "kanri"])
    enrol(client, "kanri", re.search(r"temporary password (\S+)", result.output).group(1))


@pytest.mark.parametrize("status", [302, 404])
def test_redirects_and_errors_are_failures(app, status):
    receiver = Receiver(fail_first=1, fail_status=status)
    try:
        _hook(app, receiver.url)
        submit_water(app)
        assert _deliver(app, datetime.now(UTC) + timedelta(seconds=1)).failed == 1
        (row,) = _deliveries(app)
        assert row.last_status == status and len(receiver.received) == 1  # the redirect is not followed
    finally:
        receiver.close()


def test_an_unreachable_receiver_is_retried_and_a_disabled_webhook_waits(app):
    receiver = Receiver()
    url = receiver.url
    receiver.close()  # nothing listens there now
    _hook(app, url)
    submit_water(app)
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert _deliver(app, now).failed == 1
    (row,) = _deliveries(app)
    assert row.last_status is None and row.last_error == "connect"
    from formbuilder.api.models import Webhook
    from formbuilder.extensions import db

    with app.app_context():
        db.session.query(Webhook).update({"enabled": False})
        db.session.commit()
    assert _deliver(app, now + timedelta(hours=1)).failed == 0
    assert _deliveries(app)[0].attempts == 1


def test_the_worker_command_delivers(app, runner, receiver):
    receiver.fail_first = 0
    _hook(app, receiver.url)
    submit_water(app)
    result = runner.invoke(args=["api", "webhooks", "deliver"])
    assert result.exit_code == 0 and "1 delivered" in result.output
    assert len(receiver.received) == 1
