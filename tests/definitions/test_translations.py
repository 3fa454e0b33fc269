"""`flask forms translations export|import` and the missing-translation summary of `forms check`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.lint import missing_translations, summarise_missing, texts
from formbuilder.definitions.loader import build, load_file
from formbuilder.definitions.translations import (
    TranslationError,
    dumps,
    export_csv,
    import_file,
    read_csv,
)
from formbuilder.i18n import LANGUAGE_CODES, fallbacks
from tests.conftest import SHIPPED_FORMS, shipped_raw

WATER = "water-supply-start"


@pytest.fixture
def forms_dir(tmp_path) -> Path:
    """The shipped definitions with their translations inline, for the commands to rewrite."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for path in definition_paths(SHIPPED_FORMS):  # in the layout with inline translations, which the CSV still serves
        (folder / path.name).write_text(dumps(shipped_raw(path.stem)), encoding="utf-8")
    return folder


def read_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def export(runner, tmp_path, slug=WATER, lang="vi") -> Path:
    out = tmp_path / f"{slug}.{lang}.csv"
    result = runner.invoke(args=["forms", "translations", "export", slug, "--lang", lang, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def import_(runner, path: Path, slug=WATER, lang="vi"):
    return runner.invoke(args=["forms", "translations", "import", slug, "--lang", lang, str(path)])


def raw_of(forms_dir: Path, slug=WATER) -> dict:
    return json.loads((forms_dir / f"{slug}.json").read_text(encoding="utf-8"))


# --- export ---------------------------------------------------------------------------------------
def test_export_has_a_row_per_text_with_japanese_and_the_translation(runner, tmp_path, forms_dir):
    rows = read_rows(export(runner, tmp_path))
    assert rows[0] == ["key", "ja", "vi"]
    by_key = {key: (ja, vi) for key, ja, vi in rows[1:]}
    assert by_key["/title"] == ("水道使用開始届", "Thông báo bắt đầu sử dụng nước máy")
    assert by_key["/pages/0/fields/0/label"][0] == "水道を使う場所の住所"
    assert "/pages/4/fields/0/body" in by_key and "/next_steps" in by_key
    definition = load_file(forms_dir / f"{WATER}.json").definition
    assert [row[0] for row in rows[1:]] == [pointer for pointer, _ in texts(definition)]


@pytest.mark.parametrize("slug", sorted(p.stem for p in definition_paths(SHIPPED_FORMS)))
@pytest.mark.parametrize("lang", ["vi", "ja-easy", "ne"])
def test_export_then_import_without_edits_leaves_the_file_byte_identical(runner, tmp_path, forms_dir, slug, lang):
    before = (forms_dir / f"{slug}.json").read_bytes()
    result = import_(runner, export(runner, tmp_path, slug, lang), slug, lang)
    assert result.exit_code == 0, result.output
    assert "0 text(s) changed" in result.stderr and "unchanged" in result.stderr
    assert (forms_dir / f"{slug}.json").read_bytes() == before


def test_shipped_files_are_in_the_style_the_import_writes():
    for path in definition_paths(SHIPPED_FORMS):
        text = path.read_text(encoding="utf-8")
        assert dumps(json.loads(text)) == text, f"{path.name}: not in the compact style of translations.dumps"


def test_the_compact_style_keeps_small_objects_on_one_line():
    text = dumps(
        {
            "slug": "x",
            "languages": ["ja", "en"],
            "pages": [{"id": "p", "when": {"field": "a", "equals": "b"}, "fields": [{"name": "a", "type": "text"}]}],
        }
    )
    assert '"languages": ["ja", "en"],' in text
    assert (
        '"pages": [{"id": "p", "when": {"field": "a", "equals": "b"}, "fields": [{"name": "a", "type": "text"}]}]'
        in text
    )
    assert dumps(json.loads(text)) == text


# --- import ---------------------------------------------------------------------------------------
def test_an_edited_row_changes_only_that_language_of_that_text(runner, tmp_path, forms_dir):
    path = export(runner, tmp_path)
    rows = read_rows(path)
    for row in rows:
        if row[0] == "/pages/0/fields/0/label":
            row[2] = "Mã bưu điện"
    write_rows(path, rows)
    before = raw_of(forms_dir)
    result = import_(runner, path)
    assert result.exit_code == 0, result.output
    assert "1 text(s) changed" in result.stderr
    after = raw_of(forms_dir)
    label = after["pages"][0]["fields"][0]["label"]
    assert label["vi"] == "Mã bưu điện"
    label["vi"] = before["pages"][0]["fields"][0]["label"]["vi"]
    assert after == before
    assert list(label) == list(LANGUAGE_CODES)
    assert load_file(forms_dir / f"{WATER}.json").problems == []


def test_a_new_language_is_added_to_a_plain_japanese_string_in_order(tmp_path):
    raw = shipped_raw(WATER)
    raw["languages"] = ["ja"]
    raw["title"] = "水道使用開始届"
    path = tmp_path / f"{WATER}.json"
    path.write_text(dumps(raw), encoding="utf-8")
    report = import_file(path, "ko", "key,ja,ko\r\n/title,水道使用開始届,수도 사용 개시 신고\r\n")
    assert report.changed == ["/title"] and report.written
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == {
        "ja": "水道使用開始届",
        "ko": "수도 사용 개시 신고",
    }


def test_a_row_whose_japanese_changed_is_skipped_and_reported(runner, tmp_path, forms_dir):
    path = export(runner, tmp_path)
    raw = raw_of(forms_dir)
    raw["title"]["ja"] = "水道使用開始の届出"
    (forms_dir / f"{WATER}.json").write_text(dumps(raw), encoding="utf-8")
    rows = read_rows(path)
    rows[1][2] = "Thông báo mới"
    rows[2][2] = "Mô tả mới"
    write_rows(path, rows)
    result = import_(runner, path)
    assert result.exit_code == 1
    assert "skipped /title: the Japanese text changed since the export; it is now '水道使用開始の届出'" in result.stderr
    assert "1 text(s) changed" in result.stderr and "1 skipped" in result.stderr
    after = raw_of(forms_dir)
    assert after["title"]["vi"] == "Thông báo bắt đầu sử dụng nước máy"
    assert after["description"]["vi"] == "Mô tả mới"


def test_an_unknown_key_is_skipped_and_reported(runner, tmp_path, forms_dir):
    path = tmp_path / "x.csv"
    write_rows(path, [["key", "ja", "vi"], ["/pages/9/title", "どこか", "Đâu đó"], ["/slug", WATER, "x"]])
    before = (forms_dir / f"{WATER}.json").read_bytes()
    result = import_(runner, path)
    assert result.exit_code == 1
    assert "skipped /pages/9/title: no such text in the definition" in result.stderr
    assert "skipped /slug: no such text" in result.stderr
    assert (forms_dir / f"{WATER}.json").read_bytes() == before


def test_a_placeholder_mismatch_is_refused_with_a_clear_message(tmp_path):
    raw = shipped_raw(WATER)
    raw["pages"][0]["fields"][0].setdefault("messages", {})["pattern"] = {
        "ja": "＊%(label)sは7桁です。",
        "en": "* %(label)s has 7 digits.",
    }
    path = tmp_path / f"{WATER}.json"
    path.write_text(dumps(raw), encoding="utf-8")
    key = "/pages/0/fields/0/messages/pattern"
    data = f"key,ja,vi\r\n{key},＊%(label)sは7桁です。,＊%(nhan)s có 7 chữ số.\r\n"
    report = import_file(path, "vi", data)
    assert report.refused == [(key, "placeholders must be the same as in Japanese: expected %(label)s, found %(nhan)s")]
    assert not report.written
    report = import_file(path, "vi", data.replace("%(nhan)s", "%(label)s"))
    assert report.changed == [key]
    assert json.loads(path.read_text(encoding="utf-8"))["pages"][0]["fields"][0]["messages"]["pattern"]["vi"] == (
        "＊%(label)s có 7 chữ số."
    )


def test_formula_like_cells_are_neutralised_in_the_csv_and_restored_on_import(tmp_path):
    raw = shipped_raw(WATER)
    raw["title"] = {"ja": '=HYPERLINK("http://x")', "vi": "+cmd|' /C calc'!A0"}
    raw["languages"] = ["ja"]
    definition = build(raw)
    rows = list(csv.reader(io.StringIO(export_csv(definition, "vi"), newline="")))
    assert rows[1] == ["/title", '\'=HYPERLINK("http://x")', "'+cmd|' /C calc'!A0"]
    assert all(cell[:1] not in "=+-@" for row in rows for cell in row)
    path = tmp_path / f"{WATER}.json"
    path.write_text(dumps(raw), encoding="utf-8")
    before = path.read_bytes()
    report = import_file(path, "vi", export_csv(definition, "vi"))
    assert report.changed == [] and report.unchanged >= 1 and path.read_bytes() == before
    assert read_csv("key,ja,vi\r\n/title,x,'-5\r\n", "vi")[0].text == "-5"
    assert read_csv("key,ja,vi\r\n/title,x,'quoted\r\n", "vi")[0].text == "'quoted"


def test_a_wrong_header_or_language_is_an_error(tmp_path):
    with pytest.raises(TranslationError, match="the first row must be: key,ja,vi"):
        read_csv("pointer,japanese,vi\r\n", "vi")
    with pytest.raises(TranslationError, match="the third column is 'ko', but --lang is 'vi'"):
        read_csv("key,ja,ko\r\n", "vi")
    with pytest.raises(TranslationError, match="not UTF-8"):
        read_csv("key,ja,vi\r\n/title,水道,x\r\n".encode("cp932"), "vi")


def test_the_commands_refuse_an_unknown_form_and_japanese(runner, tmp_path):
    result = runner.invoke(args=["forms", "translations", "export", "no-such-form", "--lang", "vi"])
    assert result.exit_code == 1 and "no definition file" in result.output
    result = runner.invoke(args=["forms", "translations", "export", WATER, "--lang", "ja"])
    assert result.exit_code == 2


def test_an_empty_cell_keeps_the_current_translation(runner, tmp_path, forms_dir):
    path = export(runner, tmp_path)
    rows = read_rows(path)
    rows[1][2] = ""
    write_rows(path, rows)
    before = (forms_dir / f"{WATER}.json").read_bytes()
    result = import_(runner, path)
    assert result.exit_code == 0 and "1 empty" in result.stderr
    assert (forms_dir / f"{WATER}.json").read_bytes() == before


# --- forms check: what a translator must still do -----------------------------------------------------
def test_check_summarises_the_missing_texts_per_declared_language(runner, forms_dir):
    raw = raw_of(forms_dir)
    del raw["pages"][2]["fields"][0]["label"]["vi"]
    del raw["pages"][2]["fields"][0]["help"]["vi"]
    del raw["title"]["vi"]
    del raw["pages"][0]["title"]["vi"]
    del raw["fee"]["ko"]
    (forms_dir / f"{WATER}.json").write_text(dumps(raw), encoding="utf-8")
    result = runner.invoke(args=["forms", "check"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 5  # one line a problem, as before
    name = forms_dir / f"{WATER}.json"
    assert (
        f"{name}: translations: vi: 4 missing (/title, /pages/0/title, /pages/2/fields/0/label, … 1 more)"
        in result.stderr
    )
    assert f"{name}: translations: ko: 1 missing (/fee)" in result.stderr
    assert "translations:" not in result.stderr.split(str(name))[0]  # complete forms get no summary line


def test_summary_helpers():
    raw = shipped_raw(WATER)
    assert missing_translations(build(raw)) == {}
    del raw["title"]["en"]
    assert missing_translations(build(raw)) == {"en": ["/title"]}
    assert summarise_missing({"vi": ["/a", "/b"]}) == ["vi: 2 missing (/a, /b)"]


def test_fallback_is_the_language_then_japanese():
    assert fallbacks("ja-easy")[0] == "ja-easy" and fallbacks("ja-easy")[-1] == "ja"
    for lang in LANGUAGE_CODES:
        chain = [code for code in fallbacks(lang) if code in LANGUAGE_CODES]
        assert chain == ([lang, "ja"] if lang != "ja" else ["ja"])


def test_a_translator_fills_the_missing_texts_of_an_incomplete_form(runner, tmp_path, forms_dir):
    raw = raw_of(forms_dir)
    for text in (
        raw["title"],
        raw["pages"][1]["fields"][0]["label"],
        raw["pages"][3]["fields"][0]["choices"][1]["label"],
    ):
        del text["ne"]
    (forms_dir / f"{WATER}.json").write_text(dumps(raw), encoding="utf-8")
    assert runner.invoke(args=["forms", "check"]).exit_code == 1
    path = export(runner, tmp_path, lang="ne")
    rows = read_rows(path)
    empty = [row for row in rows[1:] if not row[2]]
    assert [row[0] for row in empty] == ["/title", "/pages/1/fields/0/label", "/pages/3/fields/0/choices/1/label"]
    for row in empty:
        row[2] = f"नेपाली {row[0]}"
    write_rows(path, rows)
    result = import_(runner, path, lang="ne")
    assert result.exit_code == 0, result.output
    assert "3 text(s) changed" in result.stderr
    check = runner.invoke(args=["forms", "check"])
    assert check.exit_code == 0, check.output
    assert raw_of(forms_dir)["title"]["ne"] == "नेपाली /title"
