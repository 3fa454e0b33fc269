"""Text to read, with no input: instructions, legal notes, what to prepare."""

from __future__ import annotations

from typing import Any

from ..definitions.model import Field
from .base import TEXT, FieldType


class NoticeType(FieldType):
    name = "notice"
    template = "fields/notice.html"
    aliases = ("info", "information", "static", "guidance", "heading", "html", "markdown")
    takes_input = False
    options_schema = {
        "body": TEXT,
        "style": {
            "enum": ["info", "warning"],
            "default": "info",
            "description": "info (default) for guidance; warning for what must be read (必読), shown in red.",
        },
    }

    def wtforms_field(self, field: Field) -> Any:
        return None

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        return []

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        return []
