"""Kinds of file a citizen may attach, known by their name and, for real, by their first bytes."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from ..i18n import alternatives

# What a form may allow; "heic" is stored as "jpeg" after conversion.
KINDS: tuple[str, ...] = ("jpeg", "png", "heic", "pdf")
ALIASES = MappingProxyType({"jpg": "jpeg", "heif": "heic"})
IMAGE_KINDS = frozenset({"jpeg", "png", "heic"})

EXTENSIONS = MappingProxyType(
    {
        ".jpg": "jpeg",
        ".jpeg": "jpeg",
        ".jpe": "jpeg",
        ".jfif": "jpeg",
        ".png": "png",
        ".heic": "heic",
        ".heif": "heic",
        ".hif": "heic",
        ".pdf": "pdf",
    }
)
STORED_EXTENSION = MappingProxyType({"jpeg": ".jpg", "png": ".png", "pdf": ".pdf"})
MEDIA_TYPES = MappingProxyType({"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"})
LABELS = MappingProxyType({"jpeg": "JPEG", "png": "PNG", "heic": "HEIC", "pdf": "PDF"})

# ISO base media file brands of HEIF images coded with HEVC (what phones write).
HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})
HEIF_GENERIC_BRANDS = frozenset({b"mif1", b"msf1"})
AVIF_BRANDS = frozenset({b"avif", b"avis"})

# Signatures at offset 0. The kinds we refuse are named too, so logs say what arrived.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"\xca\xfe\xba\xbe", "macho"),
    (b"\xcf\xfa\xed\xfe", "macho"),
    (b"#!", "script"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
MARKUP_STARTS = (b"<?xml", b"<svg", b"<!doctype", b"<html", b"<script", b"<body", b"<head", b"<iframe", b"<")

HEAD_SIZE = 64


def normalise(kind: str) -> str:
    """Return the canonical name of a kind written in a definition ("jpg" → "jpeg")."""
    kind = kind.strip().lower()
    return ALIASES.get(kind, kind)


def of_name(name: str) -> str | None:
    """Return the kind a file name claims by its extension, or None."""
    dot = name.rfind(".")
    return EXTENSIONS.get(name[dot:].lower()) if dot > 0 else None


def sniff(head: bytes) -> str:
    """Return the kind of a file from its first bytes ("unknown" when none matches)."""
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return _iso_media(head)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c").lower()
    if text.startswith(MARKUP_STARTS):
        return "markup"
    return "unknown"


def _iso_media(head: bytes) -> str:
    """Tell HEIC from AVIF and video by the major and compatible brands of the `ftyp` box."""
    box_size = int.from_bytes(head[:4], "big")
    brands = {head[8:12]}
    end = min(box_size, len(head))
    brands.update(head[i : i + 4] for i in range(16, end - 3, 4))
    if brands & HEIC_BRANDS:
        return "heic"
    if brands & AVIF_BRANDS:
        return "avif"
    if brands & HEIF_GENERIC_BRANDS:
        return "heic"
    return "video"


def same_family(claimed: str, real: str) -> bool:
    """Whether content of kind `real` may be sent under a name claiming `claimed`.

    Phones sometimes name a PNG screenshot .jpg; images are decoded and re-encoded anyway,
    so one image kind under another image's name is harmless. A document under an image's
    name (or the reverse) is refused.
    """
    return claimed == real or (claimed in IMAGE_KINDS and real in IMAGE_KINDS)


def labels(kinds: Iterable[str], lang: str | None = None) -> str:
    """Return the kinds as a reader sees them: "JPEG・PNG・PDF", "JPEG, PNG, or PDF"."""
    return alternatives([LABELS[kind] for kind in KINDS if kind in set(kinds)], lang)
