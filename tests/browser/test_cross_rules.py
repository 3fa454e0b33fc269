"""Rules between answers in real Chromium: the browser shows the server's message at once,
from its own copy of the rule (the server's instant check is blocked here), and takes it away
when the answers fit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve
from tests.browser.phone import check_page
from tests.conftest import FIXTURE_FORMS

pytestmark = pytest.mark.browser
START_TOO_EARLY = "＊入所希望日は、お子さんが生後91日になる日以降にしてください。"
PHONE_OR_EMAIL = "＊電話番号かメールアドレスのどちらかを入力してください。"
BIRTH = date.today() - timedelta(days=200)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    with serve(FIXTURE_FORMS, tmp_path_factory.mktemp("live-cross-rules")) as url:
        yield url


def _start(page) -> None:
    page.route("**/validate", lambda route: route.abort())  # only the page's copy of the rules
    page.goto("/forms/cross-rules")
    page.get_by_role("button", name="申請を始める").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("お子さん")


def _type_date(page, name: str, day: date) -> None:
    page.locator(f"#{name}-year").fill(str(day.year))
    page.locator(f"#{name}-month").fill(str(day.month))
    page.locator(f"#{name}-day").fill(str(day.day))


def test_a_date_too_soon_after_another_answer_is_flagged_at_once(new_page):
    page = new_page()
    _start(page)
    page.locator("#child_birth-era").select_option("western")
    _type_date(page, "child_birth", BIRTH)
    _type_date(page, "care_start", BIRTH + timedelta(days=90))
    expect(page.locator("#care_start-error")).to_have_count(0)  # not while still in the question
    page.locator("#child_birth-year").focus()  # leaves 入所希望日
    expect(page.locator("#care_start-error")).to_have_text(START_TOO_EARLY)
    expect(page.locator("#care_start-year")).to_have_attribute("aria-invalid", "true")
    # An earlier birth date makes the answers fit: the message goes as the citizen types.
    page.locator("#child_birth-day").fill("1")
    page.locator("#child_birth-month").fill(str((BIRTH - timedelta(days=40)).month))
    page.locator("#child_birth-year").fill(str((BIRTH - timedelta(days=40)).year))
    expect(page.locator("#care_start-error")).to_have_count(0)
    check_page(page)


def test_a_reiwa_birth_date_is_read_like_the_server_does(new_page):
    page = new_page()
    _start(page)
    page.locator("#child_birth-era").select_option("reiwa")
    page.locator("#child_birth-year").fill(str(BIRTH.year - 2018))
    page.locator("#child_birth-month").fill(str(BIRTH.month))
    page.locator("#child_birth-day").fill(str(BIRTH.day))
    _type_date(page, "care_start", BIRTH + timedelta(days=30))
    page.locator("#child_birth-day").focus()
    expect(page.locator("#care_start-error")).to_have_text(START_TOO_EARLY)
    page.get_by_role("button", name="次へ進む").click()  # the server says the same, linked to the field
    expect(page.locator("#error-summary a")).to_have_text(START_TOO_EARLY)
    expect(page.locator("#error-summary a")).to_have_attribute("href", "#care_start-year")
    # A year earlier birth date fits: the server's message goes without asking the server.
    page.locator("#child_birth-year").fill(str(BIRTH.year - 2018 - 1))
    expect(page.locator("#care_start-error")).to_have_count(0)


def test_an_answer_fixed_before_the_script_came_takes_the_message_away(new_page):
    page = new_page()
    page.route("**/static/js/form.js", lambda route: route.abort())  # the script comes late
    _start(page)
    page.locator("#child_birth-era").select_option("western")
    _type_date(page, "child_birth", BIRTH)
    _type_date(page, "care_start", BIRTH + timedelta(days=30))
    page.get_by_role("button", name="次へ進む").click()
    expect(page.locator("#error-summary a")).to_have_text(START_TOO_EARLY)  # from the server
    page.locator("#child_birth-year").fill(str(BIRTH.year - 1))
    page.unroute("**/static/js/form.js")
    page.add_script_tag(url="/static/js/form.js")
    expect(page.locator("#care_start-error")).to_have_count(0)


def test_phone_or_email_is_asked_when_both_are_left_empty(new_page):
    page = new_page()
    _start(page)
    page.locator("#child_birth-era").select_option("western")
    _type_date(page, "child_birth", BIRTH)
    _type_date(page, "care_start", BIRTH + timedelta(days=100))
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("世帯")
    page.locator("#people").fill("3")
    page.locator("#adults").fill("2")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("連絡先")
    page.locator("#phone").fill("0")
    page.locator("#phone").fill("")
    page.locator("#email").focus()
    expect(page.locator("#phone-error")).to_have_text(PHONE_OR_EMAIL)
    page.locator("#email").fill("taro@example.jp")
    expect(page.locator("#phone-error")).to_have_count(0)
    check_page(page)
