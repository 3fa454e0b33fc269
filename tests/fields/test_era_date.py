"""era_date: 西暦 or 和暦 in three boxes (or typed whole), strict era edges, relative limits."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from flask import current_app, render_template

from formbuilder.definitions.loader import load_data
from formbuilder.fields import REGISTRY
from formbuilder.flows.answers import evaluate_all
from tests.fields.one_field import field_app, form_of, outcome, post  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

BIRTH = {"name": "birth", "type": "era_date", "label": "生年月日", "required": True}
APRIL_2026 = datetime(2026, 4, 1, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def boxes(year: str = "", month: str = "", day: str = "", era: str | None = None, name: str = "birth") -> dict:
    typed = {f"{name}-year": year, f"{name}-month": month, f"{name}-day": day}
    if era is not None:
        typed[f"{name}-era"] = era
    return typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("6", "4", "1", "reiwa"), "2024-04-01"),
        (boxes("2024", "4", "1", "western"), "2024-04-01"),
        (boxes("2024", "4", "1"), "2024-04-01"),  # 西暦 is preselected by default
        (boxes("R6.4.1"), "2024-04-01"),
        (boxes("令和元年5月1日"), "2019-05-01"),
        (boxes("元", "5", "1", "reiwa"), "2019-05-01"),
        (boxes("H31.4.30"), "2019-04-30"),
        (boxes("31", "4", "30", "heisei"), "2019-04-30"),
        (boxes("S64.1.7"), "1989-01-07"),
        (boxes("64", "1", "7", "showa"), "1989-01-07"),
        (boxes("６０", "４", "１", "showa"), "1985-04-01"),
        (boxes("Ｓ６０．４．１"), "1985-04-01"),
        (boxes("1985ー04ー01"), "1985-04-01"),
        (boxes(" 1985 ", " 4 ", " 1 "), "1985-04-01"),
        (boxes("平成31年5月1日"), "＊平成31年は4月30日までです。5月1日以降は令和元年です。"),
        (boxes("31", "5", "1", "heisei"), "＊平成31年は4月30日までです。5月1日以降は令和元年です。"),
        (boxes("S64.1.8"), "＊昭和64年は1月7日までです。1月8日以降は平成元年です。"),
        (boxes("64", "1", "8", "showa"), "＊昭和64年は1月7日までです。1月8日以降は平成元年です。"),
        (boxes("元", "4", "30", "reiwa"), "＊令和元年は5月1日からです。4月30日までは平成31年です。"),
        (boxes("0", "1", "1", "reiwa"), "＊令和0年という年はありません。最初の年は令和元年です。"),
        (boxes("70", "1", "1", "showa"), "＊昭和は64年（1989年）1月7日までです。"),
        (boxes("1850", "1", "1"), "＊1873年（明治6年）1月1日より前の日付は入力できません。"),
        (
            boxes("60", "4", "1", "western"),
            "＊年は西暦の4桁（例：1985）で入力するか、元号を付けて入力してください（例：昭和60、S60）。",
        ),
        (boxes("2023", "2", "29"), "＊正しい日付を入力してください。"),
        (boxes("abc", "4", "1"), "＊正しい日付を入力してください。"),
        (boxes("2" * 200, "4", "1"), "＊正しい日付を入力してください。"),
        (boxes("1985", "4", "1" * 50), "＊正しい日付を入力してください。"),
        (boxes("R6.4.1", "4", "1"), "＊年の欄に日付をまとめて入力したときは、月と日の欄を空にしてください。"),
        (boxes("2024"), "＊生年月日は年・月・日をすべて入力してください。"),
        (boxes("", "4", "1"), "＊生年月日は年・月・日をすべて入力してください。"),
        (boxes(), "＊生年月日を入力してください。"),
        (boxes(era="reiwa"), "＊生年月日を入力してください。"),  # the era select alone is no answer
    ],
)
def test_typed_date_to_stored_value_or_message(typed, expected):
    assert outcome(form_of(BIRTH), typed) == expected


def test_unanswered_optional_date_stores_nothing():
    definition = form_of({**BIRTH, "required": False})
    result = post(definition, boxes(era="showa"))
    assert result.valid and result.values == {}


ERAS_LIMITED = {**BIRTH, "eras": ["showa", "heisei", "reiwa"]}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("60", "4", "1", "showa"), "1985-04-01"),
        (boxes("60", "4", "1"), "1985-04-01"),  # the first era listed is preselected
        (boxes("60", "4", "1", "meiji"), "1985-04-01"),  # an era not offered falls back to the first
        (boxes("1920", "4", "1"), "1920-04-01"),  # 西暦 stays unambiguous
        (boxes("T9.4.1"), "＊生年月日の元号は、昭和・平成・令和から選んでください。"),
    ],
)
def test_eras_limit_the_select_and_typed_eras(typed, expected):
    assert outcome(form_of(ERAS_LIMITED), typed) == expected


@time_machine.travel(APRIL_2026, tick=False)
@pytest.mark.parametrize(
    ("options", "typed", "expected"),
    [
        ({"min": "today-14", "max": "today"}, boxes("2026", "3", "18"), "2026-03-18"),
        (
            {"min": "today-14", "max": "today"},
            boxes("2026", "3", "17"),
            "＊生年月日は2026年3月18日（令和8年）以降の日付を入力してください。",
        ),
        (
            {"min": "today-14", "max": "today"},
            boxes("R8.4.2"),
            "＊生年月日は2026年4月1日（令和8年）以前の日付を入力してください。",
        ),
        ({"age_max": 18}, boxes("2007", "4", "2"), "2007-04-02"),
        ({"age_max": 18}, boxes("H19.4.1"), "＊18歳以下の方が対象です。生年月日を確かめてください。"),
        ({"age_min": 65}, boxes("S36.4.1"), "1961-04-01"),
        ({"age_min": 65}, boxes("S36.4.2"), "＊65歳以上の方が対象です。生年月日を確かめてください。"),
        ({"age_max": 18}, boxes("2026", "4", "2"), "＊生年月日は2026年4月1日（令和8年）以前の日付を入力してください。"),
        ({"age_min": 0, "age_max": 0}, boxes("R8.4.1"), "2026-04-01"),
    ],
)
def test_limits_relative_to_today(options, typed, expected):
    assert outcome(form_of({**BIRTH, **options}), typed) == expected


def test_a_leap_day_birthday_counts_on_the_first_of_march():
    definition = form_of({**BIRTH, "age_min": 18})
    with time_machine.travel(datetime(2026, 2, 28, 12, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False):
        assert outcome(definition, boxes("2008", "2", "29")).startswith("＊18歳以上")
    with time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False):
        assert outcome(definition, boxes("2008", "2", "29")) == "2008-02-29"


MOVED = {"name": "moved", "type": "era_date", "label": "転入日", "required": True, "after_field": "birth"}


def test_after_field_compares_with_an_earlier_field_on_the_same_page():
    definition = form_of(BIRTH, MOVED)
    ok = post(definition, {**boxes("R2.4.1"), **boxes("R6.4.1", name="moved")})
    assert ok.values == {"birth": "2020-04-01", "moved": "2024-04-01"}
    wrong = post(definition, {**boxes("R6.4.1"), **boxes("R2.4.1", name="moved")})
    assert wrong.errors == {"moved": ["＊転入日は2024年4月1日（令和6年）より後の日付を入力してください。"]}
    same_day = post(definition, {**boxes("R6.4.1"), **boxes("2024", "4", "1", name="moved")})
    assert list(same_day.errors) == ["moved"]


def test_after_field_compares_with_an_answer_of_an_earlier_page():
    raw = {
        "slug": "t",
        "version": "1",
        "title": "t",
        "department": "test",
        "pages": [
            {"id": "child", "title": "子", "fields": [BIRTH]},
            {"id": "move", "title": "転入", "fields": [MOVED]},
        ],
    }
    definition = load_data(raw).definition
    typed = {**boxes("R3.1.1"), **boxes("R2.4.1", name="moved")}
    evaluation = evaluate_all(definition, {name: [value] for name, value in typed.items()})
    assert evaluation.result("move").errors == {
        "moved": ["＊転入日は2021年1月1日（令和3年）より後の日付を入力してください。"]
    }


def test_after_field_is_skipped_while_the_earlier_date_is_unanswered():
    definition = form_of({**BIRTH, "required": False}, MOVED)
    assert post(definition, boxes("R2.4.1", name="moved")).values == {"moved": "2020-04-01"}


def _problems(*fields):
    raw = {
        "slug": "t",
        "version": "1",
        "title": "t",
        "department": "test",
        "pages": [{"id": "p", "title": "p", "fields": list(fields)}],
    }
    return [(p.pointer, p.message) for p in load_data(raw).problems]


def test_linter_checks_after_field_and_ages():
    text = {"name": "note", "type": "text", "label": "メモ"}
    assert _problems(MOVED, BIRTH) == [
        ("/pages/0/fields/0/after_field", "after_field refers to 'birth', which is not a field asked before this one")
    ]
    assert _problems(text, {**MOVED, "after_field": "note"}) == [
        ("/pages/0/fields/1/after_field", "after_field refers to 'note', a text field (expected date or era_date)")
    ]
    assert _problems({**BIRTH, "age_min": 20, "age_max": 18}) == [
        ("/pages/0/fields/0/age_min", "age_min is greater than age_max")
    ]
    assert _problems({**BIRTH, "eras": ["heian"]})[0][0] == "/pages/0/fields/0/eras/0"


def test_displays_western_date_with_its_era_and_exports_iso():
    definition = form_of(BIRTH)
    field = definition.pages[0].fields[0]
    kind = REGISTRY["era_date"]
    assert kind.display(field, "2024-04-01", "ja") == "2024年4月1日（令和6年）"
    assert kind.display(field, "2019-05-01", "ja") == "2019年5月1日（令和元年）"
    assert kind.display(field, "2024-04-01", "en") == "April 1, 2024"
    assert kind.display(field, None, "ja") == ""
    assert kind.csv_headers(field, "ja") == ["生年月日"]
    assert kind.csv_cells(field, "2024-04-01") == ["2024-04-01"]


def render(definition, typed, show_errors=True):
    result = post(definition, typed)
    field = definition.pages[0].fields[0]
    return render_template(
        REGISTRY[field.type].template,
        field=field,
        ftype=REGISTRY[field.type],
        wt=result.form[field.name],
        errors=result.errors.get(field.name, []) if show_errors else [],
    )


def test_boxes_stay_as_typed_after_an_error():
    html = render(form_of(BIRTH), boxes("３１", "5", "1", "heisei"))
    assert 'value="３１"' in html and 'value="5"' in html and 'value="1"' in html
    assert '<option value="heisei" selected>' in html
    assert "平成31年は4月30日までです" in html and 'aria-invalid="true"' in html


def test_renders_era_select_in_the_order_given_and_numeric_boxes():
    html = render(form_of({**ERAS_LIMITED, "autocomplete": "bday"}), {}, show_errors=False)
    options = [line.strip() for line in html.splitlines() if "<option" in line]
    assert options == [
        '<option value="showa" selected>昭和</option>',
        '<option value="heisei">平成</option>',
        '<option value="reiwa">令和</option>',
    ]
    assert html.count('inputmode="numeric"') == 3 and 'autocomplete="bday-year"' in html
    assert '<label for="birth-era" class="visually-hidden">元号</label>' in html


def test_a_single_era_needs_no_select():
    definition = form_of({**BIRTH, "eras": ["reiwa"]})
    assert "<select" not in render(definition, {}, show_errors=False)
    assert REGISTRY["era_date"].input_names(definition.pages[0].fields[0]) == ["birth-year", "birth-month", "birth-day"]
    assert outcome(definition, boxes("6", "4", "1")) == "2024-04-01"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "＊Heisei 31 ends on April 30. From May 1 it is Reiwa 1."),
        ("en", "＊Shōwa ends in year 64 (1989), on January 7."),
        ("ko", "＊헤이세이 31년은(는) 4월 30일까지입니다. 5월 1일부터는 레이와 원년입니다."),
        ("zh-Hans", "＊平成31年到4月30日为止。5月1日以后是令和元年。"),
        ("vi", "＊năm Heisei thứ 31 kết thúc vào 30 tháng 4. Từ 1 tháng 5 là năm Reiwa thứ 1."),
        ("ja-easy", "＊平成（へいせい）31年は 4月30日までです。5月1日からは 令和（れいわ）元年（がんねん）です。"),
    ],
)
def test_era_edges_are_explained_in_the_readers_language(lang, expected):
    """A foreign resident who picked 平成 from the select reads the era and the days in their words."""
    typed = boxes("70", "1", "1", "showa") if "64" in expected else boxes("31", "5", "1", "heisei")
    app = current_app._get_current_object()
    with app.app_context(), app.test_request_context(f"/?lang={lang}"):  # a fresh g
        assert outcome(form_of(BIRTH), typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (boxes("R6.4.1", "4", ""), "＊年の欄に日付をまとめて入力したときは、月と日の欄を空にしてください。"),
        (boxes("R6.4.1", "", "1"), "＊年の欄に日付をまとめて入力したときは、月と日の欄を空にしてください。"),
        (
            {"birth-year": "1985", "birth-month": "4"},
            "＊生年月日は年・月・日をすべて入力してください。",
        ),  # no day box sent
        ({"birth-year": "R6.4.1"}, "2024-04-01"),  # only the year box sent: a whole date
    ],
)
def test_a_whole_date_leaves_both_other_boxes_empty_and_unsent_boxes_are_empty(typed, expected):
    assert outcome(form_of(BIRTH), typed) == expected


@time_machine.travel(APRIL_2026, tick=False)
def test_the_last_day_allowed_is_accepted():
    assert outcome(form_of({**BIRTH, "max": "today"}), boxes("2026", "4", "1")) == "2026-04-01"
    assert outcome(form_of({**BIRTH, "max": "2026-03-31"}), boxes("R8.3.31")) == "2026-03-31"


def test_a_fresh_page_shows_empty_boxes():
    html = render(form_of(BIRTH), {}, show_errors=False)
    values = [re.search(r'value="([^"]*)"', line).group(1) for line in html.splitlines() if "<input" in line]
    assert values == ["", "", ""]


def test_a_single_era_is_named_beside_the_year_box():
    """With 令和 the one era offered, the citizen sees 令和 before the year box; screen readers hear it."""
    html = render(form_of({**BIRTH, "eras": ["reiwa"]}), {}, show_errors=False)
    assert '<span class="era-word" aria-hidden="true">令和</span>' in html
    assert '<label for="birth-year"><span class="visually-hidden">令和</span>年</label>' in html
    assert "era-word" not in render(form_of({**BIRTH, "eras": ["western"]}), {}, show_errors=False)


@time_machine.travel(APRIL_2026, tick=False)
@pytest.mark.parametrize(
    ("options", "typed", "expected"),
    [
        (
            {"max": "today"},
            boxes("60", "4", "1"),
            "＊令和60年は2078年です。生年月日は2026年4月1日（令和8年）以前の日付を入力してください。",
        ),
        (
            {},
            boxes("200", "4", "1"),
            "＊令和200年は2218年です。生年月日は2126年4月1日（令和108年）以前の日付を入力してください。",
        ),
        ({}, boxes("60", "4", "1"), "2078-04-01"),  # no max: 52 years ahead is read as 令和60, shown beside the box
        ({"max": "today"}, boxes("8", "4", "1"), "2026-04-01"),
        # four digits are a western year, not one read in the era: the ordinary message of the max
        (
            {"max": "today"},
            boxes("2078", "4", "1"),
            "＊生年月日は2026年4月1日（令和8年）以前の日付を入力してください。",
        ),
    ],
)
def test_a_single_era_refuses_a_year_beyond_the_max_naming_how_it_was_read(options, typed, expected):
    assert outcome(form_of({**BIRTH, "eras": ["reiwa"], **options}), typed) == expected
