"""The applicant's status page: reference number and secret in, status and the city's comment out.

A successful look-up is remembered in the signed session cookie for STATUS_ACCESS_MINUTES, so
the page can be reloaded and a withdrawal posted without typing the secret again. Look-ups are
rate limited per address against guessing (the same limit as the receipt look-up).
"""

from __future__ import annotations

import time

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext

from ..backoffice import status
from ..extensions import db, limiter
from ..fields.messages import N_
from ..flows import correction
from ..flows.lookup import by_credentials, by_id, definition_of
from ..i18n import current_language
from . import draft_cookie
from .rate_limits import configured

bp = Blueprint("applicant", __name__)
ACCESS = "status_access"


# What the applicant reads for each status, in their language.
LABELS = {
    "received": N_("受付済み（これから審査します）"),
    "in_progress": N_("処理中"),
    "returned": N_("要再申請（内容の修正が必要です）"),
    "completed": N_("完了"),
    "rejected": N_("却下"),
    "withdrawn": N_("取り下げ"),
}
# Why a withdrawal or a correction was not made: the status was not the one the page showed.
DECIDED = N_("＊この申請はすでに「%(status)s」となっているため、取り下げできません。")
MOVED = N_("＊申請の状況が変わりました。いまの状況をご確認のうえ、必要であればもう一度お手続きください。")
UNSENT = N_("＊申請の状況が変わったため、修正した内容は送信されませんでした。いまの状況をご確認ください。")


def _allowed():
    held = session.get(ACCESS)
    if not held or time.time() - held.get("at", 0) > current_app.config["STATUS_ACCESS_MINUTES"] * 60:
        return None
    return by_id(held.get("id"))


@bp.route("/status", methods=["GET", "POST"])
@limiter.limit(configured("RATELIMIT_RECEIPT_LOOKUP"), methods=["POST"])
def lookup():
    error = None
    if request.method == "POST":
        found = by_credentials(request.form.get("reference", ""), request.form.get("secret", ""))
        if found is not None:
            session[ACCESS] = {"id": found.id, "at": time.time()}
            return redirect(url_for(".view"))
        error = gettext("＊受付番号または照会キーが正しくありません。控えに書かれたとおりに入力してください。")
    return render_template("citizen/status_lookup.html", error=error), (422 if error else 200)


@bp.get("/status/view")
def view(error: str | None = None, code: int = 422):
    found = _allowed()
    if found is None:
        return redirect(url_for(".lookup"))
    return render_template(
        "citizen/status.html",
        submission=found,
        definition=definition_of(found),
        label=gettext(LABELS[found.status]),
        comment=status.comment_for_applicant(found),
        may_withdraw=found.status in status.WITHDRAWABLE,
        may_correct=correction.may_correct(found, _served(found)),
        error=error or _unsent(found),
        done=request.args.get("done") == "1" and found.status == "withdrawn",
    ), (code if error else 200)


def _unsent(found) -> str | None:
    """After a correction sent too late (the status had moved on), say that it was not sent."""
    if request.args.get("unsent") == "1" and found.status not in correction.CORRECTABLE:
        return gettext(UNSENT)
    return None


@bp.post("/status/correct")
def correct():
    """Open the returned application as a draft in this browser, at the check page."""
    found = _allowed()
    if found is None:
        return redirect(url_for(".lookup"))
    definition = _served(found)
    if not correction.may_correct(found, definition):
        return redirect(url_for(".view"))
    correction.begin(definition, found, draft_cookie.fresh_token(), current_language())
    return redirect(url_for("citizen.check", slug=definition.slug))


def _served(found):
    return current_app.extensions["formbuilder.catalogue"].get(found.form_slug)


@bp.post("/status/withdraw")
def withdraw():
    found = _allowed()
    if found is None:
        return redirect(url_for(".lookup"))
    if request.form.get("sure") != "y":
        return view(error=gettext("＊取り下げてよいか確認して、チェックを入れてください。"))
    try:
        status.withdraw(found, request.form.get("seen", ""))
    except status.Conflict:
        return view(error=_not_withdrawn(found), code=409)
    db.session.commit()
    return redirect(url_for(".view", done=1))


def _not_withdrawn(found) -> str:
    """Why a withdrawal was not made: already decided (and what), or the status moved meanwhile."""
    if found.status in status.WITHDRAWABLE:
        return gettext(MOVED)
    return gettext(DECIDED, status=gettext(LABELS[found.status]))
