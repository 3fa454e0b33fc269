"""`/api/v1`: core systems read submissions and move statuses with a bearer token (JSON only)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Blueprint, jsonify, request

from ..attachments import kinds, records
from ..backoffice import status
from ..extensions import db, limiter
from ..storage.clock import as_utc
from ..web.downloads import attachment
from . import access, serialise
from .access import DEFAULT_PAGE, MAX_LIMIT
from .auth import ApiError, current_token, init_errors, limit, limit_key, note_use, record_read, token_required
from .openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
limiter.limit(limit, key_func=limit_key)(bp)
init_errors(bp)
CURSOR = re.compile(r"[0-9]{1,18}")


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/forms")
@token_required()
def forms():
    listed = [serialise.form(d) for d in access.visible_forms(current_token())]
    record_read()
    return jsonify({"forms": listed})


@bp.get("/forms/<slug>/submissions")
@token_required()
def submissions(slug: str):
    if access.form_of(current_token(), slug) is None:
        raise ApiError(404, "No such form for this token.")
    page = access.page_of(slug, after=_cursor(), limit=_limit(), updated_since=_updated_since())
    body = {
        "submissions": [serialise.submission(s) for s in page.submissions],
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    record_read("api_list", f"{slug} {len(page.submissions)}")
    return jsonify(body)


@bp.get("/submissions/<reference>")
@token_required()
def submission(reference: str):
    found = _found(reference)
    body = serialise.detail(found)
    record_read("api_view", body["reference"])
    return jsonify(body)


# The id is parsed here rather than by <int:…>, so that "x" is this API's JSON 404 too.
@bp.get("/submissions/<reference>/attachments/<attachment_id>")
@token_required()
def download_attachment(reference: str, attachment_id: str):
    found = _found(reference)
    row = next((r for r in records.of_submission(found.id) if str(r.id) == attachment_id), None)
    if row is None:
        raise ApiError(404, "No such attachment.")
    with records.open_file(row) as stream:
        data = stream.read()
    name, media_type = records.name_of(row), kinds.MEDIA_TYPES[row.kind]
    record_read("api_download", f"{found.reference} #{row.id}")
    return attachment(data, name, media_type)


@bp.post("/submissions/<reference>/status")
@token_required(write=True)
def change_status(reference: str):
    posted = request.get_json(silent=True)
    if not isinstance(posted, dict) or not isinstance(posted.get("status"), str):
        raise ApiError(422, 'Send a JSON object {"status": "...", "comment": "..."}.')
    comment = posted.get("comment", "")
    if not isinstance(comment, str):
        raise ApiError(422, "comment must be a string.")
    found = _found(reference, for_update=True)  # held until commit: the API waits rather than conflicts
    try:
        move = status.check(found, posted["status"], comment)
        status.apply(found, move, seen=found.status, by=f"API: {current_token().name}"[:100], account_id=None)
    except status.MoveRefused as refused:
        raise ApiError(422, str(refused)) from None
    except status.Conflict:
        raise ApiError(422, "The status changed meanwhile; read the submission again.") from None
    note_use("api_status_change", f"{found.reference} → {move.to_status}")
    db.session.commit()
    return jsonify(serialise.detail(found))


@bp.route("/<path:anything>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@token_required()
def not_found(anything: str):
    """Any other path under /api/v1: the API's JSON 404 (401 without a token), never an HTML page."""
    raise ApiError(404, "No such API endpoint.")


def _found(reference: str, *, for_update: bool = False):
    found = access.submission_of(current_token(), reference, for_update=for_update)
    if found is None:
        raise ApiError(404, "No such submission for this token.")
    return found


def _cursor() -> int:
    value = request.args.get("since", "0")
    if not CURSOR.fullmatch(value):
        raise ApiError(422, "since must be a cursor returned as next_cursor.")
    return int(value)


def _limit() -> int:
    value = request.args.get("limit", str(DEFAULT_PAGE))
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise ApiError(422, f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    return int(value)


def _updated_since() -> datetime | None:
    value = request.args.get("updated_since")
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return as_utc(moment).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ApiError(
            422, "updated_since must be an ISO 8601 date and time, e.g. 2026-12-01T00:00:00+09:00."
        ) from None
