"""SEC-06: a name staff search for never travels in a URL, so no access log or browser history holds it.

The search form is posted (with its CSRF token) and answered with a redirect to the list;
that URL, its page links and every other link of the page carry at most a sealed copy of the
text, which only the staff session that typed it can open.
"""

from __future__ import annotations

import logging
import re
from html import unescape
from urllib.parse import quote, unquote

import pytest

from formbuilder.backoffice import listing
from tests.staff.test_submissions import staff_client, submit_water
from tests.support import CSRF, name_inputs, text_of

WATER = "water-supply-start"
LIST = f"/staff/forms/{WATER}/submissions"
SEARCH = f"{LIST}/search"
CANARY = name_inputs("user_name", "警戒 花子", "ケイカイ ハナコ")
# What was typed, and the forms it could take on its way into a URL.
TYPED = ("ｹｲｶｲ", "警戒")
NEEDLES = ("ｹｲｶｲ", "ケイカイ", "けいかい", "警戒", "ハナコ")
URLS = re.compile(r'(?:href|action|src)="([^"]*)"')


def _carries_the_name(url: str) -> list[str]:
    return [n for n in NEEDLES if n in url or n in unquote(url) or quote(n) in url or quote(n).lower() in url]


def _search(staff, **form: str):
    token = CSRF.search(staff.get(LIST).get_data(as_text=True)).group(1)
    return staff.post(SEARCH, data={"csrf_token": token, **form})


@pytest.mark.both_databases
def test_a_searched_name_is_in_no_url_and_still_finds_the_application(app, runner, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    found = {submit_water(app, **CANARY), submit_water(app, **CANARY)}
    other = submit_water(app)
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)  # two pages of results: the page links carry the search too
    staff = staff_client(app, runner, "suido", "staff", "water")

    for typed in TYPED:
        sent = _search(staff, q=typed, status="received", sort="old")
        assert sent.status_code == 302 and not _carries_the_name(sent.location), sent.location
        assert "status=received" in sent.location and "sort=old" in sent.location  # these name no one
        first = staff.get(sent.location)
        html = first.get_data(as_text=True)
        assert "2件" in text_of(first) and other not in html
        links = URLS.findall(html)
        assert not [url for url in links if _carries_the_name(url)]
        second = unescape(next(url for url in links if "page=2" in url))
        shown = {ref for ref in found if ref in html} | {ref for ref in found if ref in staff.get(second).text}
        assert shown == found
        assert f'value="{typed}"' in html  # the page itself shows what was searched, to change it
    assert not [r.getMessage() for r in caplog.records if _carries_the_name(r.getMessage())]


def test_the_sealed_search_opens_only_for_the_session_that_typed_it(app, runner):
    submit_water(app, **CANARY)
    submit_water(app)
    staff = staff_client(app, runner, "suido", "staff", "water")
    location = _search(staff, q="警戒").location
    assert "1件" in text_of(staff.get(location))
    colleague = staff_client(app, runner, "suido2", "staff", "water")
    assert "2件" in text_of(colleague.get(location))  # the whole list, as if nothing was searched
    tampered = re.sub(r"search=([^&]+)", lambda m: "search=" + m.group(1)[:-2] + "AA", location)
    assert "2件" in text_of(staff.get(tampered))
    # A name put into the query string by hand is not searched (nor does it come back in links).
    by_hand = staff.get(LIST, query_string={"q": "警戒"})
    assert "2件" in text_of(by_hand) and not [u for u in URLS.findall(by_hand.text) if _carries_the_name(u)]
    # An empty search leaves no `search` in the URL at all.
    assert "search=" not in _search(staff, q="  ").location


def test_the_search_needs_the_csrf_token_and_the_department(app, runner):
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert staff.post(SEARCH, data={"q": "警戒"}).status_code == 400
    child = staff_client(app, runner, "kodomo", "staff", "child")
    token = CSRF.search(child.get("/staff/").get_data(as_text=True)).group(1)
    assert child.post(SEARCH, data={"csrf_token": token, "q": "警戒"}).status_code == 404
