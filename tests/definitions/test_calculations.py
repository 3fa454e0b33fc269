"""Formulas of calculated fields: exact decimal arithmetic, rounding, unanswered inputs, and the
guide's worked example evaluated as a page post."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from formbuilder.definitions.calculations import calculate, named, renamed, stored
from formbuilder.definitions.loader import load_data
from formbuilder.flows.answers import evaluate_page
from tests.fields.one_field import field_app  # noqa: F401 (a fixture)

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "form-definitions.md"


def value(formula, **answers):
    return calculate(formula, answers)


def test_decimals_add_exactly_and_are_stored_like_a_number_field():
    assert value({"sum": [0.1, 0.2]}) == Decimal("0.3")
    assert stored(value({"sum": [0.1, 0.2]})) == "0.3"
    assert stored(value({"product": [{"answer": "price"}, 3]}, price="1.5")) == "4.5"  # "1.5": a decimal answer
    assert stored(Decimal("2400.00")) == 2400 and isinstance(stored(Decimal("2400.00")), int)
    assert stored(Decimal("1.50")) == "1.5"
    assert stored(None) is None


def test_products_of_long_answers_lose_no_digit():
    big = "9" * 30
    assert value({"product": [{"answer": "a"}, {"answer": "a"}]}, a=big) == int(big) ** 2


@pytest.mark.parametrize(
    ("number", "places", "mode", "expected"),
    [
        ("2.5", 0, "half_up", "3"),
        ("-2.5", 0, "half_up", "-3"),
        ("2.4", 0, "half_up", "2"),
        ("2.9", 0, "down", "2"),
        ("-2.9", 0, "down", "-2"),
        ("2.1", 0, "up", "3"),
        ("-2.1", 0, "up", "-3"),
        ("2", 0, "up", "2"),
        ("1.005", 2, "half_up", "1.01"),  # 1.00 in floating point
        ("2.675", 2, "half_up", "2.68"),  # 2.67 in floating point
        ("1234", -1, "half_up", "1230"),
        ("1235", -1, "half_up", "1240"),
        ("1231", -2, "up", "1300"),
        ("1299", -2, "down", "1200"),
    ],
)
def test_rounds_as_the_mode_says(number, places, mode, expected):
    formula = {"round": {"answer": "n"}, "places": places, "mode": mode}
    assert value(formula, n=number) == Decimal(expected)


def test_rounds_half_up_without_places_or_mode():
    assert stored(value({"round": {"product": [{"answer": "price"}, 1.1]}}, price=105)) == 116  # 115.5


def test_a_formula_has_no_value_while_an_answer_it_needs_is_missing():
    assert value({"answer": "count"}) is None
    assert value({"product": [{"answer": "count"}, 400]}) is None
    assert value({"sum": [{"answer": "a"}, 1]}, a="") is None
    assert value({"answer": "kind"}, kind="futon") is None  # not a number
    assert value({"answer": "agree"}, agree=True) is None
    assert value({"round": {"answer": "n"}}) is None


def test_a_table_gives_the_amount_of_the_choice_or_its_default():
    table = {"answer": "kind", "values": {"futon": 400, "chest": 1200}}
    assert value({"table": table}, kind="chest") == 1200
    assert value({"table": table}, kind="other") is None
    assert value({"table": table}) is None
    assert value({"table": {**table, "default": 0}}, kind="other") == 0
    assert value({"table": {**table, "default": 0}}) == 0


def test_count_and_sum_of_read_a_groups_items():
    items = [{"fee": 800}, {"fee": "1.5"}, {"kind": "other"}]
    assert value({"count": "items"}, items=items) == 3
    assert value({"count": "items"}) == 0
    assert value({"sum_of": {"group": "items", "field": "fee"}}, items=items) == Decimal(
        "801.5"
    )  # the unknown left out
    assert value({"sum_of": {"group": "items", "field": "fee"}}) == 0


def test_named_and_renamed_follow_every_operator():
    formula = {
        "sum": [
            {"round": {"product": [{"answer": "count"}, {"table": {"answer": "kind", "values": {"a": 1}}}]}},
            {"count": "items"},
            {"sum_of": {"group": "items", "field": "fee"}},
        ]
    }
    assert [(op, name) for op, name, _where, _node in named(formula)] == [
        ("answer", "count"),
        ("table", "kind"),
        ("count", "items"),
        ("sum_of", "items"),
        ("sum_of.field", "fee"),
    ]
    assert next(named(formula, "/formula"))[2] == "/formula/sum/0/round/product/0/answer"
    moved = renamed(formula, lambda name: f"items-0-{name}" if name in ("count", "kind") else name)
    assert [name for _op, name, _where, _node in named(moved)] == [
        "items-0-count",
        "items-0-kind",
        "items",
        "items",
        "fee",
    ]


def _worked_example() -> list[dict]:
    block = GUIDE.read_text(encoding="utf-8").split("<!-- calculated-example -->", 1)[1]
    return json.loads(block.split("```json", 1)[1].split("```", 1)[0])


def test_the_guides_worked_example_gives_the_totals_it_says(field_app):  # noqa: F811
    raw = {"slug": "example", "version": "1", "title": "例", "department": "test"}
    result = load_data({**raw, "pages": [{"id": "items", "title": "出す品目", "fields": _worked_example()}]})
    assert [str(p) for p in result.problems] == []
    typed = {
        "items": "3",
        **{"items-0-kind": "futon", "items-0-count": "2", "items-1-kind": "chest", "items-1-count": "1"},
        **{"items-2-kind": "other", "items-2-count": "1", "total_fee": "1"},  # a posted value is not read
    }
    page = evaluate_page(result.definition.pages[0], {k: [v] for k, v in typed.items()}, {})
    assert page.errors == {}
    assert [item.get("fee") for item in page.values["items"]] == [800, 1200, None]
    assert page.values["total_fee"] == 2000 and page.values["total_count"] == 4
    text = GUIDE.read_text(encoding="utf-8")
    assert "手数料 800円 and 1,200円 and 手数料の合計 2,000円" in text

    typed.update({"items-0-count": "9"})
    page = evaluate_page(result.definition.pages[0], {k: [v] for k, v in typed.items()}, {})
    assert page.errors == {"total_count": ["＊1回の申込で出せるのは合わせて10点までです。数量を確かめてください。"]}
