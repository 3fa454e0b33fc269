"""Real files made by the tests themselves: photos with EXIF, bombs, disguised executables, PDFs."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pikepdf
from PIL import ExifTags, Image

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
RED = (255, 0, 0)
WHITE = (255, 255, 255)

# Minimal executables: enough for the magic numbers every loader (and sniffer) looks at.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 46 + b"PE\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../evil.sh", "#!/bin/sh\nrm -rf ~\n")
        archive.writestr("bomb.bin", b"\x00" * 10_000_000)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "TestPhone"
    exif[ExifTags.Base.Model] = "Model X"
    exif[ExifTags.Base.Artist] = "山田テスト太郎"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (35.0, 41.0, 22.2),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (139.0, 41.0, 30.1),
    }
    return exif


def left_red(width: int, height: int) -> Image.Image:
    """A white picture whose left half is red: where red lands tells how it was turned."""
    image = Image.new("RGB", (width, height), WHITE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def jpeg(width: int = 400, height: int = 200, *, orientation: int = 1, exif: bool = True, quality: int = 90) -> bytes:
    out = io.BytesIO()
    options = {"exif": gps_exif(orientation)} if exif else {}
    left_red(width, height).save(out, "JPEG", quality=quality, **options)
    return out.getvalue()


def png(width: int = 300, height: int = 200, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    image = left_red(width, height).convert(mode)
    info = {"exif": gps_exif()} if mode != "P" else {}
    image.save(out, "PNG", **info)
    return out.getvalue()


def heic(width: int = 640, height: int = 480, *, orientation: int = 1) -> bytes:
    import pillow_heif

    out = io.BytesIO()
    heif = pillow_heif.from_pillow(left_red(width, height))
    heif.save(out, quality=80, exif=gps_exif(orientation).tobytes())
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims `width`×`height` pixels (8-bit RGB)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\x00" * 3 * 64)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def compressible_png(width: int, height: int) -> bytes:
    """A complete, valid 1-bit black PNG: `width`×`height` pixels in a tiny file."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    batch = row * max(1, 4_000_000 // len(row))
    rows_per_batch = len(batch) // len(row)
    data = []
    remaining = height
    while remaining:
        count = min(rows_per_batch, remaining)
        data.append(packer.compress(batch if count == rows_per_batch else row * count))
        remaining -= count
    data.append(packer.flush())
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(data)) + _chunk(b"IEND", b"")


def pdf(**changes) -> bytes:
    """A one-page PDF, changed by `changes(pdf)` hooks named below."""
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    for name, value in changes.items():
        PDF_CHANGES[name](document, value)
    out = io.BytesIO()
    save_options = {}
    if "encrypt" in changes:
        owner, user = changes["encrypt"]
        save_options["encryption"] = pikepdf.Encryption(owner=owner, user=user)
    document.save(out, **save_options)
    return out.getvalue()


def _javascript_open_action(document: pikepdf.Pdf, code: str) -> None:
    document.Root.OpenAction = document.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String(code))
    )


def _javascript_in_names(document: pikepdf.Pdf, code: str) -> None:
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(code))
    document.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), document.make_indirect(action)]))
    )


def _page_action(document: pikepdf.Pdf, path: str) -> None:
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String(path))
    document.pages[0].obj.AA = pikepdf.Dictionary(O=launch)


def _embedded_file(document: pikepdf.Pdf, data: bytes) -> None:
    document.attachments["payload.exe"] = pikepdf.AttachedFileSpec(document, data)


def _xfa(document: pikepdf.Pdf, xml: str) -> None:
    document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pikepdf.Stream(document, xml.encode()))


def _encrypt(document: pikepdf.Pdf, passwords: tuple[str, str]) -> None:
    """Applied when saving."""


PDF_CHANGES = {
    "open_action_js": _javascript_open_action,
    "names_js": _javascript_in_names,
    "page_launch": _page_action,
    "embedded": _embedded_file,
    "xfa": _xfa,
    "encrypt": _encrypt,
}


def raw_pdf(*extra_objects: bytes) -> bytes:
    """A one-page PDF written by hand, with `extra_objects` in the file that nothing refers to."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
