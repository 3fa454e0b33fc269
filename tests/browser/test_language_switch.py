"""Switching language half-way through a page on a phone keeps everything typed there (issue 18, item 3),
with JavaScript on and off: the languages of the header are buttons of the page's form."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT_MS
from tests.browser.phone import check_page
from tests.browser.test_accessibility import assert_no_violations
from tests.support import days_ahead

pytestmark = pytest.mark.browser
SLUG = "water-supply-start"
# The user page as typed, the phone number half-typed (invalid): it comes back as typed, no error shown.
TYPED = {
    "#user_name-family": "山田",
    "#user_name-given": "太郎",
    "#user_name-family_kana": "ヤマダ",
    "#user_name-given_kana": "タロウ",
    "#phone": "090-12",
    "#email": "taro@example.jp",
}
LOOK = """(el) => { const s = getComputedStyle(el), box = el.getBoundingClientRect();
  return [s.fontFamily, s.fontSize, s.fontWeight, s.lineHeight, s.color, s.backgroundColor, s.textDecorationLine,
          s.textUnderlineOffset, s.padding, s.borderTopWidth, s.cursor, Math.round(box.height)]; }"""


def to_user_page(page) -> None:
    page.goto(f"/forms/{SLUG}")
    page.get_by_role("button", name="申請を始める").click()
    page.locator("#address-postal").fill("100-0001")
    page.locator("#address-prefecture").select_option("東京都")
    page.locator("#address-city").fill("千代田区")
    page.locator("#address-line1").fill("千代田1-1")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("使用者")


def type_user_page(page) -> None:
    for selector, value in TYPED.items():
        page.locator(selector).fill(value)


def choose_language(page, name: str) -> None:
    """Open the switcher (a <details>) and press the language, named in itself."""
    page.locator("nav.languages summary").click()
    page.locator("nav.languages").get_by_role("button", name=name, exact=True).click()


def expect_typed(page) -> None:
    for selector, value in TYPED.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator(".error-text")).to_have_count(0)
    expect(page.locator("[aria-invalid=true]")).to_have_count(0)


def go_on_to_check(page) -> None:
    """Back in Japanese: 次へ checks the half-typed phone number; fixed, the journey goes on to the check page."""
    page.get_by_role("button", name="次へ進む").click()
    expect(page.locator("#phone-error")).to_be_visible()
    expect(page.locator("#phone")).to_have_value("090-12")
    page.locator("#phone").fill("090-1234-5678")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("使用開始日と用途")
    start = days_ahead(10)
    page.locator("#start_date-year").fill(str(start.year))
    page.locator("#start_date-month").fill(str(start.month))
    page.locator("#start_date-day").fill(str(start.day))
    page.get_by_label("家事用（ご家庭）").check()
    page.get_by_role("button", name="次へ進む").click()
    page.get_by_label("納付書（コンビニ・金融機関で支払う）").check()
    page.get_by_label("水道を使う場所と同じ").check()
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("確認事項")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    main = page.locator("main")
    for shown in ("山田 太郎", "ヤマダ タロウ", "090-1234-5678", "taro@example.jp"):
        expect(main).to_contain_text(shown)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_to_english_mid_page_keeps_every_typed_value_then_back_to_japanese_and_on(
    new_page, shots, javascript
):
    page = new_page(javascript=javascript)
    tag = "langswitch-js" if javascript else "langswitch-nojs"
    to_user_page(page)
    type_user_page(page)

    choose_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Water user")
    assert page.url.endswith(f"/forms/{SLUG}/pages/user?lang=en"), page.url
    expect_typed(page)
    expect(page.get_by_role("button", name="Next")).to_be_visible()
    check_page(page, shots, f"{tag}-01-user-en")

    choose_language(page, "日本語")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text("使用者")
    expect_typed(page)
    go_on_to_check(page)
    check_page(page, shots, f"{tag}-02-check-ja")


def test_keyboard_alone_switches_and_enter_in_a_box_still_means_next(new_page):
    page = new_page()
    to_user_page(page)
    type_user_page(page)
    page.locator("#phone").fill("090-1234-5678")
    page.locator("#email").fill("")
    summary = page.locator("nav.languages summary")
    summary.focus()
    page.keyboard.press("Enter")  # opens the <details>
    english = page.locator("nav.languages").get_by_role("button", name="English", exact=True)
    for _ in range(3):  # 日本語, やさしい日本語, English
        page.keyboard.press("Tab")
    expect(english).to_be_focused()
    expect(english).to_have_attribute("lang", "en")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#user_name-family")).to_have_value("山田")
    # Enter in a text box is Next (the page's own default), never the first language of the header.
    page.locator("#user_name-given_kana").press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Water user")
    assert "/pages/start" in page.url, page.url


def test_the_open_switcher_on_a_form_page_has_no_axe_violations(browser, live_server, axe_source):
    context = browser.new_context(**PHONE, base_url=live_server, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"/forms/{SLUG}")
        page.locator("nav.languages summary").click()
        links = page.locator("nav.languages")
        link, current_link = (links.get_by_role("link", name=n, exact=True) for n in ("English", "日本語"))
        expected = (link.evaluate(LOOK), current_link.evaluate(LOOK))
        to_user_page(page)
        page.locator("nav.languages summary").click()
        buttons = page.locator("nav.languages")
        english, current = (buttons.get_by_role("button", name=n, exact=True) for n in ("English", "日本語"))
        expect(english).to_be_visible()
        expect(current).to_have_attribute("aria-current", "true")
        expect(english).to_have_attribute("lang", "en")
        # Drawn exactly as the links of the other pages (underlined, no button box, 44 px high).
        assert (english.evaluate(LOOK), current.evaluate(LOOK)) == expected
        assert expected[0][-1] >= 44 and expected[0][6] == "underline"
        assert_no_violations(page, axe_source, "user page, switcher open")
    finally:
        context.close()
