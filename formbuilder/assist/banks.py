"""Banks and branches by 全銀 code or by name: the offline list of the zengin-code package.

The package keeps the national list current (a release per data update). Importing it
reads all ~1,400 JSON files at once (2 s, 19 MB), so this module reads its files itself:
banks.json on first use, then one bank's branches when they are asked for. When the
package is missing, `available()` is False and callers accept any well-formed code.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jaconv

from .width import ascii_numeric

LIMIT = 20  # choices shown for one search
# 全銀 kana have no small kana, and some names carry a long vowel or a dash: fold them away.
_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_NOISE = re.compile(r"[\s・･.\-‐‑–—―−－ーｰ~〜（）()「」]+")
# What people add that the list leaves out (みずほ, not みずほ銀行) or shortens (さわやか信金).
_NAME_WORDS = (("信用金庫", "信金"), ("信用組合", "信組"), ("労働金庫", "労金"), ("農業協同組合", "農協"))
_KANA_WORDS = (("シンヨウキンコ", "シンキン"), ("シンヨウクミアイ", "シンクミ"), ("ロウドウキンコ", "ロウキン"))
_SUFFIXES = ("銀行", "ギンコウ", "支店", "シテン", "出張所", "シユツチヨウシヨ")


@dataclass(frozen=True)
class Named:
    """A bank or a branch: its code, its name as the list writes it, and the name's katakana."""

    code: str
    name: str
    kana: str
    roma: str = ""

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "kana": self.kana}


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("zengin_code")  # finds the package without running it
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "source-data" / "data"
    return folder if (folder / "banks.json").is_file() else None


def _read(path: Path) -> dict[str, Named]:
    entries = json.loads(path.read_text("utf-8"))
    return {
        code: Named(code, entry["name"], entry["kana"], entry.get("roma", ""))
        for code, entry in sorted(entries.items())
    }


@lru_cache(maxsize=1)
def _banks() -> dict[str, Named] | None:
    folder = _data_dir()
    return _read(folder / "banks.json") if folder else None


@lru_cache(maxsize=64)
def _branches(bank_code: str) -> dict[str, Named]:
    folder = _data_dir()
    if folder is None or not re.fullmatch(r"[0-9]{4}", bank_code):
        return {}
    path = folder / "branches" / f"{bank_code}.json"
    return _read(path) if path.is_file() else {}


def available() -> bool:
    """Return True when the bank list can be read."""
    return _banks() is not None


def bank(code: str) -> Named | None:
    """Return the bank of a 4-digit code, or None."""
    return (_banks() or {}).get(code)


def branch(bank_code: str, code: str) -> Named | None:
    """Return the branch of a bank's 3-digit code, or None."""
    return _branches(bank_code).get(code)


def search_banks(query: str, limit: int = LIMIT) -> list[Named]:
    """Return the banks whose code, name, kana or romaji matches `query`, best first."""
    return _search(list((_banks() or {}).values()), query, limit)


def search_branches(bank_code: str, query: str, limit: int = LIMIT) -> list[Named]:
    """Return the branches of a bank whose code, name, kana or romaji matches `query`, best first."""
    return _search(list(_branches(bank_code).values()), query, limit)


def fold_kana(text: str) -> str:
    """Return kana as 全銀 write them: katakana, full width, no small kana, no dashes or spaces."""
    text = jaconv.hira2kata(unicodedata.normalize("NFKC", text))
    return _NOISE.sub("", text).translate(_LARGE)


def fold_name(text: str) -> str:
    """Return a name without width, case, spaces and dashes: ＰａｙＰａｙ → paypay."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _trim(text: str, words: tuple[tuple[str, str], ...]) -> str:
    for long, short in words:
        text = text.replace(long, short)
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


@lru_cache(maxsize=4096)
def _keys(entry: Named) -> tuple[str, str, str]:
    return fold_name(entry.name), fold_kana(entry.kana), entry.roma.lower()


def _search(entries: list[Named], query: str, limit: int) -> list[Named]:
    digits = re.sub(r"\s", "", ascii_numeric(query))
    if digits.isdigit():
        return [e for e in entries if e.code.startswith(digits)][:limit]
    name = _trim(fold_name(query), _NAME_WORDS)
    kana = _trim(fold_kana(query), _KANA_WORDS)
    if not name:
        return []
    ranked: list[tuple[int, str, Named]] = []
    for entry in entries:
        own_name, own_kana, roma = _keys(entry)
        if own_name == name or own_kana == kana:
            rank = 0
        elif own_name.startswith(name) or own_kana.startswith(kana) or (roma and roma.startswith(name)):
            rank = 1
        elif name in own_name or (kana and kana in own_kana) or (roma and name in roma):
            rank = 2
        else:
            continue
        ranked.append((rank, entry.code, entry))
    return [entry for _, _, entry in sorted(ranked)[:limit]]
