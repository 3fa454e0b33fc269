"""Script payloads in a definition's strings and in answers, rendered in Chromium: none runs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE, TIMEOUT_MS, serve
from tests.browser.phone import tick

pytestmark = pytest.mark.browser
XSS_FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "xss"
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}")
INJECTED = """() => ({
  images: document.querySelectorAll('img[src="x"]').length,
  inlineScripts: Array.from(document.scripts).filter((s) => !s.src).length,
  scriptLinks: Array.from(document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')).length,
  handlers: Array.from(document.querySelectorAll('*')).filter((el) =>
    Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
})"""


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory):
    with serve(XSS_FORMS, tmp_path_factory.mktemp("xss")) as url:
        yield url


def assert_inert(page, ran: list[str], where: str, shown: bool = True) -> None:
    page.wait_for_load_state("load")
    assert not ran, f"{where}: {ran}"
    assert page.evaluate(INJECTED) == {"images": 0, "inlineScripts": 0, "scriptLinks": 0, "handlers": 0}, where
    text = page.locator("body").inner_text()
    for drawn in page.locator(".reference, .secret").all_inner_texts():
        text = text.replace(drawn, "")  # random: 249 in an access key is not 7*7 evaluated
    assert "49" not in text, f"{where}: a template expression was evaluated"
    if shown:
        assert any(payload in text for payload in PAYLOADS), f"{where}: the payloads should be shown as text"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_payloads_in_definition_and_answers_never_run(browser, xss_server, lang, javascript):
    context = browser.new_context(
        **{**PHONE, "locale": "ja-JP" if lang == "ja" else "en-US"}, java_script_enabled=javascript, base_url=xss_server
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: ran.append(f"script error: {error}"))
    page.on(
        "console",
        lambda m: (
            ran.append(f"console: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource")  # favicon.ico: requests below
            else None
        ),
    )
    page.on("request", lambda r: ran.append(f"request: {r.url}") if r.url.rstrip("/").endswith("/x") else None)
    try:
        page.goto(f"/?lang={lang}")
        assert_inert(page, ran, "index")
        page.goto("/forms/xss-payloads")
        assert_inert(page, ran, "start")
        page.locator("main form button[type=submit]").first.click()
        assert_inert(page, ran, "first page")
        page.locator('button[value="next"]').click()  # empty: every error shown
        expect(page.locator("#error-summary")).to_be_visible()
        assert_inert(page, ran, "error summary")
        answer = " ".join(PAYLOADS)
        page.locator("#text1").fill(answer)
        page.locator("#area1").fill(answer + "\n" + answer)
        tick(page.locator('input[name="choice1"]').first)
        page.locator('button[value="next"]').click()
        assert_inert(page, ran, "second page")
        page.locator('input[name="agree"]').check()
        page.locator('button[value="next"]').click()
        expect(page).to_have_url(f"{xss_server}/forms/xss-payloads/check")
        assert_inert(page, ran, "check page")
        assert page.locator("main").inner_text().count("{{7*7}}") >= 3  # labels and both answers
        page.locator("#declaration").check()
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(f"{xss_server}/forms/xss-payloads/complete")
        assert_inert(page, ran, "complete page", shown=False)
        with page.expect_download() as download:
            page.locator(".button[href$='receipt.pdf']").click()
        pdf = Path(download.value.path()).read_bytes()
        reader = PdfReader(io.BytesIO(pdf))
        text = "".join(p.extract_text() for p in reader.pages)
        assert "{{7*7}}" in text and "<script>alert(1)</script>" in text.replace("\n", "")
        for active in (b"/JavaScript", b"/JS ", b"/OpenAction", b"/Launch"):
            assert active not in pdf, active
    finally:
        context.close()
