"""Where accepted files live: a local folder (default) or the database, behind one interface.

Both stores do their work in temporary files in the attachment folder (same filesystem as
the disk store's files, so the final rename is atomic). A file is made durable under a
fresh random key by `commit_file`; the caller then adds the `attachments` row and commits.

- `DiskStore`: fsync the temporary file, `os.replace` it to its key, fsync the folder.
  A crash before the row commits leaves a file without a row, which `flask forms cleanup`
  removes once it is older than the grace period; a crash while writing leaves only a
  `.tmp-*` file, never a partial file under a key.
- `DatabaseStore`: the bytes go into `attachment_blobs` in the caller's transaction, so
  they commit or roll back together with the row. For several app servers on PostgreSQL.
"""

from __future__ import annotations

import io
import os
import re
import secrets
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, ClassVar

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..storage.attachment_models import AttachmentBlob
from ..storage.clock import as_utc

KEY = re.compile(r"[0-9a-f]{32}")
TEMP_PREFIX = ".tmp-"
COPY_CHUNK = 1024 * 1024


def new_key() -> str:
    """Return a random storage key (128 bits, hex): the only name a stored file has."""
    return secrets.token_hex(16)


class Store(ABC):
    """The interface the pipeline, the journey and the back office use."""

    kind: ClassVar[str]

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def temp_path(self) -> Path:
        """Create an empty private temporary file in the attachment folder and return its path."""
        path = self.folder / f"{TEMP_PREFIX}{secrets.token_hex(16)}"
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return path

    @abstractmethod
    def commit_file(self, temp: Path) -> str:
        """Make the finished temporary file durable under a new key; the temp file is consumed."""

    def put(self, stream: BinaryIO) -> str:
        """Store the bytes of `stream` and return their key."""
        temp = self.temp_path()
        try:
            with temp.open("wb") as fh:
                while chunk := stream.read(COPY_CHUNK):
                    fh.write(chunk)
            return self.commit_file(temp)
        finally:
            temp.unlink(missing_ok=True)

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """Return the stored bytes of `key` for reading (FileNotFoundError when absent)."""

    def read(self, key: str) -> bytes:
        with self.open(key) as fh:
            return fh.read()

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove `key`: at once for the disk, within the caller's transaction for the database."""

    @abstractmethod
    def stored(self) -> Iterator[tuple[str, datetime]]:
        """Yield every stored key with the time it was written (for the orphan sweep)."""

    def temp_files(self) -> Iterator[tuple[Path, datetime]]:
        """Yield leftover temporary files with their modification time."""
        for entry in os.scandir(self.folder):
            if entry.name.startswith(TEMP_PREFIX) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path), _mtime(entry)


class DiskStore(Store):
    kind = "disk"

    def commit_file(self, temp: Path) -> str:
        with temp.open("rb") as fh:
            os.fsync(fh.fileno())
        key = new_key()
        os.replace(temp, self.folder / key)
        _fsync_folder(self.folder)
        return key

    def _path(self, key: str) -> Path:
        if not KEY.fullmatch(key):
            raise FileNotFoundError(key)
        return self.folder / key

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def exists(self, key: str) -> bool:
        return KEY.fullmatch(key) is not None and self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def stored(self) -> Iterator[tuple[str, datetime]]:
        for entry in os.scandir(self.folder):
            if KEY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                yield entry.name, _mtime(entry)


class DatabaseStore(Store):
    kind = "database"

    def commit_file(self, temp: Path) -> str:
        key = new_key()
        db.session.add(AttachmentBlob(key=key, data=temp.read_bytes(), created_at=datetime.now(UTC)))
        db.session.flush()
        temp.unlink()
        return key

    def open(self, key: str) -> BinaryIO:
        data = db.session.scalar(select(AttachmentBlob.data).where(AttachmentBlob.key == key))
        if data is None:
            raise FileNotFoundError(key)
        return io.BytesIO(data)

    def exists(self, key: str) -> bool:
        return db.session.scalar(select(AttachmentBlob.key).where(AttachmentBlob.key == key)) is not None

    def delete(self, key: str) -> None:
        db.session.execute(delete(AttachmentBlob).where(AttachmentBlob.key == key))

    def stored(self) -> Iterator[tuple[str, datetime]]:
        for key, created in db.session.execute(select(AttachmentBlob.key, AttachmentBlob.created_at)):
            yield key, as_utc(created)


STORES: Mapping[str, type[Store]] = {DiskStore.kind: DiskStore, DatabaseStore.kind: DatabaseStore}


def store_for(kind: str) -> Store:
    """Return the store of `kind` ("disk" or "database"), e.g. to open a row's file."""
    folder = Path(current_app.config["ATTACHMENT_DIR"]).resolve()
    static = current_app.static_folder
    if static and folder.is_relative_to(Path(static).resolve()):
        raise RuntimeError(f"ATTACHMENT_DIR {folder} is inside the static folder: attachments must not be served")
    try:
        return STORES[kind](folder)
    except KeyError:
        raise RuntimeError(f"unknown attachment store {kind!r} (ATTACHMENT_STORE: disk or database)") from None


def current_store() -> Store:
    """Return the store new files go to (`ATTACHMENT_STORE`)."""
    return store_for(current_app.config["ATTACHMENT_STORE"])


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mtime(entry: os.DirEntry[str]) -> datetime:
    return datetime.fromtimestamp(entry.stat(follow_symlinks=False).st_mtime, UTC)
