"""フリガナ: hiragana and half-width kana become full-width katakana; kanji are never touched."""

from __future__ import annotations

import pytest

from formbuilder.assist.kana import fold_spaces, has_control, is_katakana, is_latin_name, to_katakana, to_latin


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
        ("José  da   Silva", "José da Silva", True),
        ("山田", "山田", False),
        ("John 2", "John 2", False),
        ("---", "---", False),
    ],
)
def test_latin_names(typed, latin, ok):
    assert to_latin(typed) == latin
    assert is_latin_name(to_latin(typed)) is ok


def test_control_characters_are_found():
    assert has_control("山\x00田") and not has_control("山田 太郎")
