"""個人番号 and 法人番号: typed forms, check digits, masking, CSV, and never a log line."""

from __future__ import annotations

import io
import json
import logging

import pytest
from pypdf import PdfReader

from formbuilder.fields import REGISTRY
from formbuilder.fields.identifiers import mask
from tests.fields.one_field import field_app, form_of, outcome  # noqa: F401 (fixture)
from tests.support import Citizen, errors_of, text_of

MY_NUMBER = {"name": "my_number", "type": "my_number", "label": "個人番号", "required": True}
CORPORATE = {"name": "employer", "type": "corporate_number", "label": "法人番号", "required": True}
VALID = "123456789018"

DIGITS_12 = "＊個人番号は12桁の数字で入力してください。"
CHECK_12 = "＊個人番号に誤りがあります。数字を1つずつ確かめてください。"


@pytest.mark.usefixtures("field_app")
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("123456789018", VALID),
        ("100000030257", "100000030257"),
        ("1234 5678 9018", VALID),
        ("1234-5678-9018", VALID),
        ("１２３４５６７８９０１８", VALID),
        ("１２３４－５６７８－９０１８", VALID),
        ("1234ー5678ー9018", VALID),
        ("1234‐5678‐9018", VALID),
        ("1234−5678−9018", VALID),
        ("1234　5678　9018", VALID),
        (" 123456789018 ", VALID),
        ("123456789012", CHECK_12),
        ("123456789019", CHECK_12),
        ("12345678901", DIGITS_12),
        ("1234567890180", DIGITS_12),
        ("12345678901a", DIGITS_12),
        ("١٢٣٤٥٦٧٨٩٠١٨", DIGITS_12),  # Arabic-Indic digits are not accepted as numbers
        ("1" * 5000, DIGITS_12),
        ("", "＊個人番号を入力してください。"),
    ],
)
def test_my_number_typed_to_stored_value_or_message(typed, expected):
    assert outcome(form_of(MY_NUMBER), {"my_number": typed}) == expected


@pytest.mark.usefixtures("field_app")
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7000012050002", "7000012050002"),
        ("7-0000-1205-0002", "7000012050002"),
        ("7 0000 1205 0002", "7000012050002"),
        ("７０００－０１２０５－０００２", "7000012050002"),
        ("7000ー0120ー50002", "7000012050002"),
        ("5835678256246", "5835678256246"),
        ("1234567890123", "＊法人番号に誤りがあります。数字を1つずつ確かめてください。"),
        ("8000012050002", "＊法人番号に誤りがあります。数字を1つずつ確かめてください。"),
        ("700001205000", "＊法人番号は13桁の数字で入力してください。"),
        ("70000120500021", "＊法人番号は13桁の数字で入力してください。"),
        ("T7000012050002", "＊法人番号は13桁の数字で入力してください。"),
        ("9" * 300, "＊法人番号は13桁の数字で入力してください。"),
        ("", "＊法人番号を入力してください。"),
    ],
)
def test_corporate_number_typed_to_stored_value_or_message(typed, expected):
    assert outcome(form_of(CORPORATE), {"employer": typed}) == expected


def test_my_number_shows_only_its_last_four_digits():
    assert mask("100000030257") == "**** **** 0257"
    assert mask("123456789018") == "**** **** 9018"


@pytest.mark.usefixtures("field_app")
def test_display_csv_and_attributes():
    my_field = form_of(MY_NUMBER).pages[0].fields[0]
    exportable = form_of({**MY_NUMBER, "exportable": True}).pages[0].fields[0]
    corporate = form_of(CORPORATE).pages[0].fields[0]
    my_type, corporate_type = REGISTRY["my_number"], REGISTRY["corporate_number"]
    assert my_type.display(my_field, "100000030257", "ja") == "**** **** 0257"
    assert my_type.display(my_field, None, "ja") == ""
    assert my_type.csv_headers(my_field, "ja") == [] and my_type.csv_cells(my_field, VALID) == []
    assert my_type.csv_headers(exportable, "ja") == ["個人番号"]
    assert my_type.csv_cells(exportable, VALID) == [VALID]
    assert corporate_type.display(corporate, "7000012050002", "ja") == "7000012050002"
    assert corporate_type.csv_cells(corporate, "7000012050002") == ["7000012050002"]
    assert my_type.attributes(my_field) == {
        "type": "text",
        "autocomplete": "off",
        "inputmode": "numeric",
        "enterkeyhint": "next",
        "spellcheck": "false",
    }


JOURNEY = {
    "slug": "my-number-test",
    "version": "1",
    "title": "個人番号のテスト",
    "department": "test",
    "pages": [
        {
            "id": "person",
            "title": "申請者",
            "fields": [
                {"name": "full_name", "type": "text", "label": "氏名", "required": True},
                MY_NUMBER,
                {**CORPORATE, "required": False},
            ],
        }
    ],
}


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "my-number-test.json").write_text(json.dumps(JOURNEY, ensure_ascii=False), encoding="utf-8")
    return folder


def test_my_number_is_masked_on_check_page_and_receipt_left_out_of_csv_and_never_logged(client, app, caplog):
    caplog.set_level(logging.DEBUG)
    citizen = Citizen(client, "my-number-test")
    citizen.start()
    wrong = citizen.post_page("person", {"full_name": "山田 太郎", "my_number": "1000 0003 0258"})
    assert errors_of(wrong) == [CHECK_12]
    moved = citizen.post_page("person", {"full_name": "山田 太郎", "my_number": "１０００ ０００３ ０２５７"})
    assert moved.status_code == 302
    check = text_of(citizen.check())
    assert "**** **** 0257" in check and "100000030257" not in check and "0003" not in check
    assert citizen.submit().status_code == 302
    receipt = citizen.get("/forms/my-number-test/complete/receipt.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(receipt.data)).pages)
    assert "**** **** 0257" in text and "100000030257" not in text

    from formbuilder.exports.csv import ExportOptions, headers, iter_csv

    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get("my-number-test")
        assert "個人番号" not in headers(definition)
        exported = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
    assert "山田 太郎" in exported and "0257" not in exported

    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    for secret in ("100000030257", "１０００ ０００３ ０２５７", "1000 0003 0258", "0003"):
        assert secret not in logged


@pytest.mark.usefixtures("field_app")
def test_staff_who_may_read_my_number_see_it_grouped_and_an_unanswered_one_as_nothing():
    my_field = form_of({**MY_NUMBER, "required": False}).pages[0].fields[0]
    my_type = REGISTRY["my_number"]
    assert my_type.display_unmasked(my_field, VALID, "ja") == "1234 5678 9018"
    assert my_type.display_unmasked(my_field, None, "ja") == ""
    assert my_type.display_unmasked(my_field, "", "ja") == ""
