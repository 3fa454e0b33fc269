"""「該当なし」 in real Chromium: ticking it unticks the others and back; without JavaScript the
server refuses the two together with its message, and the page keeps what was ticked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve

pytestmark = pytest.mark.browser
FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "exclusive"
REFUSED = "＊「どれも受けていない」は、ほかの選択肢と一緒には選べません。"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    with serve(FORMS, tmp_path_factory.mktemp("live-exclusive")) as url:
        yield url


def start(page) -> None:
    page.goto("/forms/exclusive-demo")
    page.get_by_role("button", name="申請を始める").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("世帯の状況")


def test_the_exclusive_choice_and_the_others_untick_each_other(new_page):
    page = new_page()
    start(page)
    welfare, pension, none = (page.locator(f"#support-{i}") for i in range(3))
    page.get_by_text("生活保護").click()
    page.get_by_text("障害").click()
    page.get_by_text("どれも受けていない").click()
    expect(none).to_be_checked()
    expect(welfare).not_to_be_checked()
    expect(pension).not_to_be_checked()
    page.get_by_text("生活保護").click()
    expect(none).not_to_be_checked()
    expect(welfare).to_be_checked()
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    expect(page.locator(".summary")).to_contain_text("生活保護")


def test_without_javascript_the_server_refuses_both_and_keeps_them_ticked(new_page):
    page = new_page(javascript=False)
    start(page)
    page.get_by_text("生活保護").click()
    page.get_by_text("どれも受けていない").click()
    page.get_by_role("button", name="次へ進む").click()
    expect(page.locator(".error-text")).to_have_text(REFUSED)
    expect(page.locator("#support-0")).to_be_checked()
    expect(page.locator("#support-2")).to_be_checked()
