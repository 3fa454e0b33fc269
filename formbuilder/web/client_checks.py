"""The browser's copy of a page's checks (rules between answers), for static/js/form.js.

For each check of a shown field: its rule, its message in the page's language, how to read
each answer it looks at from this page's inputs, and the answers of earlier pages it needs
(the citizen's own, as the `when` rules' copies carry them). The server stays the judge.
"""

from __future__ import annotations

from typing import Any

from ..assist.wareki import ERAS
from ..definitions.check_lint import kind
from ..definitions.checks import looked_at
from ..definitions.model import thaw
from ..fields import REGISTRY

# Years to add to an era year to get the western year (令和1 = 2019).
ERA_OFFSETS = {"western": 0, **{era.code: era.start.year - 1 for era in ERAS}}


def client_checks(result: Any) -> dict[str, Any] | None:
    """Return the data-checks of a page result, or None when its fields have no checks."""
    fields = {item.name: item for item in result.page.fields}
    known = getattr(result.form.meta, "known", {}) or {}
    found = []
    for item in result.page.fields:
        for check in item.checks:
            names = looked_at(check)
            found.append(
                {
                    "field": item.name,
                    "inputs": REGISTRY[item.type].input_names(item),
                    "rule": thaw(check.rule),
                    "message": check.message.get(),
                    "read": {name: _reading(fields[name]) for name in names if name in fields},
                    "known": {name: _known(known[name]) for name in names - set(fields) if name in known},
                }
            )
    return {"checks": found, "eras": ERA_OFFSETS} if found else None


def _known(value: Any) -> Any:
    """An earlier answer as the script needs it; a group's items only as many empty ones."""
    if isinstance(value, (list, tuple)) and any(not isinstance(v, str) for v in value):
        return [{} for _ in value]
    return thaw(value)


def _reading(field: Any) -> dict[str, Any]:
    """How the script reads a field's answer from its inputs."""
    if field.type == "era_date":
        eras = field.option("eras") or ["western"]
        return {"kind": "era_date", "era": eras[0]}
    if field.type == "date":
        return {"kind": "date"}
    if field.type == "checkboxes":
        return {"kind": "list"}
    if kind(field) == "number":
        return {"kind": "number"}
    if kind(field) == "list":  # a group or files: counted by the server only
        return {"kind": "unknown"}
    return {"kind": "text", "inputs": REGISTRY[field.type].input_names(field)}
