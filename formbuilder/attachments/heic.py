"""HEIC/HEIF photos (iPhones' default): decoded with pillow-heif and stored as JPEG.

Back-office PCs and most viewers cannot open HEIC, so a photo is converted once, on the
way in, by the same decode-and-re-encode path as every other image (pixel limit,
orientation, no metadata).
"""

from __future__ import annotations

from pathlib import Path

import pillow_heif

from . import images

# Registers the "HEIF" format with Pillow. Embedded thumbnails, depth maps and auxiliary
# images are not needed, so they are not decoded.
pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)


def to_jpeg(source: Path, target: Path, *, max_pixels: int, max_side: int) -> str:
    """Convert the HEIC photo `source` to a clean JPEG at `target`; return "jpeg"."""
    return images.normalise(source, target, "heic", max_pixels=max_pixels, max_side=max_side)
