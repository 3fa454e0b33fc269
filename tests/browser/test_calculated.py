"""Calculated values on a phone (390×844): 粗大ごみ's fees and total follow what is typed and
chosen with JavaScript, and without it the page and the check page show the server's values;
the script's decimal arithmetic and rounding give exactly the server's text."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from formbuilder.definitions.calculations import calculate, stored
from formbuilder.definitions.loader import load_file
from formbuilder.fields import REGISTRY
from tests.browser.conftest import PHONE, TIMEOUT_MS, serve
from tests.browser.phone import check_page, watch
from tests.support import days_ahead

pytestmark = pytest.mark.browser
ROUNDING = Path(__file__).resolve().parents[1] / "fixtures" / "calculated"


def next_page(page) -> None:
    page.get_by_role("button", name="次へ進む").click()


def _applicant_name(page) -> None:
    page.locator("#applicant_name-family").fill("山田")
    page.locator("#applicant_name-given").fill("花子")
    page.locator("#applicant_name-family_kana").fill("ヤマダ")
    page.locator("#applicant_name-given_kana").fill("ハナコ")


def _address(page) -> None:
    page.locator("#address-postal").fill("100-0001")
    page.locator("#address-prefecture").select_option("東京都")
    page.locator("#address-city").fill("千代田区")
    page.locator("#address-line1").fill("千代田1-1")


def _to_items(page) -> None:
    page.goto("/forms/oversized-waste-collection")
    page.get_by_role("button", name="申請を始める").click()
    _applicant_name(page)
    page.locator("#phone").fill("090-1234-5678")
    next_page(page)
    _address(page)
    next_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("出す品目")


def _item(page, index: int, kind: str, count: str) -> None:
    page.locator(f"#items-{index}-kind").select_option(kind)
    if kind == "other":
        page.locator(f"#items-{index}-other_name").fill("物干し台")
    page.locator(f"#items-{index}-count").fill(count)


def _to_check(page) -> None:
    next_page(page)
    day = days_ahead(14)
    page.locator("#collection_date-year").fill(str(day.year))
    page.locator("#collection_date-month").fill(str(day.month))
    page.locator("#collection_date-day").fill(str(day.day))
    page.get_by_label("自宅の玄関先・敷地内").check()
    next_page(page)
    page.get_by_label("申し込む品目は家庭から出たごみで", exact=False).check()
    next_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")


def _values(page, label: str):
    """The values of the check page's rows labelled `label`, in order."""
    return page.locator(f'.summary-row:has(dt:text-is("{label}")) > dd:first-of-type')


def test_the_fees_and_the_total_follow_what_is_typed(new_page, shots):
    page = new_page()
    _to_items(page)
    total, first = page.locator("#total_fee"), page.locator("#items-0-fee")
    expect(total).to_have_text("0円")
    _item(page, 0, "futon", "2")
    expect(first).to_have_text("800円")
    expect(total).to_have_text("800円")
    page.get_by_role("button", name="追加する").click()  # a page post: the server computes
    _item(page, 1, "chest", "1")
    expect(total).to_have_text("2,000円")
    page.get_by_role("button", name="追加する").click()
    _item(page, 2, "fan", "3")
    page.get_by_role("button", name="追加する").click()
    _item(page, 3, "other", "1")
    expect(page.locator("#items-3-fee")).to_be_hidden()  # no amount: the fee is told later
    expect(total).to_have_text("2,600円")
    expect(page.locator("#total_count")).to_have_text("7点")
    page.locator("#items-0-count").fill("３")  # full-width, as the server takes it
    expect(first).to_have_text("1,200円")
    expect(total).to_have_text("3,000円")
    page.locator("#items-0-count").fill("")
    expect(first).to_have_text("—")  # unknown until answered; the others still add up
    expect(total).to_have_text("1,800円")
    page.locator("#items-0-count").fill("2")
    page.locator("#items-1-kind").select_option("sofa")
    expect(total).to_have_text("2,600円")
    expect(total).to_have_attribute("aria-live", "polite")
    check_page(page, shots, "calculated-01-items")
    _to_check(page)
    expect(_values(page, "手数料")).to_have_text(["800円", "1,200円", "600円"])
    expect(_values(page, "手数料の合計")).to_have_text("2,600円")


def test_without_javascript_the_page_and_the_check_page_show_the_servers_values(new_page, shots):
    page = new_page(javascript=False)
    _to_items(page)
    _item(page, 0, "futon", "2")
    expect(page.locator("#total_fee")).to_have_text("0円")  # not computed until the page is sent
    page.get_by_role("button", name="追加する").click()
    expect(page.locator("#items-0-fee")).to_have_text("800円")
    expect(page.locator("#total_fee")).to_have_text("800円")
    _item(page, 1, "bed", "1")
    check_page(page, shots, "calculated-nojs-01-items")
    _to_check(page)
    expect(_values(page, "手数料")).to_have_text(["800円", "1,200円"])
    expect(_values(page, "手数料の合計")).to_have_text("2,000円")


def test_in_english_the_live_value_takes_the_units_plural_form(new_page):
    page = new_page()
    page.goto("/forms/oversized-waste-collection?lang=en")
    page.get_by_role("button", name="Start the application").click()
    _applicant_name(page)
    page.locator("#phone").fill("090-1234-5678")
    page.get_by_role("button", name="Next").click()
    _address(page)
    page.get_by_role("button", name="Next").click()
    _item(page, 0, "futon", "1")
    expect(page.locator("#total_count")).to_have_text("1 item")
    expect(page.locator("#total_fee")).to_have_text("400 yen")
    page.locator("#items-0-count").fill("2")
    expect(page.locator("#total_count")).to_have_text("2 items")
    expect(page.locator("#total_fee")).to_have_text("800 yen")


@pytest.fixture(scope="module")
def rounding_url(tmp_path_factory) -> Iterator[str]:
    with serve(ROUNDING, tmp_path_factory.mktemp("calculated-live")) as url:
        yield url


TYPED = ["1.005", "-2.5", "0.1", "１２３４.５", "2.675", "-0.05", "99999999999999999999.99", "7", ""]


def test_the_script_computes_and_rounds_exactly_as_the_server(browser, rounding_url):
    definition = load_file(ROUNDING / "calc-rounding.json").definition
    assert definition is not None
    fields = [f for f in definition.pages[0].fields if f.type == "calculated"]
    kind = REGISTRY["calculated"]
    context = browser.new_context(**PHONE, base_url=rounding_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page)
    page.goto("/forms/calc-rounding")
    page.get_by_role("button", name="申請を始める").click()
    page.locator("#count").fill("3")
    for typed in TYPED:
        page.locator("#price").fill(typed)
        known: dict = {"count": 3}
        if typed:
            known["price"] = stored(Decimal(typed.replace("１２３４", "1234")))
        for field in fields:
            value = stored(calculate(field.option("formula"), known))
            if value is not None:
                known[field.name] = value
            text = kind.display(field, value, "ja") if value is not None else "—"
            expect(page.locator(f"#{field.name}"), f"{field.name} of {typed!r}").to_have_text(text)
    context.close()
