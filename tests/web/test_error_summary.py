"""The error summary: each link goes to the very input that is wrong, each line names its question."""

from __future__ import annotations

import json

import pytest

from tests.flows.html import Page
from tests.support import Citizen, errors_of

SLUG = "summary-links"
DEFINITION = {
    "slug": SLUG,
    "version": "1",
    "title": "誤りの一覧",
    "department": "test",
    "pages": [
        {
            "id": "who",
            "title": "申請者",
            "fields": [
                {"name": "applicant", "type": "name", "label": "氏名", "required": True, "kana": False},
                {"name": "account", "type": "bank_account", "label": "振込先口座", "required": True},
                {"name": "privacy", "type": "checkbox", "label": "個人情報の取扱い", "required": True},
                {"name": "records", "type": "checkbox", "label": "公簿の確認への同意", "required": True},
            ],
        },
        {
            "id": "contact",
            "title": "連絡先",
            "fields": [
                {"name": "email", "type": "email", "label": "メールアドレス", "required": True, "confirm": True}
            ],
        },
    ],
}
# 名 left empty, a bank code of two digits, both boxes unticked; the rest is right.
WRONG = {
    "applicant-family": "山田",
    "applicant-given": "",
    "account-choice": "account",
    "account-bank": "12",
    "account-branch": "001",
    "account-kind": "1",
    "account-number": "1234567",
    "account-holder": "ヤマダ タロウ",
}


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / f"{SLUG}.json").write_text(json.dumps(DEFINITION, ensure_ascii=False), encoding="utf-8")
    return folder


def _sent_wrong(client) -> tuple[Citizen, object]:
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page("who", WRONG)
    assert response.status_code == 422
    return citizen, response


def test_each_summary_link_goes_to_the_input_that_is_wrong(client):
    _, response = _sent_wrong(client)
    page = Page(response)
    links = page.error_summary_links()
    assert links == ["#applicant-given", "#account-bank", "#privacy", "#records"]
    ids = page.ids()
    assert all(link[1:] in ids for link in links)


def test_two_unticked_boxes_give_two_lines_each_naming_its_question(client):
    _, response = _sent_wrong(client)
    consent = [e for e in errors_of(response) if "チェック" in e]
    assert consent == [
        "＊「個人情報の取扱い」の内容を確認して、チェックを入れてください。",
        "＊「公簿の確認への同意」の内容を確認して、チェックを入れてください。",
    ]


def test_instant_check_names_the_input_a_summary_link_should_go_to(client):
    citizen, _ = _sent_wrong(client)
    data = {"csrf_token": citizen.csrf, **WRONG}
    feedback = client.post(f"/forms/{SLUG}/pages/who/validate", data=data).get_json()
    assert feedback["anchors"] == {
        "applicant": "applicant-given",
        "account": "account-bank",
        "privacy": "privacy",
        "records": "records",
    }
    fixed = client.post(f"/forms/{SLUG}/pages/who/validate", data={**data, "applicant-given": "太郎"}).get_json()
    assert "applicant" not in fixed["anchors"] and "applicant" not in fixed["errors"]


def test_a_second_copy_of_an_e_mail_address_that_differs_links_to_the_second_box(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    right = {**WRONG, "applicant-given": "太郎", "account-bank": "0001", "privacy": "y", "records": "y"}
    assert citizen.post_page("who", right).status_code == 302
    typed = {"email": "taro@example.jp", "email-confirm": "tar0@example.jp"}
    assert Page(citizen.post_page("contact", typed)).error_summary_links() == ["#email-confirm"]
    assert Page(citizen.post_page("contact", {"email": "taro@example"})).error_summary_links() == ["#email"]
