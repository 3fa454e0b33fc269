"""Cut long answers into runs, so the receipt's layout work grows linearly with their length.

WeasyPrint lays out a text box line by line, copying the rest of the box for each line: an
answer of 10,000 characters in one box costs time in the square of its length. Each run is a
`<span>` of its own: the PDF shows and extracts the same text, with no added character.
A cut never falls inside what a reader sees as one character (a flag, an emoji sequence, a
Devanagari conjunct, a letter with combining marks, decomposed Hangul).
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

from ..i18n import keep_language

RUN = 200  # code points of a run: a few lines of the answer column
VIRAMA = 9  # canonical combining class of a virama (्): it joins the consonants around it
JOINED_TO_NEXT = {"Cf"}  # ZWJ, ZWNJ, tags: bound to what follows
JOINED_TO_PREVIOUS = {"Mn", "Mc", "Me", "Cf", "Sk"}  # marks, ZWJ, variation selectors, skin tones


def _jamo(char: str) -> str | None:
    """Return the kind of a conjoining Hangul jamo: L (leading), V (vowel), T (trailing), or None."""
    code = ord(char)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97F:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    return None


def _regional(char: str) -> bool:
    """A regional indicator: two of them make one flag."""
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def cuttable(text: str, index: int, start: int = 0) -> bool:
    """Whether a cut before `text[index]` leaves every user-perceived character whole.

    `start` is where the current run began (a cut, so never inside a flag).
    """
    before, after = text[index - 1], text[index]
    if unicodedata.category(before) in JOINED_TO_NEXT or unicodedata.category(after) in JOINED_TO_PREVIOUS:
        return False
    if unicodedata.combining(before) == VIRAMA:
        return False
    if _regional(before) and _regional(after):
        first = index - 1
        while first > start and _regional(text[first - 1]):
            first -= 1
        return (index - first) % 2 == 0  # after a whole number of flags
    jamo_before, jamo_after = _jamo(before), _jamo(after)
    return jamo_after in (None, "L") and jamo_before != "L"


def runs(text: str, size: int = RUN) -> list[str]:
    """Split `text` into runs of `size` code points, each cut moved on to the next place it may fall."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = next((i for i in range(start + size, len(text)) if cuttable(text, i, start)), len(text))
        pieces.append(text[start:cut])
        start = cut
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def in_runs(text: str) -> Markup:
    """Return `text` escaped, one <span> per run: each run is a text box of its own for WeasyPrint.

    A Localized text in another language than the receipt's (a choice shown in Japanese) stays marked.
    """
    pieces = runs(text)
    if len(pieces) == 1:
        return escape(text)
    return keep_language(text, Markup("").join(Markup("<span>{}</span>").format(piece) for piece in pieces))
