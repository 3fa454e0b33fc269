"""The confirmation page on a phone: the access key to copy or print, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _post_answers
from tests.support import water_answers

pytestmark = pytest.mark.browser
WATER = "water-supply-start"


def _send_water(page) -> None:
    page.goto(f"/forms/{WATER}")
    page.locator("main form button[type=submit]").first.click()
    for page_id, answers in water_answers().items():
        page.goto(_post_answers(page, f"/forms/{WATER}/pages/{page_id}", answers))
    page.get_by_label("以上の内容で申請します").check()
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申請を受け付けました")


def test_the_key_is_copied_with_one_tap_and_the_page_printed_with_another(new_page):
    page = new_page(javascript=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _send_water(page)
    key = page.locator("#access-key").inner_text().strip()
    page.get_by_role("button", name="照会キーをコピー").click()
    expect(page.locator(".key-copied")).to_have_text("照会キーをコピーしました。")
    assert page.evaluate("navigator.clipboard.readText()") == key
    page.evaluate("window.printed = 0; window.print = () => { window.printed += 1; }; 0")  # 0: not a function to call
    page.get_by_role("button", name="このページを印刷").click()
    assert page.evaluate("window.printed") == 1


def test_without_javascript_no_dead_buttons_and_the_key_is_text_to_select(new_page):
    page = new_page(javascript=False)
    _send_water(page)
    expect(page.get_by_role("button", name="照会キーをコピー")).to_be_hidden()
    expect(page.get_by_role("button", name="このページを印刷")).to_be_hidden()
    key = page.locator("#access-key")
    expect(key).to_be_visible()
    assert len(key.inner_text().strip()) == 19  # XXXX-XXXX-XXXX-XXXX
    expect(page.locator(".status-url a")).to_have_attribute("href", "http://localhost/status")  # the public address
