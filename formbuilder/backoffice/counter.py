"""Counter mode (書かない窓口): a staff member fills a citizen form with the applicant at the desk.

The staff member's browser gets an ordinary draft of the form, marked with their account; the
applicant's answers go through exactly the citizen's pages, checks and receipt. The submission
made from that draft is marked as entered at the counter by that staff member.
"""

from __future__ import annotations

from ..definitions.model import FormDefinition
from ..extensions import db
from ..flows import drafts
from ..staff.models import StaffAccount
from ..storage.models import Draft

ROLES = frozenset({"admin", "staff"})  # viewers read only; they do not take applications


def start(definition: FormDefinition, account: StaffAccount, token: str, language: str) -> Draft:
    """Begin a fresh draft of `definition` in the staff member's browser, marked as theirs."""
    draft = drafts.start(token, definition.slug, language)
    draft.entered_by_id = account.id
    db.session.commit()
    return draft


def staff_name(draft: Draft) -> str:
    """The name of the staff member who filled the draft at the counter, or ""."""
    if draft.entered_by_id is None:
        return ""
    account = db.session.get(StaffAccount, draft.entered_by_id)
    return account.display_name if account is not None else ""
