"""フリガナ: hiragana and half-width kana become full-width katakana; kanji are never touched."""

from __future__ import annotations

import pytest

from formbuilder.assist.kana import fold_spaces, has_control, is_katakana, is_latin_name, to_katakana, to_latin
from tests.fields.one_field import field_app, form_of, post  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    ("typed", "kana"),
    [
        ("やまだ", "ヤマダ"),
        ("ヤマダ", "ヤマダ"),
        ("ﾔﾏﾀﾞ", "ヤマダ"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("ｶﾞｷﾞﾊﾟﾋﾟ", "ガギパピ"),
        ("ﾀﾛｰ", "タロー"),
        ("たろ-", "タロー"),
        ("タロ－", "タロー"),
        ("ゔぁいおりん", "ヴァイオリン"),
        ("じょん･すみす", "ジョン・スミス"),
        ("  やまだ　　たろう ", "ヤマダ タロウ"),
        ("やまだ太郎", "ヤマダ太郎"),  # converted as far as it goes; is_katakana then refuses it
    ],
)
def test_to_katakana(typed, kana):
    assert to_katakana(typed) == kana


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("ヤマダ", True),
        ("ヤマダ タロウ", True),
        ("ジョン・スミス", True),
        ("ヴァイオリン", True),
        ("ヤマダ太郎", False),
        ("yamada", False),
        ("やまだ", False),
        ("ヤマダ  タロウ", False),
        ("ヤマダ-", False),
        ("", False),
    ],
)
def test_is_katakana(text, ok):
    assert is_katakana(text) is ok


def test_kanji_are_never_normalised():
    compatibility = "\ufa10"  # 塚 U+FA10: NFC would make it U+585A
    assert fold_spaces(f" {compatibility}本 ") == f"{compatibility}本"
    assert to_katakana(f"{compatibility}") == compatibility
    assert fold_spaces("𠮷田") == "𠮷田"


@pytest.mark.parametrize(
    ("typed", "latin", "ok"),
    [
        ("John SMITH", "John SMITH", True),
        ("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH", True),
        ("Nguyễn Văn An", "Nguyễn Văn An", True),
        ("Nguye\u0303n", "Nguye\u0303n", True),  # a combining tilde stays as typed
        ("O'Brien-Smith Jr.", "O'Brien-Smith Jr.", True),
        ("O’Brien", "O’Brien", True),  # the typographic apostrophe phones type
        ("SMITH, John", "SMITH, John", True),
        ("José  da   Silva", "José da Silva", True),
        ("山田", "山田", False),
        ("John 2", "John 2", False),
        ("---", "---", False),
        ("Jose\u0301 山田", "Jose\u0301 山田", False),  # a combining accent does not end the check
    ],
)
def test_latin_names(typed, latin, ok):
    assert to_latin(typed) == latin
    assert is_latin_name(to_latin(typed)) is ok


def test_control_characters_are_found():
    assert has_control("山\x00田") and not has_control("山田 太郎")


def test_only_kana_are_converted_latin_letters_and_digits_stay_as_typed():
    assert to_katakana("やまだ 2ごう abc") == "ヤマダ 2ゴウ abc"
    assert to_katakana("ﾔﾏﾀﾞ１") == "ヤマダ１"


def test_only_latin_letters_and_digits_are_folded_kana_stay_as_typed():
    assert to_latin("ＪＯＨＮ　ジョン　１２") == "JOHN ジョン 12"


@pytest.mark.parametrize(
    "separator",
    ["\x00", "\x1b", "\x7f", "\u0085", "\u2028", "\u2029"],
    ids=["NUL", "ESC", "DEL", "NEL", "LINE SEPARATOR", "PARAGRAPH SEPARATOR"],
)
def test_control_and_line_separator_characters_are_found(separator):
    assert has_control(f"千代田{separator}1-1")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"], ids=["LINE SEPARATOR", "PARAGRAPH SEPARATOR"])
@pytest.mark.usefixtures("field_app")
def test_the_address_field_refuses_a_line_or_paragraph_separator(separator):
    form = form_of({"name": "home", "type": "address", "label": "住所", "required": True})
    typed = {
        "home-postal": "100-0001",
        "home-prefecture": "東京都",
        "home-city": "千代田区",
        "home-line1": f"千代田{separator}1-1",
        "home-line2": f"さくらハイツ{separator}101",
    }
    result = post(form, typed)
    assert result.errors["home"] == [
        "＊住所の町域・番地の形式が正しくありません。",
        "＊住所の建物名・部屋番号の形式が正しくありません。",
    ]
    assert "home" not in result.values
