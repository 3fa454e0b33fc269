"""date alone: three boxes → ISO date or the exact message; limits fixed or relative to today."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from flask import current_app

from formbuilder.fields import REGISTRY
from formbuilder.fields.date import display_date, resolve_limit, today
from tests.fields.one_field import field_app, form_of, outcome, post, render  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

TOKYO = ZoneInfo("Asia/Tokyo")
BIRTH = {"name": "f", "type": "date", "label": "生年月日", "required": True}
FISCAL = {"name": "f", "type": "date", "label": "対象日", "min": "2024-04-01", "max": "2025-03-31"}
START = {"name": "f", "type": "date", "label": "使用開始日", "required": True, "min": "today+3", "max": "today+90"}
INCOMPLETE = "＊生年月日は年・月・日をすべて入力してください。"
NOT_A_DATE = "＊正しい日付を入力してください。"
ERA_NEEDED = "＊年は西暦の4桁（例：1985）で入力するか、元号を付けて入力してください（例：昭和60、S60）。"


def boxes(year: str, month: str, day: str) -> dict[str, str]:
    return {"f-year": year, "f-month": month, "f-day": day}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("", "", ""), "＊生年月日を入力してください。"),
        (boxes(" ", "\u3000", " "), "＊生年月日を入力してください。"),
        (boxes("1985", "4", "1"), "1985-04-01"),
        (boxes("1985", "04", "01"), "1985-04-01"),
        (boxes(" 1985 ", " 4 ", " 1 "), "1985-04-01"),
        (boxes("１９８５", "４", "１"), "1985-04-01"),
        (boxes("2024", "2", "29"), "2024-02-29"),  # leap year
        (boxes("2023", "2", "29"), NOT_A_DATE),
        (boxes("2024", "2", "30"), NOT_A_DATE),  # 2月30日
        (boxes("1900", "2", "29"), NOT_A_DATE),  # century, not a leap year
        (boxes("2000", "2", "29"), "2000-02-29"),  # divisible by 400
        (boxes("2024", "4", "31"), NOT_A_DATE),
        (boxes("2024", "13", "1"), NOT_A_DATE),
        (boxes("2024", "0", "1"), NOT_A_DATE),
        (boxes("2024", "-4", "1"), NOT_A_DATE),
        (boxes("2024", "４月", "1"), "2024-04-01"),  # the box's own word typed too
        (boxes("85", "4", "1"), ERA_NEEDED),  # a two-digit year is not guessed (and never stored as 0085)
        (boxes("19850", "4", "1"), NOT_A_DATE),
        (boxes("令和6", "4", "1"), "2024-04-01"),  # 和暦 in the year box, as era_date reads it
        (boxes("9" * 5000, "4", "1"), NOT_A_DATE),
        (boxes("1985", "", "1"), INCOMPLETE),
        (boxes("", "4", "1"), INCOMPLETE),
        (boxes("1985", "4", ""), INCOMPLETE),
    ],
)
def test_date_typed_to_iso_or_message(typed, expected):
    assert outcome(form_of(BIRTH), typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("", "", ""), None),
        (boxes("2024", "4", "1"), "2024-04-01"),  # limits are inclusive
        (boxes("2025", "3", "31"), "2025-03-31"),
        (boxes("2024", "3", "31"), "＊対象日は2024年4月1日（令和6年）以降の日付を入力してください。"),
        (boxes("2025", "4", "1"), "＊対象日は2025年3月31日（令和7年）以前の日付を入力してください。"),
    ],
)
def test_date_with_fixed_limits(typed, expected):
    assert outcome(form_of(FISCAL), typed) == expected


# 00:30 in Tokyo on 1 March is still 29 February in UTC: "today" must be Japan's day.
@time_machine.travel(datetime(2024, 3, 1, 0, 30, tzinfo=TOKYO), tick=False)
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("2024", "3", "4"), "2024-03-04"),  # today+3
        (boxes("2024", "3", "3"), "＊使用開始日は2024年3月4日（令和6年）以降の日付を入力してください。"),
        (boxes("2024", "3", "1"), "＊使用開始日は2024年3月4日（令和6年）以降の日付を入力してください。"),
        (boxes("2024", "5", "30"), "2024-05-30"),  # today+90
        (boxes("2024", "5", "31"), "＊使用開始日は2024年5月30日（令和6年）以前の日付を入力してください。"),
    ],
)
def test_date_limits_relative_to_today_in_japan(typed, expected):
    assert today() == date(2024, 3, 1)
    assert outcome(form_of(START), typed) == expected


@time_machine.travel(datetime(2024, 12, 31, 23, 59, tzinfo=TOKYO), tick=False)
def test_relative_limits_cross_the_year_end():
    assert resolve_limit("today") == date(2024, 12, 31)
    assert resolve_limit("today+1") == date(2025, 1, 1)
    assert resolve_limit("today-366") == date(2023, 12, 31)
    assert resolve_limit("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("2024-04-01", "ja", "2024年4月1日（令和6年）"),
        ("2019-05-01", "ja", "2019年5月1日（令和元年）"),
        ("2019-04-30", "ja", "2019年4月30日（平成31年）"),
        ("1989-01-07", "ja", "1989年1月7日（昭和64年）"),
        ("1989-01-08", "ja", "1989年1月8日（平成元年）"),
        ("1868-01-01", "ja", "1868年1月1日"),  # before 明治: no era
        ("2024-04-01", "ja-easy", "2024年4月1日（令和6年）"),
        ("2024-04-01", "en", "April 1, 2024"),
    ],
)
def test_date_shows_western_year_with_the_era_beside_it(value, lang, shown):
    field = form_of(BIRTH).pages[0].fields[0]
    assert REGISTRY["date"].display(field, value, lang) == shown


def test_date_display_of_nothing_is_empty():
    assert REGISTRY["date"].display(form_of(BIRTH).pages[0].fields[0], None, "ja") == ""


def test_display_date_follows_the_request_language():
    assert display_date(date(2024, 4, 1)) == "2024年4月1日（令和6年）"


def test_date_exports_iso():
    field = form_of(BIRTH).pages[0].fields[0]
    assert REGISTRY["date"].csv_cells(field, "2024-04-01") == ["2024-04-01"]
    assert REGISTRY["date"].csv_cells(field, None) == [""]


def test_date_posts_three_boxes_and_links_errors_to_the_year():
    kind = REGISTRY["date"]
    field = form_of(BIRTH).pages[0].fields[0]
    assert kind.input_names(field) == ["f-year", "f-month", "f-day"]
    assert kind.anchor(field) == "f-year"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("1985", "+4", "1"), NOT_A_DATE),  # int() would read these; a date box holds digits only
        (boxes("1985", "4", "0_1"), NOT_A_DATE),
        ({"f-year": "1985"}, INCOMPLETE),  # boxes the browser did not send are empty boxes
        ({"f-year": "1985", "f-month": "4"}, INCOMPLETE),
    ],
)
def test_date_boxes_hold_digits_and_missing_boxes_are_empty(typed, expected):
    assert outcome(form_of(BIRTH), typed) == expected


def test_a_fresh_page_shows_three_empty_boxes():
    html = render(BIRTH)
    assert [re.search(r'value="([^"]*)"', line).group(1) for line in html.splitlines() if "<input" in line] == [
        "",
        "",
        "",
    ]


def test_a_date_not_before_another_answer_on_the_page():
    definition = form_of(
        {"name": "moved", "type": "date", "label": "転入日", "required": True},
        {"name": "f", "type": "date", "label": "届出日", "required": True, "not_before": {"answer": "moved"}},
    )
    typed = {"moved-year": "2024", "moved-month": "4", "moved-day": "10"}
    assert post(definition, {**typed, **boxes("2024", "4", "10")}).values["f"] == "2024-04-10"
    refused = post(definition, {**typed, **boxes("2024", "4", "9")})
    assert refused.errors["f"] == ["＊届出日は2024年4月10日（令和6年）以降の日付を入力してください。"]


FISCAL_AGE = {**BIRTH, "age_max": 17, "age_on": "fiscal_year_start"}  # 児童手当: 高校生年代まで


@pytest.mark.parametrize(
    "now", [datetime(2026, 4, 1, 0, 30, tzinfo=TOKYO), datetime(2027, 3, 31, 23, 30, tzinfo=TOKYO)]
)
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("2008", "4", "2"), "2008-04-02"),  # 17 on 1 April 2026: covered all fiscal year 2026
        (boxes("2008", "4", "1"), "＊17歳以下の方が対象です。生年月日を確かめてください。"),  # 18 on 1 April 2026
    ],
)
def test_date_ages_counted_on_the_first_day_of_the_fiscal_year(now, typed, expected):
    with time_machine.travel(now, tick=False):
        assert outcome(form_of(FISCAL_AGE), typed) == expected


@time_machine.travel(datetime(2026, 12, 7, 12, tzinfo=TOKYO), tick=False)
def test_date_ages_counted_today_by_default_and_never_of_a_future_birth():
    adult = form_of({**BIRTH, "age_min": 18})
    assert outcome(adult, boxes("2008", "12", "7")) == "2008-12-07"
    assert outcome(adult, boxes("2008", "12", "8")) == "＊18歳以上の方が対象です。生年月日を確かめてください。"
    future = "＊生年月日は2026年12月7日（令和8年）以前の日付を入力してください。"
    assert outcome(form_of(FISCAL_AGE), boxes("2026", "12", "8")) == future


def test_date_age_min_above_age_max_is_refused_by_the_linter():
    from formbuilder.definitions.loader import load_data

    raw = {"slug": "x", "version": "1", "title": "例", "department": "test"}
    page = {"id": "p", "title": "例", "fields": [{**BIRTH, "age_min": 20, "age_max": 18}]}
    problems = load_data({**raw, "pages": [page]}).problems
    assert [(p.pointer, p.message) for p in problems] == [
        ("/pages/0/fields/0/age_min", "age_min is greater than age_max")
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("令和8年1月5日", "", ""), "2026-01-05"),
        (boxes("R8.1.5", "", ""), "2026-01-05"),
        (boxes("ｒ８．１．５", "", ""), "2026-01-05"),  # full-width, lower case, full stops
        (boxes("平成31年4月30日", "", ""), "2019-04-30"),
        (boxes("令和元年5月1日", "", ""), "2019-05-01"),
        (boxes("R8", "1", "5"), "2026-01-05"),
        (boxes("H元", "1", "8"), "1989-01-08"),
        (boxes("令和元年4月30日", "", ""), "＊令和元年は5月1日からです。4月30日までは平成31年です。"),
        (boxes("R8.1.5", "1", ""), "＊年の欄に日付をまとめて入力したときは、月と日の欄を空にしてください。"),
    ],
)
def test_a_plain_date_reads_wareki_as_era_date_does(typed, expected):
    """令和8年1月5日 typed in a plain date's year box is stored as 2026-01-05, not refused."""
    assert outcome(form_of(BIRTH), typed) == expected


def test_an_impossible_wareki_date_is_explained_in_english():
    app = current_app._get_current_object()
    with app.app_context(), app.test_request_context("/?lang=en"):  # a fresh g
        assert outcome(form_of(BIRTH), boxes("令和元年4月30日", "", "")) == (
            "＊Reiwa 1 begins on May 1. Until April 30 it is Heisei 31."
        )


@time_machine.travel(datetime(2026, 12, 7, 12, tzinfo=TOKYO), tick=False)
def test_the_example_is_a_day_the_field_accepts():
    """A collection day at least 7 days ahead shows an example 7 days ahead, never a past day."""
    collection = {**START, "min": "today+7", "max": "today+60"}
    html = render(collection)
    assert "入力例：2026年12月14日（令和8年）なら 2026 / 12 / 14" in html
    assert 'aria-describedby="f-example"' in html
    assert "入力例：2026年12月7日（令和8年）なら 2026 / 12 / 7" in render(BIRTH)
    assert "入力例：2025年3月31日（令和7年）なら 2025 / 3 / 31" in render(FISCAL)
