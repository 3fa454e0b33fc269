"""Every shipped form, answered from its own definition, on a 390×844 phone: to the receipt and back.

Four journeys per form: mouse and JavaScript, every page first sent empty (errors shown),
JavaScript off, and keyboard only (Tab, Space, Enter, arrows; no click).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.loader import load_file
from tests.browser.answers import FAMILY, GIVEN, page_answers
from tests.browser.phone import check_page, tick
from tests.conftest import SHIPPED_FORMS

pytestmark = pytest.mark.browser
DEFINITIONS = {p.stem: load_file(p).definition for p in sorted(definition_paths(SHIPPED_FORMS))}
MAX_TABS = 150
KIND = """(name) => { const el = document.getElementsByName(name)[0];
  return el ? (el.tagName === 'SELECT' ? 'select' : (el.type || el.tagName).toLowerCase()) : null; }"""
FOCUSED = """() => { const el = document.activeElement;
  return el ? [el.name || '', el.value || '', el.type || '', el.getAttribute('href') || ''] : null; }"""


def _control(page, name: str, kind: str, value: str):
    if kind in ("radio", "checkbox"):
        return page.locator(f'input[name="{name}"][value="{value}"]')
    return page.locator(f'[name="{name}"]').first


def fill_with_mouse(page, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        kind = page.evaluate(KIND, name)
        if kind is None:
            continue
        control = _control(page, name, kind, value)
        if not control.is_visible():
            continue  # a rule hides it: the server ignores hidden fields
        if kind in ("radio", "checkbox"):
            tick(control)
        elif kind == "select":
            control.select_option(value)
        elif kind == "file":
            control.set_input_files(value)
        else:
            control.fill(value)


def _tab_to(page, wanted) -> list[str]:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and wanted(focused):
            return focused
    raise AssertionError(f"{page.url}: Tab never reached the wanted control")


def fill_with_keyboard(page, answers: dict[str, str]) -> None:
    """Reach each control with Tab from the top and answer with keys only."""
    for name, value in answers.items():
        kind = page.evaluate(KIND, name)
        if kind is None or value == "" or not _control(page, name, kind, value).is_visible():
            continue
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
        page.locator("body").focus()
        _tab_to(page, lambda f, name=name: f[0] == name)
        if kind == "radio":
            for _ in range(20):  # arrows move through a group and select as they go
                if page.evaluate(FOCUSED)[1] == value:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        elif kind == "checkbox":
            if page.evaluate(FOCUSED)[1] != value:
                _tab_to(page, lambda f, name=name, value=value: f[0] == name and f[1] == value)
            page.keyboard.press("Space")
        elif kind == "file":  # Space opens the file chooser, as it does for a person
            with page.expect_file_chooser() as chooser:
                page.keyboard.press("Space")
            chooser.value.set_files(value)
        elif kind == "select":
            for _ in range(30):
                if page.locator(f'[name="{name}"]').input_value() == value:
                    break
                page.keyboard.press("ArrowDown")
        else:
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(value)
        assert _control(page, name, kind, value).evaluate(
            "(el) => el.type === 'radio' || el.type === 'checkbox' ? el.checked : el.value !== ''"
        ), f"{name} was not answered by keyboard"


def press_enter(page) -> None:
    """Press Enter on the focused button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def press_next(page, keyboard: bool) -> None:
    if keyboard:
        _tab_to(page, lambda f: f[2] == "submit" and f[1] == "next")
        press_enter(page)
    else:
        page.locator('button[value="next"]').click()
    page.wait_for_load_state("load")


def journey(page, slug: str, *, keyboard: bool = False, errors_first: bool = False, shots=None) -> None:
    answers = page_answers(DEFINITIONS[slug])
    page.goto(f"/forms/{slug}")
    check_page(page)
    if keyboard:
        _tab_to(page, lambda f: f[2] == "submit")
        press_enter(page)
    else:
        page.locator("main form button[type=submit]").first.click()
    for _ in range(len(answers) + 1):
        page.wait_for_load_state("load")
        if page.url.endswith("/check"):
            break
        page_id = page.url.rsplit("/", 1)[1].split("?")[0]
        check_page(page, shots, f"{slug}-{page_id}")
        if errors_first and any(f.required for f in DEFINITIONS[slug].page(page_id).fields):
            press_next(page, keyboard)
            summary = page.locator("#error-summary")
            expect(summary).to_be_visible()
            links = summary.locator("a")
            assert links.count() >= 1
            for i in range(links.count()):  # each summary line points at an inline error
                target = links.nth(i).get_attribute("href").lstrip("#")
                assert page.locator(f'[id="{target}"]').count() == 1, target
            assert page.locator(".error-text").count() >= 1
            check_page(page)
        (fill_with_keyboard if keyboard else fill_with_mouse)(page, answers[page_id])
        press_next(page, keyboard)
        assert not page.locator("#error-summary").count(), (page_id, page.locator("#error-summary").inner_text())
    expect(page).to_have_url(f"{page.url.split('/forms/')[0]}/forms/{slug}/check")
    check_page(page)
    if keyboard:
        _tab_to(page, lambda f: f[0] == "declaration")  # 「以上の内容で申請します」, then 送信する
        page.keyboard.press("Space")
        _tab_to(page, lambda f: f[2] == "submit")
        press_enter(page)
    else:
        page.locator("#declaration").check()
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{page.url.split('/forms/')[0]}/forms/{slug}/complete")
    check_page(page)
    with page.expect_download() as download:
        if keyboard:
            _tab_to(page, lambda f: f[3].endswith("receipt.pdf"))
            page.keyboard.press("Enter")
        else:
            page.locator(".button[href$='receipt.pdf']").click()
    text = "".join(p.extract_text() for p in PdfReader(Path(download.value.path())).pages)
    assert "受付番号" in text
    names = [f for f in DEFINITIONS[slug].fields() if f.type == "name"]
    if names:
        assert FAMILY in text and GIVEN in text, text[:400]


@pytest.mark.parametrize("slug", sorted(DEFINITIONS))
@pytest.mark.parametrize(
    ("javascript", "keyboard", "errors_first"),
    [(True, False, False), (True, False, True), (False, False, True), (True, True, False)],
    ids=["mouse", "errors", "no-js", "keyboard"],
)
def test_every_shipped_form_from_its_definition(new_page, shots, slug, javascript, keyboard, errors_first):
    page = new_page(javascript=javascript)
    journey(page, slug, keyboard=keyboard, errors_first=errors_first, shots=shots)
