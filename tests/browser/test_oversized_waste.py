"""The oversized waste form on a phone: follow-up questions on the same page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.phone import check_page
from tests.support import days_ahead

pytestmark = pytest.mark.browser


def next_page(page) -> None:
    page.get_by_role("button", name="次へ進む").click()


def fill_up_to_collection(page, shots, tag: str = "waste") -> None:
    page.goto("/forms/oversized-waste-collection")
    expect(page.get_by_role("heading", level=1)).to_have_text("粗大ごみ収集の申込")
    check_page(page, shots, f"{tag}-01-start")
    page.get_by_role("button", name="申請を始める").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("申込者")
    check_page(page, shots, f"{tag}-02-applicant")
    page.locator("#applicant_name-family").fill("山田")
    page.locator("#applicant_name-family_kana").fill("やまだ")
    page.locator("#phone").fill("090-1234-5678")
    next_page(page)

    expect(page.locator("#applicant_name-error")).to_contain_text("＊氏名の名を入力してください。")
    check_page(page, shots, f"{tag}-03-applicant-error")
    page.locator("#applicant_name-given").fill("花子")
    page.locator("#applicant_name-given_kana").fill("はなこ")  # stored as katakana
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("収集に伺う住所")
    check_page(page, shots, f"{tag}-04-address")
    page.locator("#address-postal").fill("〒１００－０００１")  # stored as 100-0001
    page.locator("#address-prefecture").select_option("東京都")
    page.locator("#address-city").fill("千代田区")
    page.locator("#address-line1").fill("千代田1-1")
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("出す品目")
    page.locator("#items-0-kind").select_option("futon")
    page.locator("#items-0-count").fill("2")
    page.get_by_role("button", name="追加する").click()  # one item a press (a repeating group)
    page.locator("#items-1-kind").select_option("chest")
    page.locator("#items-1-count").fill("1")
    page.get_by_role("button", name="追加する").click()
    page.locator("#items-2-kind").select_option("chest")
    page.locator("#items-2-count").fill("1")
    expect(page.locator("#items-0-kind")).to_have_value("futon")  # kept on every press
    check_page(page, shots, f"{tag}-05-items")
    next_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("収集日と出す場所")


def test_choosing_other_place_reveals_the_description_box(new_page, shots):
    page = new_page()
    fill_up_to_collection(page, shots)
    other = page.locator("#place_other")
    expect(other).to_be_hidden()
    check_page(page, shots, "waste-06-collection")
    page.get_by_label("その他").check()
    expect(other).to_be_visible()
    page.get_by_label("いつものごみ集積所").check()
    expect(other).to_be_hidden()
    page.get_by_label("その他").check()
    other.fill("駐車場の奥、物置の横")
    day = days_ahead(14)
    page.locator("#collection_date-year").fill(str(day.year))
    page.locator("#collection_date-month").fill(str(day.month))
    page.locator("#collection_date-day").fill(str(day.day))
    check_page(page, shots, "waste-07-collection-other")
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("確認事項")
    expect(page.locator("main")).to_contain_text("受付番号を書いて")
    check_page(page, shots, "waste-08-confirm")
    page.get_by_label("申し込む品目は家庭から出たごみで", exact=False).check()
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    main = page.locator("main")
    for typed in (
        "山田 花子（ヤマダ ハナコ）",
        "〒100-0001 東京都千代田区千代田1-1",
        "1点目",
        "布団・毛布　400円",
        "3点目",
        "たんす　1,200円",
        "駐車場の奥、物置の横",
    ):
        expect(main).to_contain_text(typed)
    check_page(page, shots, "waste-09-check")


def test_without_javascript_the_description_box_is_always_shown(new_page, shots):
    page = new_page(javascript=False)
    fill_up_to_collection(page, shots, "waste-nojs")
    expect(page.locator("#place_other")).to_be_visible()
    check_page(page, shots, "waste-nojs-06-collection")
    page.get_by_label("自宅の玄関先・敷地内").check()
    next_page(page)
    expect(page.locator("#error-summary")).to_contain_text("＊収集希望日を入力してください。")
    expect(page.locator("#place_other")).to_be_visible()
    expect(page.get_by_label("自宅の玄関先・敷地内")).to_be_checked()
    check_page(page, shots, "waste-nojs-07-collection-error")
