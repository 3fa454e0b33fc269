"""フリガナ and names: hiragana and half-width kana become full-width katakana.

Only kana are converted. Kanji are never Unicode-normalised (even NFC rewrites
compatibility ideographs such as 塚 U+FA10), so nothing here touches them.
"""

from __future__ import annotations

import re
import unicodedata

import jaconv

from .width import HYPHENS

_SPACES = re.compile(r"\s+")  # \s covers the ideographic space U+3000
# A hyphen typed after a kana is the long vowel mark: タロ- → タロー.
_LONG_VOWEL = re.compile(rf"(?<=[\u30A1-\u30FA\u30FC])[-{HYPHENS}]")
# Full-width katakana ァ…ヺ, the long vowel mark ー, iteration marks ヽヾ, the middle dot ・.
_KATAKANA = re.compile(r"[\u30A1-\u30FE]+(?: [\u30A1-\u30FE]+)*")


def fold_spaces(text: str) -> str:
    """Return `text` without outer spaces and with every run of spaces as one space."""
    return _SPACES.sub(" ", text).strip()


def to_katakana(text: str) -> str:
    """Return `text` with hiragana and half-width kana as full-width katakana, spaces folded."""
    text = jaconv.h2z(text, kana=True, ascii=False, digit=False)
    text = jaconv.hira2kata(text)
    return fold_spaces(_LONG_VOWEL.sub("ー", text))


def is_katakana(text: str) -> bool:
    """Return whether `text` is full-width katakana words separated by single spaces."""
    return bool(_KATAKANA.fullmatch(text))


def to_latin(text: str) -> str:
    """Return `text` with full-width Latin letters and punctuation as ASCII, spaces folded."""
    return fold_spaces(jaconv.z2h(text, kana=False, ascii=True, digit=True))


def is_latin_name(text: str) -> bool:
    """Return whether `text` is a name in the Latin alphabet (accents and ' - . , allowed)."""
    for char in text:
        if char in " '’-.,":
            continue
        if unicodedata.category(char) == "Mn":  # combining accents (Vietnamese, …)
            continue
        if not unicodedata.name(char, "").startswith("LATIN "):
            return False
    return any(char.isalpha() for char in text)


def has_control(text: str) -> bool:
    """Return whether `text` holds control or separator characters no one types in a name."""
    return any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in text)
