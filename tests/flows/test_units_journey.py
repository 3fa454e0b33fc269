"""A number's unit in its plural form on the page, the check page and the receipt (English, Japanese)."""

from __future__ import annotations

import json

import pytest

from tests.flows.journeys import pdf_text
from tests.support import Citizen, text_of

PEOPLE = {"ja": "人", "en": {"one": "person", "other": "people"}}
FORM = {
    "slug": "plural-units",
    "version": "1",
    "title": {"ja": "人数の届", "en": "Household size"},
    "department": "test",
    "languages": ["ja", "en"],
    "pages": [
        {
            "id": "count",
            "title": {"ja": "人数", "en": "Number of people"},
            "fields": [
                {
                    "name": "adults",
                    "type": "number",
                    "required": True,
                    "min": 1,
                    "max": 20,
                    "unit": PEOPLE,
                    "label": {"ja": "大人", "en": "Adults"},
                },
                {
                    "name": "children",
                    "type": "number",
                    "required": True,
                    "min": 0,
                    "max": 20,
                    "unit": PEOPLE,
                    "label": {"ja": "子ども", "en": "Children"},
                },
            ],
        }
    ],
}


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "plural-units.json").write_text(json.dumps(FORM, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("lang", "beside", "shown"),
    [("en", "people", ["Adults 1 person", "Children 2 people"]), (None, "人", ["大人 1人", "子ども 2人"])],
)
def test_counts_show_the_unit_in_their_plural_form_everywhere(client, lang, beside, shown):
    citizen = Citizen(client, "plural-units", lang)
    page = citizen.start().get_data(as_text=True)
    assert page.count(f'<span class="unit">{beside}</span>') == 2
    assert citizen.post_page("count", {"adults": "1", "children": "２"}).status_code == 302
    check = text_of(citizen.check())
    for line in shown:
        assert line in check, check
    done = citizen.submit()
    assert done.status_code == 302
    receipt = " ".join(pdf_text(citizen.get(citizen.url("/complete/receipt.pdf")).data).split())
    for line in shown:
        assert line.split(" ", 1)[1] in receipt, receipt
