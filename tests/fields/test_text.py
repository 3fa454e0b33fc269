"""text, textarea, email and tel alone: typed input → stored value or the exact message."""

from __future__ import annotations

import re

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.fields import REGISTRY
from tests.fields.one_field import field_app, form_of, outcome, render  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

NAME = {"name": "f", "type": "text", "label": "氏名", "required": True, "max_length": 5}
CODE = {"name": "f", "type": "text", "label": "番号", "pattern": "[0-9]{3}", "min_length": 3}
KANA = {"name": "f", "type": "text", "label": "フリガナ", "pattern": "[ァ-ヶー　 ]+"}
HYPHENS = "‐‑–—−ー－"


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (NAME, "", "＊氏名を入力してください。"),
        (NAME, "   ", "＊氏名を入力してください。"),
        (NAME, "\u3000\u3000", "＊氏名を入力してください。"),  # full-width spaces only
        (NAME, " 山田 太郎 ", "山田 太郎"),  # trimmed at both ends, kept inside
        (NAME, "𠮷田", "𠮷田"),  # outside the BMP, kept as typed
        (NAME, "𠮷𠮷𠮷𠮷𠮷", "𠮷𠮷𠮷𠮷𠮷"),  # 5 code points (10 UTF-16 units) fit max_length 5
        (NAME, "𠮷𠮷𠮷𠮷𠮷𠮷", "＊氏名は5文字以内で入力してください。"),
        (NAME, "髙橋", "髙橋"),  # no normalisation of kanji
        (NAME, "\ufa10", "\ufa10"),  # a compatibility ideograph (塚) survives: NFC would rewrite it
        (NAME, "ｱｲｳ", "ｱｲｳ"),  # widths are left as typed in free text
        (NAME, "<b>", "<b>"),  # stored as typed; escaping is the template's job
        (CODE, "", None),
        (CODE, "123", "123"),
        (
            CODE,
            "12",
            "＊番号は3文字以上で入力してください。 ＊番号の形式が正しくありません。",
        ),  # every check that fails
        (CODE, "1234", "＊番号の形式が正しくありません。"),  # the pattern must match the whole answer
        (CODE, "a123", "＊番号の形式が正しくありません。"),
        (CODE, "１２３", "＊番号の形式が正しくありません。"),  # [0-9] is ASCII only
        (KANA, "ヤマダ　タロウ", "ヤマダ　タロウ"),
        (KANA, "やまだ", "＊フリガナの形式が正しくありません。"),
    ],
)
def test_text_typed_to_stored_value_or_message(field, typed, expected):
    assert outcome(form_of(field), {"f": typed}) == expected


def test_text_optional_and_unanswered_stores_nothing():
    assert outcome(form_of({"name": "f", "type": "text", "label": "建物名"}), {}) is None


def test_text_shows_and_exports_as_stored():
    field = form_of(NAME).pages[0].fields[0]
    kind = REGISTRY["text"]
    assert kind.display(field, "山田", "ja") == "山田"
    assert kind.display(field, None, "ja") == ""
    assert kind.csv_cells(field, "山田") == ["山田"]
    assert kind.csv_cells(field, None) == [""]


def test_text_offers_the_autocomplete_the_definition_names():
    field = form_of({**NAME, "autocomplete": "name"}).pages[0].fields[0]
    assert REGISTRY["text"].attributes(field) == {"type": "text", "autocomplete": "name", "maxlength": "5"}


@pytest.mark.parametrize(("kind", "limit"), [("text", 200), ("textarea", 2000)])
def test_text_without_max_length_is_limited_to_the_default(kind, limit):
    form = form_of({"name": "f", "type": kind, "label": "内容"})
    assert outcome(form, {"f": "あ" * limit}) == "あ" * limit
    assert outcome(form, {"f": "あ" * (limit + 1)}) == f"＊内容は{limit:,}文字以内で入力してください。"


def test_text_may_allow_up_to_the_hard_cap_and_no_more():
    form = form_of({"name": "f", "type": "textarea", "label": "内容", "max_length": 10000})
    assert outcome(form, {"f": "あ" * 10000}) == "あ" * 10000
    assert outcome(form, {"f": "あ" * 10001}) == "＊内容は10,000文字以内で入力してください。"
    raw = {"slug": "t", "version": "1", "title": "テスト", "department": "test"}
    field = {"name": "f", "type": "text", "label": "内容", "max_length": 10001}
    problems = load_data({**raw, "pages": [{"id": "p", "title": "テスト", "fields": [field]}]}).problems
    assert [(p.pointer, p.message) for p in problems] == [
        ("/pages/0/fields/0/max_length", "must be 10000 or less (found 10001)")
    ]


@pytest.mark.parametrize(
    ("options", "limit"),
    [
        ({"type": "text"}, 200),
        ({"type": "textarea"}, 2000),
        ({"type": "text", "max_length": 60}, 60),
        ({"type": "textarea", "max_length": 10000}, 10000),
    ],
)
def test_every_text_box_carries_its_limit_as_maxlength(options, limit):
    html = render({"name": "f", "label": "内容", **options})
    (tag,) = re.findall(r"<(?:input|textarea) [^>]*>", html)
    assert f' maxlength="{limit}"' in tag


NOTE = {"name": "f", "type": "textarea", "label": "備考", "max_length": 10, "rows": 3}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("  ", None),
        ("一行目\r\n二行目", "一行目\n二行目"),  # CRLF from the browser stored as LF
        ("一行目\n二行目", "一行目\n二行目"),
        ("\n\n本文\n\n", "本文"),
        ("1234567890", "1234567890"),
        ("12345\r\n6789", "12345\n6789"),  # the line break counts once, as stored
        ("12345678901", "＊備考は10文字以内で入力してください。"),
        ("𠮷" * 10, "𠮷" * 10),
        ("𠮷" * 11, "＊備考は10文字以内で入力してください。"),
        ("=SUM(A1)", "=SUM(A1)"),  # CSV guards formulas, the field keeps the text
        ("　全角スペース　", "全角スペース"),
    ],
)
def test_textarea_typed_to_stored_value_or_message(typed, expected):
    assert outcome(form_of(NOTE), {"f": typed}) == expected


EMAIL = {"name": "f", "type": "email", "label": "メールアドレス", "required": True}
EMAIL_ERROR = "＊メールアドレスの形式が正しくありません（例：taro@example.jp）。"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "＊メールアドレスを入力してください。"),
        ("   ", "＊メールアドレスを入力してください。"),
        ("taro@example.jp", "taro@example.jp"),
        (" taro@example.jp ", "taro@example.jp"),
        ("Taro@Example.JP", "Taro@example.jp"),  # the domain is case-free, the local part is kept
        ("taro＠example.jp", "taro@example.jp"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),  # typed with the IME on
        ("taro.yamada+city@mail.example.co.jp", "taro.yamada+city@mail.example.co.jp"),
        ("taro", EMAIL_ERROR),
        ("taro@example", EMAIL_ERROR),
        ("taro@@example.jp", EMAIL_ERROR),
        ("taro yamada@example.jp", EMAIL_ERROR),
        ("taro.@example.jp", EMAIL_ERROR),
        ("たろう@example.jp", EMAIL_ERROR),
        ("taro@-example.jp", EMAIL_ERROR),
        ("taro@example..jp", EMAIL_ERROR),
    ],
)
def test_email_typed_to_normal_form_or_message(typed, expected):
    assert outcome(form_of(EMAIL), {"f": typed}) == expected


def test_email_asks_for_an_email_keyboard():
    field = form_of(EMAIL).pages[0].fields[0]
    assert REGISTRY["email"].attributes(field) == {"type": "email", "autocomplete": "email", "inputmode": "email"}


TEL = {"name": "f", "type": "tel", "label": "電話番号", "required": True}
TEL_ERROR = "＊電話番号が正しくありません。市外局番から入力してください（例：03-1234-5678）。"


@pytest.mark.parametrize("hyphen", list(HYPHENS))
def test_tel_accepts_every_hyphen_variant(hyphen):
    assert outcome(form_of(TEL), {"f": f"090{hyphen}1234{hyphen}5678"}) == "090-1234-5678"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "＊電話番号を入力してください。"),
        ("  ", "＊電話番号を入力してください。"),
        ("０３－１２３４－５６７８", "03-1234-5678"),
        ("０３　１２３４　５６７８", "03-1234-5678"),
        ("0466-12-3456", "0466-12-3456"),
        ("0570-123-456", "0570-123-456"),
        ("0800-123-4567", "0800-123-4567"),
        ("090-1234-56789", TEL_ERROR),  # one digit too many for a mobile number
        ("03-1234-567", TEL_ERROR),  # one digit short: no Japanese number looks like this
        ("0", TEL_ERROR),
        ("117", TEL_ERROR),
        ("tel:0312345678", TEL_ERROR),
        ("090-1234-5678#", TEL_ERROR),
    ],
)
def test_tel_typed_to_national_format_or_message(typed, expected):
    assert outcome(form_of(TEL), {"f": typed}) == expected


def test_tel_optional_and_empty_stores_nothing():
    assert outcome(form_of({"name": "f", "type": "tel", "label": "電話番号"}), {"f": ""}) is None


@pytest.mark.parametrize("typed", ["+44 20 7946 0000", "+49 30 123456", "+1 650 253 0000"])
def test_tel_refuses_a_foreign_number_even_one_written_like_a_japanese_one(typed):
    # The UK number's national form 020 7946 0000 starts with 0 like a Japanese one.
    assert outcome(form_of(TEL), {"f": typed}) == TEL_ERROR


def test_tel_accepts_a_japanese_number_written_internationally():
    assert outcome(form_of(TEL), {"f": "+81 90-1234-5678"}) == "090-1234-5678"
