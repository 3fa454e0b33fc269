"""Drive any shipped form through the test client with answers generated from its definition."""

from __future__ import annotations

from flask import Flask

from tests.browser.answers import page_answers
from tests.support import Citizen, errors_of

MAX_STEPS = 40


def fill_every_page(app: Flask, client, slug: str, lang: str | None = None) -> Citizen:
    """Start `slug` and post valid answers page after page, following the journey to the check page."""
    definition = app.extensions["formbuilder.catalogue"].get(slug)
    answers = page_answers(definition)
    citizen = Citizen(client, slug, lang)
    page = citizen.start()
    location = page.request.path
    for _ in range(MAX_STEPS):
        if location.endswith("/check"):
            return citizen
        page_id = location.rsplit("/", 1)[1]
        response = citizen.post_page(page_id, answers[page_id])
        assert response.status_code == 302, (slug, page_id, errors_of(response))
        location = response.location.split("?", 1)[0]
    raise AssertionError(f"{slug}: no check page after {MAX_STEPS} pages")


def submit_every_form(app: Flask, client) -> list[str]:
    """Submit each listed form once; return the slugs."""
    slugs = [d.slug for d in app.extensions["formbuilder.catalogue"].listed()]
    for slug in slugs:
        response = fill_every_page(app, client, slug).submit()
        assert response.status_code == 302 and response.location.endswith("/complete"), (slug, response.status_code)
    return slugs
