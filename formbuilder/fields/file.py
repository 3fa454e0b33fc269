"""Attachments: photos and scans, several per field, kept with the draft across pages.

The browser never says which files a field holds: the draft's entry for a file field is written
by the server from the rows of the files it accepted (`flows/uploads.py`), one JSON object per
file (id, name, size, SHA-256, kind). What is posted under the field's name is the upload itself,
handled before validation; this type only reads the server's list and checks its count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wtforms import Field as WTField
from wtforms.validators import ValidationError

from ..attachments import kinds
from ..attachments.pipeline import FileRules
from ..definitions.model import Field
from .base import FieldType, Line, LintError
from .messages import message

DEFAULT_MAX_FILES = 5
MEDIA_TYPES_FOR_ACCEPT = {
    "jpeg": "image/jpeg,.jpg,.jpeg",
    "png": "image/png,.png",
    "heic": "image/heic,image/heif,.heic,.heif",
    "pdf": "application/pdf,.pdf",
}


def encode(entry: dict[str, Any]) -> str:
    """The draft's string for one stored file."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


class FileListField(WTField):
    """The files the server stored for this field, as a list of dicts (never from the browser)."""

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[Any] = []
        entries = []
        if formdata is not None:
            for raw in formdata.getlist(self.name):
                try:
                    entry = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(entry, dict) and "id" in entry:
                    entries.append(entry)
        self.data = entries
        self.raw_data = [e["name"] for e in entries]

    def _value(self) -> str:
        return ""


def human_size(size: int) -> str:
    """Return a byte count as a person reads it: 820 KB, 1.4 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class FileType(FieldType):
    name = "file"
    holds_list = True
    template = "fields/file.html"
    answer_template = "fields/file_answer.html"
    value_kind = "parts"
    aliases = ("upload", "attachment", "image", "photo", "document", "files")
    required_key = "required_file"
    takes_files = True
    options_schema = {
        "accept": {
            "type": "array",
            "items": {"enum": sorted({*kinds.KINDS, *kinds.ALIASES})},
            "minItems": 1,
            "uniqueItems": True,
        },
        "max_size_mb": {"type": "number", "exclusiveMinimum": 0, "maximum": 30},
        "max_files": {"type": "integer", "minimum": 1, "maximum": 20},
        "capture": {"enum": ["environment", "user"]},
    }

    def rules(self, field: Field) -> FileRules:
        return FileRules.of(field.option("accept"), field.option("max_size_mb"))

    def max_files(self, field: Field) -> int:
        return int(field.option("max_files") or DEFAULT_MAX_FILES)

    def wtforms_field(self, field: Field) -> Any:
        return FileListField(field.name, validators=self.validators(field))

    def extra_validators(self, field: Field) -> list[Any]:
        limit = self.max_files(field)

        def check(form: Any, wt: Any) -> None:
            if len(wt.data) > limit:
                raise ValidationError(message(field, "max_files", max=limit))

        return [check]

    def attributes(self, field: Field) -> dict[str, str]:
        rules = self.rules(field)
        attrs = {
            "type": "file",
            "accept": ",".join(MEDIA_TYPES_FOR_ACCEPT[kind] for kind in kinds.KINDS if kind in rules.accept),
            "data-max-bytes": str(rules.max_bytes),
            "data-max-files": str(self.max_files(field)),
        }
        if self.max_files(field) > 1:
            attrs["multiple"] = "multiple"
        if field.option("capture"):
            attrs["capture"] = field.option("capture")
        return attrs

    def allowed_labels(self, field: Field) -> str:
        return kinds.labels(self.rules(field).accept)

    def size_text(self, size: int) -> str:
        return human_size(size)

    def previewable(self, entry: dict[str, Any]) -> bool:
        return entry.get("kind") in kinds.IMAGE_KINDS

    def value(self, field: Field, data: Any) -> Any:
        if not data:
            return None
        keep = ("id", "name", "size", "sha256", "kind")
        return [{key: entry.get(key) for key in keep} for entry in data]

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        return {}

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        """One line per file: its name and size (what the citizen recognises it by)."""
        return "\n".join(self._named(entry) for entry in value or [])

    def printed_lines(self, field: Field, value: Any, lang: str | None = None, unmasked: bool = False) -> list[Line]:
        """Each file's name and size, then its SHA-256 in fine print: the receipt proves which file was sent."""
        return [
            line
            for entry in value or []
            for line in (Line(self._named(entry)), Line(f"SHA-256: {entry['sha256']}", fine=True))
        ]

    def _named(self, entry: dict[str, Any]) -> str:
        return f"{entry['name']}（{human_size(int(entry['size']))}）"

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        if not value:
            return [""]
        return [" / ".join(str(e["name"]) for e in value)]

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        try:
            rules = self.rules(field)
        except ValueError as exc:
            yield pointer + "/accept", str(exc)
            return
        if field.option("capture") and not rules.accept & kinds.IMAGE_KINDS:
            yield (
                pointer + "/capture",
                f"capture opens the camera, which takes photos, but accept takes only {', '.join(sorted(rules.accept))}; "
                "add jpeg to accept or remove capture",
            )
