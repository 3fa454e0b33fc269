"""Exclusive choices (「該当なし」) of checkboxes: alone it is kept; with another, refused with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.flows.answers import evaluate_page
from tests.fields.one_field import field_app, form_of, render  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")
DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "exclusive" / "exclusive-demo.json"
FIELD = json.loads(DEMO.read_text(encoding="utf-8"))["pages"][0]["fields"][0]
REFUSED = "＊「どれも受けていない」は、ほかの選択肢と一緒には選べません。"


def ticked(*values: str):
    result = evaluate_page(form_of(FIELD).pages[0], {"support": list(values)}, {})
    return " ".join(result.errors["support"]) if "support" in result.errors else result.values.get("support")


def test_the_exclusive_choice_alone_is_kept():
    assert ticked("none") == ["none"]


def test_other_choices_together_are_kept():
    assert ticked("pension", "welfare") == ["welfare", "pension"]


@pytest.mark.parametrize("values", [("none", "welfare"), ("welfare", "pension", "none")])
def test_the_exclusive_choice_with_another_is_refused_with_its_label(values):
    assert ticked(*values) == REFUSED


def test_the_message_may_be_worded_by_the_definition():
    field = {**FIELD, "messages": {"exclusive": "「%(choice)s」を選ぶときは、ほかのチェックを外してください。"}}
    result = evaluate_page(form_of(field).pages[0], {"support": ["none", "welfare"]}, {})
    assert result.errors["support"] == ["「どれも受けていない」を選ぶときは、ほかのチェックを外してください。"]


def test_the_page_marks_it_for_the_script_and_sets_it_apart():
    html = render(FIELD)
    assert "data-exclusive-choices" in html
    assert html.count("data-exclusive ") + html.count("data-exclusive>") == 1
    assert html.index("または") < html.index("どれも受けていない")


@pytest.mark.parametrize(
    ("field", "pointer", "words"),
    [
        (
            {
                "name": "f",
                "type": "radio",
                "label": "品目",
                "choices": [{"value": "a", "label": "A", "exclusive": True}],
            },
            "/pages/0/fields/0/choices/0/exclusive",
            "exclusive is for checkboxes",
        ),
        (
            {
                "name": "f",
                "type": "checkboxes",
                "label": "品目",
                "choices": [{"value": "a", "label": "A", "exclusive": True}],
            },
            "/pages/0/fields/0/choices",
            "use a radio field",
        ),
    ],
)
def test_the_linter_refuses_exclusive_where_it_means_nothing(field, pointer, words):
    raw = {
        "slug": "x",
        "version": "1",
        "title": "t",
        "department": "d",
        "pages": [{"id": "p", "title": "t", "fields": [field]}],
    }
    found = [(p.pointer, p.message) for p in load_data(raw).problems]
    assert any(where == pointer and words in message for where, message in found), found
