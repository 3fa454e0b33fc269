"""The audit log as admins read it: filters, pages newest first, and a CSV of the same events."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select

from ..exports.formulas import neutralise
from ..exports.rows import stream_rows
from ..extensions import db
from ..staff.models import AuditEvent
from ..storage.clock import as_utc
from . import days

TOKYO = ZoneInfo("Asia/Tokyo")
PAGE_SIZE = 50
CSV_BATCH = 500
# What each recorded action means, in the words staff use. An action added later and not
# named here is shown by its code.
ACTION_LABELS = {
    "login": "ログイン",
    "login_failed": "ログイン失敗",
    "logout": "ログアウト",
    "password_changed": "パスワード変更",
    "totp_enrolled": "確認コードアプリの登録",
    "account_created": "アカウント作成",
    "account_disabled": "アカウント停止",
    "account_reset": "アカウントの再設定",
    "account_locked": "アカウントの一時ロック",
    "view": "申請の閲覧",
    "denied": "アクセスの拒否（担当外・権限外）",
    "status_change": "状態の変更",
    "download_attachment": "添付ファイルのダウンロード",
    "view_attachment": "添付ファイルの表示",
    "download_receipt": "控え（PDF）のダウンロード",
    "export_csv": "CSVのダウンロード",
    "export_zip": "ZIP（添付ファイル付き）のダウンロード",
    "export_audit": "操作記録のダウンロード",
    "view_my_number": "個人番号の全桁表示",
    "my_number_allowed": "個人番号の表示を許可",
    "my_number_denied": "個人番号の表示許可を取り消し",
    "resubmitted": "申請者による再申請",
    "withdrawn": "申請者による取り下げ",
    "purge": "保存期間満了による削除",
    "api_token_created": "APIトークンの発行",
    "api_token_revoked": "APIトークンの失効",
    "webhook_saved": "Webhookの設定",
    "webhook_enabled": "Webhookの有効化",
    "webhook_disabled": "Webhookの停止",
    "api_list": "API：申請一覧の取得",
    "api_view": "API：申請の取得",
    "api_download": "API：添付ファイルの取得",
    "api_status_change": "API：状態の変更",
}
CSV_HEADERS = ("日時", "ログインID", "操作", "操作コード", "対象", "接続元")


@dataclass(frozen=True)
class Filters:
    login: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""
    page: int = 1
    problems: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_args(cls, args) -> Filters:
        problems: list[str] = []

        page = args.get("page", "1")
        return cls(
            login=args.get("login", "").strip()[:64],
            action=args.get("action", "").strip()[:32],
            since=days.parse(args.get("since", ""), "日付（から）", problems),
            until=days.parse(args.get("until", ""), "日付（まで）", problems),
            text=args.get("q", "").strip()[:128],
            page=max(1, int(page)) if page.isascii() and page.isdigit() and len(page) < 7 else 1,
            problems=tuple(problems),
        )

    def args(self) -> dict[str, str]:
        """The filters as query arguments (for page links and the CSV link)."""
        return {
            "login": self.login,
            "action": self.action,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "q": self.text,
        }

    def summary(self) -> str:
        """The filters in a few words, for the audit event of a CSV download."""
        used = [f"{name}={value}" for name, value in self.args().items() if value]
        return " ".join(used) or "all"


@dataclass(frozen=True)
class Page:
    rows: list[AuditEvent]
    total: int
    pages: int


def query(filters: Filters) -> Select:
    """The events matching the filters, newest first. Days are Japan-time days, both inclusive."""
    found = select(AuditEvent)
    if filters.login:
        found = found.where(AuditEvent.login == filters.login)
    if filters.action:
        found = found.where(AuditEvent.action == filters.action)
    if filters.since:
        found = found.where(AuditEvent.at >= days.start_utc(filters.since))
    if filters.until:
        found = found.where(AuditEvent.at < days.start_utc(filters.until, extra_days=1))
    if filters.text:
        found = found.where(AuditEvent.target.contains(filters.text, autoescape=True))
    return found.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def page_of(filters: Filters) -> Page:
    found = query(filters)
    total = db.session.scalar(select(func.count()).select_from(found.order_by(None).subquery())) or 0
    rows = db.session.scalars(found.limit(PAGE_SIZE).offset((filters.page - 1) * PAGE_SIZE))
    return Page(list(rows), total, max(1, -(-total // PAGE_SIZE)))


def label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def when(moment: datetime) -> str:
    """A stored time in Japan time to the second: 2026-12-02 16:30:05."""
    return as_utc(moment).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S")


def csv_stream(filters: Filters) -> Iterator[bytes]:
    """Yield the matching events as CSV (UTF-8 with BOM, CRLF), every cell formula-safe."""
    yield codecs.BOM_UTF8 + _encode([list(CSV_HEADERS)])
    table = AuditEvent.__table__
    statement = query(filters).with_only_columns(
        table.c.at, table.c.login, table.c.action, table.c.target, table.c.address
    )
    batch: list[list[str]] = []
    for row in stream_rows(statement):
        batch.append(
            [_iso(row["at"]), row["login"], label(row["action"]), row["action"], row["target"], row["address"]]
        )
        if len(batch) == CSV_BATCH:
            yield _encode(batch)
            batch = []
    if batch:
        yield _encode(batch)


def _encode(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _iso(moment: datetime) -> str:
    return as_utc(moment).astimezone(TOKYO).isoformat(timespec="seconds")
