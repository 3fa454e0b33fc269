"""bank_account: codes, 種目, a left-padded number, a katakana 名義, or the 公金受取口座."""

from __future__ import annotations

import json
from html import unescape

import pytest
from flask import render_template

from formbuilder.definitions.rules import evaluate
from formbuilder.fields import REGISTRY
from formbuilder.fields.bank_account import holder_half_width, holder_katakana
from tests.fields.one_field import field_app, form_of, outcome, post  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

PAYEE = {"name": "payee", "type": "bank_account", "label": "振込先口座", "required": True}
TARO = {"bank": "0001", "branch": "001", "kind": "1", "number": "1234567", "holder": "ヤマダ タロウ"}
STORED = {**TARO, "bank_name": "みずほ", "branch_name": "東京営業部"}  # the names from the national list


def typed(**parts: str) -> dict[str, str]:
    given = {"choice": "account", **TARO, **parts}
    return {f"payee-{part}": value for part, value in given.items()}


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (typed(), STORED),
        (typed(number="12345"), {**STORED, "number": "0012345"}),
        (typed(number="1"), {**STORED, "number": "0000001"}),
        (typed(bank="０００１", branch="００１", number="１２３４５６７"), STORED),
        (typed(number="123-4567"), STORED),
        (typed(number="123ー4567"), STORED),
        (typed(holder="やまだ たろう"), STORED),
        (typed(holder="ﾔﾏﾀﾞ ﾀﾛｳ"), STORED),
        (typed(holder="ヤマダ　　タロウ "), STORED),
        (typed(holder="smith john"), {**STORED, "holder": "SMITH JOHN"}),
        (typed(holder="ｽﾐｽ ｼﾞｮﾝ"), {**STORED, "holder": "スミス ジョン"}),
        (typed(holder="カ）ヤマダショウテン"), {**STORED, "holder": "カ)ヤマダショウテン"}),
        (typed(kind="4"), {**STORED, "kind": "4"}),
        (typed(choice=""), STORED),  # details typed without choosing: the account is meant
        (typed(choice="public", bank="x", number=""), {"public_account": True}),
        (typed(bank="001"), "＊金融機関コードは4桁の数字で入力してください。"),
        (typed(bank="00011"), "＊金融機関コードは4桁の数字で入力してください。"),
        (typed(branch="12a"), "＊支店コードは3桁の数字で入力してください。"),
        (typed(number="12345678"), "＊口座番号は7桁までの数字で入力してください。"),
        (typed(number="1" * 500), "＊口座番号は7桁までの数字で入力してください。"),
        (typed(holder="山田太郎"), "＊口座名義はカタカナで入力してください。"),
        (typed(holder="𠮷ダ"), "＊口座名義はカタカナで入力してください。"),
        (typed(holder="ア" * 31), "＊口座名義は30文字以内で入力してください。"),
        (typed(kind=""), "＊預金種目を選んでください。"),
        (typed(kind="9"), "＊預金種目は一覧から選んでください。"),
        (
            typed(bank="", branch="", kind="", number="", holder=""),
            "＊金融機関コードを入力してください。 ＊支店コードを入力してください。 ＊預金種目を選んでください。"
            " ＊口座番号を入力してください。 ＊口座名義を入力してください。",
        ),
        ({}, "＊振込先口座を入力してください。"),
    ],
)
def test_typed_account_to_stored_value_or_message(inputs, expected):
    assert outcome(form_of(PAYEE), inputs) == expected


def test_unanswered_optional_account_stores_nothing():
    result = post(form_of({**PAYEE, "required": False}), {"payee-bank": "", "payee-holder": " "})
    assert result.valid and result.values == {}


def test_without_the_public_account_choice_the_details_are_always_read():
    definition = form_of({**PAYEE, "public_account": False})
    field = definition.pages[0].fields[0]
    assert "payee-choice" not in REGISTRY["bank_account"].input_names(field)
    assert outcome(definition, typed(choice="public", number="")) == "＊口座番号を入力してください。"


@pytest.mark.parametrize(
    ("typed_name", "stored", "half"),
    [
        ("やまだ たろう", "ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"),
        ("ヤマダ キョウコ", "ヤマダ キョウコ", "ﾔﾏﾀﾞ ｷﾖｳｺ"),
        ("サトウ ユッタ", "サトウ ユッタ", "ｻﾄｳ ﾕﾂﾀ"),
        ("ヴォーン メアリー", "ヴォーン メアリー", "ｳﾞｵ-ﾝ ﾒｱﾘ-"),
        ("ジョン・スミス", "ジョン・スミス", "ｼﾞﾖﾝ ｽﾐｽ"),
        ("ｶ)ﾔﾏﾀﾞｼｮｳﾃﾝ", "カ)ヤマダショウテン", "ｶ)ﾔﾏﾀﾞｼﾖｳﾃﾝ"),
        ("ヶ", "ヶ", "ｹ"),
    ],
)
def test_holder_is_stored_in_katakana_and_exported_half_width_as_banks_expect(typed_name, stored, half):
    assert holder_katakana(typed_name) == stored
    assert holder_half_width(stored) == half


def test_display_and_csv_one_column_per_part():
    field = form_of(PAYEE).pages[0].fields[0]
    kind = REGISTRY["bank_account"]
    assert kind.display(field, TARO, "ja") == "0001 みずほ / 001 東京営業部 普通 1234567 ヤマダ タロウ"
    assert kind.display(field, {"public_account": True}, "ja") == "公金受取口座を利用する"
    assert kind.display(field, None, "ja") == ""
    assert kind.csv_headers(field, "ja") == [
        "振込先口座（公金受取口座）",
        "振込先口座（金融機関コード）",
        "振込先口座（支店コード）",
        "振込先口座（預金種目）",
        "振込先口座（口座番号）",
        "振込先口座（口座名義）",
        "振込先口座（口座名義半角）",
        "振込先口座（金融機関名）",
        "振込先口座（支店名）",
    ]
    english = form_of({**PAYEE, "label": {"ja": "振込先", "en": "Payee"}}).pages[0].fields[0]
    assert kind.csv_headers(english, "en")[1:3] == ["Payee (bank code)", "Payee (branch code)"]
    assert kind.csv_cells(field, STORED) == [
        "",
        "0001",
        "001",
        "1",
        "1234567",
        "ヤマダ タロウ",
        "ﾔﾏﾀﾞ ﾀﾛｳ",
        "みずほ",
        "東京営業部",
    ]
    assert kind.csv_cells(field, {"public_account": True}) == ["1"] + [""] * 8
    assert kind.csv_cells(field, None) == [""] * 9
    no_public = form_of({**PAYEE, "public_account": False}).pages[0].fields[0]
    assert len(kind.csv_headers(no_public, "ja")) == len(kind.csv_cells(no_public, TARO)) == 8


def render(inputs):
    definition = form_of(PAYEE)
    result = post(definition, inputs)
    field = definition.pages[0].fields[0]
    return render_template(
        "fields/bank_account.html",
        field=field,
        ftype=REGISTRY["bank_account"],
        wt=result.form["payee"],
        errors=result.errors.get("payee", []),
    )


def test_partial_keeps_what_was_typed_and_marks_the_wrong_parts():
    html = render(typed(bank="001", holder="やまだ"))
    assert 'value="001"' in html and 'value="やまだ"' in html and 'value="1234567"' in html
    inputs = {line.split('id="', 1)[1].split('"', 1)[0]: line for line in html.splitlines() if "<input" in line}
    assert [name for name, line in inputs.items() if 'aria-invalid="true"' in line] == ["payee-bank"]
    assert (
        'aria-describedby="payee-error payee-bank-named"' in inputs["payee-bank"]
        and 'inputmode="numeric"' in inputs["payee-bank"]
    )


def test_partial_marks_the_details_for_the_browser_to_hide_with_the_public_account():
    html = render({})
    found = html.split('class="bank-details" data-when="', 1)[1].split('"', 1)[0]
    rule = json.loads(unescape(found))
    assert rule == {"not": {"field": "payee-choice", "equals": "public"}}
    assert not evaluate(rule, {"payee-choice": "public"}) and evaluate(rule, {"payee-choice": "account"})
    assert 'name="payee-choice" value="public"' in html and "公金受取口座を利用する" in html


def test_the_browser_gets_the_normalised_boxes_back():
    field = form_of(PAYEE).pages[0].fields[0]
    kind = REGISTRY["bank_account"]
    assert kind.value_inputs(field, {**TARO, "number": "0012345"}) == {
        "payee-bank": "0001",
        "payee-branch": "001",
        "payee-number": "0012345",
        "payee-holder": "ヤマダ タロウ",
    }
    assert kind.value_inputs(field, {"public_account": True}) == {}


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (typed(kind="2"), {**STORED, "kind": "2"}),  # 当座
        (typed(kind="4"), {**STORED, "kind": "4"}),  # 貯蓄
        (typed(bank="0 0 0 1", branch="0-01"), STORED),  # codes typed in groups
        (typed(bank="０００１", branch="００１"), STORED),
        (typed(holder="ア" * 30), {**STORED, "holder": "ア" * 30}),  # exactly the 30 characters banks allow
        (typed(holder="ﾔﾏﾀﾞ\uff00ﾀﾛｳ"), "＊口座名義はカタカナで入力してください。"),  # an unassigned code point
    ],
)
def test_every_account_type_codes_in_groups_and_the_longest_holder(inputs, expected):
    assert outcome(form_of(PAYEE), inputs) == expected


def test_the_account_type_is_shown_in_words():
    field = form_of(PAYEE).pages[0].fields[0]
    shown = [REGISTRY["bank_account"].display(field, {**TARO, "kind": kind}) for kind in ("1", "2", "4")]
    assert shown == [
        "0001 みずほ / 001 東京営業部 普通 1234567 ヤマダ タロウ",
        "0001 みずほ / 001 東京営業部 当座 1234567 ヤマダ タロウ",
        "0001 みずほ / 001 東京営業部 貯蓄 1234567 ヤマダ タロウ",
    ]


def test_small_and_old_kana_become_the_large_half_width_kana_banks_register():
    assert holder_half_width("ヵヶヮ カケワ") == "ｶｹﾜ ｶｹﾜ"


def test_a_code_unknown_to_the_national_list_is_refused_unless_the_list_is_missing(monkeypatch):
    from formbuilder.assist import banks

    unknown = typed(bank="0002")
    assert outcome(form_of(PAYEE), unknown) == (
        "＊金融機関コード「0002」の金融機関は見つかりません。通帳やキャッシュカードで確かめるか、金融機関名で探してください。"
    )
    monkeypatch.setattr(banks, "_data_dir", lambda: None)
    banks._banks.cache_clear()
    banks._branches.cache_clear()
    try:
        assert outcome(form_of(PAYEE), unknown) == {**TARO, "bank": "0002"}  # as before the list: no names
        field = form_of(PAYEE).pages[0].fields[0]
        assert REGISTRY["bank_account"].display(field, TARO) == "0001 / 001 普通 1234567 ヤマダ タロウ"
    finally:
        banks._banks.cache_clear()
        banks._branches.cache_clear()
