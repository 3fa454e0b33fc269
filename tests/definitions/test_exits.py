"""`forms check` of eligibility exits: each broken exit reported at its JSON pointer in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formbuilder.definitions.loader import load_data, load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "form-definitions.md"
BROKEN = FIXTURES / "exits-broken"
LATER = (
    "exit rule refers to field 'birth', which is asked on a later page; an exit is tested when its page is sent, "
    "so it may only look at fields of its own page and of earlier pages"
)

# File name (without .json) → (JSON pointer, message) of its one mistake.
EXPECTED: dict[str, tuple[str, str]] = {
    "exit-id-used-twice": ("/pages/1/exits/0/id", "exit id 'civil-servant' is used twice"),
    "exit-id-pattern": (
        "/pages/0/exits/0/id",
        "'Civil_Servant' cannot be used here. Unique in the form; part of the exit page's address and of the "
        "counts. Use a lower-case letter first, then a-z, 0-9 or - (example: civil-servant).",
    ),
    "exit-without-rule": ("/pages/0/exits/0", "required key 'when' is missing"),
    "exit-rule-on-a-later-page": ("/pages/0/exits/0/when/field", LATER),
    "exit-rule-unknown-field": ("/pages/0/exits/0/when/field", "exit rule refers to unknown field 'civil_servent'"),
    "exit-rule-value-not-a-choice": (
        "/pages/0/exits/0/when/equals",
        "'true' is not a choice of field 'civil_servant' (its choices are yes, no)",
    ),
    "exit-rule-age-of-a-choice": (
        "/pages/0/exits/0/when/age_under",
        "an age is counted from a date; 'civil_servant' is a radio field",
    ),
    "exit-body-missing-language": (
        "/pages/0/exits/0/body",
        "missing the 'en' text (the form declares the languages ja, en)",
    ),
    "exit-contact-unsafe-link": (
        "/pages/0/exits/0/contact/ja",
        "link '[給与担当](javascript:void)': javascript: addresses are not allowed; "
        "only https:// or a path on this site starting with /",
    ),
    "exit-title-with-link": (
        "/pages/0/exits/0/title/en",
        "links are shown only in help, a notice's or an exit's body, a contact, the description, or next_steps; "
        "here '[this](https://www.example.jp/)' would show as typed",
    ),
}


def test_every_broken_exit_fixture_has_an_expected_line():
    assert sorted(p.stem for p in BROKEN.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_the_exits_one_mistake_at_its_pointer(runner, name):
    path = BROKEN / f"{name}.json"
    result = runner.invoke(args=["forms", "check", str(path)])
    pointer, message = EXPECTED[name]
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}: {pointer}: {message}"]


def test_an_exit_is_built_with_its_page_rule_and_texts():
    definition = load_file(FIXTURES / "exits" / "exit-demo.json").definition
    assert definition is not None
    page, found = definition.exit("civil-servant")
    assert page.id == "who" and found.when == {"field": "civil_servant", "equals": "yes"}
    assert found.title.get("en") == "Public servants apply at their workplace"
    assert found.contact is not None and definition.exit("too-old")[1].contact is None
    assert found.pointer == "/pages/0/exits/0"


def test_the_guides_worked_example_is_a_valid_page_with_an_exit():
    block = GUIDE.read_text(encoding="utf-8").split("<!-- exits-example -->", 1)[1]
    page = json.loads(block.split("```json", 1)[1].split("```", 1)[0])
    raw = {"slug": "example", "version": "1", "title": {"ja": "例", "en": "Example"}, "department": "test"}
    result = load_data({**raw, "languages": ["ja", "en"], "pages": [page]})
    assert [str(p) for p in result.problems] == []
    assert result.definition is not None and result.definition.exit("civil-servant")[0].id == "work"
