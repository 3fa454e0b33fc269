"""The check page on a phone in real Chromium: a photo attached shows as a preview with its name and size.

No SHA-256 there (the receipt prints it); the page passes axe, and the preview is the draft's own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.answers import PHOTO
from tests.browser.conftest import serve
from tests.browser.phone import check_page
from tests.browser.test_accessibility import assert_no_violations
from tests.conftest import FIXTURE_FORMS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    with serve(FIXTURE_FORMS, tmp_path_factory.mktemp("live-check-files")) as url:
        yield url


def loaded(page, selector: str) -> bool:
    """Whether the image at `selector` has loaded with pixels, waiting up to 15 s (a busy server is slow)."""
    for _ in range(150):
        if page.locator(selector).evaluate("(img) => img.complete && img.naturalWidth > 0"):
            return True
        page.wait_for_timeout(100)
    return False


@pytest.fixture
def axe_page(new_page) -> Callable[..., Any]:
    """Return a factory of phone pages whose policy lets axe-core in (as test_accessibility's)."""
    return functools.partial(new_page, bypass_csp=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_check_page_shows_the_photo_as_a_preview_with_name_and_size(
    axe_page, new_page, shots, axe_source, javascript
):
    page = axe_page(javascript=javascript)
    page.goto("/forms/attachments-demo")
    page.get_by_role("button", name="申請を始める").click()
    page.get_by_label("書類の説明").fill("運転免許証")
    page.get_by_text("ない", exact=True).click()
    page.get_by_label("書類の写真").set_input_files([PHOTO])
    if not javascript:
        page.get_by_role("button", name="選んだファイルを添付する").click()
        expect(page.locator(".file-list .file-name")).to_have_text(["card-front.jpg"])
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("連絡事項")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")

    answer = page.locator(".summary-row", has=page.get_by_text("書類の写真", exact=True))
    expect(answer.locator(".file-name")).to_have_text("card-front.jpg")
    expect(answer.locator(".file-size")).to_have_text(re.compile(r"^\d+(\.\d)? [KM]B$"))
    expect(page.locator("main")).not_to_contain_text("SHA-256")
    thumb = answer.locator("img.thumb")
    assert loaded(page, ".summary-row img.thumb")
    assert thumb.get_attribute("alt") == ""  # the name beside it says what it is, read once
    box = thumb.bounding_box()
    assert box is not None and box["width"] <= 72 and box["height"] <= 72
    check_page(page, shots, f"check-files-{'js' if javascript else 'nojs'}")
    if javascript:  # axe-core is a script
        assert_no_violations(page, axe_source, "check page with a photo")

    src = thumb.get_attribute("src")
    assert page.request.get(src).headers["content-type"] == "image/jpeg"
    stranger = new_page()  # another browser, with a draft of its own
    stranger.goto("/forms/attachments-demo")
    stranger.get_by_role("button", name="申請を始める").click()
    assert stranger.request.get(src).status == 404
