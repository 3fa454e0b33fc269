"""The CSV of the shipped water form, made from real submissions through HTTP."""

from __future__ import annotations

import json

import pytest

from tests.support import address_inputs, days_ahead

from .support import WATER, insert_submissions, read_csv, submit_water

pytestmark = pytest.mark.both_databases

JA_HEADERS = [
    "受付番号",
    "受付日時",
    "状況",
    "水道を使う場所の住所（郵便番号）",
    "水道を使う場所の住所（都道府県）",
    "水道を使う場所の住所（市区町村）",
    "水道を使う場所の住所（町域・番地）",
    "水道を使う場所の住所（建物名・部屋番号）",
    "氏名（姓）",
    "氏名（名）",
    "氏名（セイ）",
    "氏名（メイ）",
    "日中に連絡がとれる電話番号",
    "メールアドレス",
    "使用開始日",
    "用途",
    "事業所名",
    "支払方法",
    "請求書の送付先",
    "請求書の送付先住所（郵便番号）",
    "請求書の送付先住所（都道府県）",
    "請求書の送付先住所（市区町村）",
    "請求書の送付先住所（町域・番地）",
    "請求書の送付先住所（建物名・部屋番号）",
    "請求書の宛名",
]


def test_header_row_is_the_labels_in_definition_order_without_notices(export):
    result, out = export()
    assert result.exit_code == 0, result.output
    assert read_csv(out) == [JA_HEADERS]
    assert "0 row(s) written" in result.output


def test_values_are_normalised_codes_and_iso_dates(client, export):
    submit_water(
        client,
        user={"phone": "09012345678", "email": "Taro@Example.JP"},
        start={"usage": "business", "business_name": "さくら食堂"},
        payment={
            "payment": "debit",
            "bill_to": "other",
            **address_inputs("bill_address", postal="〒１００－０００２", line1="皇居外苑1-1"),
            "bill_recipient": "山田 花子",
        },
    )
    result, out = export()
    assert result.exit_code == 0, result.output
    header, row = read_csv(out)
    cells = dict(zip(header, row, strict=True))
    assert cells["状況"] == "received"
    assert len(cells["受付番号"]) == 9 and cells["受付番号"][4] == "-"
    assert cells["受付日時"].endswith("+09:00") and len(cells["受付日時"]) == 25
    assert cells["日中に連絡がとれる電話番号"] == "090-1234-5678"
    assert cells["メールアドレス"] == "Taro@example.jp"
    assert cells["使用開始日"] == days_ahead(10).isoformat()
    assert (cells["用途"], cells["事業所名"], cells["支払方法"], cells["請求書の送付先"]) == (
        "business",
        "さくら食堂",
        "debit",
        "other",
    )
    assert cells["請求書の送付先住所（郵便番号）"] == "100-0002"  # typed with 〒 in full-width digits
    assert cells["請求書の送付先住所（町域・番地）"] == "皇居外苑1-1" and cells["請求書の宛名"] == "山田 花子"
    assert "1 row(s) written" in result.output


def test_english_header_labels(export):
    result, out = export("--header-language", "en")
    assert result.exit_code == 0, result.output
    assert read_csv(out)[0][:7] == [
        "Reference number",
        "Submitted at",
        "Status",
        "The address where you will use water (postal code)",
        "The address where you will use water (prefecture)",
        "The address where you will use water (city)",
        "The address where you will use water (town and block)",
    ]


# What a citizen types → what the cell holds. Leading tab and CR never reach the CSV
# this way (the form strips them): test_formulas.py and the inserted row below cover them.
TYPED = {
    "=1+1": "'=1+1",
    "+cmd": "'+cmd",
    "-1": "'-1",
    "@SUM(A1:A2)": "'@SUM(A1:A2)",
    "\t=1+1": "'=1+1",
    "＝1+1": "'＝1+1",
    "＋cmd": "'＋cmd",
    "－1": "'－1",
    "＠SUM(A1)": "'＠SUM(A1)",
    '"><script>alert(1)</script>, {{7*7}}': '"><script>alert(1)</script>, {{7*7}}',
    "さくらハイツ101": "さくらハイツ101",
}


# Free-text fields of the water form, each typed into by a citizen (five per submission).
FREE_TEXT = [
    ("place", "address-line1", "水道を使う場所の住所（町域・番地）"),
    ("place", "address-line2", "水道を使う場所の住所（建物名・部屋番号）"),
    ("start", "business_name", "事業所名"),
    ("payment", "bill_recipient", "請求書の宛名"),
]
SHOWN = {
    "place": address_inputs("address"),
    "start": {"usage": "business"},
    "payment": {"bill_to": "other", **address_inputs("bill_address")},
}


def test_formulas_typed_by_citizens_are_neutralised(app, client, export):
    typed = list(TYPED)
    for first in range(0, len(typed), len(FREE_TEXT)):
        pages: dict[str, dict[str, str]] = {}
        for (page, name, _label), value in zip(FREE_TEXT, typed[first:], strict=False):
            pages.setdefault(page, dict(SHOWN.get(page, {})))[name] = value
        submit_water(client, **pages)
    typed_address = {
        "postal_code": "100-0001",
        "prefecture": "東京都",
        "city": "千代田区",
        "line1": "\r=1+1",
        "line2": "\tcmd",
    }
    insert_submissions(app, WATER, [{"answers": {"address": typed_address}}])
    result, out = export()
    assert result.exit_code == 0, result.output
    header, *rows = read_csv(out)
    columns = [header.index(label) for _page, _name, label in FREE_TEXT]
    written = [row[column] for row in rows[:-1] for column in columns]
    assert written[: len(TYPED)] == list(TYPED.values())
    assert rows[-1][columns[0]] == "'\r=1+1" and rows[-1][columns[1]] == "'\tcmd"


def test_older_definition_versions_use_the_current_columns_by_field_name(app, export):
    old = json.loads(app.extensions["formbuilder.catalogue"].get(WATER).source)
    user_page = next(page for page in old["pages"] if page["id"] == "user")
    user_page["fields"] = [f for f in user_page["fields"] if f["name"] != "email"]
    user_page["fields"].append({"name": "fax", "type": "tel", "label": "FAX番号"})
    answers = {"user_name": {"family": "旧様式", "given": "太郎"}, "fax": "03-0000-0000", "usage": "household"}
    insert_submissions(app, WATER, [{"answers": answers}], source=json.dumps({**old, "version": "2025.1"}))
    result, out = export()
    assert result.exit_code == 0, result.output
    header, row = read_csv(out)
    assert header == JA_HEADERS
    cells = dict(zip(header, row, strict=True))
    assert (cells["氏名（姓）"], cells["用途"], cells["メールアドレス"]) == ("旧様式", "household", "")
    assert "03-0000-0000" not in row


def test_unknown_form_is_refused(export):
    result, out = export(slug="no-such-form")
    assert result.exit_code == 1 and "no form 'no-such-form' is served" in result.output
    assert not out.exists()
