"""The municipality's contact line: its phone numbers as tel: links that never wrap mid-number."""

from __future__ import annotations

import re

from flask import Flask
from markupsafe import Markup, escape

from ..assist.width import ascii_numeric
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


def init_app(app: Flask) -> None:
    app.jinja_env.filters["phone_links"] = phone_links
