"""Files handed to the browser: always as attachments, never sniffed, never rendered inline."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response

from ..receipts.pdf import render_receipt
from ..storage.models import Submission


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    """Return `data` as a download with an RFC 6266 file name that cannot break the header."""
    safe = "".join(c for c in filename if c.isprintable() and c not in '"\\\r\n') or "download"
    ascii_name = safe.encode("ascii", "replace").decode("ascii").replace("?", "_")
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def receipt_response(submission: Submission, secret: str | None) -> Response:
    pdf = render_receipt(submission, secret)
    return attachment(pdf, f"receipt-{submission.reference}.pdf", "application/pdf")
