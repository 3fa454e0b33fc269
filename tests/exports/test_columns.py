"""Columns per field type: one per field, a multi-choice field in one, notices in none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formbuilder.definitions.model import Field
from formbuilder.fields import REGISTRY
from formbuilder.i18n import Text
from tests.support import Citizen, date_parts

from .support import read_csv

FEATURES = "export-features"


@pytest.fixture
def forms_dir() -> Path:
    return Path(__file__).resolve().parent / "forms"


def submit_features(client, answers: dict) -> None:
    citizen = Citizen(client, FEATURES)
    citizen.start()
    response = citizen.post_page("about", answers)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert citizen.submit().status_code == 302


@pytest.mark.both_databases
def test_each_field_type_fills_its_columns(client, export):
    submit_features(
        client,
        {
            "pets": ["bird", "cat"],
            "count": "－５",
            **date_parts("moved", date(2026, 4, 1)),
            "note": "1行目\r\n2行目",
            "agree": "y",
        },
    )
    submit_features(client, {})
    result, out = export(slug=FEATURES)
    assert result.exit_code == 0, result.output
    header, full, empty = read_csv(out)
    assert header == ["受付番号", "受付日時", "状況", "飼っている動物", "増減", "転入日", "備考", "同意"]
    assert full[3:] == ["cat;bird", "'-5", "2026-04-01", "1行目\n2行目", "1"]
    assert empty[3:] == ["", "", "", "", ""]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_field_type_gives_as_many_cells_as_headers(app, name):
    item = Field(name="x", type=name, label=Text.of("ラベル"))
    kind = REGISTRY[name]
    with app.app_context():  # some types translate their header parts
        assert len(kind.csv_cells(item, None)) == len(kind.csv_headers(item, "ja"))
