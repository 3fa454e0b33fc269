"""Back office: a form's submissions as CSV, or as a ZIP with their files (admins and staff).

Same exporter and options as `flask forms export`. Both downloads are streamed. A form of
another department is a 404, a viewer gets a 403. Options that cannot be used, and (for
Shift_JIS without replacement) characters that cannot be written, re-show the export page
with a 422 before anything is sent, so no broken file ever reaches a member of staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn
from urllib.parse import quote

from flask import Response, abort, current_app, make_response, render_template, request, stream_with_context
from flask_login import current_user

from ..backoffice import exports
from ..backoffice.status import LABELS
from ..definitions.model import FormDefinition
from ..exports.csv import ExportOptions
from ..staff import audit
from ..staff.scope import visible_forms
from .staff_auth import bp, signed_in

EXPORTERS = frozenset({"admin", "staff"})
CSV_TYPES = {"utf-8-sig": "text/csv; charset=utf-8", "cp932": "text/csv; charset=Shift_JIS"}


def streamed_download(chunks: Iterable[bytes], filename: str, fallback: str, content_type: str) -> Response:
    """A streamed attachment: RFC 6266 name (UTF-8 and an ASCII fallback), never cached or sniffed."""
    safe = "".join(c for c in filename if c.isprintable() and c not in '"\\\r\n') or fallback
    ascii_name = "".join(c for c in fallback if c.isascii() and c.isprintable() and c not in '"\\') or "download"
    response = Response(stream_with_context(iter(chunks)), content_type=content_type)
    response.headers["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def _exportable(slug: str) -> FormDefinition:
    """The form, if the account's departments hold it (else 404) and its role may export (else 403)."""
    forms = visible_forms(current_user.account, current_app.extensions["formbuilder.catalogue"].listed())
    definition = next((d for d in forms if d.slug == slug), None)
    if definition is None:
        abort(404)
    if current_user.account.role not in EXPORTERS:
        abort(403)
    return definition


def _refuse(definition: FormDefinition, endpoint: str, choice: exports.Choice, *, problems=(), losses=()) -> NoReturn:
    """Stop here with the export page again (422), saying what to change."""
    page = render_template(
        "staff/export.html",
        definition=definition,
        endpoint=endpoint,
        choice=choice,
        labels=LABELS,
        problems=list(problems),
        losses=exports.shown_losses(list(losses)),
        loss_count=len(losses),
    )
    abort(make_response(page, 422))


def _prepare(slug: str, endpoint: str) -> tuple[FormDefinition, exports.Choice, ExportOptions]:
    """Return what to export, or stop with a 404, 403 or the export page again (422)."""
    definition = _exportable(slug)
    choice = exports.Choice.from_args(request.args)
    try:
        options = choice.options()
    except exports.OptionsRefused as refused:
        _refuse(definition, endpoint, choice, problems=refused.messages)
    losses = exports.losses(definition, options)
    if losses:
        _refuse(definition, endpoint, choice, losses=losses)
    return definition, choice, options


@bp.get("/forms/<slug>/export.csv")
@signed_in
def export_csv(slug: str):
    definition, choice, options = _prepare(slug, "staff.export_csv")
    rows = exports.row_count(definition, options)
    audit.record_after_read("export_csv", current_user.account, target=f"{slug} rows={rows} {choice.summary()}")
    name, fallback = exports.filenames(definition, "csv")
    return streamed_download(exports.csv_stream(definition, options), name, fallback, CSV_TYPES[options.encoding])


@bp.get("/forms/<slug>/export.zip")
@signed_in
def export_zip(slug: str):
    definition, choice, options = _prepare(slug, "staff.export_zip")
    rows = exports.row_count(definition, options)
    audit.record_after_read("export_zip", current_user.account, target=f"{slug} rows={rows} {choice.summary()}")
    name, fallback = exports.filenames(definition, "zip")
    csv_name, _ = exports.filenames(definition, "csv")
    return streamed_download(exports.zip_stream(definition, options, csv_name), name, fallback, "application/zip")
