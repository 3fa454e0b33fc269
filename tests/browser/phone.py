"""What every page must pass on a phone: no sideways scrolling, targets big enough to tap."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

WIDTHS = (390, 320)
MIN_TARGET_PX = 44
# Buttons, links in the page body, and the labels of radio buttons and check boxes.
TARGETS = "main button, main a[href], .choice label"

SMALL_TARGETS = """([selector, least]) => Array.from(document.querySelectorAll(selector))
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => ({text: el.textContent.trim().slice(0, 40), height: el.getBoundingClientRect().height}))
  .filter((target) => target.height < least)"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def watch(page) -> None:
    """Record script errors and Content-Security-Policy refusals (an inline style, a foreign script)."""
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            page.problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )


def check_page(page, shots: Path | None = None, name: str = "") -> None:
    """Assert the page fits 390 and 320 px without sideways scrolling, every target is 44 px high,
    and no script failed or was refused by the Content Security Policy so far."""
    page.wait_for_load_state("load")  # the stylesheet too, not only the DOM
    assert not getattr(page, "problems", []), page.problems
    size = page.viewport_size
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": size["height"]})
            if shots is not None and name:
                page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate(OVERFLOW)
            assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px"
            small = page.evaluate(SMALL_TARGETS, [TARGETS, MIN_TARGET_PX])
            assert not small, f"{page.url} at {width}px has targets under {MIN_TARGET_PX}px: {small}"
    finally:
        page.set_viewport_size(size)


def tick(control) -> None:
    """Tick a radio button or check box with a tap. Leaving a text field sends it for instant
    feedback, and the answer can remove an error message above the box while the tap is aimed:
    the box moves and the tap lands beside it. A person taps again where it now is; so do we."""
    try:
        control.check()
    except PlaywrightError as missed:
        if "did not change its state" not in str(missed):
            raise
        control.page.wait_for_timeout(300)  # the moved layout settles
        control.check()
