"""notice alone: text to read, no input; whatever is posted under its name is ignored."""

from __future__ import annotations

import pytest

from formbuilder.fields import REGISTRY
from formbuilder.flows.answers import evaluate_page
from tests.fields.one_field import field_app, form_of  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

NOTICE = {"name": "f", "type": "notice", "label": "メーターについて", "body": "検針員が確認します。"}


@pytest.mark.parametrize(
    "posted",
    [[], [""], ["  "], ["y"], ["true"], ["1"], ["山田"], ["𠮷"], ["<script>"], ["=1+1"], ["a", "b"], ["x" * 10_000]],
)
def test_notice_stores_nothing_and_never_fails(posted):
    result = evaluate_page(form_of(NOTICE).pages[0], {"f": posted}, {})
    assert result.values == {} and result.errors == {} and result.valid
    assert result.shown == {"f": True}


def test_notice_beside_a_question_leaves_the_question_alone():
    definition = form_of(NOTICE, {"name": "g", "type": "text", "label": "氏名", "required": True})
    result = evaluate_page(definition.pages[0], {"f": ["x"], "g": ["山田"]}, {})
    assert result.values == {"g": "山田"} and result.errors == {}


def test_notice_has_no_input_no_csv_column_and_links_to_itself():
    kind = REGISTRY["notice"]
    field = form_of(NOTICE).pages[0].fields[0]
    assert kind.takes_input is False
    assert kind.input_names(field) == []
    assert kind.anchor(field) == "f"
    assert kind.wtforms_field(field) is None
    assert kind.csv_headers(field, "ja") == []
    assert kind.csv_cells(field, None) == []


def test_notice_body_is_a_text_in_every_language():
    field = form_of({**NOTICE, "body": {"ja": "本文", "en": "Body"}}).pages[0].fields[0]
    assert field.option("body").get("en") == "Body"
    assert field.option("body").get("ja") == "本文"
