"""Files handed to the browser: never sniffed, always in a sandbox without scripts.

Downloads are attachments. Staff also see a submission's images and PDFs inline (`inline`):
only files the pipeline re-encoded (images) or rewrote and checked (PDFs), still sandboxed.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Response

from ..receipts.pdf import render_receipt
from ..storage.models import Submission


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    """Return `data` as a download with an RFC 6266 file name that cannot break the header."""
    return _file(data, filename, mimetype, "attachment")


def inline(data: bytes, filename: str, mimetype: str, *, framed: bool = False) -> Response:
    """Return `data` to be shown in the page (an <img>) or, `framed`, in an <iframe> of this site.

    The CSP `sandbox` (no allow-scripts) still applies: Chromium's PDF viewer renders such a
    response in a frame (checked in Chromium 156), and the document gets no script, no
    same-origin rights and no cookies. Only the app's own pages may frame it.
    """
    response = _file(data, filename, mimetype, "inline")
    if framed:
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'self'"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _file(data: bytes, filename: str, mimetype: str, disposition: str) -> Response:
    safe = "".join(c for c in filename if c.isprintable() and c not in '"\\\r\n') or "download"
    ascii_name = safe.encode("ascii", "replace").decode("ascii").replace("?", "_")
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"
    )
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def receipt_response(submission: Submission, secret: str | None) -> Response:
    pdf = render_receipt(submission, secret)
    return attachment(pdf, f"receipt-{submission.reference}.pdf", "application/pdf")
