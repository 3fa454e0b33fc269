"""axe-core (WCAG 2.2 A/AA rules) on every page of every shipped form, in ja and en, at 390 and 1280 px.

axe-core comes from npm (`make setup-test` installs the pinned version into .cache/axe);
it is injected into each page, so nothing is fetched while the tests run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from formbuilder.definitions.catalogue import definition_paths
from tests.browser.answers import page_answers
from tests.browser.conftest import PHONE, TIMEOUT_MS
from tests.conftest import SHIPPED_FORMS

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
}"""
SLUGS = sorted(p.stem for p in definition_paths(SHIPPED_FORMS))


def assert_no_violations(page, axe_source: str, where: str) -> None:
    page.wait_for_load_state("load")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE, TAGS)
    assert not violations, f"{where} ({page.url}): {violations}"


def _post_answers(page, path: str, answers: dict[str, str]) -> str:
    """Post valid answers with this browser's cookies; return where the app sends the citizen next."""
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")  # waits for the page
    fields = {"csrf_token": token, "action": "next"}
    files = {k: v for k, v in answers.items() if isinstance(v, Path)}
    if files:  # a page with attachments is posted as the browser does: multipart
        parts = {**fields, **{k: v for k, v in answers.items() if k not in files}}
        for name, value in files.items():
            parts[name] = {"name": value.name, "mimeType": "image/jpeg", "buffer": value.read_bytes()}
        response = page.request.post(path, multipart=parts, max_redirects=0)
    else:
        response = page.request.post(path, form={**answers, **fields}, max_redirects=0)
    assert response.status == 302, (path, response.status)
    return response.headers["location"]


# Answers that lead to an eligibility exit, by form and page: its page is walked too.
EXITS = {"child-allowance": {"work": {"pension": "mutual", "public_servant": "yes"}}}


def _visit_exit(page, visit, slug: str, page_id: str, typed: dict[str, str], valid: dict[str, str]) -> None:
    """Visit the page of the exit `typed` leads to, then answer `valid` again and be back on the check page."""
    path = f"/forms/{slug}/pages/{page_id}"
    page.goto(path)
    page.goto(_post_answers(page, path, typed))
    assert "/exit/" in page.url, page.url
    visit(page, f"{slug} exit after {page_id}")
    page.goto(path)
    visit(page, f"{slug} {page_id} with the answers that lead to the exit")
    _post_answers(page, path, valid)
    page.goto(f"/forms/{slug}/check")
    assert page.url.endswith("/check"), page.url


def walk_every_page(page, visit) -> None:
    """Call `visit(page, where)` on every page a citizen sees, each form page also with its errors."""
    from formbuilder.definitions.loader import load_file

    for path in ("/", "/?q=じどうてあて", "/?q=該当しない言葉", "/receipt", "/accessibility", "/no-such-page"):
        page.goto(path)
        visit(page, path)
    for path in ("/receipt", "/status"):
        page.goto(path)
        if path == "/status":
            visit(page, path)
        page.locator("main button[type=submit]").click()
        visit(page, f"{path} look-up with an error")
    for slug in SLUGS:
        answers = page_answers(load_file(SHIPPED_FORMS / f"{slug}.json").definition)
        page.goto(f"/forms/{slug}")
        visit(page, f"{slug} start")
        page.locator("main form button[type=submit]").first.click()
        for _ in range(len(answers) + 1):
            if page.url.endswith("/check"):
                break
            page_id = page.url.rsplit("/", 1)[1]
            visit(page, f"{slug} {page_id}")
            page.locator('button[value="next"]').click()
            if page.locator("#error-summary").count():
                visit(page, f"{slug} {page_id} with errors")
            page.goto(_post_answers(page, f"/forms/{slug}/pages/{page_id}", answers[page_id]))
        assert page.url.endswith("/check"), page.url
        visit(page, f"{slug} check")
        for page_id, typed in EXITS.get(slug, {}).items():
            _visit_exit(page, visit, slug, page_id, typed, answers[page_id])
        page.locator("main form button[type=submit]").click()  # without 「以上の内容で申請します」
        assert page.locator("#error-summary a[href='#declaration']").count() == 1, page.url
        visit(page, f"{slug} check without the declaration")
        page.locator("#declaration").check()
        page.locator("main form button[type=submit]").click()
        assert page.url.endswith("/complete"), page.url
        visit(page, f"{slug} complete")
        reference, secret = page.locator(".reference").inner_text(), page.locator(".secret").inner_text()
        page.goto("/status")
        page.fill("#reference", reference)
        page.fill("#secret", secret)
        page.locator("main button[type=submit]").click()
        visit(page, f"{slug} status")


def _context(browser, live_server, lang: str, width: int):
    size = {"width": width, "height": 844 if width <= 390 else 900}
    context = browser.new_context(**{**PHONE, "viewport": size}, base_url=live_server, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"/?lang={lang}")  # the language cookie
    return context, page


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_of_every_form_has_no_axe_violations(browser, live_server, axe_source, lang, width):
    context, page = _context(browser, live_server, lang, width)
    try:
        walk_every_page(page, lambda p, where: assert_no_violations(p, axe_source, f"{lang} {width}px {where}"))
    finally:
        context.close()


ZOOM_TEXT = "() => { document.documentElement.style.fontSize = '200%'; }"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_text_at_200_percent_at_320_px_never_scrolls_sideways(browser, live_server, lang):
    def no_sideways_scroll(page, where):
        page.wait_for_load_state("load")
        page.evaluate(ZOOM_TEXT)
        overflow = page.evaluate(OVERFLOW)
        assert overflow <= 0, f"{where} ({page.url}) scrolls sideways by {overflow}px at 320px, text 200%"

    context, page = _context(browser, live_server, lang, 320)
    try:
        walk_every_page(page, no_sideways_scroll)
    finally:
        context.close()


FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A radio button or check box shows its focus on its label (the box itself is small).
  const shown = [el, ...Array.from(el.labels || [])].some((node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return outline || (style.boxShadow && style.boxShadow !== 'none');
  });
  return {what: el.outerHTML.slice(0, 80), shown};
}"""


def test_focus_is_always_visible_when_tabbing(browser, live_server):
    def tab_through(page, where):
        page.wait_for_load_state("load")
        page.locator("body").focus()
        seen = 0
        for _ in range(120):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_SHOWN)
            if focused is None:
                break
            assert focused["shown"], f"{where}: no visible focus on {focused['what']}"
            seen += 1
        assert seen > 0, f"{where}: nothing took the focus"

    context, page = _context(browser, live_server, "ja", 390)
    try:
        walk_every_page(page, tab_through)
    finally:
        context.close()


def test_the_gate_sees_a_violation_when_there_is_one(browser, live_server, axe_source):
    """The check is not blind: an image without a text alternative is reported."""
    context = browser.new_context(**PHONE, base_url=live_server, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto("/")
        page.evaluate("() => document.querySelector('main').appendChild(document.createElement('img')).src = '/x.png'")
        with pytest.raises(AssertionError, match="image-alt"):
            assert_no_violations(page, axe_source, "index with a bad image")
    finally:
        context.close()
