"""What a field's messages call it: its `noun`, the answer to its question, or its label.

Posted through the test client in several languages: the messages beside the boxes, the
error summary and the instant check. The question forms in the other languages come from the
catalogues (tests/i18n/test_question_messages.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flows.html import Page
from tests.support import Citizen, errors_of

SLUG = "noun-demo"
# An address whose postal code is wrong (the part's message is built from the field's noun).
HOME = {"home-postal": "12", "home-prefecture": "東京都", "home-city": "千代田区", "home-line1": "千代田1-1"}
ABOUT = {"twins": "yes", "vaccinated": "no", "nickname": "たろう", "job": "", "children": "2"}


@pytest.fixture
def forms_dir():
    return Path(__file__).resolve().parents[1] / "fixtures" / "nouns"


def about_errors(client, lang: str, typed: dict[str, str]) -> list[str]:
    citizen = Citizen(client, SLUG, lang)
    citizen.start()
    response = citizen.post_page("about", {**ABOUT, **typed})
    assert response.status_code == 422
    return errors_of(response)


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        # a noun given: used in place of the question
        ("ja", {"twins": ""}, "＊多胎の別を選んでください。"),
        ("ja", {"twins": "maybe"}, "＊多胎の別は一覧から選んでください。"),
        ("ja", {"children": "12"}, "＊お子さんの人数は9以下で入力してください。"),
        ("en", {"twins": ""}, "＊Please choose multiple birth."),
        ("en", {"children": "12"}, "＊Number of children must be 9 or less."),
        ("ko", {"twins": ""}, "＊다태아 여부을(를) 선택해 주세요."),
        ("zh-Hans", {"twins": ""}, "＊请选择是否多胞胎。"),
        # a question without a noun: quoted, answered
        ("ja", {"vaccinated": ""}, "＊「今年、予防接種を受けましたか」に答えてください。"),
        ("ja", {"vaccinated": "maybe"}, "＊「今年、予防接種を受けましたか」の答えは一覧から選んでください。"),
        ("ja", {"job": "プログラマー"}, "＊「お仕事は何ですか」の答えは5文字以内で入力してください。"),
        # an ordinary label: today's messages, byte for byte
        ("ja", {"nickname": ""}, "＊呼び名を入力してください。"),
        ("ja", {"nickname": "たろうたろう"}, "＊呼び名は5文字以内で入力してください。"),
        ("en", {"nickname": ""}, "＊Please enter Nickname."),
        ("ko", {"nickname": "가나다라마바"}, "＊호칭은(는) 5자 이내로 입력해 주세요."),
        ("zh-Hans", {"nickname": ""}, "＊请输入称呼。"),
    ],
)
def test_a_message_names_the_field_by_its_noun_its_quoted_question_or_its_label(client, lang, typed, expected):
    assert about_errors(client, lang, typed) == [expected]


def test_the_error_summary_lines_use_the_noun_and_the_quoted_question(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    page = Page(citizen.post_page("about", {**ABOUT, "twins": "", "vaccinated": ""}))
    summary = [e.text.strip() for e in page.find("a") if e.attrs.get("href", "").startswith("#")]
    assert "＊多胎の別を選んでください。" in summary
    assert "＊「今年、予防接種を受けましたか」に答えてください。" in summary
    assert not [line for line in summary if "多胎ですか" in line]


def test_the_instant_check_uses_the_noun(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.client.post(
        citizen.url("/pages/about/validate"),
        data={**ABOUT, "twins": "", "children": "12"},
        headers={"X-CSRFToken": citizen.csrf},
    )
    errors = response.get_json()["errors"]
    assert errors["twins"] == ["＊多胎の別を選んでください。"]
    assert errors["children"] == ["＊お子さんの人数は9以下で入力してください。"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ja",
            [
                "＊申請する方の氏名の姓を入力してください。"
                "＊申請する方の氏名のフリガナ（セイ）はカタカナで入力してください。",
                "＊お住まいの郵便番号は7桁の数字で入力してください（例：100-0001）。",
                "＊通学の有無を選んでください。",
            ],
        ),
        (
            "en",
            [
                "＊Please enter applicant's name: Family name."
                "＊Please enter applicant's name: Family name in katakana in katakana.",
                "＊Please enter home address: Postal code as 7 digits (e.g. 100-0001).",
                "＊Please choose school attendance.",
            ],
        ),
    ],
)
def test_a_name_an_address_and_a_group_item_use_their_nouns(client, lang, expected):
    citizen = Citizen(client, SLUG, lang)
    citizen.start()
    assert citizen.post_page("about", ABOUT).status_code == 302
    typed = {"applicant-given": "太郎", "applicant-family_kana": "yamada", "applicant-given_kana": "タロウ"}
    response = citizen.post_page("who", {**typed, **HOME, "siblings": "1"})
    assert response.status_code == 422
    assert errors_of(response) == expected
