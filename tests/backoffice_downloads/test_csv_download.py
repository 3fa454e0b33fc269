"""The CSV download of the back office, through real requests: the command's bytes, options, refusals."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from formbuilder.exports.csv import ExportOptions, write_export
from formbuilder.extensions import db
from formbuilder.i18n import localize
from formbuilder.staff.models import AuditEvent
from tests.exports.support import insert_submissions
from tests.staff.test_sign_in import audit_actions
from tests.staff.test_submissions import staff_client, submit_water
from tests.support import name_inputs, text_of

from .support import CSV_URL, WATER, command_csv, records, suido


def audit_targets(app, action: str) -> list[str]:
    with app.app_context():
        return [e.target for e in db.session.query(AuditEvent).filter_by(action=action).order_by(AuditEvent.id)]


@pytest.mark.both_databases
def test_the_download_equals_what_the_command_writes(app, runner, tmp_path):
    submit_water(app)
    submit_water(app, **name_inputs("user_name", "髙橋 花子", "タカハシ ハナコ"))
    insert_submissions(
        app, WATER, [{"answers": {"user_name": {"family": "佐藤", "given": "一郎"}}, "status": "in_progress"}]
    )
    staff = suido(app, runner)
    for query, options in (
        ({}, ()),
        ({"encoding": "cp932"}, ("--encoding", "cp932")),
        ({"header": "en"}, ("--header-language", "en")),
        ({"since": "2000-01-01", "until": "2099-12-31"}, ("--since", "2000-01-01", "--until", "2099-12-31")),
        ({"since": "2099-01-01"}, ("--since", "2099-01-01")),
    ):
        response = staff.get(CSV_URL, query_string=query)
        assert response.status_code == 200, (query, text_of(response))
        assert response.data == command_csv(runner, tmp_path, *options), query
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(WATER)
        report = write_export(definition, ExportOptions(statuses=("in_progress",)), tmp_path / "status.csv")
    only = staff.get(CSV_URL, query_string={"status": "in_progress"})
    assert report.rows == 1 and only.data == (tmp_path / "status.csv").read_bytes()
    assert [row[8:10] for row in records(only.data)[1:]] == [["佐藤", "一郎"]]


def test_the_download_is_a_streamed_attachment_with_a_japanese_name(app, runner):
    submit_water(app)
    response = suido(app, runner).get(CSV_URL)
    assert response.is_streamed and response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    with app.app_context():
        title = localize(app.extensions["formbuilder.catalogue"].get(WATER).title, "ja")
    pattern = (
        rf"attachment; filename=\"{WATER}_\d{{8}}\.csv\"; filename\*=UTF-8''{re.escape(quote(title))}_\d{{8}}\.csv"
    )
    assert re.fullmatch(pattern, disposition), disposition
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    response.close()  # a streamed response keeps its request context until it is closed
    cp932 = suido(app, runner, "admin").get(CSV_URL, query_string={"encoding": "cp932"})
    assert cp932.headers["Content-Type"] == "text/csv; charset=Shift_JIS"


@pytest.mark.both_databases
def test_japanese_is_intact_in_utf8_with_bom_and_in_cp932(app, runner):
    insert_submissions(
        app,
        WATER,
        [
            {
                "answers": {
                    "user_name": {"family": "髙橋", "given": "花子"},
                    "address": {
                        "postal_code": "100-0001",
                        "prefecture": "東京都",
                        "city": "千代田区",
                        "line1": "霞が関１－２－３",
                    },
                }
            }
        ],
    )
    staff = suido(app, runner)
    utf8 = records(staff.get(CSV_URL).data)
    cp932 = records(staff.get(CSV_URL, query_string={"encoding": "cp932"}).data, "cp932")
    assert utf8 == cp932
    assert utf8[0][:3] == ["受付番号", "受付日時", "状況"]
    assert utf8[1][8] == "髙橋" and utf8[1][6] == "霞が関１－２－３"


@pytest.mark.both_databases
def test_a_character_cp932_cannot_hold_shows_the_losses_then_replacement_gives_the_file(app, runner):
    insert_submissions(
        app, WATER, [{"reference": "YSHD-0001", "answers": {"user_name": {"family": "𠮷田", "given": "太郎"}}}]
    )
    staff = suido(app, runner)
    refused = staff.get(CSV_URL, query_string={"encoding": "cp932", "status": ["received", "returned"]})
    assert refused.status_code == 422 and refused.mimetype == "text/html"
    shown = text_of(refused)
    assert "Shift_JIS（CP932）では書けない文字が 1 件" in shown
    assert "YSHD-0001 氏名（姓） 𠮷 U+20BB7" in shown
    html = refused.get_data(as_text=True)
    assert (
        'href="/staff/forms/water-supply-start/export.csv?encoding=utf-8-sig&amp;status=received&amp;status=returned'
        in html
    )
    assert "encoding=cp932&amp;replace=1&amp;status=received&amp;status=returned" in html  # the two ways out
    assert 'id="export-status-returned" name="status" value="returned" checked' in html
    assert "export_csv" not in audit_actions(app)
    replaced = staff.get(CSV_URL, query_string={"encoding": "cp932", "replace": "1"})
    assert replaced.status_code == 200
    assert records(replaced.data, "cp932")[1][8:10] == ["?田", "太郎"]
    assert records(staff.get(CSV_URL, query_string={"encoding": "utf-8-sig"}).data)[1][8:10] == ["𠮷田", "太郎"]
    zipped = staff.get(CSV_URL.replace(".csv", ".zip"), query_string={"encoding": "cp932"})
    assert zipped.status_code == 422 and "U+20BB7" in text_of(zipped)
    assert audit_actions(app).count("export_csv") == 2


@pytest.mark.both_databases
def test_filters_by_several_statuses_and_by_japan_time_days_inclusive(app, runner):
    def at(text: str) -> datetime:
        return datetime.fromisoformat(text).astimezone(UTC)

    insert_submissions(
        app,
        WATER,
        [
            {
                "reference": "DAY0-LAST",
                "submitted_at": at("2026-03-31T23:59:59+09:00"),
                "status": "received",
                "answers": {},
            },
            {
                "reference": "DAY1-FRST",
                "submitted_at": at("2026-04-01T00:00:00+09:00"),
                "status": "received",
                "answers": {},
            },
            {
                "reference": "DAY1-LAST",
                "submitted_at": at("2026-04-01T23:59:59+09:00"),
                "status": "returned",
                "answers": {},
            },
            {
                "reference": "DAY2-FRST",
                "submitted_at": at("2026-04-02T00:00:00+09:00"),
                "status": "completed",
                "answers": {},
            },
        ],
    )
    staff = suido(app, runner)

    def references(**query) -> list[str]:
        response = staff.get(CSV_URL, query_string=query)
        assert response.status_code == 200, text_of(response)
        return [row[0] for row in records(response.data)[1:]]

    assert references(since="2026-04-01", until="2026-04-01") == ["DAY1-FRST", "DAY1-LAST"]
    assert references(since="2026-04-01") == ["DAY1-FRST", "DAY1-LAST", "DAY2-FRST"]
    assert references(until="2026-03-31") == ["DAY0-LAST"]
    assert references(status=["received", "completed"]) == ["DAY0-LAST", "DAY1-FRST", "DAY2-FRST"]
    assert references(status=["returned"], since="2026-04-01") == ["DAY1-LAST"]
    assert audit_targets(app, "export_csv")[-1] == f"{WATER} rows=1 status=returned 2026-04-01.. utf-8-sig"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"encoding": "latin-1"}, "文字コードは UTF-8 か Shift_JIS（CP932）を選んでください。"),
        ({"since": "2026-13-01"}, "受付日（から）は 2026-04-01 の形の日付で入力してください。"),
        ({"until": "昨日"}, "受付日（まで）は 2026-04-01 の形の日付で入力してください。"),
        ({"since": "2026-04-02", "until": "2026-04-01"}, "受付日（から）は受付日（まで）と同じ日か"),
        ({"status": ["received", "drop table"]}, "状態の指定が正しくありません。"),
        ({"header": "fr"}, "見出しの言語は日本語か英語を選んでください。"),
    ],
)
def test_bad_options_show_the_export_page_again_with_a_japanese_message(app, runner, query, message):
    submit_water(app)
    staff = suido(app, runner)
    for url in (CSV_URL, CSV_URL.replace(".csv", ".zip")):
        refused = staff.get(url, query_string=query)
        assert refused.status_code == 422 and refused.mimetype == "text/html"
        shown = text_of(refused)
        assert message in shown and "ダウンロードできませんでした" in shown
        html = refused.get_data(as_text=True)
        for name in ("since", "until"):
            if name in query:
                assert f'name="{name}" type="date" value="{query[name]}"' in html  # what was typed is kept
    assert not {"export_csv", "export_zip"} & set(audit_actions(app))


def test_formula_injection_is_neutralised_in_the_download(app, runner):
    insert_submissions(
        app,
        WATER,
        [
            {
                "answers": {
                    "user_name": {"family": '=HYPERLINK("http://evil.example","x")', "given": "x"},
                    "address": {
                        "postal_code": "100-0001",
                        "prefecture": "東京都",
                        "city": "千代田区",
                        "line1": "＋81",
                        "line2": "@SUM(1)",
                    },
                }
            }
        ],
    )
    row = records(suido(app, runner).get(CSV_URL).data)[1]
    assert row[8] == '\'=HYPERLINK("http://evil.example","x")'
    assert row[6] == "'＋81" and row[7] == "'@SUM(1)"


def test_viewer_is_refused_another_department_not_found_anonymous_sent_to_sign_in(app, runner):
    submit_water(app)
    viewer = suido(app, runner, "viewer")
    other = staff_client(app, runner, "kodomo", "staff", "child")
    other_viewer = staff_client(app, runner, "kodomo-etsuran", "viewer", "child")
    for url in (CSV_URL, CSV_URL.replace(".csv", ".zip")):
        assert viewer.get(url).status_code == 403
        assert other.get(url).status_code == 404
        assert other_viewer.get(url).status_code == 404
        assert other.get(url.replace(WATER, "no-such-form")).status_code == 404
        anonymous = app.test_client().get(url)
        assert anonymous.status_code == 302 and anonymous.location.endswith("/staff/login")
    assert not {"export_csv", "export_zip"} & set(audit_actions(app))
    admin = staff_client(app, runner, "kanri", "admin")
    assert admin.get(CSV_URL).status_code == 200
    assert audit_actions(app).count("export_csv") == 1


def test_the_download_is_audited_with_the_form_and_count_never_the_answers(app, runner):
    submit_water(app, **name_inputs("user_name", "監査 花子", "カンサ ハナコ"))
    staff = suido(app, runner)
    assert staff.get(CSV_URL, query_string={"encoding": "cp932", "replace": "1"}).status_code == 200
    (target,) = audit_targets(app, "export_csv")
    assert target == f"{WATER} rows=1 status=all cp932+replace"
    with app.app_context():
        logged = " ".join(f"{e.login} {e.action} {e.target}" for e in db.session.query(AuditEvent))
    assert "監査" not in logged and "カンサ" not in logged


def test_the_list_page_offers_the_download_with_its_filters_to_staff_only(app, runner):
    submit_water(app)
    url = f"/staff/forms/{WATER}/submissions"
    page = suido(app, runner).get(url, query_string={"status": "returned", "since": "2026-04-01"})
    html = page.get_data(as_text=True)
    assert f'action="{CSV_URL}"' in html and f'formaction="{CSV_URL.replace(".csv", ".zip")}"' in html
    assert 'id="export-status-returned" name="status" value="returned" checked' in html
    assert 'id="export-status-received" name="status" value="received">' in html
    assert 'id="export-since" name="since" type="date" value="2026-04-01"' in html
    viewer = suido(app, runner, "viewer").get(url).get_data(as_text=True)
    assert "export.csv" not in viewer


def test_a_head_request_downloads_nothing_and_is_not_audited(app, runner):
    submit_water(app)
    staff = suido(app, runner)
    before = audit_actions(app).count("export_csv")
    response = staff.head(CSV_URL)
    assert response.status_code == 200 and response.get_data() == b""
    response.close()
    assert audit_actions(app).count("export_csv") == before


def test_a_form_with_repeating_groups_offers_one_row_per_item_as_the_command_writes(app, runner, tmp_path):
    """The back office offers the long layout of `forms export --groups long` (one row per item)."""
    slug = "oversized-waste-collection"
    insert_submissions(
        app,
        slug,
        [{"answers": {"items": [{"kind": "sofa"}, {"kind": "bed"}, {"kind": "desk"}]}}, {"answers": {"items": []}}],
    )
    staff = staff_client(app, runner, "kankyo", "staff", "environment")
    url = f"/staff/forms/{slug}/export.csv"
    page = staff.get(f"/staff/forms/{slug}/submissions").get_data(as_text=True)
    assert 'id="export-groups-wide" name="groups" value="wide" checked' in page
    assert 'id="export-groups-long" name="groups" value="long">' in page
    long = staff.get(url, query_string={"groups": "long"})
    assert long.status_code == 200
    assert long.data == command_csv(runner, tmp_path, "--groups", "long", slug=slug)
    rows = records(long.data)
    assert len(rows) == 1 + 3  # one row per item; a submission without items has none
    wide = staff.get(url)
    assert len(records(wide.data)) == 1 + 2 and wide.data == command_csv(runner, tmp_path, slug=slug)
    refused = staff.get(url, query_string={"groups": "tall"})
    assert refused.status_code == 422
    assert "繰り返しの項目の形は「1件1行」か「項目ごとに1行」を選んでください。" in text_of(refused)
    assert 'id="export-groups-wide"' not in suido(app, runner).get(f"/staff/forms/{WATER}/submissions").get_data(
        as_text=True
    )
