"""name: 姓・名 with フリガナ, or one Latin box; kana converted, kanji kept exactly as typed."""

from __future__ import annotations

import pytest

from formbuilder.fields import REGISTRY
from tests.fields.one_field import field_app, form_of, outcome, post, render  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

NAME = {"name": "person", "type": "name", "label": "氏名", "required": True}
LATIN = {**NAME, "latin": True}
TSUKA = "\ufa10"  # 塚 U+FA10: NFC rewrites it to U+585A
KANA_ERROR = "＊氏名のフリガナ（セイ）はカタカナで入力してください。"


def typed_name(family="山田", given="太郎", family_kana="ヤマダ", given_kana="タロウ"):
    parts = {"family": family, "given": given, "family_kana": family_kana, "given_kana": given_kana}
    return {f"person-{part}": value for part, value in parts.items()}


def stored(family="山田", given="太郎", family_kana="ヤマダ", given_kana="タロウ"):
    return {"family": family, "given": given, "family_kana": family_kana, "given_kana": given_kana}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (typed_name(), stored()),
        (typed_name(family_kana="やまだ", given_kana="たろう"), stored()),
        (typed_name(family_kana="ﾔﾏﾀﾞ", given_kana="ﾀﾛｳ"), stored()),
        (typed_name(family_kana="ｶﾀｶﾅ"), stored(family_kana="カタカナ")),
        (typed_name(given_kana="たろ-"), stored(given_kana="タロー")),
        (typed_name(given_kana="ﾀﾛｰ"), stored(given_kana="タロー")),
        (typed_name(family=" 山田　", family_kana="　やまだ "), stored()),
        (
            typed_name(given="ジョン ポール", given_kana="じょん　　ぽーる"),
            stored(given="ジョン ポール", given_kana="ジョン ポール"),
        ),
        (typed_name(family="𠮷田", family_kana="よしだ"), stored(family="𠮷田", family_kana="ヨシダ")),
        (typed_name(family=f"{TSUKA}本", family_kana="つかもと"), stored(family=f"{TSUKA}本", family_kana="ツカモト")),
        (typed_name(family="葛\U000e0100城"), stored(family="葛\U000e0100城")),  # an ideographic variation sequence
        (typed_name(family="髙橋"), stored(family="髙橋")),
        (typed_name(family="𠮷" * 50), stored(family="𠮷" * 50)),  # 50 code points, 100 UTF-16 units
        (typed_name(family="山" * 51), "＊氏名の姓は50文字以内で入力してください。"),
        (typed_name(family="", given="", family_kana="", given_kana=""), "＊氏名を入力してください。"),
        (typed_name(given=""), "＊氏名の名を入力してください。"),
        (typed_name(family_kana=""), "＊氏名のフリガナ（セイ）を入力してください。"),
        (typed_name(family_kana="山田"), KANA_ERROR),
        (typed_name(family_kana="yamada"), KANA_ERROR),
        (typed_name(family_kana="ヤマダ1"), KANA_ERROR),
        (typed_name(family="山\x00田"), "＊氏名の姓の形式が正しくありません。"),
        (
            typed_name(given="", family_kana="山田"),
            f"＊氏名の名を入力してください。 {KANA_ERROR}",
        ),
    ],
)
def test_name(typed, expected):
    assert outcome(form_of(NAME), typed) == expected


def test_compatibility_ideograph_is_stored_byte_for_byte():
    value = outcome(form_of(NAME), typed_name(family=f"{TSUKA}本"))
    assert value["family"].encode("utf-8") == b"\xef\xa8\x90\xe6\x9c\xac"
    assert value["family"] != "塚本"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({"person-full": "John SMITH", "person-kana": ""}, {"full": "John SMITH"}),
        (
            {"person-full": "John SMITH", "person-kana": "じょん すみす"},
            {"full": "John SMITH", "kana": "ジョン スミス"},
        ),
        ({"person-full": "ＪＯＨＮ　ＳＭＩＴＨ"}, {"full": "JOHN SMITH"}),
        ({"person-full": "Nguyễn  Văn An"}, {"full": "Nguyễn Văn An"}),
        ({"person-full": "O'Brien-Smith"}, {"full": "O'Brien-Smith"}),
        ({"person-full": "山田太郎"}, "＊氏名はローマ字（アルファベット）で入力してください。"),
        ({"person-full": ""}, "＊氏名を入力してください。"),
        ({"person-full": "", "person-kana": "じょん"}, "＊氏名を入力してください。"),
        ({"person-full": "A" * 51}, "＊氏名は50文字以内で入力してください。"),
        ({"person-full": "John", "person-kana": "John"}, "＊氏名のフリガナはカタカナで入力してください。"),
    ],
)
def test_latin_name(typed, expected):
    assert outcome(form_of(LATIN), typed) == expected


def test_latin_name_with_required_reading():
    assert outcome(form_of({**LATIN, "kana_required": True}), {"person-full": "John"}) == (
        "＊氏名のフリガナを入力してください。"
    )


def test_name_without_kana():
    form = form_of({**NAME, "kana": False})
    field = form.pages[0].fields[0]
    assert REGISTRY["name"].input_names(field) == ["person-family", "person-given"]
    assert outcome(form, {"person-family": "山田", "person-given": "太郎"}) == {"family": "山田", "given": "太郎"}


def test_optional_kana():
    form = form_of({**NAME, "kana_required": False})
    assert outcome(form, typed_name(family_kana="", given_kana="")) == {"family": "山田", "given": "太郎"}
    assert outcome(form, typed_name(family_kana="山田")) == KANA_ERROR


def test_optional_name_may_be_left_empty():
    assert outcome(form_of({**NAME, "required": False}), typed_name("", "", "", "")) is None


def test_converted_kana_come_back_even_while_another_part_is_wrong():
    result = post(form_of(NAME), typed_name(family_kana="やまだ", given=""))
    wt = result.form["person"]
    assert wt.bad == {"given"} and wt.clean["person-family_kana"] == "ヤマダ"
    assert "person-given" not in wt.clean


def test_display_and_csv():
    field = form_of(NAME).pages[0].fields[0]
    ftype = REGISTRY["name"]
    assert ftype.display(field, stored()) == "山田 太郎（ヤマダ タロウ）"
    assert ftype.display(field, {"family": "山田", "given": "太郎"}) == "山田 太郎"
    assert ftype.display(field, {"full": "John SMITH", "kana": "ジョン スミス"}) == "John SMITH（ジョン スミス）"
    assert ftype.csv_headers(field, "ja") == ["氏名（姓）", "氏名（名）", "氏名（セイ）", "氏名（メイ）"]
    assert ftype.csv_headers(field, "en") == [
        "氏名 (family name)",
        "氏名 (given name)",
        "氏名 (family name in katakana)",
        "氏名 (given name in katakana)",
    ]
    assert ftype.csv_cells(field, stored()) == ["山田", "太郎", "ヤマダ", "タロウ"]
    assert ftype.csv_cells(field, None) == ["", "", "", ""]
    latin = form_of(LATIN).pages[0].fields[0]
    assert ftype.csv_headers(latin, "ja") == ["氏名", "氏名（フリガナ）"]
    assert ftype.csv_cells(latin, {"full": "John SMITH"}) == ["John SMITH", ""]


def test_value_inputs_put_the_stored_reading_back():
    field = form_of(NAME).pages[0].fields[0]
    assert REGISTRY["name"].value_inputs(field, stored())["person-family_kana"] == "ヤマダ"


def test_markup_has_name_tokens_and_no_placeholder():
    html = render(NAME)
    assert 'autocomplete="family-name"' in html and 'autocomplete="given-name"' in html
    assert html.count("autocomplete=") == 2  # readings have no standard token: left to the browser
    assert "placeholder" not in html and 'enterkeyhint="next"' in html
    assert "ひらがなで入力すると、カタカナに直します。" in html


def test_markup_latin_and_other_peoples_names():
    html = render(LATIN)
    assert 'autocomplete="name"' in html and 'autocapitalize="words"' in html
    assert '<span class="tag-optional">※任意</span>' in html  # the reading
    assert render({**NAME, "autocomplete": "off"}).count('autocomplete="off"') == 4


def test_markup_marks_only_the_wrong_part():
    html = render(NAME, typed_name(family_kana="山田"), errors=True)
    assert 'aria-describedby="person-kana-hint person-error" aria-invalid="true"' in html
    assert html.count('aria-invalid="true"') == 2  # the fieldset and セイ


def test_a_name_may_be_limited_below_the_default_length():
    short = {**NAME, "max_length": 5}
    assert outcome(form_of(short), typed_name(given="五文字の名")) == stored(given="五文字の名")
    assert outcome(form_of(short), typed_name(given="六文字の名前")) == "＊氏名の名は5文字以内で入力してください。"
