"""Full-width digits and the many hyphens people type in numbers."""

from __future__ import annotations

# Every dash that shows up in typed phone, postal and account numbers; NFKC folds only some.
HYPHENS = "‐‑‒–—―−ーｰ－﹣⁃"
_TABLE = {ord(c): "-" for c in HYPHENS}
_TABLE.update({0xFF10 + i: str(i) for i in range(10)})  # ０-９
_TABLE.update({0x3000: " ", 0xFF0C: ",", 0xFF0E: ".", 0xFF0B: "+", 0x3001: ",", 0xFF08: "(", 0xFF09: ")"})


def ascii_numeric(text: str) -> str:
    """Return `text` with full-width digits, separators and every hyphen variant made ASCII."""
    return text.translate(_TABLE)
