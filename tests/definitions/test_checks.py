"""Rules between answers (`checks`): operands naming another answer, ages, the fiscal year."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine

from formbuilder.definitions.checks import failing
from formbuilder.definitions.fiscal import age_on, fiscal_year_end, fiscal_year_start, reference_day
from formbuilder.definitions.loader import load_data
from formbuilder.definitions.model import Check, Field
from formbuilder.definitions.rules import evaluate, operand
from formbuilder.i18n import Text
from tests.conftest import FIXTURE_FORMS, ROOT

TOKYO_NOON = "+09:00"


def _field(*rules: dict) -> Field:
    checks = tuple(Check(rule, Text.of(f"message {i}")) for i, rule in enumerate(rules))
    return Field(name="own", type="text", label=Text.of("自分"), checks=checks)


class TestFiscalYear:
    @pytest.mark.parametrize(
        ("day", "start", "end"),
        [
            (date(2026, 4, 1), date(2026, 4, 1), date(2027, 3, 31)),
            (date(2026, 3, 31), date(2025, 4, 1), date(2026, 3, 31)),
            (date(2027, 1, 1), date(2026, 4, 1), date(2027, 3, 31)),
            (date(2028, 2, 29), date(2027, 4, 1), date(2028, 3, 31)),
        ],
    )
    def test_runs_from_1_april_to_31_march(self, day, start, end):
        assert (fiscal_year_start(day), fiscal_year_end(day)) == (start, end)

    def test_a_birthday_counts_from_its_own_day(self):
        assert age_on(date(2008, 4, 2), date(2026, 4, 1)) == 17
        assert age_on(date(2008, 4, 2), date(2026, 4, 2)) == 18
        assert age_on(date(2008, 4, 1), date(2026, 4, 1)) == 18

    def test_born_on_29_february_is_a_year_older_on_1_march_of_a_common_year(self):
        assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
        assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18
        assert age_on(date(2008, 2, 29), date(2028, 2, 29)) == 20

    def test_named_days_are_counted_from_today_in_japan(self):
        # 15:30 UTC on 31 March is already 1 April in Japan: a new fiscal year there.
        with time_machine.travel("2026-03-31T15:30:00+00:00", tick=False):
            assert reference_day("today") == date(2026, 4, 1)
            assert reference_day("fiscal_year_start") == date(2026, 4, 1)
            assert reference_day("fiscal_year_end") == date(2027, 3, 31)
        assert reference_day("2027-04-01") == date(2027, 4, 1)


# 児童手当: until the first 31 March after the 18th birthday is reached (the day before it).
CHILD_ALLOWANCE = {"field": "birth", "age_under": {"years": 18, "on": "fiscal_year_start"}}


class TestChildAllowanceAge:
    @pytest.mark.parametrize(
        ("today", "born", "covered"),
        [
            # Born 1 April 2008: reaches 18 on 31 March 2026, covered until that day.
            ("2026-03-31", "2008-04-01", True),
            ("2026-04-01", "2008-04-01", False),
            # Born 2 April 2008: reaches 18 on 1 April 2026, covered until 31 March 2027.
            ("2026-04-01", "2008-04-02", True),
            ("2027-03-31", "2008-04-02", True),
            ("2027-04-01", "2008-04-02", False),
            # Born 29 February 2008: reaches 18 on 28 February 2026, covered until 31 March 2026.
            ("2026-03-31", "2008-02-29", True),
            ("2026-04-01", "2008-02-29", False),
            # A baby is covered.
            ("2026-04-01", "2026-03-31", True),
        ],
    )
    def test_covers_a_child_until_the_31_march_after_reaching_18(self, today, born, covered):
        with time_machine.travel(f"{today}T12:00:00{TOKYO_NOON}", tick=False):
            assert evaluate(CHILD_ALLOWANCE, {"birth": born}) is covered

    def test_age_at_least_today_by_default(self):
        with time_machine.travel(f"2026-06-01T12:00:00{TOKYO_NOON}", tick=False):
            assert evaluate({"field": "birth", "age_at_least": 65}, {"birth": "1961-06-01"})
            assert not evaluate({"field": "birth", "age_at_least": 65}, {"birth": "1961-06-02"})

    def test_age_on_another_answer(self):
        rule = {"field": "birth", "age_under": {"years": 3, "on": {"answer": "start"}}}
        assert evaluate(rule, {"birth": "2023-04-02", "start": "2026-04-01"})
        assert not evaluate(rule, {"birth": "2023-04-01", "start": "2026-04-01"})
        assert not evaluate(rule, {"birth": "2023-04-01"})  # no day to count on


class TestOperands:
    def test_a_date_answer_plus_days(self):
        assert operand({"answer": "birth", "plus_days": 91}, {"birth": "2024-01-01"}) == "2024-04-01"
        assert operand({"answer": "birth", "plus_days": -1}, {"birth": "2024-03-01"}) == "2024-02-29"

    def test_compares_with_91_days_after_a_birth(self):
        rule = {"field": "start", "gte": {"answer": "birth", "plus_days": 91}}
        assert evaluate(rule, {"birth": "2024-01-01", "start": "2024-04-01"})
        assert not evaluate(rule, {"birth": "2024-01-01", "start": "2024-03-31"})

    def test_numbers_compare_as_numbers_also_when_stored_as_text(self):
        rule = {"field": "people", "gte": {"answer": "adults"}}
        assert evaluate(rule, {"people": 10, "adults": 9})
        assert not evaluate(rule, {"people": 9, "adults": 10})
        assert evaluate({"field": "litres", "gt": {"answer": "used"}}, {"litres": "10.5", "used": "9.75"})

    def test_count_of_a_list_answer(self):
        children = [{"name": "太郎"}, {"name": "花子"}]
        rule = {"field": "total", "equals": {"count": "children"}}
        assert evaluate(rule, {"total": 2, "children": children})
        assert not evaluate(rule, {"total": 3, "children": children})
        assert evaluate({"field": "total", "equals": {"count": "children"}}, {"total": 0})  # no items

    def test_a_missing_answer_compares_with_nothing(self):
        assert not evaluate({"field": "start", "gte": {"answer": "birth"}}, {"start": "2024-01-01"})


class TestFailing:
    def test_at_least_one_of_two_answers(self):
        field = _field({"any": [{"field": "phone", "answered": True}, {"field": "email", "answered": True}]})
        assert failing(field, {}).message.get() == "message 0"
        assert failing(field, {"email": "a@example.jp"}) is None
        assert failing(field, {"phone": "090-1234-5678"}) is None

    def test_is_not_tested_while_an_answer_it_compares_is_missing(self):
        field = _field({"field": "start", "gte": {"answer": "birth", "plus_days": 91}})
        assert failing(field, {"start": "2024-01-01"}) is None
        assert failing(field, {"birth": "2024-01-01"}) is None
        assert failing(field, {"birth": "2024-01-01", "start": "2024-01-02"}) is not None

    def test_waits_for_a_field_with_its_own_error(self):
        field = _field({"any": [{"field": "phone", "answered": True}, {"field": "email", "answered": True}]})
        assert failing(field, {}, broken={"email"}) is None

    def test_the_first_failing_check_is_the_one_shown(self):
        field = _field({"field": "n", "gte": 5}, {"field": "n", "gte": 10})
        assert failing(field, {"n": 3}).message.get() == "message 0"
        assert failing(field, {"n": 7}).message.get() == "message 1"

    def test_a_count_is_tested_with_no_items(self):
        field = _field({"field": "total", "equals": {"count": "children"}})
        assert failing(field, {"total": 1}) is not None


def _page_example(fields: list) -> dict:
    return {
        "slug": "example",
        "version": "1",
        "title": "例",
        "department": "test",
        "pages": [{"id": "p", "title": "例", "fields": fields}],
    }


def test_the_guides_check_examples_are_valid_pages():
    guide = (ROOT / "docs" / "form-definitions.md").read_text(encoding="utf-8")
    section = guide.split("## Rules between answers (`checks`)")[1].split("\n## ")[0]
    blocks = [json.loads(b) for b in section.split("```json\n")[1:] for b in [b.split("```")[0]] if b.startswith("[")]
    assert len(blocks) == 2
    for fields in blocks:
        assert [str(p) for p in load_data(_page_example(fields)).problems] == []


def test_fixture_form_loads():
    raw = json.loads((FIXTURE_FORMS / "cross-rules.json").read_text(encoding="utf-8"))
    assert load_data(raw, "cross-rules.json").problems == []


def test_a_check_inside_a_group_item_is_refused():
    item = {
        "name": "born",
        "type": "date",
        "label": "生年月日",
        "checks": [{"rule": {"field": "born", "age_under": 18}, "message": "＊18歳未満のお子さんが対象です。"}],
    }
    group = {"name": "children", "type": "group", "label": "お子さん", "max": 3, "fields": [item]}
    problems = [(p.pointer, p.message) for p in load_data(_page_example([group])).problems]
    assert problems == [
        (
            "/pages/0/fields/0/fields/0/checks",
            "a field inside a group cannot have checks; put the check on a field outside the group",
        )
    ]


def _problems(rule: dict) -> list[tuple[str, str]]:
    fields = [
        {"name": "birth", "type": "date", "label": "生年月日"},
        {
            "name": "start",
            "type": "date",
            "label": "開始日",
            "checks": [{"rule": rule, "message": "＊確かめてください。"}],
        },
    ]
    return [(p.pointer, p.message) for p in load_data(_page_example(fields)).problems]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            {"field": "start", "gte": {"answer": "birth", "plus_day": 91}},
            (
                "/pages/0/fields/1/checks/0/rule/gte/plus_day",
                "'plus_day' cannot be used here (did you mean 'plus_days'?)",
            ),
        ),
        (
            {"field": "start", "gte": {"answer": "birth", "plus_days": "91"}},
            ("/pages/0/fields/1/checks/0/rule/gte/plus_days", "must be a whole number, without quotes (found '91')"),
        ),
        (
            {"field": "birth", "age_under": {"years": 18, "on": "fiscal_year"}},
            (
                "/pages/0/fields/1/checks/0/rule/age_under/on",
                "'fiscal_year' is not a day to count an age on; use today, fiscal_year_start, fiscal_year_end, "
                'a date YYYY-MM-DD or {"answer": "a date field"}',
            ),
        ),
        (
            {"all": [{"field": "birth", "ageunder": 3}]},
            (
                "/pages/0/fields/1/checks/0/rule/all/0/ageunder",
                "'ageunder' is not a rule operator (did you mean 'age_under'?)",
            ),
        ),
    ],
)
def test_a_mistake_in_a_checks_rule_is_explained_at_its_place(rule, expected):
    assert _problems(rule) == [expected]


def test_an_age_counted_on_a_date_is_not_blamed_for_another_mistake():
    rule = {"field": "birth", "age_under": {"years": "18", "on": "2027-04-01"}}
    assert _problems(rule) == [
        ("/pages/0/fields/1/checks/0/rule/age_under/years", "must be a whole number, without quotes (found '18')")
    ]
