"""What a back office's import sees first: the header row in each encoding, and options refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.definitions.model import FormDefinition
from formbuilder.exports.csv import ExportOptions, Loss, headers, iter_csv, write_export

from .support import insert_submissions, read_csv


def form(*fields: dict) -> FormDefinition:
    raw = {
        "slug": "export-options",
        "version": "1",
        "title": {"ja": "テスト", "en": "Test"},
        "department": "test",
        "languages": ["ja", "en"],
        "pages": [{"id": "page", "title": {"ja": "テスト", "en": "Test"}, "fields": list(fields)}],
    }
    result = load_data(raw)
    assert result.definition is not None, [str(p) for p in result.problems]
    return result.definition


NAME = {"name": "person", "type": "name", "label": {"ja": "氏名", "en": "Name"}}
SHOP = {
    "name": "shop",
    "type": "text",
    "label": {"ja": "𠮷野家の屋号", "en": "Shop name"},
}  # 𠮷 (U+20BB7) is not in CP932


@pytest.mark.parametrize("bound", ["since", "until"])
def test_a_period_without_a_timezone_is_refused(bound):
    with pytest.raises(ValueError) as caught:
        ExportOptions(**{bound: datetime(2024, 4, 1)})
    assert str(caught.value) == "since and until must be timezone-aware"
    assert getattr(ExportOptions(**{bound: datetime(2024, 4, 1, tzinfo=UTC)}), bound).tzinfo is UTC


def test_headers_are_japanese_unless_asked_otherwise(app):
    definition = form(NAME)
    with app.test_request_context():
        assert headers(definition)[3:] == ["氏名（姓）", "氏名（名）", "氏名（セイ）", "氏名（メイ）"]
        default = next(iter_csv(definition, ExportOptions(), []))
        english = next(iter_csv(definition, ExportOptions(header_language="en"), []))
    assert default.decode("utf-8-sig").startswith("受付番号,受付日時,状況,氏名（姓）")
    assert english.decode("utf-8-sig").startswith("Reference number,Submitted at,Status,Name (family name)")


def test_a_cp932_file_starts_with_the_header_row_without_a_byte_order_mark(app):
    with app.test_request_context():
        first = next(iter_csv(form(NAME), ExportOptions(encoding="cp932"), []))
    assert first.startswith("受付番号,受付日時,状況,".encode("cp932"))


def test_a_header_label_the_encoding_cannot_hold_is_reported_as_the_header_row(app, tmp_path):
    out = tmp_path / "out.csv"
    with app.test_request_context():
        report = write_export(form(SHOP), ExportOptions(encoding="cp932"), out)
    assert report.rows == 0 and report.losses == [Loss("(header)", "𠮷野家の屋号", "𠮷")]
    assert not out.exists()


GROUPS = Path(__file__).resolve().parent.parent / "fixtures" / "groups"


@pytest.mark.parametrize("forms_dir", [GROUPS])
def test_the_long_layout_counts_a_submission_without_items(app, tmp_path):
    insert_submissions(app, "group-demo", [{"answers": {"note": "子なし"}}])
    out = tmp_path / "long.csv"
    with app.test_request_context():
        definition = app.extensions["formbuilder.catalogue"].get("group-demo")
        report = write_export(definition, ExportOptions(groups="long"), out)
    assert report.rows == 1  # the submission was read and written: it has no item row to show
    assert read_csv(out)[1:] == []
