"""CP932 for older core systems: every character it cannot hold is reported, never dropped."""

from __future__ import annotations

import re

import pytest

from formbuilder.exports.csv import ExportOptions, ExportReport, Loss, write_export
from tests.support import name_inputs

from .support import WATER, insert_submissions, read_csv, submit_water

pytestmark = pytest.mark.both_databases

# 髙 (U+9AD9) is in CP932 (an IBM extension); 𠮷 (U+20BB7) and ệ (U+1EC7) are not.
NAMES = {"user": name_inputs("user_name", "髙橋 𠮷子", "タカハシ ヨシコ"), "place": {"address-line2": "Nguyệt 101"}}


def test_cp932_export_fails_listing_each_lost_character_and_leaves_no_file(client, export):
    submit_water(client, **NAMES)
    result, out = export("--encoding", "cp932")
    assert result.exit_code == 1
    assert not out.exists() and list(out.parent.iterdir()) == []
    lines = result.stderr.splitlines()
    losses = [line for line in lines if "cannot be written in cp932:" in line]
    assert len(losses) == 2, result.stderr
    reference = r"[2-9A-Z]{4}-[2-9A-Z]{4}"
    assert re.fullmatch(
        rf"{reference}: 水道を使う場所の住所（建物名・部屋番号）: cannot be written in cp932: 'ệ' \(U\+1EC7\)",
        losses[0],
    )
    assert re.fullmatch(rf"{reference}: 氏名（名）: cannot be written in cp932: '𠮷' \(U\+20BB7\)", losses[1])
    assert "export failed: 2 character(s)" in lines[-1]


def test_cp932_replace_writes_question_marks_and_keeps_what_cp932_holds(client, export):
    submit_water(client, **NAMES)
    result, out = export("--encoding", "cp932", "--replace")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("cannot be written in cp932") == 2
    header, row = read_csv(out, "cp932")
    cells = dict(zip(header, row, strict=True))
    assert (cells["氏名（姓）"], cells["氏名（名）"]) == ("髙橋", "?子")
    assert cells["水道を使う場所の住所（建物名・部屋番号）"] == "Nguy?t 101"
    assert cells["水道を使う場所の住所（町域・番地）"] == "千代田1-1"


def test_cp932_without_losses_succeeds(client, export):
    submit_water(client, user=name_inputs("user_name", "髙橋 花子", "タカハシ ハナコ"))
    result, out = export("--encoding", "cp932")
    assert result.exit_code == 0, result.output
    assert read_csv(out, "cp932")[1][8:10] == ["髙橋", "花子"]


def test_failed_export_keeps_an_earlier_file(client, export):
    result, out = export("--encoding", "cp932")
    assert result.exit_code == 0
    before = out.read_bytes()
    submit_water(client, **NAMES)
    result, out = export("--encoding", "cp932")
    assert result.exit_code == 1
    assert out.read_bytes() == before and len(list(out.parent.iterdir())) == 1


def test_report_names_reference_column_and_character(app, tmp_path):
    insert_submissions(
        app, WATER, [{"reference": "TEST-0001", "answers": {"user_name": {"family": "𠮷田", "given": "髙"}}}]
    )
    out = tmp_path / "out.csv"
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(WATER)
        report = write_export(definition, ExportOptions(encoding="cp932"), out)
    assert report == ExportReport(rows=1, losses=[Loss("TEST-0001", "氏名（姓）", "𠮷")])
    assert not out.exists()


def test_only_the_offered_encodings_are_accepted():
    with pytest.raises(ValueError, match="utf-8-sig, cp932"):
        ExportOptions(encoding="shift_jis")
