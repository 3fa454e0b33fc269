"""A ZIP of a CSV and the files it refers to, written to the response while it is made.

zipfile writes to a stream that cannot seek (sizes and checksums then follow each entry in a
data descriptor), so nothing is built in memory or on disk: each chunk is handed on as soon
as zipfile has written it. Entry names are made safe for Windows Explorer, which is what
staff open the archive with: no reserved characters or device names, no trailing dots or
spaces, unique without regard to case. Japanese names carry the UTF-8 flag (zipfile sets it
for any name outside ASCII).
"""

from __future__ import annotations

import logging
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any, cast
from zoneinfo import ZoneInfo

from ..attachments import records
from ..storage.clock import as_utc

TOKYO = ZoneInfo("Asia/Tokyo")
CHUNK = 1024 * 1024
MAX_NAME_LENGTH = 100
FORBIDDEN = frozenset('<>:"/\\|?*')
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
MISSING_PREFIX = "見つからないファイル_"
MISSING_NOTE = (
    "この添付ファイルは保存場所に見つからなかったため、ZIPに入れられませんでした。\r\n"
    "システム管理者に連絡してください（flask forms cleanup が、ファイルのない添付を一覧にします）。\r\n"
)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileEntry:
    """One stored file to put in the archive (what `records.open_file` and `name_of` read)."""

    id: int
    reference: str
    original_name: str
    kind: str
    store: str
    storage_key: str
    size: int
    created_at: datetime | None

    @classmethod
    def of(cls, row: Mapping[Any, Any]) -> FileEntry:
        return cls(
            id=row["id"],
            reference=row["reference"],
            original_name=row["original_name"],
            kind=row["kind"],
            store=row["store"],
            storage_key=row["storage_key"],
            size=row["size"],
            created_at=row["created_at"],
        )


def stream_zip(csv_name: str, csv_chunks: Iterable[bytes], files: Iterable[FileEntry]) -> Iterator[bytes]:
    """Yield the ZIP: the CSV first, then each file as attachments/<reference>/<name>."""
    sink = _Sink()
    taken: dict[str, set[str]] = {}
    with zipfile.ZipFile(cast(IO[bytes], sink), "w") as archive:  # write-only: zipfile streams
        with archive.open(_info(windows_name(csv_name), datetime.now(UTC)), "w") as out:
            for chunk in csv_chunks:
                out.write(chunk)
                yield from sink.drain()
        for entry in files:
            folder = f"attachments/{windows_name(entry.reference)}"
            name = unique_name(windows_name(records.name_of(entry)), taken.setdefault(entry.reference, set()))
            try:
                stream = records.open_file(entry)
            except FileNotFoundError:
                # The download has started: say so inside the archive rather than break it.
                logger.warning("attachment %d has no stored file; a note is put in the ZIP instead", entry.id)
                note = unique_name(f"{MISSING_PREFIX}{name}.txt", taken[entry.reference])
                archive.writestr(_info(f"{folder}/{note}", None), MISSING_NOTE.encode("utf-8"))
                yield from sink.drain()
                continue
            info = _info(f"{folder}/{name}", entry.created_at)
            info.file_size = entry.size
            with stream, archive.open(info, "w") as out:
                while chunk := stream.read(CHUNK):
                    out.write(chunk)
                    yield from sink.drain()
            yield from sink.drain()
    yield from sink.drain()


def windows_name(name: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """Return `name` as one path component Windows Explorer can create and open."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        "_" if ch in FORBIDDEN or unicodedata.category(ch) in DROPPED_CATEGORIES else ch for ch in name
    ).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if name.split(".", 1)[0].rstrip(" ").upper() in RESERVED:
        name, stem = "_" + name, "_" + stem
    if len(name) > max_length:
        if extension and len(extension) < 10:
            name = stem[: max_length - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            name = name[:max_length].rstrip(" .")
    return name or "file"


def unique_name(name: str, taken: set[str]) -> str:
    """Return `name`, or `name (2)`… before its extension, unused in `taken` (case-insensitive)."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, dot, extension = name, "", ""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number}){dot}{extension}"
    taken.add(candidate.casefold())
    return candidate


def _info(name: str, moment: datetime | None) -> zipfile.ZipInfo:
    """A deflated entry dated in Japan time (ZIP times have no zone; staff read them as local)."""
    when = moment or datetime.now(UTC)
    local = as_utc(when).astimezone(TOKYO)
    info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # personal data: readable by the owner only when unpacked
    return info


class _Sink:
    """A write-only stream that keeps what zipfile wrote until it is drained (no seek, no tell)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: what was written waits in memory until `drain`."""

    def drain(self) -> Iterator[bytes]:
        if self._parts:
            data = b"".join(self._parts)
            self._parts.clear()
            yield data
