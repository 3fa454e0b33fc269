"""Routes: 404 for what does not exist, 405 for the wrong method, no change on GET, headers everywhere."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from tests.flows.journeys import WATER, snapshot, submit_water
from tests.support import Citizen, fill_water, water_answers

pytestmark = pytest.mark.both_databases

PAGE_IDS = list(water_answers())


def _urls(app, method: str) -> list[str]:
    """Return a URL for every route of the app (each water page for page routes)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            urls.append("/static/css/app.css")
            continue
        choices = [{}]
        for name in rule.arguments:
            values = {"slug": [WATER], "page_id": PAGE_IDS}.get(name, ["1"])
            choices = [{**c, name: v} for c in choices for v in values]
        for values in choices:
            urls.append(rule.build(values)[1])
    adapter = app.url_map.bind("localhost")
    found = []
    for url in dict.fromkeys(urls):
        try:
            adapter.match(url, method=method)
        except (MethodNotAllowed, NotFound):
            continue
        found.append(url)
    return found


def _post_only(app) -> list[str]:
    adapter = app.url_map.bind("localhost")
    found = []
    for url in _urls(app, "POST"):
        try:
            adapter.match(url, method="GET")
        except MethodNotAllowed:
            found.append(url)
    return found


@pytest.mark.parametrize(
    "url",
    [
        "/forms/no-such-form",
        "/forms/no-such-form/pages/place",
        "/forms/no-such-form/check",
        "/forms/no-such-form/complete",
        "/forms/no-such-form/complete/receipt.pdf",
        "/no-such-page",
    ],
)
def test_unknown_form_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "お探しのページが見つかりません" in response.get_data(as_text=True)


def test_unknown_page_of_a_form_is_not_found(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    assert client.get(f"/forms/{WATER}/pages/no-such-page").status_code == 404
    response = citizen.post_page("no-such-page", {"x": "1"})
    assert response.status_code == 404
    assert client.post("/forms/no-such-form/start", data={"csrf_token": citizen.csrf}).status_code == 404


def test_unknown_page_is_not_found_without_a_draft_too(client):
    citizen = Citizen(client, WATER)
    citizen.get(f"/forms/{WATER}")
    assert client.get(f"/forms/{WATER}/pages/no-such-page").status_code == 404
    assert citizen.post_page("no-such-page", {"x": "1"}).status_code == 404


def test_get_on_a_post_only_route_is_not_allowed(app, client):
    urls = _post_only(app)
    assert f"/forms/{WATER}/start" in urls and f"/forms/{WATER}/submit" in urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 405, url
        assert "POST" in response.headers.get("Allow", ""), url
        assert "この操作はできません" in response.get_data(as_text=True)


def test_get_and_head_change_nothing_at_any_stage(app, client):
    urls = _urls(app, "GET")
    citizen = Citizen(client, WATER)
    stages = [lambda: None, citizen.start, lambda: fill_water(citizen), lambda: submit_water(client)]
    for stage in stages:
        stage()
        before = snapshot(app)
        for url in urls:
            for method in (client.get, client.head):
                response = method(url)
                response.close()
                assert response.status_code < 500, url
        assert snapshot(app) == before


def _every_kind_of_page(app, client) -> dict:
    """Return one response of every kind a citizen meets, errors and downloads included."""
    citizen = Citizen(client, WATER)
    seen = {"list": client.get("/"), "start": client.get(f"/forms/{WATER}")}
    seen["page"] = citizen.start()
    seen["invalid page"] = citizen.post_page("place", {"address-postal": "x"})
    seen["redirect"] = citizen.post_page("place", water_answers()["place"])
    seen["expired token"] = client.post(f"/forms/{WATER}/pages/user", data={"user_name-family": "x"})
    fill_water(citizen)
    seen["check"] = citizen.check()
    done = submit_water(client)
    seen["complete"] = done.page
    seen["receipt"] = client.get(f"/forms/{WATER}/complete/receipt.pdf")
    seen["lookup"] = client.get("/receipt")
    seen["lookup refused"] = client.post("/receipt", data={"csrf_token": citizen.csrf, "reference": "x", "secret": "y"})
    seen["lookup receipt"] = client.post(
        "/receipt", data={"csrf_token": citizen.csrf, "reference": done.reference, "secret": done.secret}
    )
    seen["not found"] = client.get("/forms/no-such-form")
    seen["not allowed"] = client.get(f"/forms/{WATER}/submit")
    seen["forbidden token"] = client.post("/forms/no-such-form/start")
    return seen


def test_every_response_forbids_caching_sniffing_and_framing(app, client):
    seen = _every_kind_of_page(app, client)
    assert seen["receipt"].mimetype == seen["lookup receipt"].mimetype == "application/pdf"
    assert seen["expired token"].status_code == 400 and seen["forbidden token"].status_code == 400
    for name, response in seen.items():
        assert response.headers.get("Cache-Control") == "no-store", name
        assert response.headers.get("X-Content-Type-Options") == "nosniff", name
        csp = response.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp, (name, csp)
        if response.mimetype == "text/html":
            assert "default-src 'self'" in csp and "object-src 'none'" in csp, name
            assert "charset=utf-8" in response.headers["Content-Type"], name
