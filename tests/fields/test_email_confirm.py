"""email with `confirm: true`: the address typed twice, both must match."""

from __future__ import annotations

import pytest
from flask import render_template

from formbuilder.fields import REGISTRY
from tests.fields.one_field import field_app, form_of, outcome, post  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("field_app")

EMAIL = {"name": "email", "type": "email", "label": "メールアドレス", "required": True, "confirm": True}
MISMATCH = "＊確認のために入力したメールアドレスが一致しません。同じメールアドレスを入力してください。"
AGAIN = "＊確認のため、メールアドレスをもう一度入力してください。"
INVALID = "＊メールアドレスの形式が正しくありません（例：taro@example.jp）。"


def typed(first: str, second: str | None = None) -> dict[str, str]:
    return {"email": first, "email-confirm": first if second is None else second}


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (typed("taro@example.jp"), "taro@example.jp"),
        (typed("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"), "taro@example.jp"),
        (typed("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"), "taro@example.jp"),
        (typed("taro@Example.JP", "taro@example.jp"), "taro@example.jp"),
        (typed("Taro@example.jp", "taro@example.jp"), "Taro@example.jp"),  # the first copy is kept
        (typed(" taro@example.jp ", "taro@example.jp\u3000"), "taro@example.jp"),
        (typed("taro@ex－ample.jp"), "taro@ex-ample.jp"),
        (typed("taro@example.jp", "tar0@example.jp"), MISMATCH),
        (typed("taro@example.jp", "taro@example.co.jp"), MISMATCH),
        (typed("taro@example.jp", "taro@example"), MISMATCH),
        (typed("taro@example.jp", ""), AGAIN),
        (typed("taro@example", "taro@example"), INVALID),
        (typed("たろう@example.jp"), INVALID),  # typed with the IME still on
        (typed("taro"), INVALID),
        (typed("a" * 300 + "@example.jp"), INVALID),
        (typed("", ""), "＊メールアドレスを入力してください。"),
        (typed("", "taro@example.jp"), "＊メールアドレスを入力してください。"),
    ],
)
def test_typed_twice_to_stored_value_or_message(inputs, expected):
    assert outcome(form_of(EMAIL), inputs) == expected


def test_without_confirm_the_second_input_is_neither_asked_nor_read():
    definition = form_of({**EMAIL, "confirm": False})
    field = definition.pages[0].fields[0]
    assert REGISTRY["email"].input_names(field) == ["email"]
    assert outcome(definition, typed("taro@example.jp", "other@example.jp")) == "taro@example.jp"
    assert REGISTRY["email"].input_names(form_of(EMAIL).pages[0].fields[0]) == ["email", "email-confirm"]


def test_optional_address_left_empty_is_unanswered():
    result = post(form_of({**EMAIL, "required": False}), typed("", ""))
    assert result.valid and result.values == {}


def render(definition, inputs, show_errors=True):
    result = post(definition, inputs)
    field = definition.pages[0].fields[0]
    return render_template(
        "fields/email.html",
        field=field,
        ftype=REGISTRY["email"],
        wt=result.form["email"],
        errors=result.errors.get("email", []) if show_errors else [],
    )


def test_partial_asks_again_and_marks_the_copy_that_differs():
    html = render(form_of(EMAIL), typed("taro@example.jp", "tar0@example.jp"))
    assert "確認のため、もう一度入力してください" in html
    confirm = next(line for line in html.splitlines() if 'id="email-confirm"' in line)
    first = next(line for line in html.splitlines() if 'id="email"' in line)
    assert 'value="tar0@example.jp"' in confirm and 'aria-invalid="true"' in confirm
    assert 'type="email"' in confirm and 'autocomplete="email"' in confirm and 'inputmode="email"' in confirm
    assert 'value="taro@example.jp"' in first


def test_partial_without_confirm_is_the_plain_input():
    html = render(form_of({**EMAIL, "confirm": False}), {}, show_errors=False)
    assert "email-confirm" not in html and 'id="email"' in html


def test_the_browser_gets_the_normal_form_back_in_both_boxes():
    field = form_of(EMAIL).pages[0].fields[0]
    assert REGISTRY["email"].value_inputs(field, "taro@example.jp") == {
        "email": "taro@example.jp",
        "email-confirm": "taro@example.jp",
    }


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (typed("ｔａｒｏ！＠ｅｘａｍｐｌｅ．ｊｐ"), "taro!@example.jp"),  # the first full-width ASCII character
        (typed("ｔａｒｏ～＠ｅｘａｍｐｌｅ．ｊｐ"), "taro~@example.jp"),  # and the last
        ({"email": "taro@example.jp"}, AGAIN),  # a copy box the browser did not send is empty
    ],
)
def test_full_width_punctuation_and_an_unsent_copy(inputs, expected):
    assert outcome(form_of(EMAIL), inputs) == expected


def test_a_fresh_page_shows_an_empty_copy_box():
    html = render(form_of(EMAIL), {}, show_errors=False)
    confirm = next(line for line in html.splitlines() if 'id="email-confirm"' in line)
    assert 'value=""' in confirm


@pytest.mark.parametrize("inputs", [typed("taro", "taro"), typed("", "")], ids=["wrong address", "nothing typed"])
def test_only_a_copy_that_differs_is_marked_invalid(inputs):
    html = render(form_of(EMAIL), inputs)
    confirm = next(line for line in html.splitlines() if 'id="email-confirm"' in line)
    first = next(line for line in html.splitlines() if 'id="email"' in line)
    assert 'aria-invalid="true"' in first and 'aria-invalid="true"' not in confirm
