"""Previews of a draft's own attachments, for the pages that list them before submit (its page, the check page)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app

from ..attachments import kinds, records
from ..attachments.thumbnails import thumbnail
from ..extensions import db
from ..flows import drafts
from ..storage.attachment_models import Attachment
from . import draft_cookie

bp = Blueprint("attachments", __name__)


@bp.get("/forms/<slug>/attachments/<int:attachment_id>/preview.jpg")
def preview(slug: str, attachment_id: int):
    """A small JPEG of an image the citizen attached; 404 for anyone but the draft's owner."""
    if current_app.extensions["formbuilder.catalogue"].get(slug) is None:
        abort(404)
    draft = drafts.find(draft_cookie.token(), slug)
    row = db.session.get(Attachment, attachment_id)
    if draft is None or row is None or row.draft_id != draft.id or row.kind not in kinds.IMAGE_KINDS:
        abort(404)
    with records.open_file(row) as stream:
        data = thumbnail(stream)
    # Always a JPEG made here (never the stored bytes, never SVG or HTML), shown in the page only;
    # security.add_headers adds nosniff and no-store.
    response = Response(data, mimetype="image/jpeg")
    response.headers["Content-Disposition"] = 'inline; filename="preview.jpg"'
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
