"""The calculated field type bound to a throwaway form: computed at each post from the answers,
never from what is posted, per item inside a group, and shown as a read-only <output>."""

from __future__ import annotations

import json
from html import unescape

from flask import render_template_string

from formbuilder.definitions.lint import lint
from formbuilder.definitions.loader import load_data
from formbuilder.fields import REGISTRY
from formbuilder.flows.answers import evaluate_page
from tests.fields.one_field import field_app, form_of, post  # noqa: F401 (field_app: a fixture)

COUNT = {"name": "count", "type": "number", "label": "数量"}
KIND = {
    "name": "kind",
    "type": "radio",
    "label": "品目",
    "choices": [{"value": "futon", "label": "布団"}, {"value": "chest", "label": "たんす"}],
}
FEE = {
    "name": "fee",
    "type": "calculated",
    "label": "手数料",
    "unit": "円",
    "help": "自動で計算します。",
    "formula": {
        "product": [{"table": {"answer": "kind", "values": {"futon": 400, "chest": 1200}}}, {"answer": "count"}]
    },
}


def test_the_value_is_computed_from_the_answers_and_a_posted_one_is_ignored(field_app):  # noqa: F811
    form = form_of(KIND, COUNT, FEE)
    result = post(form, {"kind": "chest", "count": "２", "fee": "1"})
    assert result.values["fee"] == 2400 and result.computed == {"fee": 2400}
    assert REGISTRY["calculated"].input_names(form.pages[0].fields[2]) == []
    assert REGISTRY["calculated"].display(form.pages[0].fields[2], 2400, "ja") == "2,400円"
    unknown = post(form, {"kind": "chest", "fee": "1"})
    assert "fee" not in unknown.values and unknown.computed == {"fee": None}


def test_a_hidden_calculated_field_is_not_computed(field_app):  # noqa: F811
    form = form_of(KIND, COUNT, {**FEE, "when": {"field": "kind", "equals": "futon"}})
    assert "fee" not in post(form, {"kind": "chest", "count": "1"}).values
    assert post(form, {"kind": "futon", "count": "1"}).values["fee"] == 400


def test_inside_a_group_each_item_computes_from_its_own_fields(field_app):  # noqa: F811
    group = {"name": "items", "type": "group", "label": "品目", "max": 3, "fields": [KIND, COUNT, FEE]}
    total = {
        "name": "total",
        "type": "calculated",
        "label": "合計",
        "formula": {"sum_of": {"group": "items", "field": "fee"}},
    }
    form = form_of(group, total)
    typed = {"items": "2", "items-0-kind": "futon", "items-0-count": "3", "items-1-kind": "chest", "items-1-count": "1"}
    result = post(form, typed)
    assert result.values["items"] == [
        {"kind": "futon", "count": 3, "fee": 1200},
        {"kind": "chest", "count": 1, "fee": 1200},
    ]
    assert result.values["total"] == 2400
    assert result.computed == {"items-0-fee": 1200, "items-1-fee": 1200, "total": 2400}


def test_a_rule_and_a_check_compare_a_calculated_value_like_a_number(field_app):  # noqa: F811
    big = {"name": "delivery", "type": "checkbox", "label": "配達", "when": {"field": "fee", "gte": 1000}}
    checked = {**FEE, "checks": [{"rule": {"field": "fee", "lte": 2000}, "message": "＊手数料が多すぎます。"}]}
    form = form_of(KIND, COUNT, checked, big)
    assert list(lint(form)) == []
    assert post(form, {"kind": "chest", "count": "1"}).shown["delivery"] is True
    assert post(form, {"kind": "futon", "count": "1"}).shown["delivery"] is False
    assert post(form, {"kind": "chest", "count": "2"}).errors == {"fee": ["＊手数料が多すぎます。"]}


def test_the_page_shows_an_output_with_the_value_and_what_the_script_needs(field_app):  # noqa: F811
    group = {"name": "items", "type": "group", "label": "品目", "max": 3, "fields": [KIND, COUNT, FEE]}
    total = {
        "name": "total",
        "type": "calculated",
        "label": "合計",
        "formula": {"sum_of": {"group": "items", "field": "fee"}},
    }
    form = form_of(group, total)
    result = post(form, {"items": "1", "items-0-kind": "chest", "items-0-count": "1"}, earlier={"other": 5})
    item_fee = result.items["items"][0][2]
    html = render_template_string(
        "{% include ftype.template %}", field=item_fee, ftype=REGISTRY["calculated"], result=result, errors=[]
    )
    assert '<output id="items-0-fee" class="calculated-value" aria-labelledby="items-0-fee-label"' in html
    assert 'aria-live="polite"' in html and 'aria-describedby="items-0-fee-help"' in html
    assert ">1,200円</output>" in html and "自動計算" in html and "手数料" in html
    data = json.loads(unescape(html.split('data-calculated="', 1)[1].split('"', 1)[0]))
    assert data["formula"]["product"][1] == {"answer": "items-0-count"}  # renamed for its item
    assert data["formula"]["product"][0]["table"]["answer"] == "items-0-kind"
    assert data["unit"] == "円" and data["unit_one"] == "円" and data["known"] == {}

    raw = {"slug": "two", "version": "1", "title": "二", "department": "test"}
    pages = [{"id": "items", "title": "品目", "fields": [group]}, {"id": "total", "title": "合計", "fields": [total]}]
    later = load_data({**raw, "pages": pages}).definition
    assert later is not None  # the group on an earlier page: its items come with the page
    page = evaluate_page(later.pages[1], {}, {"items": [{"fee": 800}]})
    html = render_template_string(
        "{% include ftype.template %}",
        field=later.pages[1].fields[0],
        ftype=REGISTRY["calculated"],
        result=page,
        errors=[],
    )
    data = json.loads(unescape(html.split('data-calculated="', 1)[1].split('"', 1)[0]))
    assert data["known"] == {"items": [{"fee": 800}]} and ">800</output>" in html
