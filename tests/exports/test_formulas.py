"""The formula-injection guard, one case per trigger and the cells it must leave alone."""

from __future__ import annotations

import pytest

from formbuilder.exports.formulas import neutralise


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-1", "'-1"),  # a negative number is prefixed too: accepted practice
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("\x00cmd", "'\x00cmd"),
        ("＝1+1", "'＝1+1"),
        ("＋cmd", "'＋cmd"),
        ("－1", "'－1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("090-1234-5678", "090-1234-5678"),
        ("100-0001", "100-0001"),
        ("2026-04-01", "2026-04-01"),
        ("東京都千代田区千代田1-1", "東京都千代田区千代田1-1"),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        (" =1+1", " =1+1"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_only_cells_a_spreadsheet_would_run(cell, written):
    assert neutralise(cell) == written
