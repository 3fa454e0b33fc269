"""Error messages: one default catalogue, overridden per field and per language by the definition."""

from __future__ import annotations

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.fields.messages import DEFAULTS, message
from formbuilder.i18n import use_language
from tests.fields.one_field import field_app, form_of, outcome  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

AGE = {"name": "f", "type": "number", "label": {"ja": "年齢", "en": "Age"}, "required": True, "max": 120}


def test_every_default_message_starts_with_the_dads_mark():
    assert all(text.startswith("＊") for text in DEFAULTS.values())


def test_default_message_names_the_field_and_its_limit():
    assert outcome(form_of(AGE), {"f": "121"}) == "＊年齢は120以下で入力してください。"


def test_plain_override_replaces_the_default_with_parameters_filled_in():
    field = {**AGE, "messages": {"max": "＊%(label)sは%(max)s歳までです。"}}
    assert outcome(form_of(field), {"f": "121"}) == "＊年齢は120歳までです。"


def test_override_touches_only_its_own_key():
    field = {**AGE, "messages": {"max": "＊上限を超えています。"}}
    assert outcome(form_of(field), {"f": ""}) == "＊年齢を入力してください。"


def test_override_with_an_unknown_parameter_is_refused_by_the_loader():
    field = {**AGE, "messages": {"max": "＊%(limit)s歳まで（100%）"}}
    raw = {
        "slug": "t",
        "version": "1",
        "title": "t",
        "department": "t",
        "pages": [{"id": "p", "title": "p", "fields": [field]}],
    }
    assert [(p.pointer, p.message) for p in load_data(raw).problems] == [
        (
            "/pages/0/fields/0/messages/max",
            "%(limit)s is not filled in for the 'max' message (it has %(label)s, %(max)s)",
        )
    ]


def test_override_writes_a_percent_sign_as_two():
    field = {**AGE, "messages": {"max": "＊%(max)s歳まで（100%%）"}}
    assert outcome(form_of(field), {"f": "121"}) == "＊120歳まで（100%）"


def test_override_in_the_reader_language():
    field = {**AGE, "messages": {"required": {"ja": "＊年齢を入れてください。", "en": "* Enter your %(label)s."}}}
    definition = form_of(field)
    with use_language("en"):
        assert outcome(definition, {"f": ""}) == "* Enter your Age."
    assert outcome(definition, {"f": ""}) == "＊年齢を入れてください。"


def test_message_uses_the_label_in_the_reader_language():
    item = form_of(AGE).pages[0].fields[0]
    with use_language("en"):
        text = message(item, "max", max=120)
    assert "Age" in text and "年齢" not in text
