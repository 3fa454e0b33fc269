"""Staff sign-in for real through the app: temporary password, own password, TOTP, sessions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from tests.support import CSRF, Citizen, fill_water

SECRET = re.compile(r'<code class="totp-secret">([A-Z2-7]+)</code>')
NEW_PASSWORD = "kawa-no-nagare-2026"


def create(runner, login: str, role: str = "staff", *departments: str) -> str:
    args = ["staff", "create", login, "--role", role, "--name", f"{login} さん"]
    for department in departments:
        args += ["--department", department]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return re.search(r"temporary password (\S+)", result.output).group(1)


def token(client, path: str = "/staff/login") -> str:
    return CSRF.search(client.get(path).get_data(as_text=True)).group(1)


def post(client, path: str, **form):
    return client.post(path, data={"csrf_token": token(client), **form})  # the token of the session, any page


def enrol(client, login: str, temporary: str) -> str:
    """First sign-in: temporary password, own password, authenticator app; return the TOTP secret."""
    assert post(client, "/staff/login", login=login, password=temporary).location.endswith("/staff/login/next")
    assert client.get("/staff/login/next").location.endswith("/staff/login/password")
    assert post(client, "/staff/login/password", password=NEW_PASSWORD, again=NEW_PASSWORD).status_code == 302
    page = client.get("/staff/login/enrol")
    assert page.status_code == 200 and "<svg" in page.get_data(as_text=True)  # the QR code
    secret = SECRET.search(page.get_data(as_text=True)).group(1)
    done = post(client, "/staff/login/enrol", code=pyotp.TOTP(secret).now())
    assert done.location.endswith("/staff/"), done.status_code
    return secret


def sign_in(client, login: str, secret: str, at: datetime | None = None):
    assert post(client, "/staff/login", login=login, password=NEW_PASSWORD).status_code == 302
    code = pyotp.TOTP(secret).at(at or datetime.now(UTC))
    return post(client, "/staff/login/code", code=code)


def audit_actions(app) -> list[str]:
    from formbuilder.extensions import db
    from formbuilder.staff.models import AuditEvent

    with app.app_context():
        return [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]


@pytest.mark.both_databases
def test_first_sign_in_then_home_shows_only_the_forms_of_the_department(app, client, runner):
    temporary = create(runner, "suido1", "staff", "water")
    enrol(client, "suido1", temporary)
    home = client.get("/staff/")
    text = home.get_data(as_text=True)
    assert home.status_code == 200 and "水道" in text
    assert "児童手当" not in text and "粗大ごみ" not in text
    assert audit_actions(app) == ["account_created", "password_changed", "totp_enrolled", "login"]


def test_an_admin_sees_every_form_and_counts_submissions(app, client, runner):
    citizen = Citizen(app.test_client(), "water-supply-start")
    fill_water(citizen)
    assert citizen.submit().status_code == 302
    temporary = create(runner, "kanri", "admin")
    enrol(client, "kanri", temporary)
    text = client.get("/staff/").get_data(as_text=True)
    assert "児童手当" in text and "水道" in text
    assert re.search(r"水道[^<]*</a></th><td>上下水道局</td><td>1</td>", text), text  # department, then the count


def test_wrong_passwords_lock_the_account_even_for_the_right_one(app, client, runner):
    temporary = create(runner, "lockme", "viewer", "water")
    for _ in range(5):
        assert post(client, "/staff/login", login="lockme", password="wrong-password-1").status_code == 401
    assert post(client, "/staff/login", login="lockme", password=temporary).status_code == 401
    actions = audit_actions(app)
    assert actions.count("login_failed") == 6 and "account_locked" in actions
    result = runner.invoke(args=["staff", "reset", "lockme"])  # an administrator unlocks it
    fresh = re.search(r"temporary password (\S+)", result.output).group(1)
    assert post(client, "/staff/login", login="lockme", password=fresh).status_code == 302


def test_a_code_is_accepted_once_and_a_wrong_code_does_not_sign_in(app, client, runner):
    secret = enrol(client, "once", create(runner, "once", "viewer", "water"))
    post(client, "/staff/logout")
    now = datetime.now(UTC)
    other = app.test_client()
    assert post(other, "/staff/login", login="once", password=NEW_PASSWORD).status_code == 302
    assert post(other, "/staff/login/code", code="000000").status_code == 422
    replay = sign_in(app.test_client(), "once", secret, at=now - timedelta(seconds=30 * 5))
    assert replay.status_code == 422  # too old
    first = sign_in(app.test_client(), "once", secret, at=now + timedelta(seconds=30))
    assert first.status_code == 302
    again = sign_in(app.test_client(), "once", secret, at=now + timedelta(seconds=30))
    assert again.status_code == 422  # the same code twice


def test_sign_in_renews_the_session_and_logout_ends_it_on_the_server(app, client, runner):
    secret = enrol(client, "renew", create(runner, "renew", "viewer", "water"))
    post(client, "/staff/logout")
    before = client.get_cookie("fb_session")
    assert sign_in(client, "renew", secret, at=datetime.now(UTC) + timedelta(seconds=30)).status_code == 302
    signed = client.get_cookie("fb_session").value
    assert before is None or before.value != signed
    assert client.get("/staff/").status_code == 200
    stolen = app.test_client()
    stolen.set_cookie("fb_session", signed)
    assert stolen.get("/staff/").status_code == 200  # the same cookie works until logout…
    post(client, "/staff/logout")
    assert stolen.get("/staff/").status_code == 302  # …and never after: the session ended on the server


def test_disabling_an_account_ends_its_sessions(app, client, runner):
    enrol(client, "leaver", create(runner, "leaver", "staff", "water"))
    assert client.get("/staff/").status_code == 200
    assert runner.invoke(args=["staff", "disable", "leaver"]).exit_code == 0
    assert client.get("/staff/").location.endswith("/staff/login")
    assert post(client, "/staff/login", login="leaver", password=NEW_PASSWORD).status_code == 401


@pytest.mark.parametrize(("column", "age"), [("last_seen", timedelta(minutes=31)), ("created_at", timedelta(hours=11))])
def test_idle_and_absolute_time_outs_end_the_session(app, client, runner, column, age):
    from formbuilder.extensions import db
    from formbuilder.staff.models import StaffSession

    enrol(client, "sleepy", create(runner, "sleepy", "staff", "water"))
    with app.app_context():
        row = db.session.query(StaffSession).one()
        setattr(row, column, datetime.now(UTC) - age)
        if column == "created_at":
            row.last_seen = datetime.now(UTC)
        db.session.commit()
    assert client.get("/staff/").location.endswith("/staff/login")


def test_the_steps_cannot_be_skipped(client, runner):
    create(runner, "skipper", "staff", "water")
    assert client.get("/staff/").location.endswith("/staff/login")
    assert client.get("/staff/login/code").location.endswith("/staff/login")
    assert client.get("/staff/login/enrol").location.endswith("/staff/login")
    form = {"csrf_token": token(client), "password": NEW_PASSWORD, "again": NEW_PASSWORD}
    assert client.post("/staff/login/password", data=form).location.endswith("/staff/login")


def test_cli_refuses_what_cannot_be(runner):
    assert runner.invoke(args=["staff", "create", "x", "--role", "staff"]).exit_code != 0  # no department
    assert runner.invoke(args=["staff", "disable", "nobody"]).exit_code != 0
    create(runner, "dup", "admin")
    assert "taken" in runner.invoke(args=["staff", "create", "dup", "--role", "admin"]).output


def wrong_code(secret: str) -> str:
    """A six-digit code that is none of the codes valid now (±1 step)."""
    totp, now = pyotp.TOTP(secret), datetime.now(UTC)
    valid = {totp.at(now + timedelta(seconds=30 * step)) for step in (-1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid)


def sessions_of(app, login: str) -> int:
    from formbuilder.extensions import db
    from formbuilder.staff.models import StaffAccount, StaffSession

    with app.app_context():
        account = db.session.query(StaffAccount).filter_by(login=login).one()
        return db.session.query(StaffSession).filter_by(account_id=account.id).count()


@pytest.mark.both_databases
def test_a_lock_from_wrong_codes_ends_the_half_done_sign_in_even_replayed(app, client, runner):
    secret = enrol(client, "guess", create(runner, "guess", "viewer", "water"))
    post(client, "/staff/logout")
    attacker = app.test_client()
    assert post(attacker, "/staff/login", login="guess", password=NEW_PASSWORD).status_code == 302
    saved = attacker.get_cookie("fb_session").value  # the cookie between password and code
    answers = [post(attacker, "/staff/login/code", code=wrong_code(secret)) for _ in range(5)]
    assert [answer.status_code for answer in answers] == [422] * 5
    assert "account_locked" in audit_actions(app)
    stopped = answers[-1].get_data(as_text=True)  # the sign-in page again, saying why
    assert "ログインを一時的に停止しました" in stopped and 'action="/staff/login"' in stopped
    replay = app.test_client()
    replay.set_cookie("fb_session", saved)
    right = pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30))
    refused = post(replay, "/staff/login/code", code=right)
    assert refused.status_code == 302 and refused.location.endswith("/staff/login")
    assert replay.get("/staff/").location.endswith("/staff/login")
    assert sessions_of(app, "guess") == 1  # the enrolment's, ended by the logout
    assert audit_actions(app).count("login") == 1


def test_a_lock_during_enrolment_ends_every_step_of_it(app, client, runner):
    temporary = create(runner, "newcomer", "staff", "water")
    assert post(client, "/staff/login", login="newcomer", password=temporary).status_code == 302
    before_password = client.get_cookie("fb_session").value
    assert post(client, "/staff/login/password", password=NEW_PASSWORD, again=NEW_PASSWORD).status_code == 302
    page = client.get("/staff/login/enrol").get_data(as_text=True)
    secret = SECRET.search(page).group(1)
    for _ in range(5):
        assert post(client, "/staff/login/enrol", code=wrong_code(secret)).status_code == 422
    replay = app.test_client()
    replay.set_cookie("fb_session", before_password)
    form = {"password": "another-river-2027", "again": "another-river-2027"}
    assert post(replay, "/staff/login/password", **form).location.endswith("/staff/login")
    assert replay.get("/staff/login/enrol").location.endswith("/staff/login")
    assert post(replay, "/staff/login/enrol", code=pyotp.TOTP(secret).now()).location.endswith("/staff/login")
    assert post(client, "/staff/login/enrol", code=pyotp.TOTP(secret).now()).location.endswith("/staff/login")
    assert sessions_of(app, "newcomer") == 0
    assert "totp_enrolled" not in audit_actions(app)


@pytest.mark.both_databases
def test_an_unknown_login_is_audited_without_what_was_typed(app, client, runner):
    from formbuilder.extensions import db
    from formbuilder.staff.models import AuditEvent

    typed = "Himitsu-no-Aikotoba-42"  # a password typed into the login box
    for login in (typed, f"  {typed.upper()} ", "another-typo"):
        assert post(client, "/staff/login", login=login, password="x" * 12).status_code == 401
    with app.app_context():
        events = db.session.query(AuditEvent).order_by(AuditEvent.id).all()
        rows = [(e.login, e.action, e.target) for e in events]
    assert [row[1:] for row in rows] == [("login_failed", "unknown login")] * 3
    assert typed.lower() not in repr(rows).lower() and "another-typo" not in repr(rows)
    first, again, other = (row[0] for row in rows)
    assert first == again != other  # attempts on one name can still be told apart from others
    assert first.startswith("不明:")


def test_the_staff_cookie_is_samesite_strict(app, client, runner):
    def session_cookies(response) -> list[set[str]]:
        found = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("fb_session=")]
        return [{part.strip().lower() for part in c.split(";")[1:]} for c in found]

    temporary = create(runner, "strict", "staff", "water")
    password_step = post(client, "/staff/login", login="strict", password=temporary)
    assert [flags & {"samesite=strict", "httponly"} for flags in session_cookies(password_step)] == [
        {"samesite=strict", "httponly"}
    ]
    assert post(client, "/staff/login/password", password=NEW_PASSWORD, again=NEW_PASSWORD).status_code == 302
    secret = SECRET.search(client.get("/staff/login/enrol").get_data(as_text=True)).group(1)
    signed_in = post(client, "/staff/login/enrol", code=pyotp.TOTP(secret).now())
    assert signed_in.location.endswith("/staff/")
    assert ["samesite=strict" in flags for flags in session_cookies(signed_in)] == [True]
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/forms/water-supply-start/submissions").status_code == 200
    citizen = app.test_client().get("/forms/water-supply-start")
    assert all("samesite=lax" in flags for flags in session_cookies(citizen))


def test_reset_keeps_a_disabled_account_disabled_unless_told_to_enable_it(app, client, runner):
    create(runner, "retired", "staff", "water")
    assert runner.invoke(args=["staff", "disable", "retired"]).exit_code == 0
    kept = runner.invoke(args=["staff", "reset", "retired"])
    assert kept.exit_code == 0 and "disabled" in kept.output
    temporary = re.search(r"temporary password (\S+)", kept.output).group(1)
    assert post(client, "/staff/login", login="retired", password=temporary).status_code == 401
    enabled = runner.invoke(args=["staff", "reset", "retired", "--enable"])
    assert enabled.exit_code == 0, enabled.output
    temporary = re.search(r"temporary password (\S+)", enabled.output).group(1)
    assert post(client, "/staff/login", login="retired", password=temporary).status_code == 302
