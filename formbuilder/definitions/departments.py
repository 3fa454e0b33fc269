"""The departments that handle forms: `_departments.json` beside the definitions.

A definition names its department by code (`"department": "kaigo"`); this file gives the code
its name, whom to ask (place, phone, hours) and the mailbox staff read. Texts are Japanese or
per language inline ({"ja": …, "en": …}): one short file, kept by staff, no catalogue. A
folder without the file checks no code (test fixtures, a bundle handed to another city).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ..i18n import LANGUAGE_CODES, Localized, Text

DEPARTMENTS_FILE = "_departments.json"
CODE = "^[a-z0-9_-]+$"
_TEXT = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "required": ["ja"],
            "properties": {code: {"type": "string"} for code in LANGUAGE_CODES},
            "additionalProperties": False,
        },
    ]
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["departments"],
    "properties": {
        "$comment": {"type": "string"},
        "departments": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "name"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string", "pattern": CODE},
                    "name": _TEXT,
                    "contact": _TEXT,
                    "phone": {"type": "string", "pattern": "^[0-9][0-9-]{8,12}[0-9]$"},
                    "hours": _TEXT,
                    "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
                },
            },
        },
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Department:
    code: str
    name: Text
    contact: Text | None = None  # where: 本庁舎1階 5番窓口
    phone: str | None = None
    hours: Text | None = None
    email: str | None = None  # the department's mailbox, for staff; not shown to applicants


@dataclass(frozen=True)
class Departments:
    by_code: dict[str, Department]
    problems: tuple[tuple[str, str], ...] = ()  # (pointer, message) of a broken file
    path: str = ""

    def get(self, code: str) -> Department | None:
        return self.by_code.get(code)

    def name(self, code: str, lang: str | None = None) -> str:
        """The department's name in `lang`, else its code (a folder without the file)."""
        found = self.by_code.get(code)
        return found.name.get(lang) if found else code

    def unknown(self, code: str) -> str | None:
        """Why `code` is refused (None when known, or when there is no departments file)."""
        if not self.path or code in self.by_code:
            return None
        known = ", ".join(f"{c} ({d.name.get('ja')})" for c, d in sorted(self.by_code.items())) or "none"
        return f"department {code!r} is not in {DEPARTMENTS_FILE}; known codes: {known}"


NONE = Departments({})


def load_departments(folder: Path) -> Departments:
    """Read the departments file of a definitions folder; NONE when there is none."""
    path = folder / DEPARTMENTS_FILE
    if not path.is_file():
        return NONE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Departments({}, (("", f"cannot read: {exc}"),), str(path))
    problems = [
        ("/" + "/".join(str(p) for p in error.absolute_path), error.message)
        for error in Draft202012Validator(SCHEMA).iter_errors(raw)
    ]
    if problems:
        return Departments({}, tuple(problems), str(path))
    by_code: dict[str, Department] = {}
    for index, item in enumerate(raw["departments"]):
        if item["code"] in by_code:
            problems.append((f"/departments/{index}/code", f"code {item['code']!r} is listed twice"))
        by_code[item["code"]] = Department(
            code=item["code"],
            name=Text.of(item["name"]),
            contact=Text.of(item.get("contact")),
            phone=item.get("phone"),
            hours=Text.of(item.get("hours")),
            email=item.get("email"),
        )
    return Departments(by_code, tuple(problems), str(path))


def contact_lines(department: Department, lang: str | None = None) -> list[Localized | str]:
    """Whom to ask, line by line: name and place, phone and hours (each in its own language)."""
    from flask_babel import gettext as _

    name = department.name.get(lang)
    lines: list[Localized | str] = [name]
    if department.contact:
        lines.append(department.contact.get(lang))
    if department.phone:
        lines.append(_("電話 %(phone)s", phone=department.phone))
    if department.hours:
        lines.append(_("受付時間 %(hours)s", hours=department.hours.get(lang)))
    return lines
