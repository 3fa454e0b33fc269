"""Guards over every shipped form (issue 15): each speaks all 11 languages with no missing or
stale translation, and asks a name, an address, a birth date or a postal code with the Japanese
input type made for it (フリガナ, the postal lookup, 和暦), never with a plain text box."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.loader import load_file
from tests.conftest import SHIPPED_FORMS

LANGUAGES = {"ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "fil", "pt-BR", "ne", "id"}

# What a label asks for (any of these words) → the types that may ask it.
JAPANESE_TYPES = [
    (("氏名", "名前"), {"name"}),
    (("住所", "所在地"), {"address"}),
    (("生年月日",), {"era_date"}),
    (("郵便番号",), {"postal_code", "address"}),
]
# Fields where nothing is typed: a choice, a notice or a sum may mention an address or a name.
NOT_TYPED = {"radio", "select", "checkbox", "checkboxes", "notice", "calculated", "file", "group"}

PATHS = definition_paths(SHIPPED_FORMS)


def fields(items: list[dict[str, Any]], pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field with its JSON pointer, the fields of groups too."""
    for index, item in enumerate(items):
        here = f"{pointer}/{index}"
        yield here, item
        yield from fields(item.get("fields", []), f"{here}/fields")


def wrong_types(raw: dict[str, Any]) -> list[str]:
    """The fields whose label asks a name, an address, a birth date or a postal code in the wrong type."""
    found = []
    for p, page in enumerate(raw["pages"]):
        for pointer, field in fields(page.get("fields", []), f"/pages/{p}/fields"):
            label, kind = field.get("label", ""), field.get("type")
            if kind in NOT_TYPED or not isinstance(label, str):
                continue
            for words, allowed in JAPANESE_TYPES:
                if any(word in label for word in words) and kind not in allowed:
                    found.append(f"{pointer} {field['name']} 「{label}」 is {kind}, not {' or '.join(sorted(allowed))}")
    return found


def test_the_shipped_forms_are_found():
    assert {"water-supply-start.json", "oversized-waste-collection.json"} <= {p.name for p in PATHS}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_shipped_form_speaks_every_language(path: Path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert set(raw["languages"]) == LANGUAGES, path.name
    loaded = load_file(path)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    assert loaded.translation_problems == [], [str(p) for p in loaded.translation_problems]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_names_addresses_birth_dates_and_postal_codes_use_the_japanese_types(path: Path):
    assert wrong_types(json.loads(path.read_text(encoding="utf-8"))) == []


def test_the_guard_sees_a_plain_text_box_inside_a_group():
    raw = {
        "pages": [
            {
                "fields": [
                    {
                        "name": "people",
                        "type": "group",
                        "label": "世帯員",
                        "fields": [
                            {"name": "who", "type": "text", "label": "世帯員の氏名"},
                            {"name": "born", "type": "date", "label": "生年月日"},
                            {"name": "where", "type": "address", "label": "住所"},
                            {"name": "same", "type": "radio", "label": "住所は同じですか"},
                        ],
                    },
                    {"name": "zip", "type": "text", "label": "郵便番号"},
                    {"name": "office", "type": "textarea", "label": "事業所の所在地"},
                ]
            }
        ]
    }
    assert [line.split()[1] for line in wrong_types(raw)] == ["who", "born", "zip", "office"]
