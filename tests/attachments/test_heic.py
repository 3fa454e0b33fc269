"""iPhone photos (HEIC) are converted to JPEG on the way in, with the same cleaning as any image."""

from __future__ import annotations

import io

import pillow_heif
import pytest
from PIL import Image

from formbuilder.attachments import FileRules, accept
from formbuilder.attachments.stores import store_for

from . import files

pytestmark = pytest.mark.usefixtures("in_app")


def test_a_heic_photo_is_stored_as_a_jpeg_without_gps():
    original = files.heic(640, 480)
    assert pillow_heif.is_supported(original)
    assert b"GPS" in original or b"TestPhone" in original

    result = accept("IMG_4321.HEIC", io.BytesIO(original))

    assert (result.kind, result.source_kind, result.media_type) == ("jpeg", "heic", "image/jpeg")
    assert result.name == "IMG_4321.jpg" and result.original_name == "IMG_4321.HEIC"
    data = store_for(result.store).read(result.key)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (640, 480)
    assert len(image.getexif()) == 0
    assert b"TestPhone" not in data and b"Exif\x00\x00" not in data
    red = image.getpixel((10, 10))
    assert red[0] > 200 and red[1] < 60


def test_a_heic_turned_by_exif_comes_out_upright():
    result = accept("IMG_4322.heic", io.BytesIO(files.heic(640, 480, orientation=6)))
    image = Image.open(io.BytesIO(store_for(result.store).read(result.key)))
    assert image.size == (480, 640)
    top = image.getpixel((240, 20))
    assert top[0] > 200 and top[1] < 60


def test_a_heic_named_jpg_is_accepted_as_what_it_is():
    result = accept("IMG_4323.jpg", io.BytesIO(files.heic(64, 48)))
    assert (result.kind, result.source_kind, result.name) == ("jpeg", "heic", "IMG_4323.jpg")


def test_a_field_without_heic_refuses_it():
    result = accept("IMG_4324.heic", io.BytesIO(files.heic(64, 48)), FileRules.of(["jpeg", "pdf"]))
    assert result.reason == "type_not_allowed"
    assert result.message == "＊IMG_4324.heic は添付できない種類のファイルです。添付できるのはJPEG・PDFです。"


def test_a_broken_heic_is_refused_as_unreadable():
    data = files.heic(64, 48)
    result = accept("IMG_4325.heic", io.BytesIO(data[:200]))
    assert result.reason == "unreadable_image"
