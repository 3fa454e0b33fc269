"""Which forms an account may see: admins all, others those of their departments.

The list of slugs goes into every query (`Submission.form_slug.in_(...)`), so a page or an API
call can never show a form outside the account's departments, whatever a template does.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..definitions.model import FormDefinition
from .models import StaffAccount


def visible_forms(account: StaffAccount, definitions: Iterable[FormDefinition]) -> list[FormDefinition]:
    if account.role == "admin":
        return list(definitions)
    departments = set(account.departments or [])
    return [d for d in definitions if d.department in departments]


def visible_slugs(account: StaffAccount, definitions: Iterable[FormDefinition]) -> list[str]:
    return [d.slug for d in visible_forms(account, definitions)]
