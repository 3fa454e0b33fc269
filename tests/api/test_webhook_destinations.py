"""Where a webhook may post (SSRF): refused at save and again at delivery, failures shown as categories.

Names that should resolve elsewhere are answered by replacing `destinations.resolve`, the one
place the app resolves a webhook's host; `localhost` and the odd spellings of 127.0.0.1 go
through the real `getaddrinfo`.
"""

from __future__ import annotations

import ipaddress
import ssl
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from formbuilder.api import destinations, pinned
from tests.api.test_webhooks import Receiver, _deliver, _deliveries, _hook, _sign_in_existing_admin
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client, submit_water
from tests.support import text_of

INTERNAL = "公開されていないアドレスを指しているため登録できません"
PUBLIC = "93.184.216.34"  # an address on the internet (nothing is sent to it in these tests)


def fake_dns(monkeypatch, answers: dict[str, list[str]]) -> list[str]:
    """Answer these names from `answers` (read at each call); return the names asked, in order."""
    real = destinations.resolve
    asked: list[str] = []

    def resolve(host: str, port: int):
        asked.append(host)
        if host in answers:
            return tuple(ipaddress.ip_address(a) for a in answers[host])
        return real(host, port)

    monkeypatch.setattr(destinations, "resolve", resolve)
    return asked


def save_page(app, runner, url: str):
    admin = staff_client(app, runner, "kanri", "admin")
    return post(admin, "/staff/api/webhooks", form="water-supply-start", url=url)


def saved_urls(app) -> list[str]:
    from formbuilder.api.models import Webhook
    from formbuilder.extensions import db

    with app.app_context():
        return [h.url for h in db.session.query(Webhook)]


def failures_of(page: str) -> str:
    """The text of the failure list only (the table above it shows each webhook's URL)."""
    return page.split("届いていない通知", 1)[1]


@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://0x7f000001/hook",
        "https://2130706433/hook",
        "https://017700000001/hook",
        "https://127.1/hook",
        "https://localhost:5432/",
        "https://10.0.0.3:5432/",
        "https://172.16.0.1/",
        "https://192.168.1.1/",
        "https://100.64.0.1/",
        "https://0.0.0.0/",
        "https://[::]/",
        "https://224.0.0.1/",
        "https://240.0.0.1/",
        "https://[fc00::1]/",
        "https://[fe80::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:a9fe:a9fe]/",
        "https://[64:ff9b::a00:1]/",
        "https://[2002:7f00:1::]/",
        "https://168.63.129.16/",
        "https://metadata.google.internal/computeMetadata/v1/",
    ],
)
def test_an_internal_destination_is_refused_at_save_with_a_clear_message(app, runner, url):
    page = save_page(app, runner, url)
    assert page.status_code == 422
    assert INTERNAL in text_of(page)
    assert saved_urls(app) == []


@pytest.mark.parametrize(
    "url", ["http://example.org/hook", f"http://{PUBLIC}/hook", "http://localhost/", "https://user:pw@example.org/"]
)
def test_plain_http_and_credentials_in_the_url_are_refused(app, runner, url):
    page = save_page(app, runner, url)
    assert page.status_code == 422 and "https:// で始まる" in text_of(page)
    assert saved_urls(app) == []


def test_a_name_resolving_to_loopback_or_to_any_private_address_is_refused_at_save(app, runner, monkeypatch):
    fake_dns(monkeypatch, {"hooks.example.net": [PUBLIC, "10.1.2.3"], "good.example.net": [PUBLIC]})
    assert INTERNAL in text_of(save_page(app, runner, "https://localhost/hook"))  # the real resolver: 127.0.0.1
    admin = staff_client(app, runner, "kanri2", "admin")
    mixed = post(admin, "/staff/api/webhooks", form="water-supply-start", url="https://hooks.example.net/")
    assert mixed.status_code == 422 and INTERNAL in text_of(mixed)  # one public address is not enough
    good = post(admin, "/staff/api/webhooks", form="water-supply-start", url="https://good.example.net/")
    assert good.status_code == 200 and saved_urls(app) == ["https://good.example.net/"]


def test_a_name_that_does_not_resolve_yet_is_saved_with_a_notice(app, runner):
    page = save_page(app, runner, "https://core.example.invalid/hook")
    assert page.status_code == 200 and "いまは解決できませんでした" in text_of(page)


def test_a_name_that_turns_to_loopback_after_saving_is_refused_at_delivery(app, runner, monkeypatch):
    receiver = Receiver()
    try:
        answers = {"hooks.example.net": [PUBLIC]}
        fake_dns(monkeypatch, answers)
        _hook(app, f"https://hooks.example.net:{receiver.port}/hook")  # passes: a public address
        submit_water(app)
        answers["hooks.example.net"] = ["127.0.0.1"]  # DNS rebinding
        assert _deliver(app, datetime.now(UTC) + timedelta(seconds=1)).failed == 1
        (row,) = _deliveries(app)
        assert row.last_error == "destination" and row.last_status is None
        assert receiver.received == []
    finally:
        receiver.close()
    admin = app.test_client()
    _sign_in_existing_admin(app, admin)
    assert "宛先が許可されていません" in failures_of(text_of(admin.get("/staff/api/webhooks")))


@pytest.mark.parametrize(
    "config_overrides",
    [{"WEBHOOK_ALLOWED_HOSTS": ("core.city.test",), "WEBHOOK_ALLOW_HTTP": True}],
)
def test_delivery_connects_to_the_checked_address_and_names_the_host(app, monkeypatch):
    receiver = Receiver()
    try:
        # Only the app's check knows this name (no hosts file, no DNS): if the connection
        # resolved it again, nothing would arrive.
        asked = fake_dns(monkeypatch, {"core.city.test": ["127.0.0.1"]})
        _hook(app, f"http://core.city.test:{receiver.port}/hook?system=1")
        submit_water(app)
        del asked[:]
        assert _deliver(app, datetime.now(UTC) + timedelta(seconds=1)).delivered == 1
        assert asked == ["core.city.test"]  # resolved and checked once, at the delivery
        ((headers, _),) = receiver.received
        assert headers["Host"] == f"core.city.test:{receiver.port}"
    finally:
        receiver.close()


def _certificate(tmp_path, name: str) -> tuple[ssl.SSLContext, str]:
    """A server context with a self-signed certificate for `name`, and that certificate (PEM)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
    (tmp_path / "cert.pem").write_text(pem)
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return server, pem


@pytest.mark.parametrize("config_overrides", [{"WEBHOOK_ALLOWED_HOSTS": ("core.city.test",)}])
@pytest.mark.parametrize(("certified", "delivered"), [("core.city.test", True), ("other.city.test", False)])
def test_https_keeps_the_name_for_sni_and_the_certificate_check(app, monkeypatch, tmp_path, certified, delivered):
    server, pem = _certificate(tmp_path, certified)
    sni: list[str | None] = []
    server.sni_callback = lambda sock, name, context: sni.append(name)
    monkeypatch.setattr(pinned, "tls_context", ssl.create_default_context(cadata=pem))
    receiver = Receiver(tls=server)
    try:
        fake_dns(monkeypatch, {"core.city.test": ["127.0.0.1"]})
        _hook(app, f"https://core.city.test:{receiver.port}/hook")
        submit_water(app)
        report = _deliver(app, datetime.now(UTC) + timedelta(seconds=1))
        assert sni == ["core.city.test"]
        if delivered:
            assert report.delivered == 1 and receiver.received[0][0]["Host"] == f"core.city.test:{receiver.port}"
        else:
            assert report.failed == 1 and receiver.received == [] and _deliveries(app)[0].last_error == "tls"
    finally:
        receiver.close()


@pytest.mark.parametrize(
    "config_overrides",
    [{"WEBHOOK_ALLOWED_HOSTS": ("127.0.0.1", "169.254.169.254"), "WEBHOOK_ALLOW_HTTP": True}],
)
def test_the_allow_list_opens_named_hosts_only_and_never_cloud_metadata(app, runner):
    admin = staff_client(app, runner, "kanri", "admin")

    def save(url: str) -> int:
        return post(admin, "/staff/api/webhooks", form="water-supply-start", url=url).status_code

    assert save("https://169.254.169.254/latest/meta-data/") == 422
    assert save("http://0x7f000001/hook") == 422  # another spelling is another host: not on the list
    assert save("http://localhost/hook") == 422
    assert save("http://127.0.0.1:8080/hook") == 200
    assert saved_urls(app) == ["http://127.0.0.1:8080/hook"]


@pytest.mark.parametrize("config_overrides", [{"WEBHOOK_ALLOWED_HOSTS": ("127.0.0.1",)}])
def test_http_to_an_allowed_host_needs_its_own_opt_in(app, runner):
    admin = staff_client(app, runner, "kanri", "admin")
    http = post(admin, "/staff/api/webhooks", form="water-supply-start", url="http://127.0.0.1/hook")
    assert http.status_code == 422 and "https:// で始まる" in text_of(http)
    assert post(admin, "/staff/api/webhooks", form="water-supply-start", url="https://127.0.0.1/").status_code == 200


@pytest.mark.parametrize("config_overrides", [{"WEBHOOK_ALLOWED_HOSTS": ("127.0.0.1",), "WEBHOOK_ALLOW_HTTP": True}])
def test_the_failure_list_shows_only_a_category(app):
    from formbuilder.api.models import Webhook, WebhookDelivery
    from formbuilder.extensions import db

    leaky = Receiver(fail_first=100, fail_body=b"FATAL: password authentication failed at 10.0.0.3:5432")
    closed = Receiver()
    closed.close()  # nothing listens there now
    try:
        _hook(app, leaky.url)
        submit_water(app)
        now = datetime.now(UTC) + timedelta(seconds=1)
        assert _deliver(app, now).failed == 1 and len(leaky.received) == 1  # HTTP 500 with a telling body
    finally:
        leaky.close()
    with app.app_context():
        hook = db.session.query(Webhook).one()
        hook.url = closed.url
        # A row failed by an older version, which kept the exception's text.
        db.session.add(
            WebhookDelivery(
                webhook_id=hook.id,
                event="submission.created",
                body="{}",
                attempts=1,
                next_attempt_at=now + timedelta(days=1),
                last_error="URLError: <urlopen error [Errno 111] Connection refused> 10.0.0.3:5432",
            )
        )
        db.session.commit()
    submit_water(app)
    assert _deliver(app, now + timedelta(seconds=1)).failed == 1  # the closed port
    admin = app.test_client()
    _sign_in_existing_admin(app, admin)
    shown = failures_of(text_of(admin.get("/staff/api/webhooks")))
    assert shown.count("HTTP 500 が返りました") == 1 and shown.count("接続できませんでした") == 2
    for detail in ("127.0.0.1", str(closed.port), "10.0.0.3", "5432", "Errno", "refused", "FATAL", "Error"):
        assert detail not in shown, detail


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.255.0.1",
        "100.127.255.254",
        "169.254.0.1",
        "198.18.0.1",
        "255.255.255.255",
        "::ffff:10.0.0.1",
        "::ffff:8.8.8.8",
        "64:ff9b::7f00:1",
        "2002:a00:1::",
        "2001:db8::1",
        "ff02::1",
        "fd00:ec2::254",
    ],
)
def test_addresses_that_are_not_public_unicast_are_forbidden(address):
    assert destinations.forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", PUBLIC, "2606:4700:4700::1111"])
def test_public_addresses_are_not(address):
    assert not destinations.forbidden(ipaddress.ip_address(address))
