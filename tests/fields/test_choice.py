"""radio, select, checkboxes and a single consent checkbox alone: codes stored, labels shown."""

from __future__ import annotations

from typing import Any

import pytest

from formbuilder.fields import REGISTRY
from formbuilder.flows.answers import evaluate_page
from tests.fields.one_field import field_app, form_of, outcome  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

CHOICES = [
    {"value": "sofa", "label": {"ja": "ソファ", "en": "Sofa"}},
    {"value": "bed", "label": {"ja": "ベッド", "en": "Bed"}},
    {"value": "desk", "label": {"ja": "机", "en": "Desk"}},
]
RADIO = {"name": "f", "type": "radio", "label": "品目", "required": True, "choices": CHOICES}
SELECT = {"name": "f", "type": "select", "label": "品目", "choices": CHOICES}
ITEMS = {"name": "f", "type": "checkboxes", "label": "品目", "max_choices": 2, "choices": CHOICES}
CONSENT = {"name": "f", "type": "checkbox", "label": "同意", "required": True, "text": "確認しました"}
NOT_LISTED = "＊品目は一覧から選んでください。"


def ticked(field: dict[str, Any], *values: str) -> Any:
    """Return the stored value of several posted values of one input, or its messages joined."""
    definition = form_of(field)
    result = evaluate_page(definition.pages[0], {"f": list(values)}, {})
    return " ".join(result.errors["f"]) if "f" in result.errors else result.values.get("f")


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (RADIO, {}, "＊品目を選んでください。"),
        (RADIO, {"f": ""}, "＊品目を選んでください。"),
        (RADIO, {"f": "bed"}, "bed"),
        (RADIO, {"f": "Bed"}, NOT_LISTED),  # codes are exact
        (RADIO, {"f": " bed "}, NOT_LISTED),
        (RADIO, {"f": "ベッド"}, NOT_LISTED),  # the label is not the value
        (RADIO, {"f": "chair"}, NOT_LISTED),  # a forged value not in the list
        (SELECT, {}, None),
        (SELECT, {"f": ""}, None),  # the empty first option of an optional list
        (SELECT, {"f": "desk"}, "desk"),
        (SELECT, {"f": "chair"}, NOT_LISTED),
        ({**SELECT, "required": True}, {"f": ""}, "＊品目を選んでください。"),
    ],
)
def test_one_choice_stored_as_its_code_or_message(field, typed, expected):
    assert outcome(form_of(field), typed) == expected


def test_radio_keeps_the_first_of_two_posted_values():
    assert ticked(RADIO, "desk", "sofa") == "desk"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((), None),
        (("bed",), ["bed"]),
        (("desk", "sofa"), ["sofa", "desk"]),  # stored in the order of the definition
        (("bed", "bed"), ["bed"]),
        (("bed", "bed", "bed"), ["bed"]),  # one choice ticked three times is one choice
        (("sofa", "bed", "desk"), "＊品目は2個まで選べます。"),
        (("sofa", "chair"), NOT_LISTED),
        (("SOFA",), NOT_LISTED),
    ],
)
def test_checkboxes_store_codes_in_definition_order(values, expected):
    assert ticked(ITEMS, *values) == expected


def test_required_checkboxes_need_one_tick():
    assert ticked({**ITEMS, "required": True}) == "＊品目を選んでください。"


def test_checkboxes_without_a_limit_take_every_choice():
    unlimited = {key: value for key, value in ITEMS.items() if key != "max_choices"}
    assert ticked(unlimited, "desk", "bed", "sofa") == ["sofa", "bed", "desk"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, "＊「同意」の内容を確認して、チェックを入れてください。"),
        ({"f": ""}, "＊「同意」の内容を確認して、チェックを入れてください。"),
        ({"f": "false"}, "＊「同意」の内容を確認して、チェックを入れてください。"),
        ({"f": "0"}, "＊「同意」の内容を確認して、チェックを入れてください。"),
        ({"f": "y"}, True),
        ({"f": "on"}, True),
    ],
)
def test_consent_checkbox_is_true_only_when_ticked(typed, expected):
    assert outcome(form_of(CONSENT), typed) == expected


def test_optional_checkbox_left_empty_stores_nothing():
    assert outcome(form_of({**CONSENT, "required": False}), {}) is None


def test_choice_shows_its_label_in_the_reader_language():
    kind = REGISTRY["radio"]
    field = form_of(RADIO).pages[0].fields[0]
    assert kind.display(field, "bed", "ja") == "ベッド"
    assert kind.display(field, "bed", "en") == "Bed"
    assert kind.display(field, "bed", "ko") == "ベッド"  # no Korean label: Japanese
    assert kind.display(field, "gone", "ja") == "gone"  # a code an older version had
    assert kind.display(field, None, "ja") == ""


def test_choice_exports_its_code():
    field = form_of(SELECT).pages[0].fields[0]
    assert REGISTRY["select"].csv_cells(field, "desk") == ["desk"]
    assert REGISTRY["select"].csv_cells(field, None) == [""]


def test_checkboxes_show_labels_joined_and_export_codes_in_one_cell():
    kind = REGISTRY["checkboxes"]
    field = form_of(ITEMS).pages[0].fields[0]
    assert kind.display(field, ["sofa", "desk"], "ja") == "ソファ、机"
    assert kind.display(field, ["sofa", "desk"], "en") == "Sofa, Desk"
    assert kind.display(field, None, "ja") == ""
    assert kind.csv_cells(field, ["sofa", "desk"]) == ["sofa;desk"]
    assert kind.csv_cells(field, None) == [""]


def test_consent_shows_yes_and_exports_one():
    kind = REGISTRY["checkbox"]
    field = form_of(CONSENT).pages[0].fields[0]
    assert kind.display(field, True, "ja") == "はい"
    assert kind.display(field, None, "ja") == ""
    assert kind.csv_cells(field, True) == ["1"]
    assert kind.csv_cells(field, None) == [""]


def test_radio_and_checkboxes_link_errors_to_their_first_box():
    assert REGISTRY["radio"].anchor(form_of(RADIO).pages[0].fields[0]) == "f-0"
    assert REGISTRY["checkboxes"].anchor(form_of(ITEMS).pages[0].fields[0]) == "f-0"
    assert REGISTRY["select"].anchor(form_of(SELECT).pages[0].fields[0]) == "f"
