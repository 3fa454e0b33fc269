"""`flask forms preview` for real (issue 22, item 2): the command started as an author starts it,
a small form walked to its receipt on a phone in Japanese and in English, the banner on every
page, an edit of the file seen at the next page, and its data gone when it stops."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, TIMEOUT_MS
from tests.browser.phone import watch
from tests.browser.test_accessibility import assert_no_violations
from tests.preview.forms import SLUG, write_form

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"on (http://127\.0\.0\.1:\d+)/")
BANNER = "作成中の申請フォームの確認用の画面です。"


@pytest.fixture
def site(tmp_path) -> Path:
    forms = tmp_path / "site" / "forms"
    write_form(forms)
    return forms


@pytest.fixture
def preview(site, tmp_path) -> Iterator[tuple[str, Path]]:
    """Run `flask --app wsgi forms preview SLUG --port 0`; yield its address and its temporary folder."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **os.environ,
        "FORMBUILDER_FORMS_DIR": str(site),
        "FORMBUILDER_INSTANCE": str(tmp_path / "instance"),
        "TMPDIR": str(temp),
    }
    flask = Path(sys.executable).parent / "flask"
    command = [str(flask), "--app", "wsgi", "forms", "preview", SLUG, "--port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = ADDRESS.search(line)
        assert found, line
        yield found.group(1), temp
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
    assert not list(temp.glob("formbuilder-preview-*")), "the preview's database and files were left behind"


def _walk(page, base: str, lang: str, heading: str, axe_source: str) -> None:
    page.goto(f"{base}/forms/{SLUG}?lang={lang}")
    expect(page.locator(".preview-banner")).to_be_visible()
    assert_no_violations(page, axe_source, f"preview start page {lang}")  # the banner is a named region
    page.locator("main form button[type=submit]").first.click()  # 申請を始める: the cookie works over http
    expect(page.locator(".preview-banner")).to_be_visible()
    page.locator("input[name=full_name]").fill("見本 太郎")
    page.locator("button[name=action][value=next]").click()
    expect(page.locator(".preview-banner")).to_be_visible()
    page.locator("#declaration").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(".preview-banner")).to_be_visible()
    assert_no_violations(page, axe_source, f"preview receipt page {lang}")


def test_an_author_walks_the_preview_to_the_receipt_and_sees_an_edit(browser, preview, site, axe_source):
    base, _ = preview
    context = browser.new_context(**PHONE, bypass_csp=True)  # bypass: axe-core is injected
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        watch(page)
        _walk(page, base, "ja", "申請を受け付けました", axe_source)
        expect(page.locator(".preview-banner")).to_contain_text(BANNER)
        _walk(page, base, "en", "Your application has been received", axe_source)
        expect(page.locator("h1")).not_to_contain_text("申請")  # the English pages are in English

        path = site / f"{SLUG}.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["title"] = "書き直した届出"
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        os.utime(path, ns=(path.stat().st_mtime_ns + 2_000_000_000,) * 2)
        page.goto(f"{base}/forms/{SLUG}?lang=ja")
        expect(page.get_by_role("heading", level=1)).to_have_text("書き直した届出")
    finally:
        context.close()
