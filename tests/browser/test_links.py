"""Links in help texts and notices in Chromium: payloads in labels never run, links open in the
same tab, a link to another site says so, and a 必読 notice is marked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve
from tests.browser.test_xss import INJECTED

pytestmark = pytest.mark.browser
FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "links"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    with serve(FORMS, tmp_path_factory.mktemp("live-links")) as url:
        yield url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_links_are_safe_marked_and_open_in_the_same_tab(new_page, javascript):
    page = new_page(javascript=javascript)
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    page.goto("/forms/links-demo")
    page.get_by_role("button", name="申請を始める").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申込みの前に")
    assert page.evaluate(INJECTED) == {"images": 0, "inlineScripts": 0, "scriptLinks": 0, "handlers": 0}
    assert not ran
    help_text = page.locator("#full_name-help").inner_text()
    assert "<img src=x onerror=alert(1)>" in help_text and "{{7*7}}" in help_text

    external = page.get_by_role("link", name="市のホームページ（外部サイト）")
    expect(external).to_have_attribute("href", "https://www.city.example.lg.jp/kouza/")
    assert external.get_attribute("target") is None
    expect(page.locator(".notice-warning .notice-tag")).to_have_text("必読")

    base = page.url.split("/forms/")[0]
    page.locator(".notice-body a").first.click()  # a path on this site, in the same tab
    expect(page).to_have_url(base + "/accessibility")
    assert len(page.context.pages) == 1
