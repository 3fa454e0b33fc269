"""One uploaded file in, a stored clean file or a reason out.

The order of the checks, none of which trusts the browser (its Content-Type is ignored):
1. the name's extension is one the field allows (the name is otherwise only metadata);
2. the bytes are copied to a private temporary file, stopping past the per-file limit;
3. clamd scans them, when configured (any error refuses: fail closed);
4. the first bytes say what the file really is, which must be allowed and agree with the name;
5. images are decoded in full and re-encoded, PDFs opened, checked and rewritten;
6. the result counts against the per-submission total, then the store makes it durable.
The caller records the row (`records.record`) and commits.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from flask import current_app

from . import heic, images, kinds, pdfs, scan
from .names import clean_name, stored_name
from .refusal import Refusal, message
from .stores import current_store

log = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_SIZE_MB = 10.0
COPY_CHUNK = 256 * 1024


@dataclass(frozen=True)
class FileRules:
    """What one `file` field allows: kinds (jpeg, png, heic, pdf) and a size per file."""

    accept: frozenset[str] = frozenset(kinds.KINDS)
    max_size_mb: float = DEFAULT_MAX_SIZE_MB

    @classmethod
    def of(cls, accept: Collection[str] | None = None, max_size_mb: float | None = None) -> FileRules:
        """Build rules from a field's options ("jpg" and "heif" are read as "jpeg" and "heic")."""
        allowed = frozenset(kinds.normalise(kind) for kind in (accept or kinds.KINDS))
        unknown = allowed - set(kinds.KINDS)
        if unknown:
            raise ValueError(f"unknown attachment kinds: {sorted(unknown)}")
        return cls(allowed, float(max_size_mb or DEFAULT_MAX_SIZE_MB))

    @property
    def max_bytes(self) -> int:
        return int(self.max_size_mb * MB)


@dataclass(frozen=True)
class Accepted:
    """A file that passed every check and is stored under `key` in store `store`."""

    key: str
    store: str
    original_name: str
    kind: str
    size: int
    sha256: str
    source_kind: str

    @property
    def name(self) -> str:
        """The name to show and download under: the original, with the stored kind's extension."""
        return stored_name(self.original_name, self.kind)

    @property
    def media_type(self) -> str:
        return kinds.MEDIA_TYPES[self.kind]


@dataclass(frozen=True)
class Rejected:
    """A refused file: `reason` is a key of `refusal.MESSAGES`; `params` always has "name"."""

    reason: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def message(self) -> str:
        """The reason in the citizen's language, naming the file."""
        return message(self.reason, self.params)


def accept(
    filename: str | None, stream: BinaryIO, rules: FileRules | None = None, *, used_bytes: int = 0
) -> Accepted | Rejected:
    """Check and store one uploaded file; `used_bytes` is what the submission already holds."""
    rules = rules or FileRules()
    name = clean_name(filename)
    try:
        try:
            return _accept(name, stream, rules, used_bytes)
        except OSError:  # the attachment folder: disk full, permissions
            log.exception("attachment could not be stored")
            raise Refusal("store_failed") from None
    except Refusal as refusal:
        # The file name may hold personal data (SEC-26): log the reason and its parameters only.
        log.info("attachment refused: %s %s", refusal.reason, refusal.params or "")
        return Rejected(refusal.reason, MappingProxyType({"name": name, **refusal.params}))


def _accept(name: str, stream: BinaryIO, rules: FileRules, used_bytes: int) -> Accepted:
    config = current_app.config
    claimed = kinds.of_name(name)
    if claimed is None or claimed not in rules.accept:
        raise Refusal("type_not_allowed", allowed=kinds.labels(rules.accept))
    store = current_store()
    source = store.temp_path()
    target: Path | None = None
    try:
        _spool(stream, source, rules)
        _scan(source, config)
        real = _sniff(source)
        if not kinds.same_family(claimed, real):
            raise Refusal("unreadable_pdf" if claimed == "pdf" else "unreadable_image")
        if real not in rules.accept:
            raise Refusal("type_not_allowed", allowed=kinds.labels(rules.accept))
        target = store.temp_path()
        stored_kind = _convert(real, source, target, config)
        size, sha256 = _measure(target)
        total = config["ATTACHMENT_TOTAL_MAX_MB"]
        if used_bytes + size > total * MB:
            raise Refusal("total_too_large", limit=total)
        key = store.commit_file(target)
        return Accepted(key, store.kind, name, stored_kind, size, sha256, real)
    finally:
        source.unlink(missing_ok=True)
        if target is not None:
            target.unlink(missing_ok=True)


def _spool(stream: BinaryIO, path: Path, rules: FileRules) -> None:
    """Copy the upload to `path`, refusing it as soon as it passes the per-file limit."""
    size = 0
    with path.open("wb") as fh:
        while chunk := stream.read(COPY_CHUNK):
            size += len(chunk)
            if size > rules.max_bytes:
                raise Refusal("too_large", limit=rules.max_size_mb)
            fh.write(chunk)
    if size == 0:
        raise Refusal("empty")


def _scan(path: Path, config: Mapping[str, Any]) -> None:
    if not scan.configured(config):
        return
    try:
        found = scan.scan_file(path, config)
    except scan.ScanError as exc:
        log.warning("attachment refused, virus scan failed: %s", exc)
        raise Refusal("scan_failed") from None
    if found:
        log.warning("attachment refused, virus found: %s", found)
        raise Refusal("infected")


def _sniff(path: Path) -> str:
    with path.open("rb") as fh:
        return kinds.sniff(fh.read(kinds.HEAD_SIZE))


def _convert(real: str, source: Path, target: Path, config: Mapping[str, Any]) -> str:
    if real == "pdf":
        return pdfs.clean(source, target)
    limits = {"max_pixels": config["ATTACHMENT_MAX_PIXELS"], "max_side": config["ATTACHMENT_IMAGE_MAX_SIDE"]}
    if real == "heic":
        return heic.to_jpeg(source, target, **limits)
    return images.normalise(source, target, real, **limits)


def _measure(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
