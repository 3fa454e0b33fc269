"""Small previews of stored images, made on request (the stored files are already clean)."""

from __future__ import annotations

import io
from typing import BinaryIO

from PIL import Image

SIDE = 360  # CSS pixels × 2 for a phone's screen; the page shows it at 180 px or less


def thumbnail(stream: BinaryIO, side: int = SIDE) -> bytes:
    """Return a JPEG of at most `side` × `side` pixels of a stored JPEG or PNG."""
    with Image.open(stream) as opened:
        opened.draft("RGB", (side, side))  # JPEG: decode at 1/2, 1/4 or 1/8 scale, much faster
        opened.thumbnail((side, side))
        image: Image.Image = opened
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        elif image.mode != "RGB":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)
    return out.getvalue()
