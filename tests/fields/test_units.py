"""Units after a number in each language's plural form and place: 2人, "1 child", "2 children"."""

from __future__ import annotations

import pytest

from formbuilder.definitions.lint import advice
from formbuilder.definitions.loader import load_data
from formbuilder.definitions.translations import with_language
from formbuilder.fields import REGISTRY
from formbuilder.fields.units import categories, with_unit
from formbuilder.i18n import use_language
from tests.fields.one_field import field_app, form_of, outcome, render  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

CHILDREN = {
    "ja": "人",
    "ja-easy": "{人|にん}",
    "en": {"one": "child", "other": "children"},
    "pt-BR": {"one": "criança", "many": "de crianças", "other": "crianças"},
    "zh-Hans": "名",
    "ko": "명",
    "vi": "trẻ em",
    "fil": "bata",
}
COUNT = {"name": "count", "type": "number", "label": "人数", "unit": CHILDREN}


def shown(value, lang, unit=CHILDREN):
    field = form_of({**COUNT, "unit": unit}).pages[0].fields[0]
    return REGISTRY["number"].display(field, value, lang)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1, "en", "1 child"),
        (2, "en", "2 children"),
        (0, "en", "0 children"),
        ("1.5", "en", "1.5 children"),
        (1000, "en", "1,000 children"),
        (1, "pt-BR", "1 criança"),
        (0, "pt-BR", "0 criança"),  # Portuguese counts 0 and 1 alike
        (2, "pt-BR", "2 crianças"),
        (1000000, "pt-BR", "1,000,000 de crianças"),  # 'many': whole millions
        (1, "ja", "1人"),
        (2, "ja", "2人"),
        (2, "ja-easy", "2人（にん）"),
        (2, "zh-Hans", "2名"),
        (2, "zh-Hant", "2人"),  # no zh-Hant text: Japanese, placed as Japanese
        (3, "ko", "3명"),
        (1, "vi", "1 trẻ em"),
        (2, "fil", "2 bata"),
        (2, "id", "2人"),
    ],
)
def test_a_unit_in_the_plural_form_and_place_of_each_language(value, lang, expected):
    assert shown(value, lang) == expected


def test_symbols_stay_next_to_the_number_and_no_unit_is_no_suffix():
    assert shown(50, "en", {"ja": "%"}) == "50%"
    assert shown(20, "en", {"ja": "㎡", "en": "m²"}) == "20 m²"
    field = form_of({k: v for k, v in COUNT.items() if k != "unit"}).pages[0].fields[0]
    assert REGISTRY["number"].display(field, 1234, "en") == "1,234"
    assert with_unit("7", 7, None, "en") == "7"


def test_the_categories_of_our_languages_come_from_babel():
    assert categories("ja") == categories("ja-easy") == categories("zh-Hant") == ("other",)
    assert categories("en") == ("one", "other")
    assert categories("pt-BR") == ("many", "one", "other")


def test_the_page_shows_the_other_form_beside_the_box():
    with use_language("en"):
        html = render(COUNT)
    assert '<span class="unit">children</span>' in html


def test_the_current_language_is_used_when_none_is_given():
    field = form_of(COUNT).pages[0].fields[0]
    with use_language("en"):
        assert REGISTRY["number"].display(field, 1) == "1 child"
        assert outcome(form_of(COUNT), {"count": "１"}) == 1


def problems(unit, languages=("ja",)):
    raw = {
        "slug": "field-test",
        "version": "1",
        "title": "テスト",
        "department": "test",
        "languages": list(languages),
        "pages": [{"id": "page", "title": "テスト", "fields": [{**COUNT, "unit": unit}]}],
    }
    return [(p.pointer, p.message) for p in load_data(raw).problems]


def test_plural_forms_are_checked():
    where = "/pages/0/fields/0/unit"
    assert problems({"ja": "人", "en": {"one": "child"}}) == [
        (f"{where}/en", "the 'en' plural forms need 'other' (the form for any count not named)")
    ]
    assert problems({"ja": {"one": "人", "other": "人"}}) == [
        (f"{where}/ja/one", "'ja' has no plural form 'one'; its forms are 'other'; write the unit as plain text")
    ]
    assert problems({"ja": "人", "en": {"one": "child", "few": "children", "other": "children"}}) == [
        (f"{where}/en/few", "'en' has no plural form 'few'; its forms are 'one', 'other'")
    ]
    assert problems({"ja": "人", "en": {"ones": "child", "other": "children"}}) == [
        (f"{where}/en/ones", "'ones' is not a plural form (did you mean 'one'?)")
    ]
    assert problems({"ja": "人", "en": {"one": ""}}) == [(f"{where}/en/one", "must be non-empty text (found '')")]
    assert problems({"ja": "人", "en": {}})[0][0] == f"{where}/en"
    assert problems(CHILDREN) == []


def test_a_language_of_the_form_without_its_unit_is_reported():
    found = problems({"ja": "人", "en": {"one": "child", "other": "children"}}, ("ja", "en", "vi"))
    assert [p for p in found if p[0].endswith("/unit")] == [
        ("/pages/0/fields/0/unit", "missing the 'vi' text (the form declares the languages ja, en, vi)")
    ]


def test_a_form_a_language_uses_left_to_other_is_advice():
    definition = form_of({**COUNT, "unit": {"ja": "人", "en": {"other": "children"}}})
    assert [m for _, m in advice(definition)] == [
        "the 'en' unit has no 'one' form: such counts show the 'other' form ('children')"
    ]
    assert list(advice(form_of(COUNT))) == []
    pt = {"ja": "人", "pt-BR": {"one": "criança", "other": "crianças"}}
    assert [m for _, m in advice(form_of({**COUNT, "unit": pt}))] == [
        "the 'pt-BR' unit has no 'many' form: such counts show the 'other' form ('crianças')"
    ]


def test_a_translation_imported_back_replaces_only_the_other_form():
    node = {"ja": "人", "en": {"one": "child", "other": "kids"}}
    assert with_language(node, "en", "children") == {"ja": "人", "en": {"one": "child", "other": "children"}}
    assert with_language({"ja": "人"}, "en", "people") == {"ja": "人", "en": "people"}
