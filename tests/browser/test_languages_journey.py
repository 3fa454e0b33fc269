"""A person fills the water form in Vietnamese, switches to Korean half-way, and gets a Korean receipt."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.phone import check_page
from tests.support import days_ahead

pytestmark = pytest.mark.browser
SLUG = "water-supply-start"
VI_POSTAL_ERROR = "gồm 7 chữ số (ví dụ: 100-0001)."  # the postal code box of the address


def switch_language(page, lang: str) -> None:
    """Open the language switcher (a <details>) and press `lang`: a link, or on a form page a button of its form."""
    page.locator("nav.languages summary").click()
    page.locator(f'nav.languages a[hreflang="{lang}"], nav.languages button[value="language:{lang}"]').click()


def test_vietnamese_then_korean_with_the_receipt_in_korean_beside_japanese(new_page, shots):
    page = new_page()
    page.goto(f"/forms/{SLUG}?lang=vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông báo bắt đầu sử dụng nước máy")
    check_page(page, shots, "languages-01-start-vi")
    page.get_by_role("button", name="Bắt đầu nộp đơn").click()

    # Vietnamese, with a mistake first: the errors are in Vietnamese, the answers stay.
    expect(page.get_by_role("heading", level=1)).to_have_text("Nơi sử dụng nước")
    page.locator("#address-postal").fill("12")
    page.locator("#address-prefecture").select_option("東京都")
    page.locator("#address-city").fill("千代田区")
    page.locator("#address-line1").fill("千代田1-1")
    page.locator("#address-line2").fill("さくらハイツ101")
    page.get_by_role("button", name="Tiếp theo").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Nội dung nhập có lỗi (1 chỗ)")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#address-postal")
    expect(page.locator("#address-error")).to_contain_text(VI_POSTAL_ERROR)
    expect(page.locator("#address-line1")).to_have_value("千代田1-1")
    check_page(page, shots, "languages-02-error-vi")
    page.locator("#address-postal").fill("〒１００－０００１")
    page.get_by_role("button", name="Tiếp theo").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Người sử dụng nước")
    page.locator("#user_name-family").fill("山田")
    page.locator("#user_name-given").fill("太郎")
    page.locator("#user_name-family_kana").fill("ヤマダ")
    page.locator("#user_name-given_kana").fill("タロウ")
    page.locator("#phone").fill("09012345678")
    page.get_by_role("button", name="Tiếp theo").click()

    # Half-way: to Korean with the switcher. The page and the answers so far are kept.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ngày bắt đầu và mục đích sử dụng")
    switch_language(page, "ko")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("사용 개시일과 용도")
    check_page(page, shots, "languages-03-start-date-ko")
    # Back one page, in Korean now: what was typed in Vietnamese is still there.
    page.get_by_role("button", name="뒤로").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("사용자")
    expect(page.locator("#user_name-family")).to_have_value("山田")
    expect(page.locator("#user_name-given_kana")).to_have_value("タロウ")
    page.get_by_role("button", name="다음").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("사용 개시일과 용도")
    start = days_ahead(10)
    page.locator("#start_date-year").fill(str(start.year))
    page.locator("#start_date-month").fill(str(start.month))
    page.locator("#start_date-day").fill(str(start.day))
    page.get_by_label("가정용").check()
    page.get_by_role("button", name="다음").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("납부 방법")
    page.get_by_label("납부서(편의점·금융기관에서 납부)").check()
    page.get_by_label("수도를 사용할 장소와 같음").check()
    page.get_by_role("button", name="다음").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("확인 사항")
    expect(page.locator("main")).to_contain_text("사용 개시일 이후에 검침원이 계량기를 확인합니다.")
    page.get_by_role("button", name="다음").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("입력 내용 확인")
    main = page.locator("main")
    for shown in ("100-0001", "さくらハイツ101", "ヤマダ タロウ", "090-1234-5678", "가정용"):
        expect(main).to_contain_text(shown)
    check_page(page, shots, "languages-04-check-ko")
    page.get_by_label("위의 내용으로 신청합니다").check()  # the declaration, beside 보내기
    page.get_by_role("button", name="보내기").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("신청이 접수되었습니다")
    reference = page.locator(".reference").inner_text().strip()
    with page.expect_download() as download_info:
        page.locator("a[href$='/complete/receipt.pdf']").click()
    text = "".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages)
    assert reference in text
    assert "수도 사용 개시 신고" in text
    for korean, japanese in (("수도를 사용할 장소의 주소", "水道を使う場所の住所"), ("성명", "氏名"), ("용도", "用途")):
        assert korean in text and japanese in text, (korean, japanese)
    assert "가정용" in text and "ヤマダ タロウ" in text


def test_easy_japanese_shows_readings_as_ruby(new_page):
    page = new_page()
    page.goto(f"/forms/{SLUG}?lang=ja-easy")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    heading = page.get_by_role("heading", level=1)
    expect(heading.locator("ruby").first).to_be_visible()
    expect(heading.locator("ruby rt").first).to_have_text("すいどう")
    expect(heading).to_contain_text("水道")
    page.get_by_role("button", name="申し込みを はじめる").click()
    expect(page.get_by_role("heading", level=1).locator("rt").first).to_have_text("すいどう")
    expect(page.locator("main rt", has_text="ゆうびんばんごう").first).to_be_visible()
    assert "{" not in page.locator("main").inner_text()
