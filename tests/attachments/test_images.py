"""Images are decoded in full under a pixel limit, turned upright and re-encoded without metadata."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from formbuilder.attachments import FileRules, accept, images
from formbuilder.attachments.refusal import Refusal
from formbuilder.attachments.stores import store_for
from tests.conftest import ROOT

from . import files

pytestmark = pytest.mark.usefixtures("in_app")


def stored_image(result) -> tuple[bytes, Image.Image]:
    data = store_for(result.store).read(result.key)
    return data, Image.open(io.BytesIO(data))


def is_red(pixel) -> bool:
    return pixel[0] > 200 and pixel[1] < 60 and pixel[2] < 60


def is_white(pixel) -> bool:
    return min(pixel[:3]) > 200


def test_a_gps_photo_turned_by_exif_comes_out_upright_without_any_metadata():
    original = files.jpeg(400, 200, orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS is really there

    result = accept("IMG_0001.JPG", io.BytesIO(original))

    assert result.kind == "jpeg", result
    data, image = stored_image(result)
    # Orientation 6: the camera held sideways; shown upright the picture is 200 wide, 400 high
    # and the stored left half (red) is now on top.
    assert image.size == (200, 400)
    assert is_red(image.getpixel((100, 50))) and is_red(image.getpixel((10, 190)))
    assert is_white(image.getpixel((100, 350))) and is_white(image.getpixel((190, 210)))
    assert len(image.getexif()) == 0
    assert "exif" not in image.info and "xmp" not in image.info
    for trace in (b"Exif\x00\x00", b"TestPhone", b"Model X", "山田テスト太郎".encode(), b"GPS"):
        assert trace not in data
    assert result.size == len(data)
    assert result.original_name == "IMG_0001.JPG" and result.name == "IMG_0001.JPG"


def test_comments_xmp_and_text_chunks_do_not_survive():
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>35,41N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>'
    files.left_red(200, 100).save(out, "JPEG", comment=b"secret <script>alert(1)</script>", xmp=xmp)
    assert b"secret" in out.getvalue() and b"GPSLatitude" in out.getvalue()
    data, image = stored_image(accept("commented.jpg", io.BytesIO(out.getvalue())))
    assert b"secret" not in data and b"GPSLatitude" not in data and b"xmpmeta" not in data
    assert "comment" not in image.info and "xmp" not in image.info

    text = PngInfo()
    text.add_text("Comment", "secret <script>")
    text.add_itxt("XML:com.adobe.xmp", xmp.decode())
    out = io.BytesIO()
    files.left_red(200, 100).save(out, "PNG", pnginfo=text)
    data, _ = stored_image(accept("texts.png", io.BytesIO(out.getvalue())))
    assert b"secret" not in data and b"xmpmeta" not in data and b"tEXt" not in data and b"iTXt" not in data


@pytest.mark.parametrize(("orientation", "size"), [(1, (400, 200)), (3, (400, 200)), (8, (200, 400))])
def test_every_orientation_is_applied(orientation, size):
    result = accept("photo.jpg", io.BytesIO(files.jpeg(400, 200, orientation=orientation)))
    _, image = stored_image(result)
    assert image.size == size
    red_corner = {1: (10, 10), 3: (390, 10), 8: (10, 390)}[orientation]
    assert is_red(image.getpixel(red_corner))


@pytest.mark.parametrize("exif", [b"Exif\x00\x00II*\x00\xff\xff\xff\x7f", b"Exif\x00\x00garbage"])
def test_a_photo_with_corrupt_exif_is_kept_as_decoded(exif):
    out = io.BytesIO()
    files.left_red(100, 50).save(out, "JPEG", exif=exif)
    data, image = stored_image(accept("odd.jpg", io.BytesIO(out.getvalue())))
    assert image.size == (100, 50) and b"garbage" not in data


def test_a_large_photo_is_scaled_down_to_the_configured_bound(app):
    app.config["ATTACHMENT_IMAGE_MAX_SIDE"] = 1000
    result = accept("photo.jpg", io.BytesIO(files.jpeg(4000, 3000, orientation=6)))
    _, image = stored_image(result)
    assert image.size == (750, 1000)


def test_a_small_photo_keeps_its_size():
    _, image = stored_image(accept("photo.jpg", io.BytesIO(files.jpeg(640, 480))))
    assert image.size == (640, 480)


def test_a_png_stays_png_without_its_exif_chunk():
    original = files.png(300, 200)
    assert b"eXIf" in original
    result = accept("screenshot.png", io.BytesIO(original))
    data, image = stored_image(result)
    assert result.kind == "png" and image.format == "PNG"
    assert b"eXIf" not in data and b"TestPhone" not in data
    assert image.size == (300, 200)


def test_a_png_keeps_its_transparency():
    image = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 25, 50))
    out = io.BytesIO()
    image.save(out, "PNG")
    _, stored = stored_image(accept("logo.png", io.BytesIO(out.getvalue())))
    assert stored.mode == "RGBA"
    assert stored.getpixel((40, 10))[3] == 0 and stored.getpixel((10, 10)) == (0, 0, 255, 255)


def test_a_cmyk_scan_is_stored_as_rgb():
    out = io.BytesIO()
    Image.new("CMYK", (100, 80), (0, 255, 255, 0)).save(out, "JPEG")
    _, image = stored_image(accept("scan.jpg", io.BytesIO(out.getvalue())))
    assert image.mode == "RGB" and is_red(image.getpixel((50, 40)))


def test_data_appended_to_a_jpeg_does_not_survive():
    polyglot = files.jpeg() + b"PK\x03\x04" + files.HTML
    data, _ = stored_image(accept("photo.jpg", io.BytesIO(polyglot)))
    assert b"<script>" not in data and b"PK\x03\x04" not in data


def test_a_png_claiming_40000_by_40000_pixels_is_refused():
    bomb = files.png_claiming(40_000, 40_000)
    assert len(bomb) < 1000
    result = accept("huge.png", io.BytesIO(bomb))
    assert result.reason == "too_many_pixels"
    assert result.message == "＊huge.png は画素数が多すぎます（50メガピクセルまで）。"


def test_the_configured_pixel_limit_applies_below_pillows_own(app):
    app.config["ATTACHMENT_MAX_PIXELS"] = 1_000_000
    assert accept("ok.png", io.BytesIO(files.png(1000, 1000))).kind == "png"
    result = accept("big.png", io.BytesIO(files.png(1001, 1000)))
    assert result.reason == "too_many_pixels"
    assert result.params["limit"] == 1


@pytest.mark.parametrize("side", [10_000, 20_000], ids=["pillow-warning", "pillow-error"])
def test_pillows_guard_refuses_when_the_configured_limit_is_set_too_high(tmp_path, side):
    source = tmp_path / "claims.png"
    source.write_bytes(files.png_claiming(side, side))
    with pytest.raises(Refusal) as refused:
        images.normalise(source, tmp_path / "out", "png", max_pixels=10**12, max_side=2560)
    assert refused.value.reason == "too_many_pixels"


BOMB_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from formbuilder.attachments import images
    from formbuilder.attachments.refusal import Refusal

    def peak_kb():
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would start at pytest's peak.
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])

    source, target, max_pixels = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    before = peak_kb()
    try:
        images.normalise(source, target, "png", max_pixels=max_pixels, max_side=2560)
        print("accepted")
    except Refusal as refusal:
        print(refusal.reason)
    print(before, peak_kb())
    """
)


@pytest.fixture(scope="module")
def real_bomb(tmp_path_factory):
    """A complete, valid 40,000×40,000 PNG of 190 KB (1-bit; 200 MB decoded, 4.8 GB as RGB)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    path.write_bytes(files.compressible_png(40_000, 40_000))
    return path


@pytest.mark.parametrize(
    "max_pixels",
    [50_000_000, 10**12],
    ids=["our-limit", "pillow-guard-alone"],
)
def test_a_real_40000_pixel_square_png_is_refused_with_flat_memory(real_bomb, tmp_path, max_pixels, monkeypatch):
    """Measured in a fresh process: peak RSS must not grow while the bomb is refused."""
    assert real_bomb.stat().st_size < 300_000
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with Image.open(real_bomb) as genuine:  # a valid image (chunks, CRCs), not just a lying header
        assert genuine.size == (40_000, 40_000)
        genuine.verify()
    run = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT, str(real_bomb), str(tmp_path / "out"), str(max_pixels)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    reason, peaks = run.stdout.splitlines()
    before, after = map(int, peaks.split())
    assert reason == "too_many_pixels"
    assert after - before < 20_000, f"peak RSS grew by {(after - before) / 1024:.1f} MB"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.jpg", files.ELF),
        ("evil.jpg", files.MZ),
        ("evil.png", files.MZ),
        ("page.png", files.HTML),
        ("image.png", files.SVG),
        ("image.jpg", b"\xef\xbb\xbf" + files.SVG),
        ("truncated.jpg", files.jpeg(400, 300)[:600]),
        ("header-only.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40),
        ("scan.png", files.pdf()),
        ("archive.jpg", files.zip_archive()),
    ],
)
def test_anything_that_is_not_really_an_image_is_refused_as_unreadable(name, data):
    result = accept(name, io.BytesIO(data))
    assert result.reason == "unreadable_image", result
    assert result.message == f"＊{name} は画像として読み込めませんでした。"


def test_an_image_kind_the_field_does_not_allow_is_refused_even_under_an_allowed_name():
    result = accept("scan.jpg", io.BytesIO(files.png()), FileRules.of(["jpeg"]))
    assert result.reason == "type_not_allowed"
    assert result.params["allowed"] == "JPEG"


def test_a_png_named_jpg_is_accepted_as_png_and_named_so():
    result = accept("screenshot.jpg", io.BytesIO(files.png()))
    assert (result.kind, result.source_kind, result.name) == ("png", "png", "screenshot.png")
