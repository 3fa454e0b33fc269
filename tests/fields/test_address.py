"""postal_code and address: what is typed → what is stored, or the message; lookup and display."""

from __future__ import annotations

import pytest

from formbuilder.fields import REGISTRY
from formbuilder.fields.address import describe
from tests.fields.one_field import field_app, form_of, outcome, post, render  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

POSTAL = {"name": "postal", "type": "postal_code", "label": "郵便番号", "required": True}
ADDRESS = {"name": "home", "type": "address", "label": "住所", "required": True}
POSTAL_ERROR = "＊郵便番号は7桁の数字で入力してください（例：100-0001）。"
TSUKA = "\ufa10"  # 塚, a CJK compatibility ideograph: NFC would rewrite it to U+585A


def typed_address(postal="100-0001", prefecture="東京都", city="千代田区", line1="千代田1-1", line2="", **extra):
    parts = {"postal": postal, "prefecture": prefecture, "city": city, "line1": line1, "line2": line2, **extra}
    return {f"home-{part}": value for part, value in parts.items()}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("100-0001", "100-0001"),
        ("1000001", "100-0001"),
        ("〒100-0001", "100-0001"),
        ("〒１００－０００１", "100-0001"),
        ("１０００００１", "100-0001"),
        ("100‐0001", "100-0001"),
        ("100‑0001", "100-0001"),
        ("100‒0001", "100-0001"),
        ("100–0001", "100-0001"),
        ("100—0001", "100-0001"),
        ("100―0001", "100-0001"),
        ("100−0001", "100-0001"),
        ("100ー0001", "100-0001"),
        ("100ｰ0001", "100-0001"),
        ("100 0001", "100-0001"),
        (" 100-0001 ", "100-0001"),
        ("9999999", "999-9999"),  # unknown to Japan Post but well formed: the code may be new
        ("", "＊郵便番号を入力してください。"),
        ("12", POSTAL_ERROR),
        ("100-00011", POSTAL_ERROR),
        ("１００－０００１２３４５６７８９", POSTAL_ERROR),
        ("𠮷", POSTAL_ERROR),
        ("abcdefg", POSTAL_ERROR),
    ],
)
def test_postal_code(typed, expected):
    assert outcome(form_of(POSTAL), {"postal": typed}) == expected


def test_optional_postal_code_may_be_left_empty():
    assert outcome(form_of({**POSTAL, "required": False}), {"postal": ""}) is None


def test_postal_code_shows_with_its_mark():
    field = form_of(POSTAL).pages[0].fields[0]
    assert REGISTRY["postal_code"].display(field, "100-0001") == "〒100-0001"
    assert REGISTRY["postal_code"].csv_cells(field, "100-0001") == ["100-0001"]


STORED = {"postal_code": "100-0001", "prefecture": "東京都", "city": "千代田区", "line1": "千代田1-1"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (typed_address(), STORED),
        (typed_address(postal="〒１００ー０００１"), STORED),
        (typed_address(postal="100―0001"), STORED),
        (typed_address(line2="さくらハイツ101"), {**STORED, "line2": "さくらハイツ101"}),
        (typed_address(line1=" 千代田1-1　"), STORED),
        (typed_address(line1="千代田１－１"), {**STORED, "line1": "千代田１－１"}),  # addresses are never normalised
        (typed_address(line1="千代田1〜3"), {**STORED, "line1": "千代田1〜3"}),  # jaconv.normalize would make it ー
        (typed_address(line1="𠮷野町1-1"), {**STORED, "line1": "𠮷野町1-1"}),
        (typed_address(city=f"{TSUKA}本市"), {**STORED, "city": f"{TSUKA}本市"}),
        (typed_address(line1="あ" * 100), {**STORED, "line1": "あ" * 100}),
        (typed_address(line1="𠮷" * 100), {**STORED, "line1": "𠮷" * 100}),  # 100 code points, 200 UTF-16 units
        (typed_address(line1="あ" * 101), "＊住所の町域・番地は100文字以内で入力してください。"),
        (typed_address(postal="", prefecture="", city="", line1=""), "＊住所を入力してください。"),
        (typed_address(postal=""), "＊住所の郵便番号を入力してください。"),
        (typed_address(postal="12"), "＊住所の郵便番号は7桁の数字で入力してください（例：100-0001）。"),
        (typed_address(prefecture=""), "＊住所の都道府県を選んでください。"),
        (typed_address(prefecture="東京"), "＊住所の都道府県は一覧から選んでください。"),
        (typed_address(city=""), "＊住所の市区町村を入力してください。"),
        (typed_address(line1=""), "＊住所の町域・番地を入力してください。"),
        (typed_address(line1="千代田\x001-1"), "＊住所の町域・番地の形式が正しくありません。"),
        (
            typed_address(prefecture="", city="", line1=""),
            "＊住所の都道府県を選んでください。 ＊住所の市区町村を入力してください。 ＊住所の町域・番地を入力してください。",
        ),
    ],
)
def test_address(typed, expected):
    assert outcome(form_of(ADDRESS), typed) == expected


def test_compatibility_ideograph_is_stored_byte_for_byte():
    value = outcome(form_of(ADDRESS), typed_address(city=f"{TSUKA}本市"))
    assert value["city"].encode("utf-8") == f"{TSUKA}本市".encode()
    assert value["city"] != "塚本市"  # U+585A, what NFC would have made


def test_optional_address_may_be_left_empty_but_not_half_done():
    form = form_of({**ADDRESS, "required": False})
    assert outcome(form, typed_address(postal="", prefecture="", city="", line1="")) is None
    assert outcome(form, typed_address(city="", line1="")) == (
        "＊住所の市区町村を入力してください。 ＊住所の町域・番地を入力してください。"
    )


def test_only_the_wrong_parts_are_marked_and_the_right_ones_come_back_normalised():
    result = post(form_of(ADDRESS), typed_address(postal="１００ー０００１", city=""))
    wt = result.form["home"]
    assert wt.bad == {"city"}
    assert wt.clean["home-postal"] == "100-0001" and "home-city" not in wt.clean


def test_without_building_box():
    form = form_of({**ADDRESS, "building": False})
    field = form.pages[0].fields[0]
    assert "home-line2" not in REGISTRY["address"].input_names(field)
    assert outcome(form, typed_address()) == STORED
    assert len(REGISTRY["address"].csv_headers(field, "ja")) == 4


def test_display_and_csv():
    field = form_of(ADDRESS).pages[0].fields[0]
    ftype = REGISTRY["address"]
    value = {**STORED, "line2": "さくらハイツ101"}
    assert ftype.display(field, value) == "〒100-0001 東京都千代田区千代田1-1 さくらハイツ101"
    assert ftype.display(field, STORED) == "〒100-0001 東京都千代田区千代田1-1"
    assert ftype.csv_headers(field, "ja") == [
        "住所（郵便番号）",
        "住所（都道府県）",
        "住所（市区町村）",
        "住所（町域・番地）",
        "住所（建物名・部屋番号）",
    ]
    assert ftype.csv_headers(field, "en")[0] == "住所 (postal code)"
    assert ftype.csv_cells(field, value) == ["100-0001", "東京都", "千代田区", "千代田1-1", "さくらハイツ101"]
    assert ftype.csv_cells(field, STORED)[-1] == ""
    assert ftype.csv_cells(field, None) == [""] * 5


# --- the 「住所を検索」 button (no JavaScript) -------------------------------------


def assist(typed: dict[str, str]) -> dict[str, list[str]]:
    field = form_of(ADDRESS).pages[0].fields[0]
    return REGISTRY["address"].assist(field, {name: [value] for name, value in typed.items()})


def test_search_fills_prefecture_city_and_town():
    filled = assist({"home-postal": "〒１００ー０００１", "home-line2": "さくらハイツ101", "other": "kept"})
    assert filled["home-postal"] == ["100-0001"]
    assert (filled["home-prefecture"], filled["home-city"], filled["home-line1"]) == (
        ["東京都"],
        ["千代田区"],
        ["千代田"],
    )
    assert filled["home-line2"] == ["さくらハイツ101"] and filled["other"] == ["kept"]


def test_search_keeps_a_block_number_already_typed_after_the_town():
    assert assist({"home-postal": "1000001", "home-line1": "千代田1-1"})["home-line1"] == ["千代田1-1"]


def test_search_for_a_new_code_replaces_the_old_town():
    assert assist({"home-postal": "1000005", "home-line1": "千代田1-1"})["home-line1"] == ["丸の内"]


def test_search_with_several_towns_leaves_the_town_to_pick():
    filled = assist({"home-postal": "452-0961"})
    assert (filled["home-prefecture"], filled["home-city"]) == (["愛知県"], ["清須市"])
    assert "home-line1" not in filled
    found = describe("452-0961")
    assert found.status == "several" and found.choices[1].label == "春日一番割"


def test_search_with_a_town_picked_fills_it():
    value = next(c.value for c in describe("4520961").choices if c.town.town == "春日一番割")
    filled = assist({"home-postal": "452-0961", "home-town": value})
    assert filled["home-line1"] == ["春日一番割"] and filled["home-town"] == []


def test_a_pick_for_another_code_is_ignored():
    filled = assist({"home-postal": "1000001", "home-town": "4520961-1"})
    assert filled["home-line1"] == ["千代田"]


def test_several_cities_are_named_in_the_choices():
    found = describe("4980000")
    assert [c.label for c in found.choices] == [
        "愛知県弥富市 （町域の指定なし）",
        "三重県桑名郡木曽岬町 （町域の指定なし）",
    ]
    assert found.prefecture == "" and found.city == ""


@pytest.mark.parametrize("typed", ["9999999", "12", ""])
def test_search_for_an_unknown_or_wrong_code_leaves_everything_as_typed(typed):
    raw = {"home-postal": typed, "home-prefecture": "東京都", "home-line1": "手で入力1-1"}
    assert assist(raw) == {name: [value] for name, value in raw.items()}


def test_lookup_messages():
    assert describe("9999999").message.startswith("この郵便番号の住所は見つかりませんでした。")
    assert describe("12").message == POSTAL_ERROR
    assert describe("1000001").as_json() == {
        "status": "found",
        "message": "郵便番号から住所を入力しました。続けて番地などを入力してください。",
        "postal_code": "100-0001",
        "prefecture": "東京都",
        "city": "千代田区",
        "town": "千代田",
        "towns": [],
    }


# --- markup: smartphone keyboards and autofill ----------------------------------------


def test_address_markup_has_autocomplete_tokens_and_no_placeholder():
    html = render(ADDRESS)
    for token in ("postal-code", "address-level1", "address-level2", "address-line1", "address-line2"):
        assert f'autocomplete="{token}"' in html
    assert 'inputmode="numeric"' in html and 'enterkeyhint="search"' in html
    assert 'name="action" value="assist:home"' in html and "住所を検索" in html
    assert "placeholder" not in html
    assert html.count("<option") == 48
    assert '<span class="tag-optional">※任意</span>' in html  # 建物名・部屋番号


def test_address_markup_for_somebody_elses_address_turns_autofill_off():
    html = render({**ADDRESS, "autocomplete": "off"})
    assert 'autocomplete="postal-code"' not in html and html.count('autocomplete="off"') == 5


def test_only_the_wrong_part_is_marked_invalid():
    html = render(ADDRESS, typed_address(city=""), errors=True)
    assert 'id="home-error"' in html
    assert html.count('aria-invalid="true"') == 2  # the fieldset and 市区町村
    assert 'aria-describedby="home-city-hint home-error" aria-invalid="true"' in html


def test_postal_code_markup():
    html = render(POSTAL)
    assert 'inputmode="numeric"' in html and 'autocomplete="postal-code"' in html
    assert 'aria-describedby="postal-hint"' in html and "placeholder" not in html


def test_an_address_may_be_limited_below_the_default_length():
    short = {**ADDRESS, "max_length": 10}
    assert outcome(form_of(short), typed_address(line1="千代田1-1-100")) == {
        "postal_code": "100-0001",
        "prefecture": "東京都",
        "city": "千代田区",
        "line1": "千代田1-1-100",
    }
    assert (
        outcome(form_of(short), typed_address(line1="千代田1-1-1000"))
        == "＊住所の町域・番地は10文字以内で入力してください。"
    )
