"""The check and complete pages print cleanly: the stylesheet they link has print rules."""

from __future__ import annotations

import re
from pathlib import Path

from tests.flows.journeys import WATER
from tests.support import Citizen, fill_water

CSS = Path(__file__).parents[2] / "static" / "css" / "app.css"


def _print_rules() -> str:
    css = CSS.read_text(encoding="utf-8")
    start = css.index("@media print {\n")  # the page's block (the complete page's key buttons have one more)
    return css[start : css.index("\n}", start)]


def test_print_hides_switcher_buttons_and_change_links_and_keeps_rows_whole():
    rules = _print_rules()
    hidden = re.search(r"\n\s*([^{}]*)\{ display: none !important; \}", rules).group(1)
    for selector in (".languages", ".button", "button", ".summary .change", ".key-actions"):
        assert selector in [s.strip() for s in hidden.split(",")], selector
    assert re.search(r"\.summary-row[^{]*\{ break-inside: avoid;", rules)
    assert "color: #000 !important; background: #fff !important" in rules
    assert 'content: " (" attr(href) ")"' in rules


def test_the_check_page_links_the_stylesheet_with_print_rules(client):
    citizen = Citizen(client, WATER)
    fill_water(citizen)
    html = citizen.get(f"/forms/{WATER}/check").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/static/css/app.css">' in html
    served = client.get("/static/css/app.css")
    assert _print_rules() in served.get_data(as_text=True)
    served.close()
