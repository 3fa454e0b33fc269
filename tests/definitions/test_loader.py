"""Loading one definition: schema errors in plain words, lint, frozen objects, a stable hash."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from formbuilder.definitions.loader import load_data, load_file
from formbuilder.i18n import Text


def minimal(**top: Any) -> dict[str, Any]:
    """A valid two-page definition; keyword arguments replace top-level keys."""
    return {
        "slug": "minimal",
        "version": "1",
        "title": "テスト届",
        "department": "test",
        "pages": [
            {
                "id": "applicant",
                "title": "申請者",
                "fields": [
                    {"name": "full_name", "type": "text", "label": "氏名", "required": True},
                    {
                        "name": "usage",
                        "type": "radio",
                        "label": "用途",
                        "choices": [
                            {"value": "household", "label": "家事用"},
                            {"value": "business", "label": "業務用"},
                        ],
                    },
                ],
            },
            {
                "id": "details",
                "title": "詳細",
                "when": {"field": "usage", "equals": "business"},
                "fields": [{"name": "business_name", "type": "text", "label": "事業所名"}],
            },
        ],
        **top,
    }


def problems_of(raw: Any) -> list[tuple[str, str]]:
    return [(p.pointer, p.message) for p in load_data(raw, "x.json").problems]


def test_valid_definition_becomes_frozen_objects():
    definition = load_data(minimal()).definition
    assert definition is not None
    assert [p.id for p in definition.pages] == ["applicant", "details"]
    usage = definition.field("usage")
    assert isinstance(usage.choices, tuple) and usage.choices[1].value == "business"
    assert isinstance(definition.page("details").when, MappingProxyType)
    with pytest.raises(TypeError):
        definition.page("details").when["field"] = "full_name"  # type: ignore[index]
    assert definition.field("full_name").pointer == "/pages/0/fields/0"
    assert definition.languages == ("ja",)


def test_plain_strings_are_japanese_texts():
    definition = load_data(minimal(title={"ja": "届", "en": "Notice"})).definition
    assert definition is not None
    assert definition.title == Text.of({"ja": "届", "en": "Notice"})
    assert definition.field("full_name").label.values == {"ja": "氏名"}


def test_hash_ignores_key_order_and_spacing():
    raw = minimal()
    shuffled = json.loads(json.dumps(dict(reversed(list(raw.items())))))
    first, second = load_data(raw).definition, load_data(shuffled).definition
    assert first is not None and second is not None
    assert first.hash == second.hash and len(first.hash) == 64


def test_hash_changes_when_a_label_changes():
    changed = minimal()
    changed["pages"][0]["fields"][0]["label"] = "お名前"
    assert load_data(minimal()).definition.hash != load_data(changed).definition.hash  # type: ignore[union-attr]


def test_every_mistake_is_reported_in_document_order():
    raw = minimal()
    raw["pages"] = [copy.deepcopy(raw["pages"][0]) for _ in range(12)]
    for index, page in enumerate(raw["pages"]):
        page["id"] = f"page-{index}"
        for field in page["fields"]:
            field["name"] = f"{field['name']}_{index}"
    raw["pages"][10]["fields"][0]["required"] = "yes"
    raw["pages"][2]["fields"][0]["required"] = "no"
    raw["version"] = 2
    assert [pointer for pointer, _ in problems_of(raw)] == [
        "/pages/2/fields/0/required",
        "/pages/10/fields/0/required",
        "/version",
    ]


def test_a_missing_key_is_reported_once():
    raw = minimal()
    del raw["pages"][0]["fields"][0]["label"]
    assert problems_of(raw) == [("/pages/0/fields/0", "required key 'label' is missing")]


def test_several_missing_keys_are_each_named():
    assert problems_of({"slug": "minimal", "pages": minimal()["pages"]}) == [
        ("", "required key 'version' is missing"),
        ("", "required key 'title' is missing"),
        ("", "required key 'department' is missing"),
    ]


def test_lint_runs_only_on_schema_valid_definitions():
    raw = minimal(version=1)
    raw["pages"][1]["when"] = {"field": "nowhere", "equals": "x"}
    assert problems_of(raw) == [("/version", "must be text in double quotes (found 1)")]


def test_pointer_escapes_slash_and_tilde_in_keys():
    assert problems_of(minimal(**{"a/b~c": 1})) == [("/a~1b~0c", "unknown key 'a/b~c'; use one of: " + ALLOWED_TOP)]


ALLOWED_TOP = (
    "$schema, slug, version, title, description, next_steps, contact, department, languages, before_you_start, "
    "duration_minutes, fee, life_events, keywords, retention_days, retention_years, opens_at, closes_at, "
    "max_submissions, pages"
)


def test_unknown_option_lists_the_options_when_nothing_is_close():
    raw = minimal()
    raw["pages"][0]["fields"][1]["colour"] = "red"
    assert problems_of(raw) == [
        (
            "/pages/0/fields/1/colour",
            "'colour' is not an option of a radio field; "
            "use one of: name, type, label, noun, help, required, when, checks, messages, choices",
        )
    ]


def test_choice_without_label_is_named():
    raw = minimal()
    del raw["pages"][0]["fields"][1]["choices"][0]["label"]
    assert problems_of(raw) == [("/pages/0/fields/1/choices/0", "required key 'label' is missing")]


def test_rule_that_is_not_an_object_shows_an_example():
    raw = minimal()
    raw["pages"][1]["when"] = "usage == business"
    assert problems_of(raw) == [
        (
            "/pages/1/when",
            'a rule must be an object such as {"field": "usage", "equals": "business"} (found \'usage == business\')',
        )
    ]


def test_rule_without_field_or_combiner_says_what_a_rule_needs():
    raw = minimal()
    raw["pages"][1]["when"] = {"equals": "business"}
    assert problems_of(raw) == [
        (
            "/pages/1/when",
            "a rule needs 'field' and one operator (equals, in, answered, gt, gte, lt, lte), or 'all', 'any' or 'not'",
        )
    ]


@pytest.mark.parametrize(
    ("rule", "pointer", "message"),
    [
        ({"field": "usage", "in": []}, "/pages/1/when/in", "must list at least one value"),
        ({"field": "usage", "answered": "yes"}, "/pages/1/when/answered", "must be true or false, without quotes (found 'yes')"),
        ({"field": "usage", "equals": ["a"]}, "/pages/1/when/equals", 'must be text, a number or true or false (found ["a"])'),
        ({"field": "Usage", "equals": "business"}, "/pages/1/when/field", "'Usage' cannot be used here. Use a lower-case letter first, then a-z, 0-9 or _ (up to 63 characters; example: start_date)."),
        ({"all": []}, "/pages/1/when/all", "must list at least one condition"),
        ({"any": {"field": "usage", "equals": "business"}}, "/pages/1/when/any", 'must be a list in [ ] (found {"field": "usage", "equals": "business"})'),
        ({"not": {"field": "usage", "equals": "business", "answered": True}}, "/pages/1/when/not", "a condition takes one operator, but this one has equals and answered; to combine conditions, use all or any"),
    ],
)  # fmt: skip
def test_rule_mistakes_are_explained_where_they_are(rule, pointer, message):
    raw = minimal()
    raw["pages"][1]["when"] = rule
    assert problems_of(raw) == [(pointer, message)]


def test_rule_comparing_with_a_later_field_inside_any_points_into_the_list():
    raw = minimal()
    raw["pages"][0]["fields"][0]["when"] = {"any": [{"field": "usage", "answered": True}]}
    assert problems_of(raw) == [
        (
            "/pages/0/fields/0/when/any/0/field",
            "rule refers to field 'usage', which is asked later; a rule may only look at earlier fields",
        )
    ]


def test_rule_may_look_at_an_earlier_field_of_the_same_page():
    raw = minimal()
    raw["pages"][0]["fields"].append(
        {"name": "shop", "type": "text", "label": "店名", "when": {"field": "usage", "equals": "business"}}
    )
    assert problems_of(raw) == []


def test_text_object_with_a_non_string_translation_is_pointed_at():
    raw = minimal(languages=["ja", "en"], title={"ja": "届", "en": 3})
    assert problems_of(raw)[0] == ("/title/en", "must be non-empty text in double quotes (found 3)")


def test_language_alias_is_suggested():
    assert problems_of(minimal(title={"jp": "届"})) == [
        ("/title/jp", "unknown language code 'jp' (did you mean 'ja'?)")
    ]


def test_duplicate_language_is_named():
    assert problems_of(minimal(languages=["ja", "en", "ja"])) == [("/languages", "lists 'ja' twice")]


def test_numbers_out_of_range_are_explained():
    assert problems_of(minimal(duration_minutes=0)) == [("/duration_minutes", "must be 1 or more (found 0)")]


def test_every_missing_translation_is_listed():
    raw = minimal(languages=["ja", "en"], title={"ja": "届", "en": "Notice"})
    pointers = [pointer for pointer, _ in problems_of(raw)]
    assert pointers == [
        "/pages/0/title",
        "/pages/0/fields/0/label",
        "/pages/0/fields/1/label",
        "/pages/0/fields/1/choices/0/label",
        "/pages/0/fields/1/choices/1/label",
        "/pages/1/title",
        "/pages/1/fields/0/label",
    ]


def test_message_overrides_and_option_texts_need_every_language_too():
    raw = minimal(languages=["ja", "en"], title={"ja": "届", "en": "Notice"})
    raw["pages"] = [
        {
            "id": "only",
            "title": {"ja": "確認", "en": "Confirm"},
            "fields": [
                {
                    "name": "about",
                    "type": "notice",
                    "label": {"ja": "お知らせ", "en": "Note"},
                    "body": "本文",
                },
                {
                    "name": "agree",
                    "type": "checkbox",
                    "label": {"ja": "同意", "en": "Consent"},
                    "messages": {"required_consent": "＊同意してください。"},
                },
            ],
        }
    ]
    assert [pointer for pointer, _ in problems_of(raw)] == [
        "/pages/0/fields/0/body",
        "/pages/0/fields/1/messages/required_consent",
    ]


def test_json_syntax_error_names_line_and_column(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "slug": "broken"\n  "version": "1"\n}\n', encoding="utf-8")
    [problem] = load_file(path).problems
    assert str(problem) == f"{path}: /: not valid JSON at line 3 column 3: a comma is missing between two items"


def test_json_with_single_quotes_asks_for_double_quotes(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text("{'slug': 'broken'}", encoding="utf-8")
    [problem] = load_file(path).problems
    assert problem.message == (
        "not valid JSON at line 1 column 2: Expecting property name enclosed in double quotes "
        '(keys and texts need double quotes "…")'
    )


def test_file_that_is_not_utf8_cannot_be_read(tmp_path: Path):
    path = tmp_path / "sjis.json"
    path.write_bytes('{"title": "水道"}'.encode("cp932"))
    [problem] = load_file(path).problems
    assert problem.pointer == "" and problem.message.startswith("cannot read file:")
    assert str(problem).startswith(f"{path}: /: cannot read file:")


def test_file_whose_slug_is_its_name_loads(tmp_path: Path):
    path = tmp_path / "minimal.json"
    path.write_text(json.dumps(minimal(), ensure_ascii=False), encoding="utf-8")
    result = load_file(path)
    assert result.problems == [] and result.definition is not None and result.definition.slug == "minimal"
