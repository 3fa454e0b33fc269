"""No link on any page leads off the site: the language switcher of an unknown path (open redirect)."""

from __future__ import annotations

from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest

from tests.i18n.test_languages import switcher_links

SITE = "https://shinsei.city.example/"
HOSTILE_PATHS = [
    "/%5Cevil.example/x",
    "/%5C%5Cevil.example/x",
    "/%2F%2Fevil.example/x",
    "/%09/evil.example",
    "/forms/%5Cevil.example",
    "/forms/%2F%2Fevil.example/check",
    "/%5Cevil.example/x?from=list",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_language_links_of_a_hostile_path_stay_on_the_site(client, path):
    response = client.get(path)
    if response.status_code == 308:  # werkzeug merges repeated slashes: the redirect stays on the site too
        assert urlsplit(urljoin(SITE, response.location)).netloc in {"localhost", "shinsei.city.example"}
        response = client.get(response.location)
    assert response.status_code == 404
    links = switcher_links(response)
    assert len(links) == 11
    for attrs, _name in links:
        href = unescape(attrs["href"])
        assert "\\" not in href and not href.startswith("//"), href
        assert urlsplit(urljoin(SITE, href)).netloc == "shinsei.city.example", href


def test_language_links_of_a_real_page_keep_the_page_and_its_arguments(client):
    links = dict(
        (name, attrs["href"]) for attrs, name in switcher_links(client.get("/forms/water-supply-start?from=list"))
    )
    assert links["English"] == "/forms/water-supply-start?from=list&lang=en"
