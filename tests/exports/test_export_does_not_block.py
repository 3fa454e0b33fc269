"""A long export on SQLite must not hold the write lock that citizens' submissions need."""

from __future__ import annotations

from formbuilder.exports.csv import ExportOptions, iter_csv
from tests.exports.support import WATER, insert_submissions, submit_water


def test_submission_succeeds_while_an_export_is_streaming(app, client):
    insert_submissions(
        app, WATER, [{"answers": {"user_name": {"family": f"山田{i}", "given": "太郎"}}} for i in range(3000)]
    )
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(WATER)
        chunks = iter_csv(definition, ExportOptions(), [])
        next(chunks)
        next(chunks)  # the export's read transaction is open now, halfway through
        submit_water(client)  # would wait and fail with "database is locked" under a write lock
        assert sum(1 for _ in chunks) > 0


def test_export_into_a_missing_folder_says_so_without_a_traceback(runner, tmp_path):
    result = runner.invoke(args=["forms", "export", WATER, "--out", str(tmp_path / "nope" / "x.csv")])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output
