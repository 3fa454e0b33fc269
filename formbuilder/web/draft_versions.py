"""A form's draft version on the citizen pages: for signed-in staff only, always with the banner.

`/forms/<slug>?version=draft` shows the start page of the draft version (definitions/
draft_versions.py); 申請を始める then begins a draft pinned to it (flows/versions.py), so the
later pages follow it without a query string. Anyone else gets 404, as for a form that does not
exist. Sending is refused (web/citizen.py): a draft version's answers never become submissions.
"""

from __future__ import annotations

from flask import abort, current_app, g, request, session
from flask_login import current_user

from ..definitions.model import FormDefinition

ASKED = "fb_draft_version"  # the slug whose draft version the start page showed (for 申請を始める)


def _drafted(slug: str) -> FormDefinition | None:
    return current_app.extensions.get("formbuilder.draft_versions", {}).get(slug)


def _staff() -> bool:
    return bool(current_user.is_authenticated)


def wanted(slug: str) -> FormDefinition | None:
    """The draft version, when staff asked for it on the start page; else None (404 for others)."""
    if request.endpoint == "citizen.start":
        asked = request.args.get("version") == "draft"
        if not asked and ASKED in session:
            session.pop(ASKED)
    else:
        asked = request.endpoint == "citizen.begin" and session.get(ASKED) == slug
    if not asked:
        return None
    drafted = _drafted(slug)
    if drafted is None or not _staff():
        abort(404)
    if request.endpoint == "citizen.start":
        session[ASKED] = slug
    g.draft_version = True
    return drafted


def refuse_to_citizens(definition: FormDefinition) -> None:
    """404 unless staff when `definition` is the draft version; mark the page for the banner."""
    drafted = _drafted(definition.slug)
    if drafted is not None and drafted.hash == definition.hash:
        if not _staff():
            abort(404)
        g.draft_version = True
