"""The strict 和暦 reader: what people type, and dates no era holds."""

from __future__ import annotations

from datetime import date

import pytest

from formbuilder.assist.wareki import (
    DateInputError,
    EraYear,
    compose,
    era_by_code,
    era_end,
    era_year_text,
    japanese_date,
    looks_whole,
    parse_date,
    typed_era,
)
from tests.fields.one_field import field_app, form_of, outcome  # noqa: F401 (fixture)

REIWA, HEISEI, SHOWA = era_by_code("reiwa"), era_by_code("heisei"), era_by_code("showa")
TAISHO, MEIJI = era_by_code("taisho"), era_by_code("meiji")
d = date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("R6.4.1", date(2024, 4, 1)),
        ("r6/4/1", date(2024, 4, 1)),
        ("Ｒ６．４．１", date(2024, 4, 1)),
        ("令和6年4月1日", date(2024, 4, 1)),
        ("令和 6 年 4 月 1 日", date(2024, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R元.5.1", date(2019, 5, 1)),
        ("㋿6年4月1日", date(2024, 4, 1)),
        ("H31.4.30", date(2019, 4, 30)),
        ("㍻31年4月30日", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("S64.1.7", date(1989, 1, 7)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        ("T15.12.24", date(1926, 12, 24)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("M45.7.29", date(1912, 7, 29)),
        ("明治6年1月1日", date(1873, 1, 1)),
        ("2024-04-01", date(2024, 4, 1)),
        ("２０２４－０４－０１", date(2024, 4, 1)),
        ("2024ー4ー1", date(2024, 4, 1)),
        ("2024/4/1", date(2024, 4, 1)),
        ("2024年4月1日", date(2024, 4, 1)),
        ("20240401", date(2024, 4, 1)),
        ("2024‐4‐1", date(2024, 4, 1)),
    ],
)
def test_reads_typed_dates(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key", "params"),
    [
        (
            "平成31年5月1日",
            "era_after_end",
            {"era_year": EraYear(HEISEI, 31), "end": d(2019, 4, 30), "after": d(2019, 5, 1), "next": EraYear(REIWA, 1)},
        ),
        (
            "S64.1.8",
            "era_after_end",
            {"era_year": EraYear(SHOWA, 64), "end": d(1989, 1, 7), "after": d(1989, 1, 8), "next": EraYear(HEISEI, 1)},
        ),
        (
            "明治45年7月30日",
            "era_after_end",
            {
                "era_year": EraYear(MEIJI, 45),
                "end": d(1912, 7, 29),
                "after": d(1912, 7, 30),
                "next": EraYear(TAISHO, 1),
            },
        ),
        (
            "令和元年4月30日",
            "era_before_start",
            {
                "era_year": EraYear(REIWA, 1),
                "start": d(2019, 5, 1),
                "before": d(2019, 4, 30),
                "previous": EraYear(HEISEI, 31),
            },
        ),
        (
            "平成元年1月7日",
            "era_before_start",
            {
                "era_year": EraYear(HEISEI, 1),
                "start": d(1989, 1, 8),
                "before": d(1989, 1, 7),
                "previous": EraYear(SHOWA, 64),
            },
        ),
        ("令和0年1月1日", "era_year_zero", {"era": REIWA}),
        ("昭和70年1月1日", "era_year_over", {"era": SHOWA, "last": 64, "western": 1989, "end": d(1989, 1, 7)}),
        ("H32.1.1", "era_year_over", {"era": HEISEI, "last": 31, "western": 2019, "end": d(2019, 4, 30)}),
        ("M5.1.1", "date_too_early", {}),
        ("1872-12-31", "date_too_early", {}),
        ("6.4.1", "era_needed", {}),
        ("2023-02-29", "date", {}),
        ("R6.13.1", "date", {}),
        ("R6.4.31", "date", {}),
        ("令和六年四月一日", "date", {}),
        ("abc", "date", {}),
        ("", "date", {}),
        ("R6.4.1" * 20, "date", {}),
    ],
)
def test_rejects_dates_no_era_holds(typed, key, params):
    with pytest.raises(DateInputError) as caught:
        parse_date(typed)
    assert (caught.value.key, caught.value.params) == (key, params)


def test_an_era_year_reads_as_japanese():
    assert [str(EraYear(REIWA, 1)), str(EraYear(HEISEI, 31))] == ["令和元年", "平成31年"]


@pytest.mark.parametrize(
    ("boxes", "era", "expected"),
    [
        (("6", "4", "1"), REIWA, date(2024, 4, 1)),
        (("元", "5", "1"), REIWA, date(2019, 5, 1)),
        (("元年", "5月", "1日"), REIWA, date(2019, 5, 1)),
        (("31", "4", "30"), HEISEI, date(2019, 4, 30)),
        (("R6", "4", "1"), SHOWA, date(2024, 4, 1)),  # the era typed in the box wins
        (("1985", "4", "1"), SHOWA, date(1985, 4, 1)),  # four digits are 西暦 whatever is chosen
        (("1985", "4", "1"), None, date(1985, 4, 1)),
        (("６０", "１２", "３１"), SHOWA, date(1985, 12, 31)),
        (("S60", "04", "01"), None, date(1985, 4, 1)),
    ],
)
def test_composes_three_boxes(boxes, era, expected):
    assert compose(*boxes, era) == expected


@pytest.mark.parametrize(
    ("boxes", "era", "key"),
    [
        (("31", "5", "1"), HEISEI, "era_after_end"),
        (("60", "4", "1"), None, "era_needed"),
        (("1985", "4", "x"), None, "date"),
        (("1985", "123", "1"), None, "date"),
        (("0", "1", "1"), REIWA, "era_year_zero"),
    ],
)
def test_three_boxes_are_as_strict(boxes, era, key):
    with pytest.raises(DateInputError) as caught:
        compose(*boxes, era)
    assert caught.value.key == key


def test_tells_a_whole_date_from_a_year():
    assert looks_whole("R6.4.1") and looks_whole("20240401") and looks_whole("令和元年5月1日")
    assert not looks_whole("R6") and not looks_whole("2024") and not looks_whole("令和元年")


def test_finds_the_era_typed_first():
    assert typed_era("ｈ31") is HEISEI and typed_era("昭和60年") is SHOWA and typed_era("1985") is None


def test_writes_dates_with_their_era():
    assert japanese_date(date(2024, 4, 1)) == "2024年4月1日（令和6年）"
    assert japanese_date(date(2019, 5, 1)) == "2019年5月1日（令和元年）"
    assert japanese_date(date(2019, 4, 30)) == "2019年4月30日（平成31年）"
    assert japanese_date(date(1989, 1, 7)) == "1989年1月7日（昭和64年）"
    assert era_year_text(date(1868, 1, 1)) == ""
    assert era_end(HEISEI) == date(2019, 4, 30) and era_end(REIWA) is None


@pytest.mark.parametrize("typed", ["1873-01-01", "1873/1/1", "1873年1月1日", "18730101", "明治6年1月1日", "M6.1.1"])
def test_the_first_gregorian_day_is_accepted_however_it_is_typed(typed):
    assert parse_date(typed) == date(1873, 1, 1)


@pytest.mark.parametrize("typed", ["1872-12-31", "18721231", "明治5年12月31日"])
def test_the_day_before_the_first_gregorian_day_is_too_early(typed):
    with pytest.raises(DateInputError) as caught:
        parse_date(typed)
    assert caught.value.key == "date_too_early"


def test_the_first_gregorian_day_in_three_boxes():
    assert compose("1873", "1", "1") == date(1873, 1, 1)
    assert compose("6", "1", "1", MEIJI) == date(1873, 1, 1)
    with pytest.raises(DateInputError) as caught:
        compose("1872", "12", "31", MEIJI)
    assert caught.value.key == "date_too_early"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({"birth-year": "1873", "birth-month": "1", "birth-day": "1"}, "1873-01-01"),
        ({"birth-year": "1873-01-01", "birth-month": "", "birth-day": ""}, "1873-01-01"),
        (
            {"birth-year": "1872", "birth-month": "12", "birth-day": "31"},
            "＊1873年（明治6年）1月1日より前の日付は入力できません。",
        ),
    ],
)
@pytest.mark.usefixtures("field_app")
def test_a_birth_date_field_takes_the_first_gregorian_day_and_refuses_the_day_before(typed, expected):
    form = form_of({"name": "birth", "type": "era_date", "label": "生年月日", "required": True})
    assert outcome(form, typed) == expected


def test_a_date_shows_meiji_from_the_day_the_era_began():
    # A 西暦 date field accepts any real date; its check page and receipt show the era beside it.
    assert japanese_date(date(1868, 10, 23)) == "1868年10月23日（明治元年）"
    assert japanese_date(date(1868, 10, 22)) == "1868年10月22日"
    assert japanese_date(date(1868, 9, 23)) == "1868年9月23日"
    assert japanese_date(date(1868, 11, 22)) == "1868年11月22日（明治元年）"


@pytest.mark.parametrize(("month", "day"), [("004", "1"), ("4", "001"), ("004", "001")])
def test_a_month_or_day_box_holds_at_most_two_digits(month, day):
    with pytest.raises(DateInputError) as caught:
        compose("1985", month, day)
    assert caught.value.key == "date"
    assert compose("1985", "04", "01") == date(1985, 4, 1)
