"""The shipped 児童手当 form on a phone, typed the way people type: a wrong My Number check digit
is caught before submit, kana become katakana, 和暦 is understood, and the receipt shows the
normalised values with the number masked. With JavaScript on and off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.phone import check_page, tick
from tests.definitions.test_child_allowance import answers

pytestmark = pytest.mark.browser
CHECK_DIGIT = "に誤りがあります。数字を1つずつ確かめてください。"
KIND = "(e) => e.tagName.toLowerCase() + ':' + (e.type || '')"


def fill(page, typed: dict[str, str], javascript: bool) -> None:
    """Answer each input by its name, as a person would: type, pick or tick."""
    for name, value in typed.items():
        target = page.locator(f'[name="{name}"]')
        kind = target.first.evaluate(KIND)
        if kind == "input:hidden":  # a group's number of items: the buttons change it
            continue
        if kind == "select:select-one":
            target.select_option(value)
        elif kind == "input:radio":
            tick(page.locator(f'[name="{name}"][value="{value}"]'))
        elif kind == "input:checkbox":
            tick(target)
        elif kind == "input:file":
            target.set_input_files(value)
        else:
            target.fill(value)
        if javascript and name.endswith("-postal"):
            # The address arrives from the server; wait for it before typing the street.
            lookup = page.locator(f"#{name.removesuffix('-postal')}-lookup")
            expect(lookup).to_contain_text("住所を入力しました")


def next_page(page) -> None:
    page.get_by_role("button", name="次へ進む").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_child_allowance_catches_a_wrong_my_number_and_shows_normalised_values(new_page, shots, javascript):
    tag = "child-js" if javascript else "child-nojs"
    page = new_page(javascript=javascript)
    page.goto("/forms/child-allowance")
    page.get_by_role("button", name="申請を始める").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("請求者")

    pages = answers()
    claimant = dict(pages.pop("claimant"))
    claimant["claimant_my_number"] = "１２３４ ５６７８ ９０１９"  # the last digit is wrong
    fill(page, claimant, javascript)
    error = page.locator("#claimant_my_number-error")
    if javascript:
        page.locator("#claimant_my_number").blur()
        expect(error).to_contain_text(CHECK_DIGIT)  # on leaving the box, before any submit
    else:
        next_page(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("請求者")
        expect(page.locator("#error-summary")).to_contain_text(CHECK_DIGIT)
        expect(error).to_contain_text(CHECK_DIGIT)
        expect(page.locator("#claimant_name-family")).to_have_value("山田")  # nothing typed is lost
        expect(page.locator("#claimant_address-line2")).to_have_value("さくらハイツ101")
    expect(page.locator("#claimant_my_number")).to_have_attribute("aria-invalid", "true")
    check_page(page, shots, f"{tag}-01-my-number-error")
    page.locator("#claimant_my_number").fill("１２３４ ５６７８ ９０１８")
    if javascript:
        page.locator("#claimant_my_number").blur()
        expect(error).to_have_count(0)
    next_page(page)

    for page_id, typed in pages.items():
        expect(page.locator("form[method=post]").first).to_be_visible()
        fill(page, typed, javascript)
        next_page(page)
        expect(page.locator("#error-summary"), f"page {page_id}").to_have_count(0)

    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    main = page.locator("main")
    for shown in (
        "ヤマダ タロウ",
        "**** **** 9018",
        "〒100-0001",
        "090-1234-5678",
        "2024年4月1日（令和6年）",
        "ヤマダ ヨシ",
    ):
        expect(main).to_contain_text(shown)
    expect(main).not_to_contain_text("123456789018")
    check_page(page, shots, f"{tag}-02-check")
    page.get_by_label("以上の内容で申請します").check()
    page.get_by_role("button", name="送信する").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("申請を受け付けました")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="控え（PDF）をダウンロード").click()
    text = "".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages)
    flat = text.replace("\n", "")
    for shown in ("児童手当", "ヤマダ タロウ", "**** **** 9018", "2024年4月1日（令和6年）", "𠮷"):
        assert shown in flat, shown
    assert "123456789018" not in flat.replace(" ", "")
