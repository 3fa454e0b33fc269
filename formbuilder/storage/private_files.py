"""The instance folder and what it holds are readable by the app's user only, whatever the umask.

The folder holds personal data (the SQLite file and its WAL, attachments) and the secret key.
A default umask of 022 left the database 0644 and the folder 0755: anyone with a shell on the
server could read every application. SQLite gives its -wal and -shm files the permissions of
the database file, so creating that file 0600 before SQLite does covers them too.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
log = logging.getLogger(__name__)


def prepare(config: dict[str, Any]) -> None:
    """Create or tighten the instance folder, the SQLite file, the attachment folder and the key."""
    _folder(Path(config["INSTANCE_PATH"]))
    if config.get("ATTACHMENT_STORE", "disk") == "disk":
        _folder(Path(config["ATTACHMENT_DIR"]))
    database = sqlite_file(config["SQLALCHEMY_DATABASE_URI"])
    if database is not None:
        database.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))  # SQLite takes an empty file as new
        for path in (database, *(database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal"))):
            _tighten(path, PRIVATE_FILE)
    _tighten(Path(config["INSTANCE_PATH"]) / "secret_key", PRIVATE_FILE)


def sqlite_file(uri: str) -> Path | None:
    """Return the file of a SQLite URI, or None for another database or an in-memory one."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _folder(path: Path) -> None:
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_FOLDER)


def _tighten(path: Path, mode: int) -> None:
    try:
        if path.exists() and (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)
    except PermissionError:  # a folder the operator made for another user: say so, do not stop
        log.warning("cannot restrict the permissions of %s to %o", path, mode)
