"""In Chromium at 390×844: the Japanese an English page falls back to is marked lang="ja", and axe passes.

The form of the fixture has Japanese only (tests/fixtures/lang_marks), so on an English page its
title, labels, help and choices are Japanese inside an English page (WCAG 3.1.2). The answers typed
are Latin; the language switcher names each language in itself and is left out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT_MS, serve
from tests.browser.test_accessibility import assert_no_violations
from tests.web.test_lang_marks import FOLDER, SLUG

pytestmark = pytest.mark.browser
UNMARKED = r"""() => {
  const japanese = /[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = {unmarked: [], marked: 0};
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!japanese.test(node.data)) continue;
    const element = node.parentElement;
    if (element.closest('nav.languages, script, style')) continue;
    const lang = (element.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
    if (lang.startsWith('ja')) found.marked += 1;
    else found.unmarked.push(node.data.trim());
  }
  return found;
}"""


@pytest.fixture(scope="module")
def fallback_server(tmp_path_factory) -> Iterator[str]:
    with serve(FOLDER, tmp_path_factory.mktemp("live-lang-marks")) as url:
        yield url


def _marked(page, where: str) -> None:
    page.wait_for_load_state("load")
    found = page.evaluate(UNMARKED)
    assert found["unmarked"] == [], f"{where}: Japanese not marked lang=ja"
    assert found["marked"] > 0, f"{where}: no Japanese seen (the fallback is gone?)"


def test_an_english_page_marks_the_japanese_it_falls_back_to_and_passes_axe(browser, fallback_server, axe_source):
    context = browser.new_context(**PHONE, base_url=fallback_server, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        assert page.viewport_size == {"width": 390, "height": 844}
        page.goto(f"/forms/{SLUG}?lang=en")
        _marked(page, "start")
        assert_no_violations(page, axe_source, "en start with Japanese fallbacks")
        page.locator("main form button[type=submit]").first.click()
        assert page.url.endswith("/pages/about"), page.url
        _marked(page, "first page")
        assert page.locator('option[lang="ja"]').count() == 2  # a <select> holds no <span>
        assert_no_violations(page, axe_source, "en first page with Japanese fallbacks")
        page.locator('button[value="next"]').click()  # nothing answered: the errors name Japanese labels
        expect(page.locator("#error-summary")).to_be_visible()
        _marked(page, "first page with errors")
        page.fill("#full_name", "Anna")
        page.locator("#full_name").blur()  # form.js checks as the citizen goes
        page.fill("#count", "99")
        page.locator("#count").blur()
        expect(page.locator("#count-error")).to_contain_text("人数")  # written by form.js
        _marked(page, "first page with errors, one being fixed and one made by form.js")
        page.fill("#count", "2")
        page.fill("#full_name", "Anna Nguyen")
        page.locator("label[for=usage-0]").click()
        page.select_option("#kind", "a")
        page.locator('button[value="next"]').click()
        assert page.url.endswith("/pages/more"), page.url
        _marked(page, "second page")  # a name, an address (prefectures, examples) and a group
        page.locator("#other_address-postal").press_sequentially("4520961")  # several towns, listed by form.js
        expect(page.locator('.town-choices label[lang="ja"]').first).to_be_visible()
        _marked(page, "second page with the towns of a postal code")
        page.reload()  # the address is left out: what it would print is the citizen's answer
        assert_no_violations(page, axe_source, "en second page with Japanese examples and prefectures")
        page.fill("#members-0-member_name", "Bao Tran")
        page.locator('button[value="next"]').click()
        assert page.url.endswith("/check"), page.url
        _marked(page, "check")
        assert_no_violations(page, axe_source, "en check page with Japanese fallbacks")
    finally:
        context.close()
