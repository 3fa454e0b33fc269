"""Printing the check page on a phone: answers black on white, no language switcher or buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.answers import page_answers
from tests.browser.test_every_form import DEFINITIONS, fill_with_mouse

pytestmark = pytest.mark.browser
SLUG = "water-supply-start"


def test_printed_check_page_has_no_switcher_or_buttons(new_page):
    page = new_page()
    answers = page_answers(DEFINITIONS[SLUG])
    page.goto(f"/forms/{SLUG}")
    page.locator("main form button[type=submit]").first.click()
    for _ in range(len(answers) + 1):
        page.wait_for_load_state("load")
        if page.url.endswith("/check"):
            break
        fill_with_mouse(page, answers[page.url.rsplit("/", 1)[1].split("?")[0]])
        page.locator('button[value="next"]').click()
    assert page.url.endswith("/check")
    expect(page.locator("nav.languages")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("nav.languages")).to_be_hidden()
    expect(page.locator("main button, main .button").first).to_be_hidden()
    assert page.locator("main button:visible, main .button:visible, .summary .change a:visible").count() == 0
    expect(page.locator(".summary-row").first).to_be_visible()
    looks = page.locator(".summary-row dd").first.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(el.closest('.summary-row')).breakInside]"
    )
    assert looks == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "avoid"]
