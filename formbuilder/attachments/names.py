"""The file name a citizen's browser sent, made safe to show and store as metadata."""

from __future__ import annotations

import unicodedata

from . import kinds

MAX_NAME_LENGTH = 100
FALLBACK_NAME = "添付ファイル"
MAX_EXTENSION_LENGTH = 10


def clean_name(raw: str | None, max_length: int = MAX_NAME_LENGTH) -> str:
    """Return `raw` as a plain file name: no folders, control or bidi characters, bounded length.

    The result is only ever shown and stored as metadata (the stored file is named by a
    random key); it is still kept free of anything that could mislead a reader, such as a
    right-to-left override turning "photo\u202egpj.exe" into "photoexe.jpg" on screen.
    """
    name = unicodedata.normalize("NFC", raw or "")
    # Old browsers send the whole client path; keep the last part whichever separator it used.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if ch.isspace() else ch for ch in name if _keep(ch))
    name = " ".join(name.split()).strip(" .")
    if not name:
        return FALLBACK_NAME
    return _shorten(name, max_length)


def _keep(ch: str) -> bool:
    # Cc: C0/C1 controls incl. NUL; Cf: format characters (bidi overrides, zero-width);
    # Cs/Co/Cn: surrogates, private use, unassigned.
    return ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}


def _shorten(name: str, max_length: int) -> str:
    """Cut a long name in its stem so the extension survives."""
    if len(name) <= max_length:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) <= MAX_EXTENSION_LENGTH:
        return stem[: max_length - len(extension) - 2].rstrip(" .") + "…." + extension
    return name[: max_length - 1] + "…"


def stored_name(original: str, kind: str) -> str:
    """The name to show and download a stored file under: the original, its extension fixed.

    IMG_0001.HEIC stored as JPEG → IMG_0001.jpg; a PNG sent as shot.jpg → shot.png.
    """
    if kinds.of_name(original) == kind:
        return original
    return with_extension(original, kinds.STORED_EXTENSION[kind])


def with_extension(name: str, extension: str) -> str:
    """Return `name` with its extension replaced (IMG_0001.HEIC stored as JPEG → IMG_0001.jpg)."""
    stem, dot, _ = name.rpartition(".")
    return (stem if dot and stem else name) + extension
