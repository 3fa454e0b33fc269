"""The back office and the applicant in Chromium, from the first sign-in to the CSV.

A staff member signs in with a password and a TOTP code, filters the list, opens a
submission and returns it (要再申請) with a comment; the applicant reads the comment on the
status page on their phone, corrects an answer and resubmits under the same number; the staff
member completes it and downloads the CSV from the page, which opens with its Japanese intact.
"""

from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT_MS, serve_app
from tests.browser.phone import check_page, watch
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_every_form import journey
from tests.conftest import SHIPPED_FORMS

pytestmark = pytest.mark.browser
DESK = {"viewport": {"width": 1280, "height": 800}, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}
PASSWORD = "mizu-no-kyoukyuu-2026"
COMMENT = "電話番号がつながりませんでした。日中につながる番号に直してください。"
NEW_PHONE = "03-1234-5678"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A server of its own, with a staff member of the water department created by the command."""
    with serve_app(SHIPPED_FORMS, tmp_path_factory.mktemp("office")) as (url, app):
        result = app.test_cli_runner().invoke(
            args=["staff", "create", "suido", "--role", "staff", "--name", "水道 太郎", "--department", "water"]
        )
        assert result.exit_code == 0, result.output
        yield url, re.search(r"temporary password (\S+)", result.output).group(1)


def _context(browser, url: str, settings: dict):
    # CSP bypassed so axe-core can be injected; the headers have their own tests (tests/security).
    context = browser.new_context(**settings, base_url=url, accept_downloads=True, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page)
    return context, page


def _sign_in_first_time(page, temporary: str) -> str:
    page.goto("/staff/login")
    page.fill("#login", "suido")
    page.fill("#password", temporary)
    page.click("button[type=submit]")
    page.fill("#password", PASSWORD)
    page.fill("#again", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("svg").first).to_be_visible()  # the QR code to scan
    secret = page.locator("code.totp-secret").inner_text().strip()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("担当の申請")
    return secret


def _sign_in(page, secret: str) -> None:
    page.goto("/staff/login")
    page.fill("#login", "suido")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    # The enrolment used this step's code, and a code is accepted once: the app's next one.
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("担当の申請")


def test_return_correct_resubmit_complete_and_download(browser, office, axe_source):
    url, temporary = office

    def accessible(page, where: str) -> None:
        assert_no_violations(page, axe_source, where)

    phone, citizen = _context(browser, url, PHONE)
    desk, staff = _context(browser, url, DESK)
    try:
        journey(citizen, "water-supply-start")
        reference = citizen.locator(".reference").inner_text().strip()
        secret = citizen.locator(".secret").inner_text().strip()

        totp_secret = _sign_in_first_time(staff, temporary)
        accessible(staff, "staff home")
        staff.click("form.staff-logout button")
        accessible(staff, "staff sign-in")
        _sign_in(staff, totp_secret)

        staff.click('a:has-text("水道使用開始届")')
        staff.click("summary:has-text('絞り込み')")  # the filters are folded away until one is set
        staff.fill("#q", "ｹﾝｻ")  # the applicant's name in half-width kana finds the full-width reading
        staff.click("button:has-text('絞り込む')")
        expect(staff.locator("main")).to_contain_text("1件")
        accessible(staff, "staff list, filtered")
        staff.click(f"a:has-text('{reference}')")
        expect(staff.locator("h1")).to_have_text(f"受付番号 {reference}")
        staff.check("#to-returned")
        staff.fill("#comment", COMMENT)
        staff.click("button:has-text('変更する')")
        expect(staff.locator("main")).to_contain_text("状態を変更しました。")
        expect(staff.locator("main")).to_contain_text("受付 → 要再申請")
        accessible(staff, "staff detail, returned")

        citizen.goto("/status")
        citizen.fill("#reference", reference)
        citizen.fill("#secret", secret)
        citizen.locator("main form button[type=submit]").click()
        expect(citizen.locator(".status-comment")).to_have_text(COMMENT)
        check_page(citizen)
        accessible(citizen, "status page, returned")
        citizen.click("button:has-text('修正して再申請する')")
        expect(citizen.locator(".correcting")).to_contain_text(reference)
        expect(citizen.locator(".correcting")).to_contain_text(COMMENT)
        check_page(citizen)
        accessible(citizen, "check page of a correction")
        citizen.click("a[href*='/pages/user']")
        citizen.fill("[name=phone]", NEW_PHONE)
        citizen.locator('button[value="next"]').click()
        expect(citizen).to_have_url(re.compile(r"/check$"))
        expect(citizen.locator("main")).to_contain_text(NEW_PHONE)
        citizen.get_by_label("以上の内容で申請します").check()
        citizen.click("button:has-text('再申請する')")
        expect(citizen.locator("h1")).to_have_text("再申請を受け付けました")
        expect(citizen.locator(".reference")).to_have_text(reference)
        check_page(citizen)
        accessible(citizen, "resubmitted")

        staff.reload()
        expect(staff.locator("main")).to_contain_text("要再申請 → 受付（申請者）")
        expect(staff.locator("main")).to_contain_text(NEW_PHONE)
        staff.check("#to-completed")
        staff.click("button:has-text('変更する')")
        expect(staff.locator("main")).to_contain_text("受付 → 完了")

        rows = _download_csv(staff)
        mine = [row for row in rows if row["受付番号"] == reference]
        assert len(mine) == 1 and mine[0]["状況"] in ("完了", "completed"), mine
        assert NEW_PHONE in mine[0].values() and any("検査" in value for value in mine[0].values()), mine[0]
        accessible(staff, "staff list with the download form open")

        staff.goto("/staff/counter")
        accessible(staff, "counter forms")
        staff.click("button:has-text('水道使用開始届')")
        expect(staff.locator(".counter-banner")).to_contain_text("水道 太郎 さん")
        accessible(staff, "a form at the counter")
    finally:
        phone.close()
        desk.close()


def _download_csv(staff) -> list[dict[str, str]]:
    """Download the list's CSV as staff do and read it back as their spreadsheet would."""
    staff.click('a:has-text("の一覧へ戻る")')
    staff.click("summary:has-text('ダウンロード')")
    with staff.expect_download() as download:
        staff.click("button:has-text('CSVをダウンロード')")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens the Japanese intact
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
