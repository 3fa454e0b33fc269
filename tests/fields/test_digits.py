"""`digits`: identifiers of digits (被保険者番号) typed on the numeric keypad, kept with their
leading zeros as half-width digits, of an exact length or a range, with an optional check digit."""

from __future__ import annotations

import csv
import io
import json

import pytest

from formbuilder.fields import REGISTRY
from formbuilder.fields.digits import luhn, mod10_31, mod11_27
from tests.fields.one_field import field_app, form_of, outcome, render  # noqa: F401 (fixture)
from tests.flows.journeys import pdf_text
from tests.support import Citizen, errors_of, text_of

INSURED = {"name": "insured", "type": "digits", "label": "被保険者番号", "required": True, "length": 10}
TEN = "＊被保険者番号は10桁の数字で入力してください。"


@pytest.mark.usefixtures("field_app")
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0012345678", "0012345678"),
        ("００１２３４５６７８", "0012345678"),
        ("0012-345-678", "0012345678"),
        ("００１２－３４５－６７８", "0012345678"),
        ("0012ー345ー678", "0012345678"),
        ("0012 345 678", "0012345678"),
        ("0012　345　678", "0012345678"),
        (" 0000000001 ", "0000000001"),
        ("012345678", TEN),
        ("00123456789", TEN),
        ("001234567a", TEN),
        ("１２３.４５６７８９", TEN),
        ("١٢٣٤٥٦٧٨٩٠", TEN),
        ("1" * 5000, TEN),
        ("", "＊被保険者番号を入力してください。"),
    ],
)
def test_exact_length_typed_to_stored_value_or_message(typed, expected):
    assert outcome(form_of(INSURED), {"insured": typed}) == expected


@pytest.mark.usefixtures("field_app")
@pytest.mark.parametrize(
    ("options", "typed", "expected"),
    [
        ({"min_length": 6, "max_length": 8}, "012345", "012345"),
        ({"min_length": 6, "max_length": 8}, "01234567", "01234567"),
        ({"min_length": 6, "max_length": 8}, "01234", "＊番号は6桁から8桁の数字で入力してください。"),
        ({"min_length": 6, "max_length": 8}, "012345678", "＊番号は6桁から8桁の数字で入力してください。"),
        ({"max_length": 8}, "012345678", "＊番号は8桁までの数字で入力してください。"),
        ({"max_length": 8}, "0", "0"),
        ({"length": 11, "check_digit": "luhn"}, "79927398713", "79927398713"),
        (
            {"length": 11, "check_digit": "luhn"},
            "79927398710",
            "＊番号に誤りがあります。数字を1つずつ確かめてください。",
        ),
        ({"length": 13, "check_digit": "mod10_31"}, "４９０１２３４５６７８９４", "4901234567894"),
        (
            {"length": 13, "check_digit": "mod10_31"},
            "4901234567890",
            "＊番号に誤りがあります。数字を1つずつ確かめてください。",
        ),
        ({"length": 10, "check_digit": "mod11_27"}, "1234567892", "1234567892"),
        (
            {"length": 10, "check_digit": "mod11_27"},
            "1234567893",
            "＊番号に誤りがあります。数字を1つずつ確かめてください。",
        ),
    ],
)
def test_ranges_and_check_digits(options, typed, expected):
    field = {"name": "code", "type": "digits", "label": "番号", **options}
    assert outcome(form_of(field), {"code": typed}) == expected


@pytest.mark.parametrize(
    ("scheme", "valid", "wrong"),
    [
        (luhn, "4992739872", "4992739871"),
        (mod10_31, "0000000000000", "0000000000001"),
        (mod11_27, "00000019", "00000018"),
    ],
)
def test_check_digit_schemes(scheme, valid, wrong):
    assert scheme(valid) and not scheme(wrong)


@pytest.mark.usefixtures("field_app")
def test_the_input_asks_for_the_numeric_keypad_and_is_not_remembered():
    html = render(INSURED)
    assert 'inputmode="numeric"' in html and 'autocomplete="off"' in html and 'type="text"' in html
    assert REGISTRY["digits"].csv_cells(form_of(INSURED).pages[0].fields[0], "0012345678") == ["0012345678"]


JOURNEY = {
    "slug": "digits-test",
    "version": "1",
    "title": "番号のテスト",
    "department": "test",
    "pages": [{"id": "person", "title": "被保険者", "fields": [INSURED]}],
}


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "digits-test.json").write_text(json.dumps(JOURNEY, ensure_ascii=False), encoding="utf-8")
    return folder


def test_leading_zeros_survive_the_check_page_the_receipt_and_the_csv(app, client, runner, tmp_path):
    citizen = Citizen(client, "digits-test")
    citizen.start()
    assert errors_of(citizen.post_page("person", {"insured": "１２３４５"})) == [TEN]
    assert citizen.post_page("person", {"insured": "００１２－３４５－６７８"}).status_code == 302
    assert "0012345678" in text_of(citizen.check())
    assert citizen.submit().status_code == 302
    assert "0012345678" in pdf_text(client.get("/forms/digits-test/complete/receipt.pdf").data)
    out = tmp_path / "export.csv"
    with app.app_context():  # on top of field_app's context, which the module's table tests keep pushed
        result = runner.invoke(args=["forms", "export", "digits-test", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0]["被保険者番号"] == "0012345678"
