"""tel and number against issue 3: full-width digits, hyphen variants, separators, impossible input."""

from __future__ import annotations

import pytest

from formbuilder.fields import REGISTRY
from tests.fields.one_field import field_app, form_of, outcome  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

TEL = {"name": "phone", "type": "tel", "label": "電話番号", "required": True}
TEL_ERROR = "＊電話番号が正しくありません。市外局番から入力してください（例：03-1234-5678）。"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("090-1234-5678", "090-1234-5678"),
        ("09012345678", "090-1234-5678"),
        ("０９０－１２３４－５６７８", "090-1234-5678"),
        ("０９０１２３４５６７８", "090-1234-5678"),
        ("090ー1234ー5678", "090-1234-5678"),
        ("090ｰ1234ｰ5678", "090-1234-5678"),
        ("090‐1234‐5678", "090-1234-5678"),
        ("090–1234–5678", "090-1234-5678"),
        ("090―1234―5678", "090-1234-5678"),
        ("090−1234−5678", "090-1234-5678"),
        ("090 1234 5678", "090-1234-5678"),
        ("+81 90 1234 5678", "090-1234-5678"),
        ("+81-(0)90-1234-5678", "090-1234-5678"),
        ("03(1234)5678", "03-1234-5678"),
        ("０３（１２３４）５６７８", "03-1234-5678"),
        ("0312345678", "03-1234-5678"),
        ("011-123-4567", "011-123-4567"),  # a real Sapporo number that is_valid_number doubts
        ("0120-123-456", "0120-123-456"),
        ("050-1234-5678", "050-1234-5678"),
        ("090-1234-567", TEL_ERROR),
        ("090123456789", TEL_ERROR),
        ("110", TEL_ERROR),
        ("+1 202 555 0100", TEL_ERROR),
        ("03-1234-5678 内線12", TEL_ERROR),
        ("abc", TEL_ERROR),
        ("1" * 500, TEL_ERROR),
        ("", "＊電話番号を入力してください。"),
    ],
)
def test_tel_typed_to_national_format_or_message(typed, expected):
    assert outcome(form_of(TEL), {"phone": typed}) == expected


def test_tel_is_shown_and_exported_as_stored_with_a_phone_keyboard():
    field = form_of(TEL).pages[0].fields[0]
    kind = REGISTRY["tel"]
    assert kind.display(field, "090-1234-5678", "ja") == "090-1234-5678"
    assert kind.csv_cells(field, "090-1234-5678") == ["090-1234-5678"]
    attributes = kind.attributes(field)
    assert attributes["type"] == "tel" and attributes["inputmode"] == "tel"
    assert attributes["autocomplete"] == "tel-national"


COUNT = {"name": "children", "type": "number", "label": "子どもの人数", "required": True, "min": 0, "max": 20}
INCOME = {"name": "income", "type": "number", "label": "所得額", "required": True, "unit": "円"}


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (COUNT, "3", 3),
        (COUNT, "３", 3),
        (COUNT, " 12 ", 12),
        (COUNT, "0", 0),
        (COUNT, "21", "＊子どもの人数は20以下で入力してください。"),
        (COUNT, "-1", "＊子どもの人数は0以上で入力してください。"),
        (COUNT, "1.5", "＊子どもの人数は整数で入力してください。"),
        (COUNT, "三", "＊子どもの人数は数字で入力してください。"),
        (COUNT, "", "＊子どもの人数を入力してください。"),
        (INCOME, "1,234,567", 1234567),
        (INCOME, "１，２３４，５６７", 1234567),
        (INCOME, "１２３４５６７", 1234567),
        (INCOME, "1 234 567", 1234567),
        (INCOME, "1e3", "＊所得額は数字で入力してください。"),
        (INCOME, "1000円", "＊所得額は数字で入力してください。"),
        (INCOME, "9" * 200, "＊所得額は数字で入力してください。"),
    ],
)
def test_number_typed_to_stored_value_or_message(field, typed, expected):
    assert outcome(form_of(field), {field["name"]: typed}) == expected


def test_number_is_shown_with_separators_and_its_unit():
    field = form_of(INCOME).pages[0].fields[0]
    assert REGISTRY["number"].display(field, 1234567, "ja") == "1,234,567円"
    assert REGISTRY["number"].csv_cells(field, 1234567) == ["1234567"]
    assert REGISTRY["number"].attributes(field)["inputmode"] == "numeric"
