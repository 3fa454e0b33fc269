"""Back office: the audit log for admins, as pages and as a CSV (itself audited)."""

from __future__ import annotations

from datetime import datetime

from flask import abort, render_template, request
from flask_login import current_user

from ..backoffice import audit_log as log
from ..staff import audit
from .staff_auth import bp, signed_in
from .staff_exports import streamed_download


def _admin_only() -> None:
    if current_user.account.role != "admin":
        abort(403)


def _page(filters: log.Filters):
    return render_template(
        "staff/audit.html",
        filters=filters,
        found=log.page_of(filters),
        actions=log.ACTION_LABELS,
        label=log.label,
        when=log.when,
    ), (422 if filters.problems else 200)


@bp.get("/audit")
@signed_in
def audit_log():
    _admin_only()
    return _page(log.Filters.from_args(request.args))


@bp.get("/audit.csv")
@signed_in
def audit_csv():
    _admin_only()
    filters = log.Filters.from_args(request.args)
    if filters.problems:
        return _page(filters)
    audit.record_after_read("export_audit", current_user.account, target=filters.summary())
    day = datetime.now(log.TOKYO).strftime("%Y%m%d")
    return streamed_download(
        log.csv_stream(filters), f"操作記録_{day}.csv", f"audit_{day}.csv", "text/csv; charset=utf-8"
    )
