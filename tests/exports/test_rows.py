"""Which submissions an export holds: days in Japan time, statuses, oldest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from formbuilder.exports.csv import ExportOptions, write_export

from .support import WATER, insert_submissions, read_csv

pytestmark = pytest.mark.both_databases

JST = timezone(timedelta(hours=9))
# Around the Japan-time day 2026-11-22, stored in UTC: the day starts at 15:00 UTC the day before.
MOMENTS = {
    "LATE-1121": datetime(2026, 11, 21, 23, 59, 59, 999999, JST),
    "FIRST-1122": datetime(2026, 11, 22, 0, 0, 0, tzinfo=JST),
    "LAST-1122": datetime(2026, 11, 22, 23, 59, 59, 999999, JST),
    "FIRST-1123": datetime(2026, 11, 23, 0, 0, 0, tzinfo=JST),
}


@pytest.fixture
def around_a_day(app):
    # Inserted newest first: the export must sort them.
    rows = [
        {"reference": ref, "submitted_at": moment.astimezone(UTC), "answers": {}} for ref, moment in MOMENTS.items()
    ]
    insert_submissions(app, WATER, rows[::-1])


def references(out) -> list[str]:
    return [row[0] for row in read_csv(out)[1:]]


@pytest.mark.usefixtures("around_a_day")
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), ["LATE-1121", "FIRST-1122", "LAST-1122", "FIRST-1123"]),
        (("--since", "2026-11-22", "--until", "2026-11-22"), ["FIRST-1122", "LAST-1122"]),
        (("--since", "2026-11-22"), ["FIRST-1122", "LAST-1122", "FIRST-1123"]),
        (("--until", "2026-11-21"), ["LATE-1121"]),
        (("--since", "2026-11-24"), []),
    ],
)
def test_since_and_until_are_whole_days_in_japan_time(export, options, expected):
    result, out = export(*options)
    assert result.exit_code == 0, result.output
    assert references(out) == expected
    assert f"{len(expected)} row(s) written" in result.output


@pytest.mark.usefixtures("around_a_day")
def test_submitted_at_is_written_in_japan_time(export):
    result, out = export()
    assert result.exit_code == 0, result.output
    assert [row[1] for row in read_csv(out)[1:]] == [
        "2026-11-21T23:59:59+09:00",
        "2026-11-22T00:00:00+09:00",
        "2026-11-22T23:59:59+09:00",
        "2026-11-23T00:00:00+09:00",
    ]


def test_statuses_filter(app, tmp_path):
    insert_submissions(
        app,
        WATER,
        [
            {"reference": "NEW-1", "status": "received", "answers": {}},
            {"reference": "DONE-1", "status": "completed", "answers": {}},
            {"reference": "NEW-2", "status": "received", "answers": {}},
        ],
    )
    out = tmp_path / "out.csv"
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(WATER)
        report = write_export(definition, ExportOptions(statuses=("received",)), out)
    assert report.rows == 2
    assert {row[0] for row in read_csv(out)[1:]} == {"NEW-1", "NEW-2"}


def test_other_forms_are_not_exported(app, export):
    insert_submissions(app, "another-form", [{"reference": "OTHER-1", "answers": {}}], source="{}")
    result, out = export()
    assert result.exit_code == 0, result.output
    assert references(out) == []


def test_naive_bounds_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        ExportOptions(since=datetime(2026, 11, 22))
