"""Rules as data: `evaluate` against the answers given so far."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from formbuilder.definitions.model import freeze
from formbuilder.definitions.rules import compared_answers, evaluate, operand_fields, referenced_fields

ANSWERS: dict[str, Any] = {
    "usage": "business",
    "people": 3,
    "weight": "1.5",  # a number field with integer: false stores a decimal string
    "start_date": "2024-04-01",
    "items": ["sofa", "bed"],
    "agree": True,
    "note": "",
}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # equals
        ({"field": "usage", "equals": "business"}, True),
        ({"field": "usage", "equals": "household"}, False),
        ({"field": "usage", "equals": "Business"}, False),
        ({"field": "people", "equals": 3}, True),
        ({"field": "people", "equals": "3"}, True),
        ({"field": "weight", "equals": 1.5}, True),
        ({"field": "weight", "equals": 1.50}, True),
        ({"field": "agree", "equals": True}, True),
        ({"field": "agree", "equals": 1}, False),
        ({"field": "people", "equals": True}, False),
        # in
        ({"field": "usage", "in": ["household", "business"]}, True),
        ({"field": "usage", "in": ["household"]}, False),
        ({"field": "people", "in": [1, 2, 3]}, True),
        # lists (checkboxes): equals and in look for one of the ticked values
        ({"field": "items", "equals": "bed"}, True),
        ({"field": "items", "equals": "desk"}, False),
        ({"field": "items", "in": ["desk", "sofa"]}, True),
        ({"field": "items", "in": ["desk", "chair"]}, False),
        ({"field": "items", "gt": 1}, False),
        # answered
        ({"field": "usage", "answered": True}, True),
        ({"field": "usage", "answered": False}, False),
        ({"field": "note", "answered": True}, False),
        ({"field": "note", "answered": False}, True),
        ({"field": "items", "answered": True}, True),
        # numbers compare as numbers
        ({"field": "people", "gt": 2}, True),
        ({"field": "people", "gt": 3}, False),
        ({"field": "people", "gte": 3}, True),
        ({"field": "people", "lt": 3}, False),
        ({"field": "people", "lte": 3}, True),
        ({"field": "people", "lt": 10}, True),  # as strings "3" > "10"
        ({"field": "weight", "gt": 1}, True),
        ({"field": "weight", "lte": 1.4}, False),
        ({"field": "usage", "gt": 1}, False),  # text is not a number
        # ISO dates compare as dates
        ({"field": "start_date", "gte": "2024-04-01"}, True),
        ({"field": "start_date", "gt": "2024-04-01"}, False),
        ({"field": "start_date", "lt": "2024-12-31"}, True),
        ({"field": "start_date", "lte": "2024-03-31"}, False),
        ({"field": "start_date", "gt": 2024}, False),  # a date is not a number
        # all, any, not
        ({"all": [{"field": "usage", "equals": "business"}, {"field": "people", "gte": 3}]}, True),
        ({"all": [{"field": "usage", "equals": "business"}, {"field": "people", "gt": 3}]}, False),
        ({"any": [{"field": "usage", "equals": "household"}, {"field": "people", "gt": 2}]}, True),
        ({"any": [{"field": "usage", "equals": "household"}, {"field": "people", "gt": 3}]}, False),
        ({"not": {"field": "usage", "equals": "household"}}, True),
        ({"not": {"all": [{"field": "agree", "equals": True}, {"field": "items", "equals": "bed"}]}}, False),
        ({"any": [{"not": {"field": "usage", "answered": True}}, {"all": [{"field": "people", "in": [3]}]}]}, True),
    ],
)
def test_rule_holds_for_the_answers(rule, expected):
    assert evaluate(freeze(rule), ANSWERS) is expected


@pytest.mark.parametrize(
    "rule",
    [
        {"field": "missing", "equals": "x"},
        {"field": "missing", "in": ["x"]},
        {"field": "missing", "gt": 0},
        {"field": "missing", "gte": "2000-01-01"},
        {"field": "missing", "lt": 100},
        {"field": "missing", "lte": "9999-12-31"},
        {"field": "missing", "answered": True},
    ],
)
def test_unanswered_field_makes_every_condition_false(rule):
    assert evaluate(freeze(rule), ANSWERS) is False


def test_not_of_an_unanswered_condition_is_true():
    assert evaluate(freeze({"not": {"field": "missing", "equals": "x"}}), ANSWERS) is True


def test_unanswered_field_answers_answered_false():
    assert evaluate(freeze({"field": "missing", "answered": False}), {}) is True


def test_absent_rule_always_holds():
    assert evaluate(None, {}) is True


def test_rule_sees_values_frozen_as_tuples():
    assert evaluate(freeze({"field": "items", "equals": "sofa"}), {"items": ("sofa",)}) is True


def test_referenced_fields_names_each_condition_with_its_pointer():
    rule = freeze({"all": [{"field": "a", "equals": "x"}, {"not": {"any": [{"field": "b", "answered": True}]}}]})
    assert [(name, pointer) for name, pointer, _ in referenced_fields(rule, "/when")] == [
        ("a", "/when/all/0/field"),
        ("b", "/when/all/1/not/any/0/field"),
    ]


@pytest.mark.parametrize(
    "rule",
    [
        # A number in the rule never equals a text answer: "business" is not 1, and not an error.
        {"field": "usage", "equals": 1},
        {"field": "usage", "in": [1, 2]},
        {"field": "items", "equals": 1},
        # A text limit never compares with a number or with a list of ticked boxes.
        {"field": "people", "gt": "2"},
        {"field": "people", "lte": "9"},
        {"field": "items", "gte": "2024-01-01"},
        {"field": "items", "lt": "zzz"},
        {"field": "agree", "gte": "a"},
    ],
)
def test_a_condition_of_another_kind_than_the_answer_never_holds(rule):
    assert evaluate(freeze(rule), ANSWERS) is False


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        # `answered` is false for every empty answer, lists and frozen tuples included.
        ({"field": "items", "answered": True}, {"items": []}, False),
        ({"field": "items", "answered": True}, {"items": ()}, False),
        ({"field": "items", "answered": False}, {"items": ()}, True),
        # Numbers equal as numbers whichever side is the text: a decimal answer is stored as "2".
        ({"field": "weight", "equals": 2}, {"weight": "2"}, True),
        ({"field": "ratio", "equals": "0.50"}, {"ratio": 0.5}, True),
        ({"field": "weight", "lt": 9.5}, {"weight": "10.5"}, False),  # as text "10.5" < "9.5"
        ({"field": "weight", "gt": 9.5}, {"weight": "10.5"}, True),
        # A rule with no operator the engine knows never holds.
        ({"field": "usage", "matches": "business"}, {"usage": "business"}, False),
    ],
)
def test_rule_holds_for_these_values(rule, values, expected):
    assert evaluate(freeze(rule), values) is expected


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        # {"count": …} counts a list answer, frozen as a tuple too; an unanswered one counts 0.
        ({"field": "people", "equals": {"count": "kids"}}, {"people": 3, "kids": ("a", "b", "c")}, True),
        ({"field": "people", "equals": {"count": "kids"}}, {"people": 3, "kids": ["a", "b", "c"]}, True),
        ({"field": "people", "equals": {"count": "kids"}}, {"people": 0}, True),
        # {"answer": …} reads another answer; one that is empty, a list or a dict is nothing to compare.
        ({"field": "people", "gte": {"answer": "adults"}}, {"people": 3, "adults": 2}, True),
        ({"field": "people", "gte": {"answer": "adults"}}, {"people": 3, "adults": "2"}, True),
        ({"field": "start", "gte": {"answer": "other"}}, {"start": "2024-04-01", "other": ""}, False),
        ({"field": "start", "lt": {"answer": "items"}}, {"start": "2024-04-01", "items": ["sofa"]}, False),
        ({"field": "start", "gt": {"answer": "items"}}, {"start": "2024-04-01", "items": ("sofa",)}, False),
        ({"field": "start", "lt": {"answer": "owner"}}, {"start": "2024-04-01", "owner": {"family": "山田"}}, False),
        ({"field": "start", "lt": {"answer": "missing"}}, {"start": "2024-04-01"}, False),
        # … plus days, when the answer is a date; a text or a day past year 9999 gives nothing.
        (
            {"field": "start", "gte": {"answer": "birth", "plus_days": 91}},
            {"start": "2024-04-01", "birth": "2024-01-01"},
            True,
        ),
        (
            {"field": "start", "gte": {"answer": "birth", "plus_days": 92}},
            {"start": "2024-04-01", "birth": "2024-01-01"},
            False,
        ),
        (
            {"field": "start", "lt": {"answer": "usage", "plus_days": 1}},
            {"start": "2024-04-01", "usage": "business"},
            False,
        ),
        (
            {"field": "start", "lt": {"answer": "birth", "plus_days": 36600}},
            {"start": "2024-04-01", "birth": "9990-01-01"},
            False,
        ),
    ],
)
def test_a_rule_compares_with_another_answer(rule, values, expected):
    assert evaluate(freeze(rule), values) is expected


@time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        ({"field": "birth", "age_under": 18}, {"birth": "2008-04-02"}, True),  # 17 today
        ({"field": "birth", "age_under": 18}, {"birth": "2008-04-01"}, False),  # 18 today
        ({"field": "birth", "age_at_least": 18}, {"birth": "2008-04-01"}, True),
        ({"field": "birth", "age_under": {"years": 18}}, {"birth": "2008-04-02"}, True),  # "on" defaults to today
        (
            {"field": "birth", "age_under": {"years": 18, "on": {"answer": "moved"}}},
            {"birth": "2008-04-01", "moved": "2026-03-31"},
            True,
        ),
        ({"field": "birth", "age_under": {"years": 18, "on": {"answer": "moved"}}}, {"birth": "2008-04-01"}, False),
        ({"field": "usage", "age_under": 18}, {"usage": "business"}, False),  # not a date: no age
        ({"field": "usage", "age_at_least": 18}, {"usage": "business"}, False),
    ],
)
def test_an_age_rule_counts_completed_years_in_japan(rule, values, expected):
    assert evaluate(freeze(rule), values) is expected


def test_operand_fields_name_every_answer_a_rule_reads_with_its_pointer():
    rule = freeze(
        {
            "all": [
                {"field": "a", "gte": {"answer": "b", "plus_days": 1}},
                {"any": [{"field": "c", "lte": {"count": "d"}}, {"field": "g", "answered": True}]},
                {"not": {"field": "e", "age_under": {"years": 18, "on": {"answer": "f"}}}},
            ]
        }
    )
    assert list(operand_fields(rule, "/when")) == [
        ("b", "/when/all/0/gte/answer"),
        ("d", "/when/all/1/any/0/lte/count"),
        ("f", "/when/all/2/not/age_under/on/answer"),
    ]
    # What a check waits for: the answers it compares, not those it counts or only asks `answered` of.
    assert compared_answers(rule) == {"a", "b", "c", "e", "f"}
