"""Staff sign-in: password, then a new password and TOTP enrolment the first time, then the code.

Between the steps the signed cookie holds only the token of a half-done sign-in kept on the
server (`staff_pending`, staff/pending.py): it lasts STAFF_PENDING_MINUTES and ends when the
account is locked, disabled or reset, and every step checks the lock. The session proper starts
after the code: the cookie is cleared and a new server-side session is opened (no fixation),
see staff/sessions.py. A cookie holding either is SameSite=Strict (web/staff_cookie.py).
The staff side is in Japanese.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_login import LoginManager, current_user, login_user, logout_user
from sqlalchemy import func, select

from .. import municipality
from ..extensions import db, limiter
from ..staff import accounts, audit, passwords, pending, sessions, totp
from ..staff.models import StaffAccount
from ..staff.scope import visible_forms
from ..storage.clock import as_utc
from ..storage.models import Submission
from .rate_limits import configured
from .staff_cookie import PENDING, StaffCookieSessions

bp = Blueprint("staff", __name__, url_prefix="/staff")
login_manager = LoginManager()
WRONG_CODE = "確認コードが正しくありません。アプリに表示されている6桁の数字を入力してください。"
WEAK_PASSWORD = {
    "short": f"パスワードは{passwords.MIN_LENGTH}文字以上にしてください（{passwords.RECOMMENDED_LENGTH}文字以上をおすすめします）。",
    "long": f"パスワードは{passwords.MAX_LENGTH}文字以内にしてください。",
    "login": "ログインIDと同じもの、ログインIDを含むものは使えません。",
    "common": "よく使われているパスワードのため使えません。他の人に推測されにくいものにしてください。",
    "repeated": "同じ文字や同じ並びのくり返しは使えません。他の人に推測されにくいものにしてください。",
}


@login_manager.user_loader
def _load(token: str):
    return sessions.find(token)


@login_manager.unauthorized_handler
def _unauthorized():
    return redirect(url_for("staff.login"))


@bp.before_request
def _japanese() -> None:
    g.fb_lang = "ja"


def signed_in(view: Callable) -> Callable:
    """A view for a signed-in account (any role)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("staff.login"))
        return view(*args, **kwargs)

    return wrapper


def _pending() -> StaffAccount | None:
    """The account of this browser's half-done sign-in, while it lasts and the account is not locked."""
    held = session.get(PENDING)
    return pending.account_of(held if isinstance(held, str) else None)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured("RATELIMIT_STAFF_LOGIN"), methods=["POST"])
def login():
    error = None
    if request.method == "POST":
        account = accounts.check_password(request.form.get("login", ""), request.form.get("password", ""))
        if account is not None:
            _prepare_enrolment(account)
            token = pending.start(account)
            db.session.commit()
            session.clear()
            session[PENDING] = token
            return redirect(url_for(".next_step"))
        error = "ログインIDまたはパスワードが正しくないか、アカウントが利用できません。"
    return render_template("staff/login.html", error=error, login=request.form.get("login", "")), (
        401 if error else 200
    )


@bp.get("/login/next")
def next_step():
    account = _pending()
    if account is None:
        return redirect(url_for(".login"))
    if account.must_change_password:
        return redirect(url_for(".new_password"))
    if account.totp_secret is None:
        return redirect(url_for(".enrol"))
    return redirect(url_for(".code"))


@bp.route("/login/password", methods=["GET", "POST"])
def new_password():
    account = _pending()
    if account is None:
        return redirect(url_for(".login"))
    error = None
    if request.method == "POST":
        chosen, again = request.form.get("password", ""), request.form.get("again", "")
        weakness = passwords.weakness(chosen, account.login)
        if weakness is not None:
            error = WEAK_PASSWORD[weakness]
        elif chosen != again:
            error = "確認のために入力したパスワードが一致しません。"
        elif passwords.check_password(account.password_hash, chosen):
            error = "仮のパスワードとは別のパスワードにしてください。"
        else:
            account.password_hash = passwords.hash_password(chosen)
            account.must_change_password = False
            audit.record("password_changed", account)
            db.session.commit()
            return redirect(url_for(".next_step"))
    return render_template("staff/new_password.html", error=error, passwords=passwords), (422 if error else 200)


@bp.route("/login/enrol", methods=["GET", "POST"])
def enrol():
    account = _pending()
    if account is None or account.must_change_password:
        return redirect(url_for(".login"))
    if account.totp_secret is not None:
        return redirect(url_for(".code"))
    if account.pending_totp_secret is None:  # made on the password POST; a GET changes nothing
        return redirect(url_for(".login"))
    error = None
    if request.method == "POST":
        if accounts.check_code(account, request.form.get("code", ""), account.pending_totp_secret):
            account.totp_secret, account.pending_totp_secret = account.pending_totp_secret, None
            audit.record("totp_enrolled", account)
            return _start(account)
        if not pending.may_sign_in(account):  # that wrong code locked the account
            return _ended_by_lock()
        error = WRONG_CODE
    uri = totp.enrolment_uri(account.pending_totp_secret, account.login, municipality.name("ja"))
    return render_template("staff/enrol.html", error=error, qr=totp.qr_svg(uri), secret=account.pending_totp_secret), (
        422 if error else 200
    )


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(configured("RATELIMIT_STAFF_LOGIN"), methods=["POST"])
def code():
    account = _pending()
    if account is None or account.must_change_password or account.totp_secret is None:
        return redirect(url_for(".login"))
    error = None
    if request.method == "POST":
        if accounts.check_code(account, request.form.get("code", "")):
            return _start(account)
        if not pending.may_sign_in(account):  # that wrong code locked the account
            return _ended_by_lock()
        error = WRONG_CODE
    return render_template("staff/code.html", error=error), (422 if error else 200)


def _ended_by_lock():
    """After the wrong code that locked the account: back to the password, saying why."""
    session.pop(PENDING, None)
    minutes = current_app.config["STAFF_LOCK_MINUTES"]
    error = f"確認コードの誤りが続いたため、ログインを一時的に停止しました。{minutes}分ほど待ってから、パスワードの入力からやり直してください。"
    return render_template("staff/login.html", error=error, login=""), 422


def _prepare_enrolment(account: StaffAccount) -> None:
    """Give an account without TOTP the secret it will enrol (kept until it is confirmed)."""
    if account.totp_secret is None and account.pending_totp_secret is None:
        account.pending_totp_secret = totp.new_secret()
        db.session.commit()


def _start(account: StaffAccount):
    """End the half-done sign-in and open a fresh session: the old cookie contents are dropped."""
    if not pending.finish(session.get(PENDING)):  # another request with this cookie finished it
        db.session.rollback()
        session.pop(PENDING, None)
        return redirect(url_for(".login"))
    session.clear()
    token = sessions.open_for(account)
    audit.record("login", account)
    db.session.commit()
    signed = sessions.find(token)
    if signed is None:
        abort(500)
    login_user(signed)
    return redirect(url_for(".home"))


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        sessions.end(current_user)
        audit.record("logout", current_user.account)
        db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for(".login", done=1))


@bp.get("/")
@signed_in
def home():
    """The forms this account may see, with how many submissions each has in each status."""
    account = current_user.account
    forms = visible_forms(account, current_app.extensions["formbuilder.catalogue"].listed())
    slugs = [d.slug for d in forms]
    counts: dict[str, dict[str, int]] = {slug: {} for slug in slugs}
    if slugs:
        query = (
            select(Submission.form_slug, Submission.status, func.count())
            .where(Submission.form_slug.in_(slugs))
            .group_by(Submission.form_slug, Submission.status)
        )
        for slug, status, count in db.session.execute(query):
            counts[slug][status] = count
    return render_template("staff/home.html", account=account, forms=forms, counts=counts)


def _jst(moment) -> str:
    """A stored UTC time as staff read it: 2026-12-02 16:30 (Japan time)."""
    from datetime import timedelta, timezone

    return as_utc(moment).astimezone(timezone(timedelta(hours=9))).strftime("%Y-%m-%d %H:%M")


def init_app(app) -> None:
    from . import (
        staff_audit,  # noqa: F401
        staff_counter,  # noqa: F401
        staff_exports,  # noqa: F401
        staff_submissions,  # noqa: F401  (its routes join this blueprint)
    )

    app.jinja_env.filters["jst"] = _jst
    app.session_interface = StaffCookieSessions()
    login_manager.init_app(app)
    login_manager.session_protection = None  # the server-side session is the protection
    app.register_blueprint(bp)
