"""A person on a phone fills the water form page by page, with JavaScript on and off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.phone import check_page
from tests.support import days_ahead

pytestmark = pytest.mark.browser
POSTAL_ERROR = "＊水道を使う場所の住所の郵便番号は7桁の数字で入力してください（例：100-0001）。"


def next_page(page) -> None:
    page.get_by_role("button", name="次へ進む").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_water_form_from_start_to_receipt_on_a_phone(new_page, shots, javascript):
    page = new_page(javascript=javascript)
    tag = "water-js" if javascript else "water-nojs"
    page.goto("/")
    check_page(page, shots, f"{tag}-00-index")
    page.get_by_role("link", name="水道使用開始届").first.click()  # listed under 引越し and くらし
    expect(page.get_by_role("heading", level=1)).to_have_text("水道使用開始届")
    check_page(page, shots, f"{tag}-01-start")
    page.get_by_role("button", name="申請を始める").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("水道を使う場所")
    check_page(page, shots, f"{tag}-02-place")
    page.locator("#address-postal").fill("12")
    page.locator("#address-prefecture").select_option("東京都")
    page.locator("#address-city").fill("千代田区")
    page.locator("#address-line1").fill("千代田1-1")
    page.locator("#address-line2").fill("さくらハイツ101")
    next_page(page)

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("入力内容に誤りがあります（1件）")
    expect(summary.get_by_role("link", name=POSTAL_ERROR)).to_have_attribute("href", "#address-postal")
    expect(page.locator("#address-error")).to_have_text(POSTAL_ERROR)
    expect(page.locator("#address-postal")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#address-postal")).to_have_value("12")
    expect(page.locator("#address-line1")).to_have_value("千代田1-1")
    expect(page.locator("#address-line2")).to_have_value("さくらハイツ101")
    if javascript:
        expect(summary).to_be_focused()
    check_page(page, shots, f"{tag}-03-place-error")
    page.locator("#address-postal").fill("〒１００－０００１")  # stored as 100-0001
    page.locator("#address-line1").fill("千代田1-1")
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("使用者")
    check_page(page, shots, f"{tag}-04-user")
    page.locator("#user_name-family").fill("山田")
    page.locator("#user_name-given").fill("太郎")
    page.locator("#user_name-family_kana").fill("やまだ")  # stored as katakana
    page.locator("#user_name-given_kana").fill("タロウ")
    page.locator("#phone").fill("09012345678")
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("使用開始日と用途")
    check_page(page, shots, f"{tag}-05-start-date")
    start = days_ahead(10)
    page.locator("#start_date-year").fill(str(start.year))
    page.locator("#start_date-month").fill(str(start.month))
    page.locator("#start_date-day").fill(str(start.day))
    page.get_by_label("家事用（ご家庭）").check()
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("お支払い方法")
    check_page(page, shots, f"{tag}-06-payment")
    page.get_by_label("納付書（コンビニ・金融機関で支払う）").check()
    page.get_by_label("水道を使う場所と同じ").check()
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("確認事項")
    check_page(page, shots, f"{tag}-07-confirm")  # a notice; the declaration is on the check page
    next_page(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    main = page.locator("main")
    for typed in (
        "〒100-0001 東京都千代田区千代田1-1 さくらハイツ101",
        "山田 太郎（ヤマダ タロウ）",
        "090-1234-5678",
        "家事用（ご家庭）",
    ):
        expect(main).to_contain_text(typed)
    check_page(page, shots, f"{tag}-08-check")
    page.get_by_label("以上の内容で申請します").check()
    page.get_by_role("button", name="送信する").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("申請を受け付けました")
    reference = page.locator(".reference").inner_text().strip()
    assert len(reference) >= 8
    check_page(page, shots, f"{tag}-09-complete")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="控え（PDF）をダウンロード").click()
    download = download_info.value
    assert download.suggested_filename == f"receipt-{reference}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert "水道使用開始届" in text
    assert reference in text
    assert "ヤマダ タロウ" in text

    secret = page.locator(".secret").inner_text().strip()
    page.get_by_role("link", name="手続きの一覧に戻る").click()
    page.get_by_role("link", name="控え（PDF）をもう一度ダウンロードする").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("控えのダウンロード")
    check_page(page, shots, f"{tag}-10-receipt-lookup")
    page.locator("#reference").fill(reference.lower())
    page.locator("#secret").fill("WRONG")
    page.get_by_role("button", name="ダウンロード").click()
    expect(page.locator(".error-summary")).to_contain_text("受付番号または照会キーが正しくありません")
    expect(page.locator("#reference")).to_have_value(reference.lower())
    check_page(page, shots, f"{tag}-11-receipt-lookup-error")
    page.locator("#secret").fill(secret)
    with page.expect_download() as again_info:
        page.get_by_role("button", name="ダウンロード").click()
    assert reference in "".join(p.extract_text() for p in PdfReader(again_info.value.path()).pages)
