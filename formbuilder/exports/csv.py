"""CSV of a form's submissions for back offices: header labels, codes, ISO dates.

One column per field in definition order, as each field type's `csv_headers` and
`csv_cells` give them, after 受付番号, 受付日時 and 状況. UTF-8 with BOM by default or
CP932 for older core systems, CRLF line ends. Submissions of older definition versions
are written with the current definition's columns, looked up by field name.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..definitions.model import Field, FormDefinition
from ..fields import REGISTRY
from ..fields.base import FieldType
from ..i18n import Text, localize
from .formulas import neutralise
from .groups import long_cells, long_headers
from .rows import BATCH_ROWS, as_utc, stream_rows, submission_rows

TOKYO = ZoneInfo("Asia/Tokyo")
# The encodings offered, each as (Python codec of the rows, bytes written first).
ENCODINGS: Mapping[str, tuple[str, bytes]] = {"utf-8-sig": ("utf-8", codecs.BOM_UTF8), "cp932": ("cp932", b"")}
# Fixed in code, not in a gettext catalogue: back offices map their imports on these
# exact labels, so a translator must not be able to change them.
LEADING_HEADERS = (
    Text.of({"ja": "受付番号", "en": "Reference number"}),
    Text.of({"ja": "受付日時", "en": "Submitted at"}),
    Text.of({"ja": "状況", "en": "Status"}),
)
HEADER_REFERENCE = "(header)"  # the reference of a loss found in the header row
GROUP_LAYOUTS = ("wide", "long")  # exports/groups.py writes the long one


@dataclass
class ExportOptions:
    """What to export and how; since is inclusive, until exclusive, both timezone-aware."""

    since: datetime | None = None
    until: datetime | None = None
    encoding: str = "utf-8-sig"
    replace: bool = False
    header_language: str = "ja"
    statuses: tuple[str, ...] = ()
    groups: str = "wide"  # repeating groups: numbered columns ("wide") or one row per item ("long")

    def __post_init__(self) -> None:
        if self.encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {self.encoding!r}")
        if self.groups not in GROUP_LAYOUTS:
            raise ValueError(f"groups must be one of {', '.join(GROUP_LAYOUTS)}, not {self.groups!r}")
        for bound in (self.since, self.until):
            if bound is not None and bound.tzinfo is None:
                raise ValueError("since and until must be timezone-aware")


@dataclass(frozen=True)
class Loss:
    """A character the chosen encoding cannot hold, and where it is."""

    reference: str
    column: str
    character: str


@dataclass
class ExportReport:
    rows: int
    losses: list[Loss] = field(default_factory=list)


def write_export(definition: FormDefinition, options: ExportOptions, out: Path) -> ExportReport:
    """Write the CSV to `out`, all or nothing.

    The rows go to a temporary file beside `out`, which replaces `out` only when the
    export succeeded; when characters were lost and `options.replace` is false, `out`
    is left as it was (absent or the earlier file) and the report lists every loss. The file is readable by its owner only,
    as it holds personal data.
    """
    out = Path(out)
    losses: list[Loss] = []
    rows = 0
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk, count in _chunks(definition, options, losses):
                file.write(chunk)
                rows += count
            file.flush()
            os.fsync(file.fileno())
        if losses and not options.replace:
            os.unlink(temporary)
        else:
            os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return ExportReport(rows=rows, losses=losses)


def iter_csv(definition: FormDefinition, options: ExportOptions, losses: list[Loss]) -> Iterator[bytes]:
    """Yield the CSV as encoded chunks: the header row first, then a chunk per batch of rows.

    Characters the encoding cannot hold are appended to `losses` and written as '?';
    when `options.replace` is false the caller must check `losses` once the chunks are
    exhausted and discard what it received. The database is first read when the
    second chunk is asked for, so the generator may outlive the request's session.
    """
    for chunk, _count in _chunks(definition, options, losses):
        yield chunk


def headers(definition: FormDefinition, lang: str = "ja") -> list[str]:
    """Return the header row's labels in `lang` (Japanese where a label lacks it)."""
    labels = [localize(text, lang) for text in LEADING_HEADERS]
    per_field = [
        (page, REGISTRY[item.type].csv_headers(item, lang)) for page in definition.pages for item in page.fields
    ]
    # Two fields whose columns would read the same (氏名（姓） of the insured person and of the
    # applicant) say whose they are: the title of their page goes first, 「被保険者 氏名（姓）」.
    seen = Counter(label for _page, columns in per_field for label in columns)
    for page, columns in per_field:
        if any(seen[label] > 1 for label in columns):
            columns = [f"{localize(page.title, lang)} {label}" for label in columns]
        labels.extend(columns)
    return labels


def _chunks(definition: FormDefinition, options: ExportOptions, losses: list[Loss]) -> Iterator[tuple[bytes, int]]:
    """Yield (encoded chunk, number of submissions in it)."""
    codec, preamble = ENCODINGS[options.encoding]
    columns = _columns(definition)
    long = options.groups == "long"
    labels = headers(definition, options.header_language)
    if long:
        leading = [localize(text, options.header_language) for text in LEADING_HEADERS]
        labels = long_headers(definition, leading, options.header_language)
    header = [neutralise(label) for label in labels]
    yield preamble + _encode([(HEADER_REFERENCE, header)], labels, codec, losses), 0
    query = submission_rows(definition.slug, options.since, options.until, options.statuses)
    batch: list[tuple[str, list[str]]] = []
    count = 0
    for row in stream_rows(query):
        if long:
            items = long_cells(definition, _leading(row), row["answers"] or {})
            batch.extend((row["reference"], [neutralise(cell) for cell in cells]) for cells in items)
        else:
            batch.append((row["reference"], _cells(row, columns)))
        count += 1
        if len(batch) >= BATCH_ROWS:
            yield _encode(batch, labels, codec, losses), count
            batch, count = [], 0
    if batch or count:
        yield _encode(batch, labels, codec, losses), count


def _columns(definition: FormDefinition) -> list[tuple[Field, FieldType]]:
    return [(item, REGISTRY[item.type]) for item in definition.fields()]


def _cells(row: Mapping[Any, Any], columns: list[tuple[Field, FieldType]]) -> list[str]:
    """Return a submission's cells, neutralised against formula injection."""
    cells = _leading(row)
    answers = row["answers"] or {}
    for item, kind in columns:
        cells.extend(kind.csv_cells(item, answers.get(item.name)))
    return [neutralise(cell) for cell in cells]


def _leading(row: Mapping[Any, Any]) -> list[str]:
    """Return 受付番号, 受付日時 (Japan time) and 状況 of a submission row."""
    submitted = as_utc(row["submitted_at"]).astimezone(TOKYO).isoformat(timespec="seconds")
    return [row["reference"], submitted, row["status"]]


def _encode(rows: list[tuple[str, list[str]]], labels: list[str], codec: str, losses: list[Loss]) -> bytes:
    """Return the rows as CSV bytes; on characters the codec lacks, record them and write '?'."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(cells for _reference, cells in rows)
    text = buffer.getvalue()
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        for reference, cells in rows:
            for label, cell in zip(labels, cells, strict=False):
                losses.extend(Loss(reference, label, c) for c in dict.fromkeys(cell) if not _holds(codec, c))
        return text.encode(codec, errors="replace")


def _holds(codec: str, character: str) -> bool:
    try:
        character.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
