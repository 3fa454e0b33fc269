"""Back office: a form's submissions, one submission, its status, files and receipt.

Every lookup goes through `_scoped`, which puts the account's visible forms into the query: a
submission of another department is a 404, whatever the URL, and is audited as `denied`. Viewers read; staff and admins
also change statuses. Each view, download and change is written to the audit log.
"""

from __future__ import annotations

from typing import Any, NoReturn

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from ..attachments import kinds, records
from ..backoffice import list_search, listing, reach, retention, status
from ..backoffice.search import applicant_name
from ..extensions import db
from ..flows.lookup import definition_of
from ..flows.summary import answer_sections, has_masked
from ..staff import audit
from ..staff.scope import visible_forms
from ..storage.attachment_models import Attachment
from ..storage.models import Submission
from .downloads import attachment, inline, receipt_response
from .staff_auth import bp, signed_in

CHANGERS = frozenset({"admin", "staff"})


def _forms():
    return visible_forms(current_user.account, current_app.extensions["formbuilder.catalogue"].listed())


def _scoped(reference: str) -> Submission:
    found = reach.submission(reference, [d.slug for d in _forms()])
    if found is None:
        _refuse(reference if reach.exists(reference) else None)
    return found


def _refuse(target: str | None, code: int = 404) -> NoReturn:
    """Answer 404 (403); reaching for what exists outside the account's scope is audited as `denied`."""
    if target is not None:
        what = (request.endpoint or "").partition(".")[2]
        audit.record_after_read("denied", current_user.account, target=f"{target} {what}")
    abort(code)


def _form(slug: str):
    definition = next((d for d in _forms() if d.slug == slug), None)
    if definition is None:
        _refuse(slug if current_app.extensions["formbuilder.catalogue"].get(slug) is not None else None)
    return definition


@bp.get("/forms/<slug>/submissions")
@signed_in
def submissions(slug: str):
    definition = _form(slug)
    filters = list_search.filters(request.args, current_user.session.token_hash)
    found = listing.page_of([slug], filters)
    return render_template(
        "staff/submissions.html",
        definition=definition,
        listing=found,
        filters=filters,
        labels=status.LABELS,
        name_of=lambda row: applicant_name(definition, row.answers),  # names looked up by field name
    )


@bp.post("/forms/<slug>/submissions/search")
@signed_in
def search_submissions(slug: str):
    """The filter form, posted: a name typed to search by never goes into a URL (SEC-06)."""
    _form(slug)
    arguments: dict[str, Any] = list_search.posted(request.form, current_user.session.token_hash)
    return redirect(url_for(".submissions", slug=slug, **arguments))


@bp.get("/submissions/<reference>")
@signed_in
def submission(reference: str, error: str | None = None, code: int = 422):
    found = _scoped(reference)
    definition = definition_of(found)
    account = current_user.account
    maskable = has_masked(definition, found.answers)
    unmasked = maskable and account.may_unmask and request.args.get("unmask") == "1"
    audit.record_after_read("view_my_number" if unmasked else "view", account, target=found.reference)
    return render_template(
        "staff/submission.html",
        submission=found,
        definition=definition,
        sections=answer_sections(definition, found.answers, "ja", unmasked=unmasked),
        may_unmask=maskable and account.may_unmask and not unmasked,
        files=records.of_submission(found.id),
        image_kinds=kinds.IMAGE_KINDS,
        question_of=lambda row: _label(definition, row.field_name),
        name_of=records.name_of,
        history=status.history(found),
        moves=status.staff_moves(found) if current_user.account.role in CHANGERS else (),
        labels=status.LABELS,
        retention_days=retention.retention_days(found.form_slug),
        period_text=retention.period_text,
        purge_after=retention.purge_after(found),
        error=error,
        comment=request.form.get("comment", ""),
        chosen=request.form.get("to", "") if error else "",
    ), (code if error else 200)


def _label(definition, field_name: str):
    """The question a file answers, when it is a top-level field (None for a file in a group)."""
    try:
        return definition.field(field_name).label
    except KeyError:
        return None


@bp.post("/submissions/<reference>/status")
@signed_in
def change_status(reference: str):
    found = _scoped(reference)
    if current_user.account.role not in CHANGERS:
        _refuse(reference, 403)
    form = request.form
    try:
        status.decide(
            found, form.get("seen", ""), form.get("to", ""), form.get("comment", ""), account=current_user.account
        )
    except status.Conflict:
        return submission(reference, error=status.STAFF_CONFLICT, code=409)
    except status.MoveRefused as refused:
        return submission(reference, error=str(refused))
    db.session.commit()
    return redirect(url_for(".submission", reference=reference, changed=1))


def _stored_file(reference: str, attachment_id: int, action: str) -> tuple[Attachment, bytes]:
    """Read one file of a submission in the account's scope (404 otherwise), audited as `action`."""
    found = _scoped(reference)
    row = next((r for r in records.of_submission(found.id) if r.id == attachment_id), None)
    if row is None:
        abort(404)
    with records.open_file(row) as stream:
        data = stream.read()
    audit.record_after_read(action, current_user.account, target=f"{found.reference} #{row.id}")
    return row, data


@bp.get("/submissions/<reference>/attachments/<int:attachment_id>")
@signed_in
def download_attachment(reference: str, attachment_id: int):
    row, data = _stored_file(reference, attachment_id, "download_attachment")
    return attachment(data, records.name_of(row), kinds.MEDIA_TYPES[row.kind])


@bp.get("/submissions/<reference>/attachments/<int:attachment_id>/inline")
@signed_in
def show_attachment(reference: str, attachment_id: int):
    """An image for an <img>, a PDF for an <iframe> of the detail page: sandboxed, audited as viewed."""
    row, data = _stored_file(reference, attachment_id, "view_attachment")
    return inline(data, records.name_of(row), kinds.MEDIA_TYPES[row.kind], framed=row.kind == "pdf")


@bp.get("/submissions/<reference>/receipt.pdf")
@signed_in
def receipt(reference: str):
    found = _scoped(reference)
    audit.record_after_read("download_receipt", current_user.account, target=found.reference)
    return receipt_response(found, None)
