"""The app's public address: every absolute URL the app prints (receipts, e-mails) starts with it.

An address built from the request's Host header would print whatever a client sent (a forged
Host puts an attacker's site on a citizen's receipt). FORMBUILDER_BASE_URL names the address
citizens use, and Flask's TRUSTED_HOSTS is set from it (plus FORMBUILDER_TRUSTED_HOSTS): a
request for another host name gets 400 before any view runs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import click
from flask import Flask, current_app, has_request_context, url_for

EXAMPLE = "https://shinsei.city.example.lg.jp"


class AddressError(RuntimeError):
    """The public address is missing or unusable: the app refuses to start."""


def normalise_base_url(value: str) -> str:
    """Return the base URL without its trailing slash, or raise AddressError saying what is wrong."""
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.query
        or parts.fragment
    ):
        raise AddressError(
            f"FORMBUILDER_BASE_URL {value!r} is not a web address like {EXAMPLE} "
            "(http or https, a host name, optionally a port and a path; no user, query or #)"
        )
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _in_cli_command() -> bool:
    """Whether a `flask …` command (migrations, forms check, exports) is loading the app: it serves no one."""
    return click.get_current_context(silent=True) is not None


def init_app(app: Flask) -> None:
    """Check the public address and trust only its host name (and the configured extra names)."""
    config = app.config
    local = app.testing or app.debug or not config["COOKIE_SECURE"]
    base = config.get("BASE_URL") or None
    if base:
        base = config["BASE_URL"] = normalise_base_url(base)
        if urlsplit(base).scheme != "https" and not local:
            raise AddressError(
                f"FORMBUILDER_BASE_URL {base!r} must start with https:// when cookies are Secure "
                "(for a local http server set FORMBUILDER_COOKIE_SECURE=0)"
            )
    elif not local and not _in_cli_command():
        raise AddressError(
            f"FORMBUILDER_BASE_URL is not set: set it to the address citizens use, e.g. {EXAMPLE}. "
            "Receipts and e-mails print it, and requests for any other host name are refused. "
            "(For a local http server set FORMBUILDER_COOKIE_SECURE=0.)"
        )
    if config.get("TRUSTED_HOSTS") is None:
        extra = list(config.get("EXTRA_TRUSTED_HOSTS") or ())
        names = [urlsplit(base).hostname, *extra] if base else extra
        # None (no list): any host, as Flask's default, when nothing is configured (local, tests).
        config["TRUSTED_HOSTS"] = list(dict.fromkeys(names)) or None


def public_url(endpoint: str, **values: Any) -> str:
    """Return the absolute URL of `endpoint` on the public address, never on the request's Host.

    Works outside a request too (an e-mail sent by a worker). Without FORMBUILDER_BASE_URL
    (allowed only for local http and tests) it falls back to the current request's address.
    """
    base = current_app.config.get("BASE_URL")
    if not base:
        if not has_request_context():
            raise AddressError("FORMBUILDER_BASE_URL is not set: no public address to build a link on")
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)
