"""The error summary follows the fixes in real Chromium: an entry goes when its question is fixed,
its text follows the message, a new error gets a line; the heading counts, a polite status says it,
and the focus stays where the citizen is."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT_MS, serve
from tests.browser.phone import check_page, tick, watch
from tests.browser.test_accessibility import assert_no_violations
from tests.web.test_error_summary import DEFINITION, SLUG

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    forms = tmp_path_factory.mktemp("summary-forms")
    (forms / f"{SLUG}.json").write_text(json.dumps(DEFINITION, ensure_ascii=False), encoding="utf-8")
    with serve(forms, tmp_path_factory.mktemp("live-summary")) as url:
        yield url


@pytest.fixture
def page(browser, live_server):
    # CSP bypassed so axe-core can be injected; the headers have their own tests (tests/security).
    context = browser.new_context(**PHONE, base_url=live_server, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page)
    yield page
    context.close()


def test_the_summary_follows_each_fix_without_moving_the_focus(page, axe_source):
    page.goto(f"/forms/{SLUG}")
    page.get_by_role("button", name="申請を始める").click()
    page.locator("#applicant-family").fill("山田")
    tick(page.get_by_label("口座を指定する"))
    page.locator("#account-bank").fill("12")
    page.locator("#account-branch").fill("001")
    tick(page.get_by_label("普通"))
    page.locator("#account-number").fill("1234567")
    page.locator("#account-holder").fill("ヤマダ タロウ")
    page.locator('button[value="next"]').click()

    summary, heading = page.locator("#error-summary"), page.locator("#error-summary-title")
    status = page.locator("#error-summary-status")
    links = summary.locator("li a")
    expect(heading).to_have_text("入力内容に誤りがあります（4件）")
    assert [links.nth(i).get_attribute("href") for i in range(4)] == [
        "#applicant-given",
        "#account-bank",
        "#privacy",
        "#records",
    ]

    page.locator("#applicant-given").fill("太郎")  # 名 given: its line goes
    page.locator("#account-number").focus()
    expect(links).to_have_count(3)
    expect(heading).to_have_text("入力内容に誤りがあります（3件）")
    expect(status).to_have_text("入力内容に誤りがあります（3件）")
    assert page.evaluate("document.activeElement.id") == "account-number"  # no focus stealing

    page.locator("#account-bank").fill("")  # another message for the same box: the line follows it
    page.locator("#applicant-given").focus()  # the next question (the check waits while in this one)
    expect(summary.locator('li[data-field="account"] a')).to_have_text("＊金融機関コードを入力してください。")
    page.locator("#account-bank").fill("0001")
    page.locator("#applicant-given").focus()
    expect(links).to_have_count(2)

    tick(page.locator("#privacy"))
    tick(page.locator("#records"))
    page.locator("#account-number").focus()
    expect(links).to_have_count(0)
    expect(heading).to_have_text("誤りはすべて直りました。")
    expect(status).to_have_text("誤りはすべて直りました。")
    expect(summary).to_have_class("error-summary resolved")

    page.locator("#applicant-family").fill("")  # a new error: a line again, linked to its box
    page.locator("#account-number").focus()
    expect(links).to_have_count(1)
    expect(links.first).to_have_attribute("href", "#applicant-family")
    expect(heading).to_have_text("入力内容に誤りがあります（1件）")
    check_page(page)
    assert_no_violations(page, axe_source, "page with a live error summary")
