"""On a phone, a plain date takes 和暦 as typed, and its example is a day the form accepts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from formbuilder.fields.date import today
from tests.browser.answers import page_answers
from tests.browser.test_every_form import DEFINITIONS, fill_with_mouse
from tests.support import days_ahead

pytestmark = pytest.mark.browser
SLUG = "water-supply-start"
NEVER_WAS = "＊令和元年は5月1日からです。4月30日までは平成31年です。"


def test_a_start_day_typed_as_reiwa_is_taken_and_the_example_is_ahead(new_page):
    page = new_page()
    answers = page_answers(DEFINITIONS[SLUG])
    page.goto(f"/forms/{SLUG}")
    page.locator("main form button[type=submit]").first.click()
    for page_id in ("place", "user"):
        page.wait_for_load_state("load")
        fill_with_mouse(page, answers[page_id])
        page.locator('button[value="next"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("使用開始日と用途")

    example = page.locator("#start_date-example").inner_text()
    shown = re.search(r"なら (\d{4}) / (\d{1,2}) / (\d{1,2})", example)
    assert shown and date(*map(int, shown.groups())) == today() + timedelta(days=3), example  # Tokyo's today

    year = page.locator("#start_date-year")
    year.fill("令和元年4月30日")
    year.blur()
    expect(page.locator("#start_date-error")).to_have_text(NEVER_WAS)

    start = days_ahead(10)
    year.fill(f"Ｒ{start.year - 2018}．{start.month}．{start.day}")
    page.get_by_label("家事用（ご家庭）").check()
    page.locator('button[value="next"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("お支払い方法")
