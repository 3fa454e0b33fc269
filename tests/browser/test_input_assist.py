"""Input assistance on a phone in real Chromium: address from the postal code, フリガナ in
katakana, instant messages on leaving a field; the same journey with JavaScript off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve
from tests.browser.phone import check_page
from tests.conftest import FIXTURE_FORMS

pytestmark = pytest.mark.browser
PHONE_ERROR = "＊電話番号が正しくありません。市外局番から入力してください（例：03-1234-5678）。"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    """Serve the fixture forms (assist-demo) instead of the shipped ones, for this module."""
    with serve(FIXTURE_FORMS, tmp_path_factory.mktemp("live-assist")) as url:
        yield url


def start(page) -> None:
    page.goto("/forms/assist-demo")
    page.get_by_role("button", name="申請を始める").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申請する方")


def finish_and_check(page) -> None:
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("そのほか")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    expect(page.locator(".summary").first).to_contain_text("山田 太郎（ヤマダ タロウ）")
    expect(page.locator(".summary").first).to_contain_text("〒100-0001 東京都千代田区千代田1-1 さくらハイツ101")
    expect(page.locator(".summary").first).to_contain_text("090-1234-5678")


def test_typing_a_postal_code_fills_the_address_and_kana_turn_katakana(new_page, shots):
    page = new_page()
    start(page)
    check_page(page, shots, "assist-js-01-applicant")

    page.locator("#applicant_name-family").fill("山田")
    page.locator("#applicant_name-given").focus()  # still inside 氏名: nothing is flagged yet
    page.locator("#applicant_name-given").fill("太郎")
    kana = page.locator("#applicant_name-family_kana")
    kana.fill("やまだ")
    page.locator("#applicant_name-given_kana").focus()
    expect(kana).to_have_value("ヤマダ")  # normalised on leaving the box, as the server will
    page.locator("#applicant_name-given_kana").fill("ﾀﾛｳ")
    page.locator("#home-postal").focus()
    expect(page.locator("#applicant_name-given_kana")).to_have_value("タロウ")
    expect(page.locator("#applicant_name-error")).to_have_count(0)

    page.locator("#home-postal").press_sequentially("1000001")
    expect(page.locator("#home-prefecture")).to_have_value("東京都")
    expect(page.locator("#home-city")).to_have_value("千代田区")
    expect(page.locator("#home-line1")).to_have_value("千代田")
    expect(page.locator("#home-postal")).to_have_value("100-0001")
    expect(page.locator("#home-lookup")).to_have_text(
        "郵便番号から住所を入力しました。続けて番地などを入力してください。"
    )
    page.locator("#home-line1").press("End")
    page.locator("#home-line1").press_sequentially("1-1")
    page.locator("#home-line2").fill("さくらハイツ101")

    phone = page.locator("#phone")
    phone.fill("0312")
    phone.blur()
    expect(page.locator("#phone-error")).to_have_text(PHONE_ERROR)  # before any submit
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_attribute("aria-describedby", "phone-error")
    expect(page.locator("#home-error")).to_have_count(0)
    check_page(page, shots, "assist-js-02-instant-error")
    phone.fill("０９０１２３４５６７８")
    phone.blur()
    expect(page.locator("#phone-error")).to_have_count(0)
    expect(phone).not_to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_value("090-1234-5678")
    finish_and_check(page)
    check_page(page, shots, "assist-js-03-check")


def test_leaving_a_question_half_answered_shows_the_servers_message(new_page):
    page = new_page()
    start(page)
    page.locator("#applicant_name-family").fill("山田")
    page.locator("#applicant_name-family_kana").fill("山田")
    page.locator("#phone").focus()
    error = page.locator("#applicant_name-error")
    expect(error).to_contain_text("＊氏名の名を入力してください。")
    expect(error).to_contain_text("＊氏名のフリガナ（セイ）はカタカナで入力してください。")
    expect(page.locator("#applicant_name-family_kana")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#applicant_name-family")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("fieldset.person-name")).to_have_class("field person-name has-error")


def _script_late(page):
    """Hold back the page's script: what is typed now comes before it, as on a slow phone."""
    page.route("**/static/js/form.js", lambda route: route.abort())
    return lambda: (page.unroute("**/static/js/form.js"), page.add_script_tag(url="/static/js/form.js"))


def test_what_was_typed_before_the_script_came_is_checked_when_it_comes(new_page):
    page = new_page()
    load_script = _script_late(page)
    start(page)
    page.locator("#applicant_name-family").fill("山田")
    page.locator("#applicant_name-family_kana").fill("やまだ")
    page.locator("#home-postal").fill("1000001")
    page.locator("#phone").focus()
    load_script()
    expect(page.locator("#applicant_name-error")).to_contain_text("＊氏名の名を入力してください。")
    expect(page.locator("#applicant_name-family_kana")).to_have_value("ヤマダ")
    expect(page.locator("#home-prefecture")).to_have_value("東京都")
    expect(page.locator("#home-city")).to_have_value("千代田区")


def test_a_code_with_several_towns_offers_them_to_pick_with_one_tap(new_page, shots):
    page = new_page()
    start(page)
    page.locator("#home-postal").press_sequentially("4520961")
    expect(page.locator("#home-lookup")).to_have_text(
        "この郵便番号には複数の地域があります。当てはまるものを選んでください。"
    )
    expect(page.locator("#home-city")).to_have_value("清須市")
    check_page(page, shots, "assist-js-04-several-towns")
    page.get_by_label("春日一番割").tap()
    expect(page.locator("#home-line1")).to_have_value("春日一番割")
    expect(page.locator("#home-line1")).to_be_focused()
    expect(page.locator(".town-choices")).to_have_count(0)


def test_an_unknown_code_says_so_and_leaves_the_address_to_type(new_page):
    page = new_page()
    start(page)
    page.locator("#home-city").fill("さくら市")
    page.locator("#home-postal").press_sequentially("9999999")
    expect(page.locator("#home-lookup")).to_contain_text("この郵便番号の住所は見つかりませんでした。")
    expect(page.locator("#home-city")).to_have_value("さくら市")


def test_the_same_journey_without_javascript_uses_the_search_button(new_page, shots):
    page = new_page(javascript=False)
    start(page)
    page.locator("#applicant_name-family").fill("山田")
    page.locator("#applicant_name-given").fill("太郎")
    page.locator("#applicant_name-family_kana").fill("やまだ")
    page.locator("#applicant_name-given_kana").fill("たろう")
    page.locator("#phone").fill("090-1234-5678")
    page.locator("#home-postal").fill("〒１００ー０００１")
    page.get_by_role("button", name="住所を検索").click()

    expect(page.locator("#home-prefecture")).to_have_value("東京都")
    expect(page.locator("#home-city")).to_have_value("千代田区")
    expect(page.locator("#home-line1")).to_have_value("千代田")
    expect(page.locator("#home-lookup")).to_have_text(
        "郵便番号から住所を入力しました。続けて番地などを入力してください。"
    )
    expect(page.locator("#applicant_name-family_kana")).to_have_value("やまだ")  # every answer kept
    expect(page.locator("#phone")).to_have_value("090-1234-5678")
    assert page.url.endswith("#home-lookup")
    check_page(page, shots, "assist-nojs-01-searched")
    page.locator("#home-line1").fill("千代田1-1")
    page.locator("#home-line2").fill("さくらハイツ101")
    finish_and_check(page)


def test_picking_one_of_several_towns_without_javascript(new_page):
    page = new_page(javascript=False)
    start(page)
    page.locator("#home-postal").fill("4520961")
    page.get_by_role("button", name="住所を検索").click()
    expect(page.locator("#home-city")).to_have_value("清須市")
    page.get_by_label("春日一番割").check()
    page.get_by_role("button", name="選んだ地域を入力").click()
    expect(page.locator("#home-line1")).to_have_value("春日一番割")
