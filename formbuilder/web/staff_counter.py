"""Counter mode (書かない窓口): staff open any citizen form and fill it with the applicant.

The form opens in this browser exactly as a citizen sees it (same pages, checks, receipt);
the submission is marked as entered at the counter by the signed-in staff member.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, url_for
from flask_login import current_user

from ..backoffice import counter
from . import draft_cookie
from .staff_auth import bp, signed_in


def _may_take() -> None:
    if current_user.account.role not in counter.ROLES:
        abort(403)


@bp.get("/counter")
@signed_in
def counter_forms():
    _may_take()
    return render_template("staff/counter.html", forms=current_app.extensions["formbuilder.catalogue"].listed())


@bp.post("/counter/<slug>")
@signed_in
def counter_start(slug: str):
    _may_take()
    definition = current_app.extensions["formbuilder.catalogue"].get(slug)
    if definition is None:
        abort(404)
    counter.start(definition, current_user.account, draft_cookie.fresh_token(), "ja")
    return redirect(url_for("citizen.page", slug=slug, page_id=definition.pages[0].id))
