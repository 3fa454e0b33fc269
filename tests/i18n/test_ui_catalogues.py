"""The UI catalogues are read from the .po files at start: a fresh checkout without compiled .mo
files serves English pages in English, and a missing catalogue stops the start, naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formbuilder import create_app, i18n
from formbuilder.ui_catalogues import MissingCatalogue
from tests.conftest import SHIPPED_FORMS, base_config
from tests.support import text_of

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def _po_only(folder: Path) -> Path:
    """A copy of translations/ with the catalogues' .po files and no compiled .mo."""
    copy = folder / "translations"
    shutil.copytree(TRANSLATIONS, copy, ignore=shutil.ignore_patterns("*.mo"))
    assert not list(copy.rglob("*.mo"))
    return copy


def test_english_pages_are_english_without_compiled_catalogues(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", _po_only(tmp_path))
    app = create_app(base_config(tmp_path, SHIPPED_FORMS, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    page = app.test_client().get("/forms/water-supply-start?lang=en")
    assert page.status_code == 200 and '<html lang="en">' in page.get_data(as_text=True)
    shown = text_of(page)
    assert "Start" in shown and "申請を始める" not in shown


def test_a_language_without_its_catalogue_stops_the_start_naming_the_file(tmp_path, monkeypatch):
    folder = _po_only(tmp_path)
    (folder / "vi" / "LC_MESSAGES" / "messages.po").unlink()
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", folder)
    with pytest.raises(MissingCatalogue, match=r"vi/LC_MESSAGES/messages\.po: the catalogue is missing"):
        create_app(base_config(tmp_path, SHIPPED_FORMS, f"sqlite:///{tmp_path / 'db.sqlite3'}"))


def test_an_unreadable_catalogue_stops_the_start_naming_the_file(tmp_path, monkeypatch):
    folder = _po_only(tmp_path)
    (folder / "ko" / "LC_MESSAGES" / "messages.po").write_bytes(b"nonsense line\n")
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", folder)
    with pytest.raises(MissingCatalogue, match=r"ko/LC_MESSAGES/messages\.po: the catalogue cannot be read"):
        create_app(base_config(tmp_path, SHIPPED_FORMS, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
