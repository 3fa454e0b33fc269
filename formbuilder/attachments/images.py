"""Images: decoded in full under a pixel limit, turned upright, re-encoded without metadata.

Re-encoding is what makes an image safe to hand on: the output holds only pixels Pillow
decoded, so trailing data, scripts in comments and polyglot tricks do not survive, and
neither does EXIF (GPS position, camera serial numbers, the owner's name). Note that
`ImageOps.exif_transpose` alone keeps GPS; leaving `exif=` out of `save` is what drops it.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from .refusal import Refusal

log = logging.getLogger(__name__)

PILLOW_FORMATS = {"jpeg": ["JPEG"], "png": ["PNG"], "heic": ["HEIF"]}
JPEG_QUALITY = 85
PNG_MODES = {"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"}


def megapixels(pixels: int) -> int | float:
    """Return a pixel count in megapixels, the unit the refusal speaks in (50_000_000 → 50)."""
    value = pixels / 1_000_000
    return int(value) if value.is_integer() else value


def normalise(source: Path, target: Path, kind: str, *, max_pixels: int, max_side: int) -> str:
    """Write `source` (an image of `kind`) to `target` as a clean image; return the stored kind.

    JPEG and HEIC become JPEG, PNG stays PNG (screenshots keep sharp text). The pixel
    count is checked from the header before anything is decoded. Pillow's own
    decompression-bomb guard (`Image.MAX_IMAGE_PIXELS`, ~89 million pixels by default)
    stays on as a second fence: its error, and its warning, are refusals too.
    """
    too_many = Refusal("too_many_pixels", limit=megapixels(max_pixels))
    # The same outcome whatever the process's warning filters (pytest makes them errors):
    # Pillow's UserWarnings ("Corrupt EXIF data") do not stop a decode, its bomb warning does.
    # catch_warnings is process-wide state: fine with sync workers, as this app runs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(source, formats=PILLOW_FORMATS[kind]) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    raise Refusal("unreadable_image")
                if width * height > max_pixels:
                    raise too_many
                return _clean_copy(image, target, "png" if kind == "png" else "jpeg", max_side)
        except Refusal:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except Exception:
            # Any failure to decode untrusted bytes (OSError, SyntaxError, ValueError,
            # struct.error, EOFError, MemoryError, ...) means the file is refused.
            raise Refusal("unreadable_image") from None


def _clean_copy(image: Image.Image, target: Path, kind: str, max_side: int) -> str:
    """Decode (scaled to `max_side`), turn upright and save pixels only; return `kind`."""
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    if max(image.size) > max_side:
        # Before load(): lets the JPEG decoder scale down while decoding (draft mode).
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    else:
        image.load()
    _save(_upright(image), target, kind, icc_profile, transparency)
    return kind


def _upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation (in place: no second copy of the pixels).

    A photo whose EXIF cannot be parsed is kept as decoded rather than refused.
    """
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception as exc:
        log.info("attachment: EXIF orientation unreadable (%s), image kept as decoded", exc.__class__.__name__)
    return image


def _save(image: Image.Image, target: Path, kind: str, icc_profile: bytes | None, transparency: object) -> None:
    """Save pixels only: no EXIF, XMP, comments or text chunks; the colour profile is kept.

    `info` is emptied because some encoders fall back to it (JPEG copies the source's
    comment, PNG its profile and transparency): only what is passed here is written.
    """
    image.info = {}
    options: dict[str, object] = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if kind == "jpeg":
        if image.mode not in {"L", "RGB"}:
            image = image.convert("RGB")
        image.save(target, "JPEG", quality=JPEG_QUALITY, **options)
        return
    if image.mode not in PNG_MODES:
        image = image.convert("RGBA")
    elif transparency is not None and image.mode in {"1", "L", "P", "RGB"}:
        options["transparency"] = transparency
    image.save(target, "PNG", compress_level=6, **options)
