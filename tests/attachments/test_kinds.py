"""The real kind of a file comes from its first bytes; the name only says what it claims."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from PIL import Image

from formbuilder.attachments import Accepted, accept, kinds
from formbuilder.attachments.names import stored_name
from tests.api.support import api_get, make_token
from tests.conftest import FIXTURE_FORMS
from tests.support import Citizen

from . import files

REFERENCE = re.compile(r'class="reference"[^>]*>\s*([0-9A-Z]{4}-[0-9A-Z]{4})\s*<')


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    """The `ftyp` box an ISO base media file (HEIC, AVIF, MP4) starts with, and a box after it."""
    body = b"ftyp" + major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (len(body) + 4).to_bytes(4, "big") + body + b"\x00\x00\x00\x08free"


def with_major_brand(data: bytes, brand: bytes) -> bytes:
    return data[:8] + brand + data[12:]


def avif(width: int = 64, height: int = 48) -> bytes:
    """A real AVIF photo (Pillow writes `ftyp avif` with avif, mif1, miaf compatible)."""
    out = io.BytesIO()
    files.left_red(width, height).save(out, "AVIF")
    return out.getvalue()


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
        ("P1000001.HIF", "heic"),  # Canon and Fujifilm cameras write HEIF as .HIF
        ("photo.jpe", "jpeg"),
        ("photo.jfif", "jpeg"),  # what browsers save a JPEG from the web as
        ("photo.JFIF", "jpeg"),
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


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        # The major brand decides only when no compatible brand says more.
        (ftyp(b"heic", b"mif1", b"heic"), "heic"),
        (ftyp(b"isom", b"isom", b"heic"), "heic"),  # HEVC named only among the compatible brands
        # Every HEVC brand makes it a HEIC, even in a file that names AV1 too (pillow-heif decodes HEVC).
        (ftyp(b"mif1", b"avif", b"heic"), "heic"),
        (ftyp(b"mif1", b"avif", b"heix"), "heic"),
        (ftyp(b"mif1", b"avif", b"heim"), "heic"),
        (ftyp(b"msf1", b"avis", b"heis"), "heic"),
        (ftyp(b"msf1", b"avis", b"hevc"), "heic"),
        (ftyp(b"msf1", b"avis", b"hevx"), "heic"),
        (ftyp(b"mif1", b"mif1", b"avif"), "avif"),  # AV1, not HEVC: refused, even under a mif1 major brand
        (ftyp(b"msf1", b"msf1", b"avis"), "avif"),
        (ftyp(b"avif", b"avif", b"mif1", b"miaf"), "avif"),
        (ftyp(b"mif1"), "heic"),  # generic HEIF, no codec named: the HEIF decoder decides
        (ftyp(b"isom", b"mif1"), "heic"),
        (ftyp(b"isom", b"msf1"), "heic"),
        (ftyp(b"mp42", b"isom", b"mp42"), "video"),
        (ftyp(b"qt  "), "video"),
        # The whole box is read when it fits in the 64 bytes sniffed: here "heic" is its last brand.
        (ftyp(b"isom", *[b"isom"] * 11, b"heic"), "heic"),
        # Brands are read inside the ftyp box only: a "heic" in the next box says nothing.
        (b"\x00\x00\x00\x14ftypisom\x00\x00\x00\x00isomheicmif1", "video"),
        (b"\x00\x00\x00\x17ftypisom\x00\x00\x00\x00isomheic", "video"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isomheic", "heic"),
        (b"\x00\x00\x00\x10ftypheic\x00\x00\x00\x00", "heic"),
        (b"\x00\x00\x00\x10ftypavis\x00\x00\x00\x00", "avif"),
    ],
)
def test_iso_media_files_are_told_apart_by_their_major_and_compatible_brands(head, kind):
    assert kinds.sniff(head[: kinds.HEAD_SIZE]) == kind


def test_a_real_heic_whose_compatible_brand_names_hevc_is_a_heic():
    assert kinds.sniff(with_major_brand(files.heic(64, 48), b"mif1")[: kinds.HEAD_SIZE]) == "heic"
    assert kinds.sniff(avif()[: kinds.HEAD_SIZE]) == "avif"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x02", "macho"),
        (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "macho"),
        (b"#!/bin/sh\nrm -rf ~\n", "script"),
        (b"PK\x05\x06" + b"\x00" * 18, "zip"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"Rar!\x1a\x07\x01\x00", "rar"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole"),
        (b"GIF87a\x01\x00", "gif"),
        (b"BM\x36\x00\x00\x00", "bmp"),
        (b"II*\x00\x08\x00", "tiff"),
        (b"MM\x00*\x00\x00", "tiff"),
        (b"\x0c\t<svg onload=alert(1)>", "markup"),
        (b"\t<SCRIPT>alert(1)</SCRIPT>", "markup"),
        (b"\r\n<iframe src=x>", "markup"),
        (b"<!DOCTYPE html>", "markup"),
        (b"<body onload=alert(1)>", "markup"),
        (b"<head><meta http-equiv=refresh>", "markup"),
        (b"<p>hello</p>", "markup"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "unknown"),
        (b"\xff\xd8", "unknown"),  # too short for a JPEG
    ],
)
def test_refused_kinds_are_named_so_the_log_says_what_arrived(data, kind):
    assert kinds.sniff(data) == kind


@pytest.mark.usefixtures("in_app")
@pytest.mark.parametrize(
    ("name", "data", "kind", "shown", "media_type"),
    [
        ("photo.jpg", files.jpeg, "jpeg", "photo.jpg", "image/jpeg"),
        ("photo.jpeg", files.jpeg, "jpeg", "photo.jpeg", "image/jpeg"),
        ("photo.jpe", files.jpeg, "jpeg", "photo.jpe", "image/jpeg"),
        ("photo.jfif", files.jpeg, "jpeg", "photo.jfif", "image/jpeg"),
        ("scan.png", files.png, "png", "scan.png", "image/png"),
        ("screenshot.jpg", files.png, "png", "screenshot.png", "image/png"),  # a PNG stays a PNG
        ("photo.png", files.jpeg, "jpeg", "photo.jpg", "image/jpeg"),
        ("IMG_0001.HEIC", lambda: files.heic(64, 48), "jpeg", "IMG_0001.jpg", "image/jpeg"),
        ("IMG_0001.heif", lambda: files.heic(64, 48), "jpeg", "IMG_0001.jpg", "image/jpeg"),
        ("P1000001.HIF", lambda: files.heic(64, 48), "jpeg", "P1000001.jpg", "image/jpeg"),
        ("IMG_0002.heic", lambda: with_major_brand(files.heic(64, 48), b"mif1"), "jpeg", "IMG_0002.jpg", "image/jpeg"),
        ("書類.pdf", files.pdf, "pdf", "書類.pdf", "application/pdf"),
        ("書類.PDF", files.pdf, "pdf", "書類.PDF", "application/pdf"),
    ],
)
def test_an_accepted_upload_is_stored_and_downloaded_as_its_real_kind(name, data, kind, shown, media_type):
    result = accept(name, io.BytesIO(data()))
    assert isinstance(result, Accepted), result
    assert (result.kind, result.name, result.media_type) == (kind, shown, media_type)


@pytest.mark.usefixtures("in_app")
@pytest.mark.parametrize("name", ["photo.heic", "photo.jpg", "photo.png"])
def test_an_avif_photo_is_refused_whatever_its_name(name):
    for data in (avif(), with_major_brand(avif(), b"mif1")):
        assert accept(name, io.BytesIO(data)).reason == "unreadable_image"


def test_a_stored_file_is_named_with_the_extension_of_what_it_is():
    assert stored_name("shot.jpg", "png") == "shot.png"
    assert stored_name("IMG_0001.HEIC", "jpeg") == "IMG_0001.jpg"
    assert stored_name("scan", "pdf") == "scan.pdf"
    assert stored_name("scan.pdf", "pdf") == "scan.pdf"


def test_the_heic_label_is_shown_to_citizens_as_heic():
    assert kinds.labels({"heic"}) == "HEIC"
    assert kinds.labels({"heic", "png"}, "en") == "PNG or HEIC"
    assert kinds.labels(["pdf", "heic", "png", "jpeg"]) == "JPEG・PNG・HEIC・PDF"


@pytest.mark.parametrize("forms_dir", [FIXTURE_FORMS])
def test_a_jfif_photo_and_a_png_named_jpg_download_under_their_real_kind(app, client, runner):
    citizen = Citizen(client, "attachments-demo")
    citizen.start()
    photos = [(io.BytesIO(files.jpeg()), "photo.jfif"), (io.BytesIO(files.png()), "screenshot.jpg")]
    page = citizen.post_page("upload", {"note": "住民票の写し", "want_extra": "no", "photos": photos})
    assert page.status_code == 302, page.get_data(as_text=True)[:500]
    assert citizen.post_page("last", {"comment": ""}).status_code == 302
    done = citizen.get(citizen.submit().location)
    reference = REFERENCE.search(done.get_data(as_text=True)).group(1)

    token = make_token(runner, "test-kikan", "test")
    listed = api_get(client, f"/submissions/{reference}", token).get_json()["attachments"]
    assert [(a["filename"], a["media_type"]) for a in listed] == [
        ("photo.jfif", "image/jpeg"),
        ("screenshot.png", "image/png"),
    ]
    for entry, pillow_format in zip(listed, ("JPEG", "PNG"), strict=True):
        download = api_get(client, f"/submissions/{reference}/attachments/{entry['id']}", token)
        assert download.status_code == 200 and download.mimetype == entry["media_type"]
        assert download.headers["Content-Disposition"].endswith("UTF-8''" + quote(entry["filename"]))
        assert Image.open(io.BytesIO(download.data)).format == pillow_format
