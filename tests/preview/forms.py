"""A small two-language form for the preview tests, written with its English catalogue."""

from __future__ import annotations

import json
from pathlib import Path

SLUG = "preview-demo"
TITLE = {"ja": "プレビュー確認の届出", "en": "Preview check notice"}


def definition(title: dict[str, str] = TITLE, version: str = "1") -> dict:
    return {
        "slug": SLUG,
        "version": version,
        "title": dict(title),
        "department": "shimin",
        "languages": ["ja", "en"],
        "pages": [
            {
                "id": "name",
                "title": {"ja": "お名前", "en": "Your name"},
                "fields": [
                    {
                        "name": "full_name",
                        "type": "text",
                        "required": True,
                        "max_length": 50,
                        "label": {"ja": "氏名", "en": "Full name"},
                    }
                ],
            }
        ],
    }


def write_form(folder: Path, raw: dict | None = None, name: str = f"{SLUG}.json") -> Path:
    """Write the definition into `folder` and move its English into translations/forms/<stem>/en.po."""
    from formbuilder.definitions.catalogue_tools import migrate

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(raw or definition(), ensure_ascii=False, indent=2), encoding="utf-8")
    migrate(path)
    return path
