"""Where an applicant checks the status: the public address of the status page, and its QR code.

The QR code holds that address only: no reference number, no access key, nothing personal
(SEC-06: credentials travel in POST bodies only). Whoever scans it types both from the receipt.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup

from ..web.urls import public_url


def status_url() -> str:
    """Return the absolute URL of the status page on the configured public address."""
    return public_url("applicant.lookup")


def qr_svg(url: str) -> Markup:
    """Return an inline SVG QR code of `url` (segno, error correction M), decorative: the URL is printed beside it."""
    return _svg(url)


@lru_cache(maxsize=8)
def _svg(url: str) -> Markup:
    svg = segno.make(url, error="m").svg_inline(scale=3, dark="#111111", light="#ffffff", svgclass="qr")
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S704 - segno's SVG of our own URL
