"""The home page's procedure library on a phone (390×844): without JavaScript a search typed in
katakana finds 児童手当 and the no-match page links back; the home page, a search result and the
no-match page pass axe (which needs JavaScript to run), and nothing scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import assert_no_violations

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def _search(page, words: str) -> None:
    page.fill("#q", words)
    page.locator("form[role=search] button[type=submit]").click()


def test_search_on_a_phone_without_javascript(new_page):
    page = new_page(javascript=False)
    page.goto("/?lang=ja")
    assert page.locator("main h2#event-kosodate").count() == 1
    assert page.locator("#event-kosodate ~ ul .procedure-card a[href='/forms/child-allowance']").count() == 1
    assert page.locator(".procedure-card dt").count() >= 3  # time, fee, what to prepare
    _search(page, "ジドウテアテ")
    assert "q=" in page.url
    found = page.locator("main .procedure-card h2 a")
    assert "/forms/child-allowance" in [found.nth(i).get_attribute("href") for i in range(found.count())]
    _search(page, "zzqq")
    assert page.locator("main .no-match").count() == 1
    assert page.locator("main .procedure-card").count() == 0
    page.locator("main a[href='/']").first.click()
    assert page.locator("main h2#event-kosodate").count() == 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_home_and_search_pages_pass_axe_at_390_px(new_page, axe_source, lang):
    page = new_page(bypass_csp=True)
    for path, where in ((f"/?lang={lang}", "home"), ("/?q=じどうてあて", "search result"), ("/?q=zzqq", "no match")):
        page.goto(path)
        if where == "search result":
            assert page.locator("main .procedure-card").count() >= 1
        _no_sideways_scroll(page)
        assert_no_violations(page, axe_source, f"{lang} {where}")
