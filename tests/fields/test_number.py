"""number alone: typed input → stored value or the exact message; display and CSV."""

from __future__ import annotations

import time

import pytest

from formbuilder.fields import REGISTRY
from formbuilder.fields.number import parse_number
from tests.fields.one_field import field_app, form_of, outcome  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

PEOPLE = {"name": "f", "type": "number", "label": "人数", "required": True, "min": 1, "max": 10}
CHANGE = {"name": "f", "type": "number", "label": "増減", "min": -10, "max": 10}
WEIGHT = {"name": "f", "type": "number", "label": "重さ", "integer": False, "min": 0.5, "max": 100, "unit": "kg"}
ANY = {"name": "f", "type": "number", "label": "金額"}
HYPHENS = "‐‑–—−ー－"


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (PEOPLE, "", "＊人数を入力してください。"),
        (PEOPLE, "  ", "＊人数を入力してください。"),
        (PEOPLE, "3", 3),
        (PEOPLE, " 3 ", 3),
        (PEOPLE, "３", 3),
        (PEOPLE, "１０", 10),
        (PEOPLE, "10", 10),
        (PEOPLE, "11", "＊人数は10以下で入力してください。"),
        (PEOPLE, "0", "＊人数は1以上で入力してください。"),
        (PEOPLE, "3.0", 3),
        (PEOPLE, "2.5", "＊人数は整数で入力してください。"),
        (PEOPLE, "三", "＊人数は数字で入力してください。"),
        (PEOPLE, "3人", "＊人数は数字で入力してください。"),
        (PEOPLE, "1e1", "＊人数は数字で入力してください。"),
        (PEOPLE, "NaN", "＊人数は数字で入力してください。"),
        (PEOPLE, "Infinity", "＊人数は数字で入力してください。"),
        (PEOPLE, "0x5", "＊人数は数字で入力してください。"),
        (PEOPLE, "٣", "＊人数は数字で入力してください。"),  # Arabic-Indic digit: not on a Japanese keyboard
        (CHANGE, "-5", -5),
        (CHANGE, "+5", 5),
        (CHANGE, "5-", "＊増減は数字で入力してください。"),
        (CHANGE, "--5", "＊増減は数字で入力してください。"),
        (CHANGE, "-11", "＊増減は-10以上で入力してください。"),
        (WEIGHT, "1.50", "1.5"),
        (WEIGHT, "１．２５", "1.25"),
        (WEIGHT, "0.5", "0.5"),
        (WEIGHT, ".5", "0.5"),
        (WEIGHT, "0.49", "＊重さは0.5以上で入力してください。"),
        (WEIGHT, "100.01", "＊重さは100以下で入力してください。"),
        (WEIGHT, "3", "3"),
        (ANY, "", None),
        (ANY, "1,234,567", 1234567),
        (ANY, "１，２３４", 1234),
        (ANY, "1 000", 1000),
        (ANY, "9" * 30, int("9" * 30)),
        (ANY, "9" * 31, "＊金額は数字で入力してください。"),
    ],
)
def test_number_typed_to_stored_value_or_message(field, typed, expected):
    assert outcome(form_of(field), {"f": typed}) == expected


@pytest.mark.parametrize("hyphen", list(HYPHENS))
def test_every_hyphen_variant_is_a_minus_sign(hyphen):
    assert outcome(form_of(CHANGE), {"f": f"{hyphen}３"}) == -3


def test_huge_exponent_is_refused_at_once():
    started = time.monotonic()
    assert outcome(form_of(ANY), {"f": "1e100000000"}) == "＊金額は数字で入力してください。"
    assert time.monotonic() - started < 1


def test_parse_number_reads_plain_decimals_only():
    assert str(parse_number("－１，２３４．５")) == "-1234.5"
    assert parse_number("1E5") is None
    assert parse_number("") is None


def test_number_shows_separators_and_its_unit_in_the_reader_language():
    kind = REGISTRY["number"]
    weight = form_of({**WEIGHT, "unit": {"ja": "キロ", "en": " kg"}}).pages[0].fields[0]
    assert kind.display(weight, "1234.5", "ja") == "1,234.5キロ"
    assert kind.display(weight, "1234.5", "en") == "1,234.5 kg"
    assert kind.display(weight, None, "ja") == ""
    people = form_of(PEOPLE).pages[0].fields[0]
    assert kind.display(people, 1234567, "ja") == "1,234,567"


def test_number_exports_the_plain_value():
    field = form_of(WEIGHT).pages[0].fields[0]
    assert REGISTRY["number"].csv_cells(field, "1234.5") == ["1234.5"]
    assert REGISTRY["number"].csv_cells(field, None) == [""]


def test_decimal_number_asks_for_a_decimal_keyboard():
    kind = REGISTRY["number"]
    assert kind.attributes(form_of(PEOPLE).pages[0].fields[0])["inputmode"] == "numeric"
    assert kind.attributes(form_of(WEIGHT).pages[0].fields[0])["inputmode"] == "decimal"
