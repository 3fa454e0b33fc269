"""A field's `noun`: in the schema, among the texts every language must have, in the translator's
CSV, and the warning `forms check` gives for a question label without one."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from formbuilder.definitions.lint import advice, missing_translations, texts
from formbuilder.definitions.loader import build, load_data, load_file
from formbuilder.definitions.schema import SCHEMA_PATH, build_schema
from formbuilder.definitions.translations import export_csv, import_file
from formbuilder.fields.messages import is_question

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "nouns" / "noun-demo.json"


def demo() -> dict:
    return json.loads(DEMO.read_text(encoding="utf-8"))


def problems_of(raw: dict) -> list[tuple[str, str]]:
    return [(p.pointer, p.message) for p in load_data(raw).problems]


@pytest.mark.parametrize(
    ("label", "question"),
    [
        ("多胎ですか", True),
        ("今年、予防接種を受けましたか。", True),
        ("お仕事は何ですか？", True),
        ("{公務員|こうむいん}ですか", True),
        ("Vaccinated this year?", True),
        ("申请人是公务员吗？", True),
        ("是否多胞胎吗", True),
        ("청구자는 공무원입니까", True),
        ("Bạn có sống cùng vợ/chồng không", True),
        ("के आवेदक सरकारी कर्मचारी हुनुहुन्छ?", True),
        ("多胎の別", False),
        ("公務員かどうか", False),
        ("{公務員|こうむいん}か どうか", False),
        ("Date of birth", False),
        ("배우자와의 동거·별거", False),
        ("是否与配偶同住", False),
    ],
)
def test_a_label_is_a_question_by_how_it_ends_in_each_language(label, question):
    assert is_question(label) is question


def test_a_noun_is_a_text_of_the_field_like_its_label():
    definition = load_file(DEMO).definition
    assert definition is not None
    twins = definition.field("twins")
    assert twins.noun is not None and twins.noun.get("en") == "multiple birth"
    assert definition.field("vaccinated").noun is None
    published = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert build_schema() == published
    assert all("noun" in branch["then"]["properties"] for branch in published["$defs"]["field"]["allOf"])


def test_a_noun_that_is_not_a_text_is_refused_where_it_is():
    raw = demo()
    raw["pages"][0]["fields"][0]["noun"] = 3
    assert [pointer for pointer, _ in problems_of(raw)] == ["/pages/0/fields/0/noun"]


def test_a_noun_missing_a_declared_language_is_reported_by_forms_check():
    raw = demo()
    del raw["pages"][0]["fields"][0]["noun"]["ko"]
    del raw["pages"][1]["fields"][2]["fields"][0]["noun"]["en"]
    assert problems_of(raw) == [
        ("/pages/0/fields/0/noun", "missing the 'ko' text (the form declares the languages ja, en, zh-Hans, ko)"),
        (
            "/pages/1/fields/2/fields/0/noun",
            "missing the 'en' text (the form declares the languages ja, en, zh-Hans, ko)",
        ),
    ]
    assert missing_translations(build(raw)) == {
        "en": ["/pages/1/fields/2/fields/0/noun"],
        "ko": ["/pages/0/fields/0/noun"],
    }


def test_the_translators_csv_carries_the_noun_and_takes_it_back(tmp_path):
    definition = load_file(DEMO).definition
    assert definition is not None
    assert ("/pages/0/fields/0/noun", definition.field("twins").noun) in list(texts(definition))
    assert "/pages/0/fields/0/noun,多胎の別,multiple birth\r\n" in export_csv(definition, "en")
    path = tmp_path / "noun-demo.json"
    path.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    report = import_file(path, "en", "key,ja,en\r\n/pages/0/fields/0/noun,多胎の別,twins or more\r\n")
    assert report.changed == ["/pages/0/fields/0/noun"]
    assert json.loads(path.read_text(encoding="utf-8"))["pages"][0]["fields"][0]["noun"]["en"] == "twins or more"


def test_forms_check_warns_about_a_question_label_without_a_noun():
    raw = demo()
    group = copy.deepcopy(raw["pages"][1]["fields"][2])
    del group["fields"][0]["noun"]
    raw["pages"][1]["fields"][2] = group
    definition = load_data(raw).definition
    assert definition is not None  # a warning, not an error
    warned = [(pointer, text) for pointer, text in advice(definition) if "question" in text]
    assert [pointer for pointer, _ in warned] == [
        "/pages/0/fields/1/label",  # vaccinated
        "/pages/0/fields/3/label",  # job
        "/pages/1/fields/2/fields/0/label",  # the group item
    ]
    assert "今年、予防接種を受けましたか" in warned[0][1] and '"noun"' in warned[0][1]


def test_forms_check_prints_the_question_warning_and_passes(runner):
    result = runner.invoke(args=["forms", "check", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert "/pages/0/fields/1/label: warning: the label is a question" in result.stderr
    assert "/pages/0/fields/0/label: warning" not in result.stderr  # twins has its noun
