"""The linter refuses exactly the conditions the rules engine never makes true, and keeps the others."""

from __future__ import annotations

from typing import Any

import pytest

from formbuilder.definitions.explain import explain
from formbuilder.definitions.loader import _validator, load_data
from formbuilder.definitions.model import freeze
from formbuilder.definitions.rules import evaluate
from formbuilder.fields import REGISTRY

FIELDS = [
    {"name": "people", "type": "number", "label": "人数", "min": 1, "max": 20},
    {"name": "weight", "type": "number", "label": "重さ", "integer": False},
    {"name": "start", "type": "date", "label": "開始日"},
    {"name": "agree", "type": "checkbox", "label": "同意"},
    {"name": "usage", "type": "radio", "label": "用途", "choices": [{"value": "home", "label": "家庭"}]},
    {"name": "note", "type": "text", "label": "備考", "max_length": 20},
    {"name": "owner", "type": "name", "label": "氏名"},
]
# What each field can store (the answers after the page was checked), several for each.
STORED: dict[str, list[Any]] = {
    "people": [1, 2, 3, 20],
    "weight": ["0.5", "2", "2.5"],
    "start": ["2024-03-31", "2024-04-01", "2030-01-01"],
    "agree": [True],
    "usage": ["home"],
    "note": ["はい", "yes", "2"],
    "owner": [{"family": "山田", "given": "太郎"}],
}


def problems(rule: dict[str, Any]) -> list[str]:
    follow_up = {"name": "follow_up", "type": "text", "label": "続き", "max_length": 20, "when": rule}
    raw = {
        "slug": "operands",
        "version": "1",
        "title": "テスト届",
        "department": "test",
        "pages": [
            {"id": "first", "title": "一", "fields": FIELDS},
            {"id": "second", "title": "二", "fields": [follow_up]},
        ],
    }
    return [problem.message for problem in load_data(raw).problems]


def ever_true(rule: dict[str, Any]) -> bool:
    return any(evaluate(freeze(rule), {rule["field"]: value}) for value in STORED[rule["field"]])


@pytest.mark.parametrize(
    "rule",
    [
        {"field": "people", "gt": "2"},
        {"field": "people", "equals": True},
        {"field": "people", "gt": 20},
        {"field": "people", "lt": 1},
        {"field": "people", "equals": 2.5},
        {"field": "start", "gte": "today"},
        {"field": "start", "equals": "2024/04/01"},
        {"field": "start", "gt": 20240401},
        {"field": "agree", "equals": "yes"},
        {"field": "agree", "equals": False},
        {"field": "agree", "gt": 0},
        {"field": "note", "equals": ""},
        {"field": "note", "equals": " はい"},
        {"field": "owner", "equals": "山田"},
    ],
)
def test_a_refused_condition_is_never_true_at_run_time(rule):
    assert problems(rule), "the linter accepted it"
    assert not ever_true(rule)


@pytest.mark.parametrize(
    "rule",
    [
        {"field": "people", "gt": 2},
        {"field": "people", "gte": 20},
        {"field": "people", "in": [1, 3]},
        {"field": "weight", "equals": 2.5},
        {"field": "weight", "lt": 1},
        {"field": "start", "lt": "2024-04-01"},
        {"field": "start", "equals": "2030-01-01"},
        {"field": "agree", "equals": True},
        {"field": "agree", "in": [True]},
        {"field": "usage", "equals": "home"},
        {"field": "note", "in": ["はい", "いいえ"]},
        {"field": "owner", "answered": True},
    ],
)
def test_an_accepted_condition_holds_for_some_answer(rule):
    assert problems(rule) == []
    assert ever_true(rule)


def test_today_in_a_rule_is_refused_as_the_engine_would_compare_it_as_text():
    rule = {"field": "start", "lt": "today-6570"}  # meant: 18 years ago or earlier
    assert problems(rule)
    assert evaluate(freeze(rule), {"start": "2030-01-01"})


def test_ordering_a_text_answer_is_refused_as_the_result_depends_on_how_the_value_is_written():
    assert problems({"field": "note", "gt": 10}) and problems({"field": "note", "gt": "10"})
    assert evaluate(freeze({"field": "note", "gt": "10"}), {"note": "9"})  # as text, "9" > "10"
    assert not evaluate(freeze({"field": "note", "gt": 10}), {"note": "9"})


def test_answered_false_on_a_field_that_may_be_skipped_is_accepted():
    assert problems({"field": "people", "answered": False}) == []


def test_aliases_name_no_type_and_belong_to_one_type():
    aliases = [alias for ftype in REGISTRY.values() for alias in ftype.aliases]
    assert len(aliases) == len(set(aliases))
    assert not set(aliases) & set(REGISTRY)


def test_an_unknown_type_like_no_other_lists_the_types():
    field = {"name": "x", "type": "matrix", "label": "表"}
    raw = {
        "slug": "t",
        "version": "1",
        "title": "t",
        "department": "t",
        "pages": [{"id": "p", "title": "p", "fields": [field]}],
    }
    found = [item for error in _validator().iter_errors(raw) for item in explain(error)]
    assert (
        "/pages/0/fields/0/type",
        f"unknown field type 'matrix'; use one of: {', '.join(sorted(REGISTRY))}",
    ) in found
