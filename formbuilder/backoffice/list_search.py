"""A list search kept out of URLs and logs (SEC-06): the typed text travels only sealed.

Staff find an application by a name or a reference number. In a query string that text would
land in access logs, the browser's history and Referer headers; so the search form is posted
(with its CSRF token) and redirects to the list with `search=<sealed>`: the text encrypted and
authenticated (AES-256-GCM) under a key derived with HKDF-SHA256 from the app's SECRET_KEY and
the staff session, with an expiry inside. Only the session that typed it can open it, for
LIFETIME at most; the text is padded, so the length of the sealed value does not tell the
length of the name. Nothing is stored on the server (no table, no migration). The filters
that name no one (status, dates, sort, page) stay readable in the URL.
"""

from __future__ import annotations

import base64
import binascii
import os
import time
from dataclasses import replace

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from .listing import Filters

PREFIX = "s1."  # the format: AES-256-GCM, 96-bit random nonce, HKDF-SHA256 key
LIFETIME = 8 * 3600  # seconds: a working day; the staff session's own limits end it sooner
BLOCK = 128  # the text is padded to a multiple of this many bytes
_CONTEXT = b"formbuilder staff list search"


def posted(form, session_key: str) -> dict[str, str]:
    """The query arguments of the list a posted search form redirects to, the text sealed."""
    filters = Filters.from_args(form, text=form.get("q", ""))
    return replace(filters, sealed=seal(filters.text, session_key) if filters.text else "").url_args()


def filters(args, session_key: str) -> Filters:
    """The filters of a list URL, with the sealed search opened (or none, if it does not open)."""
    sealed = args.get("search", "")
    text = unseal(sealed, session_key)
    return Filters.from_args(args, text=text, sealed=sealed if text else "")


def seal(text: str, session_key: str, now: float | None = None) -> str:
    data = text.encode("utf-8")
    expiry = int((time.time() if now is None else now) + LIFETIME).to_bytes(8, "big")
    padded = data.ljust(max(BLOCK, -(-len(data) // BLOCK) * BLOCK), b"\0")
    nonce = os.urandom(12)
    box = AESGCM(_key(session_key)).encrypt(nonce, expiry + padded, _CONTEXT)
    return PREFIX + base64.urlsafe_b64encode(nonce + box).decode("ascii").rstrip("=")


def unseal(sealed: str, session_key: str, now: float | None = None) -> str:
    """The text `seal` sealed for this session, or "" when it is another's, expired or altered."""
    if not sealed.startswith(PREFIX) or len(sealed) > 4096:
        return ""
    body = sealed[len(PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        opened = AESGCM(_key(session_key)).decrypt(raw[:12], raw[12:], _CONTEXT)
        text = opened[8:].rstrip(b"\0").decode("utf-8")
    except (binascii.Error, InvalidTag, UnicodeError, ValueError):
        return ""
    if int.from_bytes(opened[:8], "big") < (time.time() if now is None else now):
        return ""
    return text


def _key(session_key: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=session_key.encode("utf-8"), info=_CONTEXT)
    return hkdf.derive(str(current_app.config["SECRET_KEY"]).encode("utf-8"))
