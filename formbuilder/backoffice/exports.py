"""A form's CSV and ZIP downloads for the back office: options from a request, checks, streams.

The exporter is the one `flask forms export` uses (`exports/csv.py`), so a download and the
command give the same bytes for the same options. Days are Japan-time days, both inclusive,
as on the command line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..definitions.model import FormDefinition
from ..exports.archive import FileEntry, stream_zip, windows_name
from ..exports.csv import ENCODINGS, GROUP_LAYOUTS, HEADER_REFERENCE, ExportOptions, Loss, iter_csv
from ..exports.rows import stream_rows, submission_rows
from ..extensions import db
from ..i18n import localize
from ..storage.attachment_models import Attachment
from ..storage.models import Submission
from . import days
from .status import LABELS

HEADER_LANGUAGES = {"ja": "日本語", "en": "英語"}
MAX_LOSSES_SHOWN = 200


class OptionsRefused(ValueError):
    """The request's options cannot be used; `messages` says why, in Japanese."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Choice:
    """What the export form shows: the options as typed, so a refused page keeps them."""

    statuses: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    encoding: str = "utf-8-sig"
    replace: bool = False
    header_language: str = "ja"
    groups: str = "wide"  # repeating groups: numbered columns, or one row per item ("long")

    @classmethod
    def from_args(cls, args) -> Choice:
        return cls(
            statuses=tuple(dict.fromkeys(s[:32] for s in args.getlist("status") if s)),
            since=args.get("since", "").strip()[:32],
            until=args.get("until", "").strip()[:32],
            encoding=args.get("encoding", "utf-8-sig")[:32],
            replace=args.get("replace", "") in {"1", "on", "yes"},
            header_language=args.get("header", "ja")[:8],
            groups=args.get("groups", "wide")[:8],
        )

    def options(self) -> ExportOptions:
        """Return the exporter's options, or raise OptionsRefused listing every problem."""
        problems = []
        unknown = [s for s in self.statuses if s not in LABELS]
        if unknown:
            problems.append("状態の指定が正しくありません。一覧から選んでください。")
        since = days.parse(self.since, "受付日（から）", problems)
        until = days.parse(self.until, "受付日（まで）", problems)
        if since and until and since > until:
            problems.append("受付日（から）は受付日（まで）と同じ日か、それより前の日にしてください。")
        if self.encoding not in ENCODINGS:
            problems.append("文字コードは UTF-8 か Shift_JIS（CP932）を選んでください。")
        if self.header_language not in HEADER_LANGUAGES:
            problems.append("見出しの言語は日本語か英語を選んでください。")
        if self.groups not in GROUP_LAYOUTS:
            problems.append("繰り返しの項目の形は「1件1行」か「項目ごとに1行」を選んでください。")
        if problems:
            raise OptionsRefused(problems)
        return ExportOptions(
            since=days.start_utc(since) if since else None,
            until=days.start_utc(until, extra_days=1) if until else None,
            encoding=self.encoding,
            replace=self.replace,
            header_language=self.header_language,
            statuses=self.statuses,
            groups=self.groups,
        )

    def summary(self) -> str:
        """The filters in a few words, for the audit log (never answers)."""
        parts = [f"status={','.join(self.statuses) or 'all'}"]
        if self.since or self.until:
            parts.append(f"{self.since}..{self.until}")
        parts.append(self.encoding + ("+replace" if self.replace else ""))
        if self.groups != "wide":
            parts.append(f"groups={self.groups}")
        return " ".join(parts)


def losses(definition: FormDefinition, options: ExportOptions) -> list[Loss]:
    """Return the characters the chosen encoding cannot hold (a full pass over the rows).

    Run before a download starts, so that a file which would carry '?' in place of a
    character is never sent unless the caller asked for replacement.
    """
    if options.replace or options.encoding == "utf-8-sig":
        return []
    found: list[Loss] = []
    deque(iter_csv(definition, options, found), maxlen=0)  # encode every row, keep only the losses
    return found


def shown_losses(found: list[Loss]) -> list[dict[str, str]]:
    """The losses as staff read them: where (受付番号 or 見出し行), which column, the character and U+code."""
    return [
        {
            "reference": "見出し行" if loss.reference == HEADER_REFERENCE else loss.reference,
            "column": loss.column,
            "character": loss.character,
            "code": f"U+{ord(loss.character):04X}",
        }
        for loss in found[:MAX_LOSSES_SHOWN]
    ]


def row_count(definition: FormDefinition, options: ExportOptions) -> int:
    query = submission_rows(definition.slug, options.since, options.until, options.statuses)
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def csv_stream(definition: FormDefinition, options: ExportOptions) -> Iterator[bytes]:
    """Yield the CSV, exactly as `flask forms export` writes it."""
    return iter_csv(definition, options, [])


def zip_stream(definition: FormDefinition, options: ExportOptions, csv_name: str) -> Iterator[bytes]:
    """Yield a ZIP of the CSV and every file of the same submissions, made as it is sent."""
    return stream_zip(csv_name, csv_stream(definition, options), _files(definition, options))


def _files(definition: FormDefinition, options: ExportOptions) -> Iterator[FileEntry]:
    """The attachments of the exported submissions, in the CSV's order."""
    chosen = submission_rows(definition.slug, options.since, options.until, options.statuses).order_by(None)
    query = (
        select(
            Attachment.id,
            Attachment.store,
            Attachment.storage_key,
            Attachment.original_name,
            Attachment.kind,
            Attachment.size,
            Attachment.created_at,
            Submission.reference,
        )
        .join(Submission, Submission.id == Attachment.submission_id)
        .where(Submission.reference.in_(chosen.with_only_columns(Submission.__table__.c.reference)))
        .order_by(Submission.submitted_at, Submission.id, Attachment.id)
    )
    for row in stream_rows(query):
        yield FileEntry.of(row)


def filenames(definition: FormDefinition, extension: str, today: date | None = None) -> tuple[str, str]:
    """Return (Japanese name, ASCII fallback) of a download, e.g. 水道使用開始届_20261202.csv."""
    day = (today or days.today()).strftime("%Y%m%d")
    title = windows_name(localize(definition.title, "ja"), max_length=60)
    return f"{title}_{day}.{extension}", f"{definition.slug}_{day}.{extension}"
