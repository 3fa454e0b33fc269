"""A label written as a question, without a noun: each language's catalogue quotes and answers it.

The ordinary labels and the nouns in these languages are in tests/flows/test_nouns.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flows.test_nouns import ABOUT, about_errors


@pytest.fixture
def forms_dir():
    return Path(__file__).resolve().parents[1] / "fixtures" / "nouns"


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("en", {"vaccinated": ""}, "＊Answer ‘Vaccinated this year?’."),
        ("en", {"vaccinated": "maybe"}, "＊Choose your answer to ‘Vaccinated this year?’ from the list."),
        ("en", {"job": "Programmer"}, "＊‘What is your job?’ can be up to 5 characters."),
        ("ko", {"vaccinated": ""}, "＊‘올해 예방접종을 받았습니까?’에 답해 주세요."),
        ("ko", {"job": "소프트웨어개발자"}, "＊‘직업은 무엇입니까?’에 대한 답은(는) 5자 이내로 입력해 주세요."),
        ("zh-Hans", {"vaccinated": ""}, "＊请回答“今年接种过疫苗吗？”。"),
        ("zh-Hans", {"vaccinated": "maybe"}, "＊“今年接种过疫苗吗？”的回答请从列表中选择。"),
    ],
)
def test_a_question_label_is_quoted_and_answered_in_each_language(client, lang, typed, expected):
    assert about_errors(client, lang, {**ABOUT, **typed}) == [expected]
