"""Rows are streamed in chunks over their own connection, not the request's session."""

from __future__ import annotations

import csv
import io

import pytest

from formbuilder.exports.csv import ExportOptions, Loss, iter_csv, write_export
from formbuilder.extensions import db

from .support import BOM, WATER, insert_submissions

pytestmark = pytest.mark.both_databases


def test_chunks_outlive_the_session_and_match_the_file(app, tmp_path):
    insert_submissions(
        app, WATER, [{"answers": {"user_name": {"family": "住民", "given": f"{i}"}}} for i in range(2500)]
    )
    losses: list[Loss] = []
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(WATER)
        chunks = iter_csv(definition, ExportOptions(), losses)
        header = next(chunks)
        db.session.remove()  # what Flask does when a streaming view returns
        rest = list(chunks)
        report = write_export(definition, ExportOptions(), tmp_path / "out.csv")
    assert header.startswith(BOM) and header.count(b"\r\n") == 1
    assert [chunk.count(b"\r\n") for chunk in rest] == [1000, 1000, 500]
    data = b"".join([header, *rest])
    assert data == (tmp_path / "out.csv").read_bytes()
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(records) == 2501 and records[-1][8:10] == ["住民", "2499"]
    assert report.rows == 2500 and losses == [] and report.losses == []
