"""name: 姓・名 with フリガナ, or one Latin box; kana converted, kanji kept exactly as typed."""

from __future__ import annotations

import pytest

from formbuilder.fields import REGISTRY
from formbuilder.i18n import use_language
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
    assert REGISTRY["name"].input_names(field) == ["person-family", "person-given", "person-script"]
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


# --- the citizen's choice of the Latin alphabet (latin_choice) and single names ----------------
def typed_latin(family="NGUYEN", given="VAN AN", family_kana="", given_kana="", script="latin"):
    return {**typed_name(family, given, family_kana, given_kana), "person-script": script}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (typed_latin(), {"family": "NGUYEN", "given": "VAN AN", "script": "latin"}),
        (typed_latin(given=""), {"family": "NGUYEN", "script": "latin"}),  # one name only
        (typed_latin(" Nguyễn ", "Văn  An"), {"family": "Nguyễn", "given": "Văn An", "script": "latin"}),
        (typed_latin("ＳＭＩＴＨ", "John"), {"family": "SMITH", "given": "John", "script": "latin"}),
        (
            typed_latin("O’Brien‐Smith", "Mary-Jane"),
            {"family": "O’Brien-Smith", "given": "Mary-Jane", "script": "latin"},
        ),
        (
            typed_latin(family_kana="ぐえん", given_kana="ヴァン アン"),
            {
                "family": "NGUYEN",
                "given": "VAN AN",
                "family_kana": "グエン",
                "given_kana": "ヴァン アン",
                "script": "latin",
            },
        ),
        (typed_latin(family="山田"), "＊氏名の姓はローマ字（アルファベット）で入力してください。"),
        (typed_latin(given="安"), "＊氏名の名はローマ字（アルファベット）で入力してください。"),
        (typed_latin(family="NGUYEN2"), "＊氏名の姓はローマ字（アルファベット）で入力してください。"),
        (typed_latin(family="", given="AN"), "＊氏名の姓を入力してください。"),
        (typed_latin(family="", given=""), "＊氏名を入力してください。"),
        (typed_latin(family_kana="nguyen"), KANA_ERROR),
        (typed_latin(family="A" * 51), "＊氏名の姓は50文字以内で入力してください。"),
        # Not ticked: the usual rules, 名 and フリガナ needed.
        (
            typed_latin(script=""),
            "＊氏名のフリガナ（セイ）を入力してください。 ＊氏名のフリガナ（メイ）を入力してください。",
        ),
        (typed_latin(given="", family_kana="グエン", script=""), "＊氏名の名を入力してください。"),
        (
            typed_latin(given="", script=""),
            "＊氏名の名を入力してください。 ＊氏名のフリガナ（セイ）を入力してください。",
        ),
    ],
)
def test_name_in_the_latin_alphabet_chosen_by_the_citizen(typed, expected):
    assert outcome(form_of(NAME), typed) == expected


def test_messages_of_the_latin_alphabet_in_the_citizens_language():
    with use_language("en"):
        form = form_of({**NAME, "label": {"ja": "氏名", "en": "Name"}})
        assert (
            outcome(form, typed_latin(family="山田", given=""))
            == "＊Please enter Name: Family name in Latin letters (A to Z)."
        )


def test_a_tick_without_a_name_is_no_answer():
    assert outcome(form_of({**NAME, "required": False}), typed_latin("", "")) is None
    assert outcome(form_of(NAME), typed_latin("", "")) == "＊氏名を入力してください。"


def test_the_reading_may_still_be_required_in_the_latin_alphabet():
    form = form_of({**NAME, "kana_required": True})
    assert outcome(form, typed_latin()) == (
        "＊氏名のフリガナ（セイ）を入力してください。 ＊氏名のフリガナ（メイ）を入力してください。"
    )


def test_single_name_always_lets_the_given_name_be_empty_in_kanji_too():
    form = form_of({**NAME, "single_name": "always"})
    assert outcome(form, typed_name(given="", given_kana="")) == {"family": "山田", "family_kana": "ヤマダ"}


def test_without_the_latin_choice_the_tick_is_ignored():
    form = form_of({**NAME, "latin_choice": False, "single_name": "always"})
    field = form.pages[0].fields[0]
    assert "person-script" not in REGISTRY["name"].input_names(field)
    assert (
        outcome(form, typed_latin(family_kana="グエン", given_kana=""))
        == "＊氏名のフリガナ（メイ）を入力してください。"
    )
    assert outcome(form, typed_latin(given="", family_kana="グエン")) == {"family": "NGUYEN", "family_kana": "グエン"}
    assert "ローマ字" not in render(field_def={**NAME, "latin_choice": False, "single_name": "always"})


def test_the_latin_way_comes_back_as_inputs_and_shows_like_any_name():
    field = form_of(NAME).pages[0].fields[0]
    ftype = REGISTRY["name"]
    value = {"family": "NGUYEN", "script": "latin"}
    assert ftype.draft_inputs(field, value) == {"person-family": ["NGUYEN"], "person-script": ["latin"]}
    assert ftype.draft_inputs(field, stored()) == {f"person-{p}": [v] for p, v in stored().items()}
    assert outcome(form_of(NAME), {k: v[0] for k, v in ftype.draft_inputs(field, value).items()}) == value
    assert ftype.display(field, value) == "NGUYEN"
    assert ftype.display(field, {"family": "NGUYEN", "given": "VAN AN", "script": "latin"}) == "NGUYEN VAN AN"
    assert ftype.csv_cells(field, {"family": "NGUYEN", "given": "VAN AN", "script": "latin"}) == [
        "NGUYEN",
        "VAN AN",
        "",
        "",
    ]


def test_the_partial_keeps_the_tick_and_marks_what_is_optional_in_that_way():
    ticked = render(NAME, typed_latin())
    assert 'name="person-script" value="latin" data-script-toggle' in ticked and " checked>" in ticked
    assert ticked.count("data-when-latin>") == 3  # 名, セイ and メイ optional, shown
    assert "data-when-kanji hidden" in ticked
    plain = render(NAME, typed_name())
    assert " checked" not in plain
    assert plain.count("data-when-latin hidden>") == 3 and "data-when-kanji>" in plain
    assert 'value="NGUYEN"' in ticked


def test_contradictory_name_options_are_refused():
    from formbuilder.definitions.loader import load_data

    def problems(**options):
        raw = {
            "slug": "field-test",
            "version": "1",
            "title": "テスト",
            "department": "test",
            "languages": ["ja"],
            "pages": [{"id": "page", "title": "テスト", "fields": [{**NAME, **options}]}],
        }
        return [p.message for p in load_data(raw).problems]

    assert problems(latin=True, latin_choice=True) == [
        "latin: true asks the whole name in one box in the Latin alphabet, so latin_choice has nothing to act on; "
        "remove one of them"
    ]
    assert "so single_name has nothing" in problems(latin=True, single_name="always")[0]
    assert problems(latin_choice=False, single_name="latin") == [
        'single_name: "latin" lets 名 be empty in the ローマ字 mode, which latin_choice: false turns off; '
        'write single_name: "always" or remove latin_choice: false'
    ]
    assert "is not one of" in " ".join(problems(single_name="never")) or problems(single_name="never")
    assert problems(latin_choice=False, single_name="always") == []


def test_turning_the_latin_choice_off_is_warned_about():
    from formbuilder.definitions.lint import advice

    warned = [m for _, m in advice(form_of({**NAME, "latin_choice": False}))]
    assert any("a person with one name" in m for m in warned), warned
    assert not [
        m for _, m in advice(form_of({**NAME, "latin_choice": False, "single_name": "always"})) if "one name" in m
    ]
