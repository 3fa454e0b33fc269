"""The municipality's contact line: its phone numbers as tel: links that never wrap mid-number."""

from __future__ import annotations

import re

from flask import Flask, current_app
from markupsafe import Markup, escape

from ..assist.width import ascii_numeric
from ..definitions.departments import Department, contact_lines
from ..i18n import keep_language

# 000-000-0000, 03-1234-5678, 0120-123-456, ０００－０００－００００, 0312345678: a Japanese number.
PHONE = re.compile(r"(?<![0-9０-９])[0０][0-9０-９]{0,4}(?:[-‐‑–－―ー][0-9０-９]{1,4}){0,2}[0-9０-９](?![0-9０-９])")


def phone_links(text: str) -> Markup:
    """Return `text` escaped, each phone number of 10 or 11 digits a tel: link kept on one line.

    A contact line in another language than the page's (Japanese on an English page) stays marked.
    """
    parts, last = [], 0
    for found in PHONE.finditer(text):
        digits = re.sub(r"\D", "", ascii_numeric(found.group()))
        if len(digits) not in (10, 11):
            continue
        parts += [
            escape(text[last : found.start()]),
            Markup('<a class="tel" href="tel:{}">{}</a>').format(digits, found.group()),
        ]
        last = found.end()
    parts.append(escape(text[last:]))
    return keep_language(text, Markup("").join(parts))


def department_contact(department: Department, lang: str | None = None) -> Markup:
    """Whom to ask at `department`, one line each (name, place, phone as a tel: link, hours)."""
    return Markup("<br>").join(phone_links(line) for line in contact_lines(department, lang))


def department_of(code: str) -> Department | None:
    """The department of that code in `_departments.json` (None without the file or the code)."""
    return current_app.extensions["formbuilder.catalogue"].departments.get(code)


def department_name(code: str) -> str:
    """The department's Japanese name for staff pages, else its code."""
    return current_app.extensions["formbuilder.catalogue"].departments.name(code, "ja")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["phone_links"] = phone_links
    app.jinja_env.globals["department_contact"] = department_contact
    app.jinja_env.globals["department_of"] = department_of
    app.jinja_env.globals["department_name"] = department_name
