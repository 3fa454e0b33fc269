"""The name a browser sends is only metadata, and is cleaned before anyone sees it (SEC-21)."""

from __future__ import annotations

import unicodedata

import pytest

from formbuilder.attachments.names import FALLBACK_NAME, MAX_NAME_LENGTH, clean_name, with_extension


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../app.py", "app.py"),
        ("..\\..\\windows\\system32\\photo.jpg", "photo.jpg"),
        ("C:\\Users\\山田\\Desktop\\免許証.jpg", "免許証.jpg"),
        ("photo\x00.php.jpg", "photo.php.jpg"),
        ("photo\r\nSet-Cookie: x=y.jpg", "photo Set-Cookie: x=y.jpg"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("a\u200bb\u2066c\u2069.png", "abc.png"),
        ("  spaced   out  .jpg  ", "spaced out .jpg"),
        ("...hidden.jpg", "hidden.jpg"),
        (".htaccess", "htaccess"),
        ("", FALLBACK_NAME),
        (None, FALLBACK_NAME),
        ("../..", FALLBACK_NAME),
        ("\x00\x01\x02", FALLBACK_NAME),
        ("\ue000private.jpg", "private.jpg"),
    ],
)
def test_strips_folders_controls_and_bidi_characters(raw, clean):
    assert clean_name(raw) == clean


def test_composes_decomposed_kana_from_macs():
    decomposed = unicodedata.normalize("NFD", "ダウンロード.pdf")
    assert decomposed != "ダウンロード.pdf"
    assert clean_name(decomposed) == "ダウンロード.pdf"


def test_caps_a_300_character_name_keeping_its_extension():
    name = clean_name("あ" * 300 + ".jpeg")
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith("….jpeg")
    assert name.startswith("あああ")


def test_caps_a_long_name_without_an_extension():
    name = clean_name("x" * 300)
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith("…")


def test_replaces_the_extension_of_a_converted_file():
    assert with_extension("IMG_0001.HEIC", ".jpg") == "IMG_0001.jpg"
    assert with_extension("写真", ".jpg") == "写真.jpg"
