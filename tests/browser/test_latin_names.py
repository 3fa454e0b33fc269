"""A name in the Latin alphabet on a phone in real Chromium: ticking 「ローマ字（アルファベット）で
入力する」 keeps what was typed, shows the hints of that way, and the instant check follows it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve
from tests.browser.phone import check_page
from tests.browser.test_input_assist import start
from tests.conftest import FIXTURE_FORMS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    with serve(FIXTURE_FORMS, tmp_path_factory.mktemp("live-latin")) as url:
        yield url


def test_ticking_the_latin_alphabet_keeps_the_typed_name_and_the_instant_check_follows(new_page, shots):
    page = new_page()
    start(page)
    family, error = page.locator("#applicant_name-family"), page.locator("#applicant_name-error")
    tick = page.get_by_label("ローマ字（アルファベット）で入力する")
    given_optional = page.locator('label[for="applicant_name-given"] [data-when-latin]')
    expect(given_optional).to_be_hidden()

    family.fill("NGUYEN")
    page.locator("#phone").focus()  # left the question: 名 and フリガナ are missing in the 漢字 way
    expect(error).to_contain_text("＊氏名の名を入力してください。")
    expect(error).to_contain_text("＊氏名のフリガナ（セイ）を入力してください。")

    tick.check()
    expect(given_optional).to_be_visible()
    expect(page.locator("#applicant_name-name-hint")).to_be_hidden()
    page.locator("#phone").focus()
    expect(error).to_have_count(0)  # one name, no reading: fine in ローマ字
    expect(family).to_have_value("NGUYEN")
    check_page(page, shots, "latin-01-ticked")

    family.fill("阮")
    page.locator("#phone").focus()
    expect(error).to_have_text("＊氏名の姓はローマ字（アルファベット）で入力してください。")
    expect(family).to_have_attribute("aria-invalid", "true")

    tick.uncheck()  # back to the 漢字 way: 阮 is kept, and is a fine 姓
    expect(given_optional).to_be_hidden()
    expect(family).to_have_value("阮")
    page.locator("#phone").focus()
    expect(error).not_to_contain_text("ローマ字")
    expect(error).to_contain_text("＊氏名の名を入力してください。")


def test_without_javascript_the_tick_is_posted_and_shown_again(new_page):
    page = new_page(javascript=False)
    start(page)
    page.locator("#applicant_name-family").fill("NGUYEN")
    page.get_by_label("ローマ字（アルファベット）で入力する").check()
    page.get_by_role("button", name="次へ進む").click()
    # The page comes back for the other questions; the name was taken in ローマ字 with no error.
    expect(page.locator("#applicant_name-error")).to_have_count(0)
    expect(page.get_by_label("ローマ字（アルファベット）で入力する")).to_be_checked()
    expect(page.locator("#applicant_name-family")).to_have_value("NGUYEN")
    expect(page.locator('label[for="applicant_name-given"] [data-when-latin]')).to_be_visible()
