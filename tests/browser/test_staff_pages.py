"""The back office on a desk (1280×800) and a tablet (768×1024) in Chromium, under the real CSP.

A staff member of the child department opens the list: it uses the screen's width, 受付番号
and dates stay on one line, the filters are folded away and open from the keyboard; on a
tablet the table scrolls inside its own box, not the page. The submission shows the photo
and the PDF the applicant attached beside the answers.
"""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, serve_app
from tests.browser.phone import watch
from tests.browser.test_accessibility import assert_no_violations
from tests.conftest import SHIPPED_FORMS
from tests.security.journeys import fill_every_page
from tests.staff.test_attachment_views import _attach_pdf

pytestmark = pytest.mark.browser
DESK = {"viewport": {"width": 1280, "height": 800}, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}
PASSWORD = "mizu-no-kyoukyuu-2026"
LISTING = "/staff/forms/child-allowance/submissions"
ONE_LINE = "(selector) => document.querySelector(selector).getClientRects().length"
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A server with one 児童手当 submission (a photo and a PDF) and a child-department account."""
    with serve_app(SHIPPED_FORMS, tmp_path_factory.mktemp("staffui")) as (url, app):
        result = app.test_cli_runner().invoke(
            args=["staff", "create", "kodomo", "--role", "staff", "--department", "child"]
        )
        assert result.exit_code == 0, result.output
        citizen = fill_every_page(app, app.test_client(), "child-allowance")
        page = citizen.get(citizen.submit().location).get_data(as_text=True)
        reference = re.search(r'class="reference"[^>]*>\s*([0-9A-Z]{4}-[0-9A-Z]{4})\s*<', page).group(1)
        _attach_pdf(app, reference)
        yield url, re.search(r"temporary password (\S+)", result.output).group(1), reference


@pytest.fixture(scope="module")
def desk(browser, office):
    """A signed-in desk context under the app's CSP, and one sharing its cookies for axe (CSP bypassed)."""
    url, temporary, _ = office
    context = browser.new_context(**DESK, base_url=url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page)
    page.goto("/staff/login")
    page.fill("#login", "kodomo")
    page.fill("#password", temporary)
    page.click("button[type=submit]")
    page.fill("#password", PASSWORD)
    page.fill("#again", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#code", pyotp.TOTP(page.locator("code.totp-secret").inner_text().strip()).now())
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("担当の申請")
    axe_context = browser.new_context(**DESK, base_url=url, bypass_csp=True)
    axe_context.add_cookies(context.cookies())
    yield page, axe_context.new_page()
    axe_context.close()
    context.close()


def test_the_list_is_full_width_on_a_desk_and_scrolls_in_its_box_on_a_tablet(desk, office, axe_source, shots):
    page, axe_page = desk
    reference = office[2]
    page.goto(LISTING)
    if shots:
        page.screenshot(path=str(shots / "staff-list-1280.png"), full_page=True)
    table = page.locator("table.submissions").bounding_box()
    assert table and table["width"] > 1000, table
    assert page.evaluate(ONE_LINE, "table.submissions tbody th a") == 1  # 受付番号 on one line
    assert page.evaluate(ONE_LINE, "table.submissions tbody td.nowrap") == 1  # and the date
    expect(page.locator("#q")).to_be_hidden()  # the filters folded away
    page.locator(".staff-filters-box summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#q")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#status")).to_be_focused()

    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(LISTING)
    assert page.evaluate(SIDEWAYS) <= 0  # the page itself never scrolls sideways
    assert page.evaluate(ONE_LINE, "table.submissions tbody th a") == 1
    assert page.evaluate(ONE_LINE, "table.submissions tbody td.nowrap") == 1
    if shots:
        page.screenshot(path=str(shots / "staff-list-768.png"), full_page=True)
    expect(page.locator(f"a:has-text('{reference}')")).to_be_in_viewport()
    page.set_viewport_size(DESK["viewport"])

    axe_page.goto(LISTING)
    assert_no_violations(axe_page, axe_source, "staff list")


def test_the_photo_and_pdf_show_beside_the_answers(desk, office, axe_source, shots):
    page, axe_page = desk
    reference = office[2]
    page.goto(f"/staff/submissions/{reference}")
    image = page.locator("img.staff-file-image").first
    expect(image).to_be_visible()
    assert image.evaluate("(img) => img.complete && img.naturalWidth") > 0  # loaded under the page's CSP
    box = image.bounding_box()
    answers = page.locator(".staff-answers").bounding_box()
    assert box and answers and box["x"] >= answers["x"] + answers["width"], (box, answers)  # beside
    assert box["x"] + box["width"] <= 1280
    frame = page.locator("iframe.staff-file-pdf")
    frame.scroll_into_view_if_needed()
    expect(frame).to_be_visible()
    # Chromium's PDF viewer runs inside the sandboxed frame: it adds its own frame when it does.
    for _ in range(100):
        if any(f.url.startswith("chrome-extension://") for f in page.frames):
            break
        page.wait_for_timeout(100)
    assert any(f.url.startswith("chrome-extension://") for f in page.frames), [f.url for f in page.frames]
    if shots:
        page.screenshot(path=str(shots / "staff-detail-1280.png"), full_page=True)

    axe_page.goto(f"/staff/submissions/{reference}")
    assert_no_violations(axe_page, axe_source, "staff detail with attachments")
