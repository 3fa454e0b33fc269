"""Staff see a submission's images and PDFs in the page, sandboxed, scoped and audited like downloads."""

from __future__ import annotations

import hashlib
import io
import re

from PIL import Image
from sqlalchemy import select

from formbuilder.attachments.stores import current_store
from formbuilder.extensions import db
from formbuilder.staff.models import AuditEvent
from formbuilder.storage.attachment_models import Attachment
from formbuilder.storage.models import Submission
from tests.attachments.files import pdf
from tests.staff.test_submissions import staff_client, submit_child_allowance, submit_water

SANDBOX = "sandbox; default-src 'none'"


def _attach_pdf(app, reference: str) -> int:
    """Give a submission a PDF as the pipeline stores one (rewritten and checked)."""
    data = pdf()
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        store = current_store()
        row = Attachment(
            storage_key=store.put(io.BytesIO(data)),
            store=store.kind,
            submission_id=submission.id,
            field_name="document",
            original_name="住民票.pdf",
            kind="pdf",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        db.session.add(row)
        db.session.commit()
        return row.id


def _audited(app, action: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.target).where(AuditEvent.action == action)))


def test_the_detail_page_shows_the_photo_and_the_pdf_and_keeps_the_download(app, runner):
    child = submit_child_allowance(app)
    document = _attach_pdf(app, child)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    page = staff.get(f"/staff/submissions/{child}").get_data(as_text=True)
    image = re.search(r'<img class="staff-file-image" src="(/staff/submissions/[^"]+/inline)" alt="([^"]+)"', page)
    assert image and image.group(2).startswith("添付1 card-front"), page
    assert f'<iframe class="staff-file-pdf" src="/staff/submissions/{child}/attachments/{document}/inline"' in page
    assert 'title="添付3 住民票.pdf"' in page and "添付3（" not in page  # a file added outside the form's questions
    assert "添付1（請求者の本人確認書類）" in page  # the question each file answers
    assert f'href="/staff/submissions/{child}/attachments/{document}"' in page  # still downloadable

    shown = staff.get(image.group(1))
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert shown.headers["Content-Disposition"].startswith("inline;")
    assert shown.headers["X-Content-Type-Options"] == "nosniff"
    assert shown.headers["Content-Security-Policy"] == f"{SANDBOX}; frame-ancestors 'none'"
    assert shown.headers["X-Frame-Options"] == "DENY" and shown.headers["Cache-Control"] == "no-store"
    assert shown.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    with Image.open(io.BytesIO(shown.data)) as decoded:
        assert decoded.format == "JPEG" and not decoded.getexif()  # the re-encoded file, EXIF gone

    framed = staff.get(f"/staff/submissions/{child}/attachments/{document}/inline")
    assert framed.status_code == 200 and framed.mimetype == "application/pdf" and framed.data.startswith(b"%PDF-")
    assert framed.headers["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''%E4%BD%8F%E6%B0%91%E7%A5%A8.pdf" in framed.headers["Content-Disposition"]
    # Only this site's detail page may frame it, and it runs no script in there.
    assert framed.headers["Content-Security-Policy"] == f"{SANDBOX}; frame-ancestors 'self'"
    assert framed.headers["X-Frame-Options"] == "SAMEORIGIN" and framed.headers["Cache-Control"] == "no-store"
    assert framed.headers["X-Content-Type-Options"] == "nosniff"

    photo_id = image.group(1).split("/")[-2]
    assert _audited(app, "view_attachment") == [f"{child} #{photo_id}", f"{child} #{document}"]


def test_another_departments_file_and_a_wrong_id_are_not_found(app, runner):
    child = submit_child_allowance(app)
    document = _attach_pdf(app, child)
    water = submit_water(app)
    suido = staff_client(app, runner, "suido", "viewer", "water")
    assert suido.get(f"/staff/submissions/{child}/attachments/{document}/inline").status_code == 404
    assert _audited(app, "denied") == [f"{child} show_attachment"]
    # A file of another submission, reached through one the account may see: not found either.
    assert suido.get(f"/staff/submissions/{water}/attachments/{document}/inline").status_code == 404
    assert suido.get(f"/staff/submissions/{water}/attachments/999999/inline").status_code == 404
    assert suido.get(f"/staff/submissions/{water}/attachments/x/inline").status_code == 404
    assert _audited(app, "view_attachment") == []
    stranger = app.test_client().get(f"/staff/submissions/{child}/attachments/{document}/inline")
    assert stranger.status_code == 302 and "/staff/login" in stranger.location


def test_the_list_folds_its_filters_away_until_one_is_set(app, runner):
    reference = submit_water(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    listing = "/staff/forms/water-supply-start/submissions"
    plain = staff.get(listing).get_data(as_text=True)
    assert '<details class="staff-filters-box">' in plain and "（条件あり）" not in plain
    assert f'<th scope="row" class="nowrap"><a href="/staff/submissions/{reference}">' in plain
    assert '<div class="table-scroll" role="region" aria-label="申請の一覧" tabindex="0">' in plain
    for query in ("status=received", "since=2026-01-01", "until=2099-01-01", "sort=old"):
        filtered = staff.get(f"{listing}?{query}").get_data(as_text=True)
        assert '<details class="staff-filters-box" open>' in filtered and "（条件あり）" in filtered, query
