"""やさしい日本語 on a phone: the buttons of the status and correction pages show readings as ruby.

Issue 21, item 1: `{直|なお}して もう{一度|いちど} {出|だ}す` printed as it is in the catalogue put
braces and bars on the buttons of a returned application (要再申請). The applicant reads the
status page, corrects and resubmits in やさしい日本語 at 390×844; no text on any of those pages
holds markup, the buttons hold <ruby>, and the tab title holds 漢字（かんじ）.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT_MS, serve_app
from tests.browser.phone import check_page, watch
from tests.browser.test_every_form import journey
from tests.conftest import SHIPPED_FORMS

pytestmark = pytest.mark.browser
COMMENT = "電話番号がつながりませんでした。日中につながる番号に直してください。"
MARKUP = re.compile(r"[{}]|[^\s|]\|[^\s|]")  # braces, or a bar inside a word (the title's " | " is ours)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    with serve_app(SHIPPED_FORMS, tmp_path_factory.mktemp("easy")) as (url, app):
        yield url, app


def _return(app, reference: str) -> None:
    """要再申請 with a comment, as the staff page does it (tests/browser/test_staff_journey.py drives the page)."""
    from formbuilder.backoffice import status
    from formbuilder.extensions import db
    from formbuilder.storage.models import Submission

    with app.app_context():
        row = db.session.scalars(db.select(Submission).where(Submission.reference == reference)).one()
        status.apply(row, status.Move("returned", COMMENT), seen=row.status, by="水道 太郎", account_id=None)
        db.session.commit()


def _no_markup(page, where: str) -> None:
    shown = page.locator("body").inner_text()
    assert not MARKUP.search(shown), (where, MARKUP.findall(shown), shown[:800])
    assert not MARKUP.search(page.title()) and "<" not in page.title(), (where, page.title())


def _has_ruby(button, reading: str) -> None:
    html = button.inner_html()
    assert "<ruby>" in html and f"<rt>{reading}</rt>" in html, html
    assert not MARKUP.search(button.inner_text()), button.inner_text()


def test_a_returned_application_corrected_in_easy_japanese_shows_no_markup(browser, office):
    url, app = office
    context = browser.new_context(**PHONE, base_url=url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page)
    try:
        journey(page, "water-supply-start")
        reference = page.locator(".reference").inner_text().strip()
        secret = page.locator(".secret").inner_text().strip()
        _return(app, reference)

        page.goto("/status?lang=ja-easy")
        page.fill("#reference", reference)
        page.fill("#secret", secret)
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".status-comment")).to_have_text(COMMENT)
        correct = page.locator("form[action$='/status/correct'] button[type=submit]")
        _has_ruby(correct, "なお")
        _has_ruby(page.locator("main h2").first, "もう")
        _no_markup(page, "status page, returned")
        check_page(page)

        correct.click()
        expect(page).to_have_url(re.compile(r"/check(\?|$)"))
        expect(page.locator(".correcting")).to_contain_text(reference)
        resubmit = page.locator("main form button[type=submit]").last
        _has_ruby(resubmit, "さいしんせい")
        _no_markup(page, "check page of a correction")
        check_page(page)

        page.locator("#declaration").check()
        resubmit.click()
        expect(page.locator(".reference")).to_have_text(reference)
        assert "<ruby>" in page.locator("h1").inner_html()
        assert "一度（いちど）" in page.title(), page.title()
        _no_markup(page, "resubmitted")
        check_page(page)
    finally:
        context.close()
