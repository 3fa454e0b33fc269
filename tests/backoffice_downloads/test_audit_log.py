"""The audit log page and its CSV, for admins only, through real requests."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from formbuilder.extensions import db
from formbuilder.staff.models import AuditEvent
from tests.staff.test_sign_in import audit_actions, post
from tests.staff.test_submissions import staff_client
from tests.support import text_of

from .support import records

ROW = re.compile(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>")


def add_events(app, *events: dict) -> None:
    with app.app_context():
        db.session.add_all(AuditEvent(address="192.0.2.1", **event) for event in events)
        db.session.commit()


def rows_of(response) -> list[tuple[str, ...]]:
    return ROW.findall(response.get_data(as_text=True))


def jst(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.mark.both_databases
def test_admins_read_the_log_newest_first_in_japan_time_with_filters(app, runner):
    add_events(
        app,
        {"at": jst("2026-04-01T23:59:59+09:00"), "login": "suido", "action": "view", "target": "ABCD-EFGH"},
        {"at": jst("2026-04-02T00:00:00+09:00"), "login": "suido", "action": "export_csv", "target": "water rows=3"},
        {"at": jst("2026-03-31T12:00:00+09:00"), "login": "kodomo", "action": "unknown_later", "target": "x"},
    )
    admin = staff_client(app, runner, "kanri", "admin")
    page = admin.get("/staff/audit")
    assert page.status_code == 200 and 'href="/staff/audit">操作記録</a>' in page.get_data(as_text=True)
    rows = rows_of(page)
    assert rows[0][1:3] == ("kanri", "ログイン")  # the sign-in just made comes first
    assert rows[-3:] == [
        ("2026-04-02 00:00:00", "suido", "CSVのダウンロード", "water rows=3", "192.0.2.1"),
        ("2026-04-01 23:59:59", "suido", "申請の閲覧", "ABCD-EFGH", "192.0.2.1"),
        ("2026-03-31 12:00:00", "kodomo", "unknown_later", "x", "192.0.2.1"),
    ]
    assert [r[3] for r in rows_of(admin.get("/staff/audit?since=2026-04-01&until=2026-04-01"))] == ["ABCD-EFGH"]
    assert [r[3] for r in rows_of(admin.get("/staff/audit?since=2026-04-02&until=2026-04-02"))] == ["water rows=3"]
    assert [r[2] for r in rows_of(admin.get("/staff/audit?login=suido"))] == ["CSVのダウンロード", "申請の閲覧"]
    assert [r[1] for r in rows_of(admin.get("/staff/audit?action=view"))] == ["suido"]
    assert [r[3] for r in rows_of(admin.get("/staff/audit?q=BCD-E"))] == ["ABCD-EFGH"]
    assert rows_of(admin.get("/staff/audit?q=%25")) == []  # a LIKE wildcard is searched as itself
    assert "0件" in text_of(admin.get("/staff/audit?login=suido&action=login"))


@pytest.mark.both_databases
def test_the_log_is_shown_fifty_events_a_page(app, runner):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    add_events(
        app,
        *(
            {"at": start + timedelta(minutes=i), "login": "bulk", "action": "view", "target": f"E{i:03d}"}
            for i in range(120)
        ),
    )
    admin = staff_client(app, runner, "kanri", "admin")
    pages = [rows_of(admin.get("/staff/audit", query_string={"login": "bulk", "page": n})) for n in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [50, 50, 20, 0]
    assert [r[3] for p in pages for r in p] == [f"E{i:03d}" for i in reversed(range(120))]
    first = admin.get("/staff/audit?login=bulk")
    assert "120件" in text_of(first) and 'href="/staff/audit?page=3&amp;login=bulk' in first.get_data(as_text=True)
    assert len(rows_of(admin.get("/staff/audit?login=bulk&page=x"))) == 50


@pytest.mark.both_databases
def test_the_csv_has_the_filtered_events_formula_safe_and_is_audited(app, runner):
    attacker = app.test_client()
    assert post(attacker, "/staff/login", login="=cmd|' /C calc'!A0", password="x" * 12).status_code == 401
    add_events(app, {"at": jst("2026-04-01T09:00:00+09:00"), "login": "suido", "action": "view", "target": "@SUM(1)"})
    admin = staff_client(app, runner, "kanri", "admin")
    response = admin.get("/staff/audit.csv", query_string={"action": "login_failed"})
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert re.fullmatch(
        r"attachment; filename=\"audit_\d{8}\.csv\"; filename\*=UTF-8''%E6%93%8D%E4%BD%9C%E8%A8%98%E9%8C%B2_\d{8}\.csv",
        response.headers["Content-Disposition"],
    )
    header, *rows = records(response.data)
    assert header == ["日時", "ログインID", "操作", "操作コード", "対象", "接続元"]
    assert [row[2:5] for row in rows] == [["ログイン失敗", "login_failed", "unknown login"]]
    assert re.fullmatch(r"不明:[0-9a-f]{16}", rows[0][1])  # never the typed text (often a password)
    assert rows[0][0].endswith("+09:00")
    everything = records(admin.get("/staff/audit.csv").data)[1:]
    assert ["2026-04-01T09:00:00+09:00", "suido", "申請の閲覧", "view", "'@SUM(1)", "192.0.2.1"] in everything
    shown = text_of(admin.get("/staff/audit"))
    assert f"{len(everything)}件" in shown  # the page counts the same events (the first export included)
    with app.app_context():
        exported = [e.target for e in db.session.query(AuditEvent).filter_by(action="export_audit")]
    assert exported == ["action=login_failed", "all"]
    assert "操作記録のダウンロード" in shown


@pytest.mark.parametrize("url", ["/staff/audit", "/staff/audit.csv"])
def test_only_admins_may_read_the_log(app, runner, url):
    for login, role in (("suido", "staff"), ("etsuran", "viewer")):
        client = staff_client(app, runner, login, role, "water")
        assert client.get(url).status_code == 403
        assert 'href="/staff/audit"' not in client.get("/staff/").get_data(as_text=True)
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and anonymous.location.endswith("/staff/login")
    assert "export_audit" not in audit_actions(app)


@pytest.mark.parametrize("url", ["/staff/audit", "/staff/audit.csv"])
def test_a_date_that_is_not_a_date_is_refused_with_a_message(app, runner, url):
    admin = staff_client(app, runner, "kanri", "admin")
    refused = admin.get(url, query_string={"since": "2026/04/01", "until": "きのう"})
    assert refused.status_code == 422 and refused.mimetype == "text/html"
    shown = text_of(refused)
    assert "日付（から）は 2026-04-01 の形の日付で入力してください。" in shown
    assert "日付（まで）は 2026-04-01 の形の日付で入力してください。" in shown
    assert "export_audit" not in audit_actions(app)


def test_every_action_the_code_records_has_a_japanese_label():
    """An action written anywhere (staff, applicant, API) reads as words on the audit page."""
    import re
    from pathlib import Path

    import formbuilder
    from formbuilder.backoffice.audit_log import ACTION_LABELS

    package = Path(formbuilder.__file__).parent
    source = "\n".join(p.read_text() for p in package.rglob("*.py"))
    written = set(re.findall(r'(?:record|record_after_read|record_read|note_use)\(\s*"([a-z_]+)"', source))
    written |= set(re.findall(r'"(webhook_(?:en|dis)abled|my_number_(?:allowed|denied))"', source))
    assert written and not written - set(ACTION_LABELS), sorted(written - set(ACTION_LABELS))
