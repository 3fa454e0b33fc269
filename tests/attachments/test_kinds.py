"""The real kind of a file comes from its first bytes; the name only says what it claims."""

from __future__ import annotations

import pytest

from formbuilder.attachments import kinds

from . import files


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (files.jpeg(), "jpeg"),
        (files.png(), "png"),
        (files.heic(64, 48), "heic"),
        (files.pdf(), "pdf"),
        (files.ELF, "elf"),
        (files.MZ, "exe"),
        (files.HTML, "markup"),
        (b"\xef\xbb\xbf  \n" + files.SVG, "markup"),
        (b"<?xml version='1.0'?>" + files.SVG, "markup"),
        (b"PK\x03\x04rest", "zip"),
        (b"GIF89a....", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", "avif"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42", "video"),
        (b"just some text", "unknown"),
        (b"", "unknown"),
        # A PDF header after other bytes (readers accept it within 1 KB): not a PDF for us.
        (b"<html>%PDF-1.7", "markup"),
        (b"junk%PDF-1.7", "unknown"),
    ],
)
def test_sniffs_the_kind_from_the_first_bytes(data, kind):
    assert kinds.sniff(data[: kinds.HEAD_SIZE]) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("photo.jpg", "jpeg"),
        ("PHOTO.JPEG", "jpeg"),
        ("scan.Png", "png"),
        ("IMG_0001.HEIC", "heic"),
        ("a.heif", "heic"),
        ("書類.pdf", "pdf"),
        ("archive.zip", None),
        ("photo.jpg.exe", None),
        ("noextension", None),
        (".jpg", None),
    ],
)
def test_the_name_claims_a_kind_by_its_extension(name, kind):
    assert kinds.of_name(name) == kind


def test_images_may_carry_each_others_extension_but_not_a_documents():
    assert kinds.same_family("jpeg", "png")
    assert kinds.same_family("jpeg", "heic")
    assert not kinds.same_family("png", "pdf")
    assert not kinds.same_family("pdf", "jpeg")
    assert not kinds.same_family("jpeg", "exe")


def test_labels_follow_a_fixed_order():
    assert kinds.labels({"pdf", "jpeg"}) == "JPEG・PDF"
    assert kinds.labels({"pdf", "png", "jpeg"}, "en") == "JPEG, PNG, or PDF"
    assert kinds.labels({"pdf", "png", "jpeg"}, "zh-Hans") == "JPEG、PNG或PDF"
    assert kinds.labels({"pdf", "jpeg"}, "pt-BR") == "JPEG ou PDF"
    assert kinds.normalise(" JPG ") == "jpeg"
    assert kinds.normalise("heif") == "heic"
