"""Time-based one-time codes (RFC 6238) for every staff account, with a QR code to enrol."""

from __future__ import annotations

import time

import pyotp
import segno
from markupsafe import Markup

ISSUER = "formbuilder"
STEP = 30


def new_secret() -> str:
    return pyotp.random_base32()


def enrolment_uri(secret: str, login: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=issuer)


def qr_svg(uri: str) -> Markup:
    """The enrolment QR code as inline SVG (no image request, nothing for the CSP to allow)."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#1a1a1c", light="#ffffff")
    return Markup(svg)  # noqa: S704 - segno's own SVG of a URI we made


def matching_step(secret: str, code: str, last_step: int, now: float | None = None) -> int | None:
    """Return the time step `code` belongs to (±1 step of clock drift), or None.

    A step at or before `last_step` is refused: a code seen once cannot be replayed.
    """
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    now = time.time() if now is None else now
    totp = pyotp.TOTP(secret)
    current = int(now // STEP)
    for step in (current, current - 1, current + 1):
        if step > last_step and totp.at(step * STEP) == code:
            return step
    return None
