"""Run by test_crash.py: store an upload, then wait to be killed at a chosen moment.

Usage: python -m tests.attachments.crash_child MOMENT INSTANCE DATABASE_URL STORE
MOMENT is "writing" (killed halfway through reading the upload) or "before-commit"
(killed after the file is stored and its row flushed, before the commit).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from formbuilder import create_app
from formbuilder.attachments import accept, records
from formbuilder.extensions import db
from tests.attachments import files
from tests.attachments.owners import make_draft
from tests.conftest import SHIPPED_FORMS, base_config


def ready() -> None:
    print("ready", flush=True)
    time.sleep(120)  # killed long before


class HalfUpload(io.RawIOBase):
    """Gives half a photo, then hangs like a slow phone connection."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.calls += 1
        if self.calls == 1:
            return self.data[: len(self.data) // 2]
        ready()
        return b""


def main(moment: str, instance: str, database_url: str, store: str) -> None:
    app = create_app({**base_config(Path(instance), SHIPPED_FORMS, database_url), "ATTACHMENT_STORE": store})
    photo = files.jpeg(2000, 1500)
    with app.test_request_context():
        draft_id = make_draft().id
        if moment == "writing":
            accept("photo.jpg", HalfUpload(photo))
        else:
            result = accept("photo.jpg", io.BytesIO(photo))
            records.record(result, field_name="photo", draft_id=draft_id)
            ready()
        db.session.commit()


if __name__ == "__main__":
    main(*sys.argv[1:])
