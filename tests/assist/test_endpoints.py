"""The browser's helpers through HTTP: postal lookup, the instant page check, and 「住所を検索」 without JS."""

from __future__ import annotations

import logging
import re

import pytest

from tests.conftest import FIXTURE_FORMS
from tests.support import Citizen, errors_of, text_of

SLUG = "assist-demo"
VALID = {
    "applicant_name-family": "山田",
    "applicant_name-given": "太郎",
    "applicant_name-family_kana": "やまだ",
    "applicant_name-given_kana": "ﾀﾛｳ",
    "home-postal": "〒１００ー０００１",
    "home-prefecture": "東京都",
    "home-city": "千代田区",
    "home-line1": "千代田1-1",
    "home-line2": "さくらハイツ101",
    "phone": "０９０－１２３４－５６７８",
}


@pytest.fixture
def forms_dir():
    return FIXTURE_FORMS


def value_of(html: str, name: str) -> str | None:
    found = re.search(rf'<input [^>]*name="{re.escape(name)}" value="([^"]*)"', html)
    return found.group(1) if found else None


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select [^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option selected>([^<]*)</option>", select)


# --- GET /assist/postal/<code> ------------------------------------------------------


def test_postal_lookup_finds_one_town(client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.get("/assist/postal/1000001")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert (data["prefecture"], data["city"], data["town"], data["postal_code"]) == (
        "東京都",
        "千代田区",
        "千代田",
        "100-0001",
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert "1000001" not in caplog.text  # no personal data in the logs


@pytest.mark.parametrize("typed", ["〒１００ー０００１", "100-0001", "100－0001", "100 0001"])
def test_postal_lookup_accepts_what_people_type(client, typed):
    assert client.get(f"/assist/postal/{typed}").get_json()["postal_code"] == "100-0001"


def test_postal_lookup_with_several_towns_lists_them(client):
    data = client.get("/assist/postal/452-0961").get_json()
    assert data["status"] == "several" and (data["prefecture"], data["city"]) == ("愛知県", "清須市")
    assert {
        "prefecture": "愛知県",
        "city": "清須市",
        "town": "春日一番割",
        "label": "春日一番割",
        "lang": "ja",
        "value": "4520961-1",
    } in data["towns"]


def test_postal_lookup_of_unknown_and_wrong_codes(client):
    unknown = client.get("/assist/postal/9999999")
    assert unknown.status_code == 404 and unknown.get_json()["message"].startswith(
        "この郵便番号の住所は見つかりませんでした"
    )
    wrong = client.get("/assist/postal/12")
    assert wrong.status_code == 400
    assert wrong.get_json()["message"] == "＊郵便番号は7桁の数字で入力してください（例：100-0001）。"


# --- POST /forms/<slug>/pages/<page>/validate ---------------------------------------------


def validate(citizen: Citizen, page: str, data: dict, headers: dict | None = None):
    return citizen.client.post(
        citizen.url(f"/pages/{page}/validate"),
        data=data,
        headers={"X-CSRFToken": citizen.csrf} if headers is None else headers,
    )


def test_instant_check_gives_the_servers_messages_and_normalised_inputs(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = validate(citizen, "applicant", {"applicant_name-family_kana": "やまだ", "home-postal": "12"})
    assert response.status_code == 200
    data = response.get_json()
    assert data["errors"]["home"][0] == "＊住所の郵便番号は7桁の数字で入力してください（例：100-0001）。"
    assert data["errors"]["phone"] == ["＊電話番号を入力してください。"]
    assert data["invalid"]["home"] == ["home-city", "home-line1", "home-postal", "home-prefecture"]
    assert data["normalised"]["applicant_name-family_kana"] == "ヤマダ"
    assert data["fields"]["phone"] == ["phone"]
    # the same messages as the page itself would show after 次へ
    page = citizen.post_page("applicant", {"applicant_name-family_kana": "やまだ", "home-postal": "12"})
    assert errors_of(page)[1].startswith(data["errors"]["home"][0])


def test_instant_check_of_a_valid_page_saves_nothing(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    data = validate(citizen, "applicant", VALID).get_json()
    assert data["errors"] == {}
    assert data["normalised"]["home-postal"] == "100-0001"
    assert data["normalised"]["applicant_name-given_kana"] == "タロウ"
    assert data["normalised"]["phone"] == "090-1234-5678"
    # nothing was kept: the page still shows empty inputs
    html = citizen.get(citizen.url("/pages/applicant")).get_data(as_text=True)
    assert value_of(html, "home-city") == ""


def test_instant_check_needs_the_form_token_and_a_draft(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert validate(citizen, "applicant", VALID, headers={}).status_code == 400
    stranger = client.application.test_client()
    page = stranger.get(f"/forms/{SLUG}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = stranger.post(f"/forms/{SLUG}/pages/applicant/validate", data=VALID, headers={"X-CSRFToken": token})
    assert response.status_code == 409
    assert validate(citizen, "nowhere", VALID).status_code == 404


# --- 「住所を検索」 without JavaScript ---------------------------------------------------------


def test_search_button_fills_the_address_and_keeps_every_other_answer(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    typed = {**VALID, "home-prefecture": "", "home-city": "", "home-line1": ""}
    response = citizen.post_page("applicant", typed, action="assist:home")
    assert response.status_code == 200 and errors_of(response) == []
    html = response.get_data(as_text=True)
    assert value_of(html, "home-postal") == "100-0001"
    assert selected(html, "home-prefecture") == ["東京都"]
    assert (value_of(html, "home-city"), value_of(html, "home-line1")) == ("千代田区", "千代田")
    assert value_of(html, "home-line2") == "さくらハイツ101"
    assert value_of(html, "applicant_name-family") == "山田"
    assert value_of(html, "applicant_name-given_kana") == "ﾀﾛｳ"  # as typed until the check page
    assert value_of(html, "phone") is not None
    assert "郵便番号から住所を入力しました。" in text_of(response)
    # the citizen adds the block number and goes on; the check page shows the normalised values
    citizen.post_page(
        "applicant",
        {
            **typed,
            "home-postal": "100-0001",
            "home-prefecture": "東京都",
            "home-city": "千代田区",
            "home-line1": "千代田1-1",
        },
    )
    assert citizen.post_page("other", {}).status_code == 302
    check = text_of(citizen.check())
    assert "山田 太郎（ヤマダ タロウ）" in check
    assert "〒100-0001 東京都千代田区千代田1-1 さくらハイツ101" in check
    assert "090-1234-5678" in check


def test_search_with_several_towns_offers_them_and_fills_the_one_picked(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page("applicant", {"home-postal": "4520961", "phone": "03-1234-5678"}, action="assist:home")
    html = response.get_data(as_text=True)
    assert "この郵便番号には複数の地域があります。" in text_of(response)
    assert 'value="4520961-1"' in html and "春日一番割" in html
    assert selected(html, "home-prefecture") == ["愛知県"] and value_of(html, "home-city") == "清須市"
    picked = citizen.post_page(
        "applicant",
        {
            "home-postal": "452-0961",
            "home-prefecture": "愛知県",
            "home-city": "清須市",
            "home-town": "4520961-1",
            "phone": "03-1234-5678",
        },
        action="assist:home",
    )
    html = picked.get_data(as_text=True)
    assert value_of(html, "home-line1") == "春日一番割" and "town-choices" not in html
    assert value_of(html, "phone") == "03-1234-5678"


def test_search_for_an_unknown_code_says_so_and_keeps_the_address_typed_by_hand(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    typed = {**VALID, "home-postal": "999-9999", "home-line1": "手で入力した町1-1"}
    response = citizen.post_page("applicant", typed, action="assist:home")
    assert response.status_code == 200 and errors_of(response) == []
    assert "この郵便番号の住所は見つかりませんでした。" in text_of(response)
    html = response.get_data(as_text=True)
    assert value_of(html, "home-line1") == "手で入力した町1-1" and value_of(html, "home-city") == "千代田区"
    assert citizen.post_page("applicant", typed).status_code == 302  # a code Japan Post does not know is not refused


def test_search_button_scrolls_back_to_the_address(client):
    citizen = Citizen(client, SLUG)
    html = citizen.start().get_data(as_text=True)
    assert f'formaction="/forms/{SLUG}/pages/applicant#home-lookup"' in html
