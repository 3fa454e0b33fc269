"""The home page's procedure library: forms grouped by life event, and a search by words.

The search finds a form by its title, description and keywords in the reader's language and in
Japanese. Japanese is compared after NFKC (full-width letters and half-width katakana become the
usual ones) and katakana become hiragana, so 「ジドウテアテ」 and 「ｼﾞﾄﾞｳﾃｱﾃ」 are 「じどうてあて」.
The readings of the やさしい日本語 texts, {児童手当|じどうてあて}, are searched too: a reader who
cannot write 児童手当 finds it by its sound.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

import jaconv

from ..definitions.model import LIFE_EVENTS, FormDefinition
from ..i18n import DEFAULT_LANGUAGE, Text
from ..ruby import READING

EASY_JAPANESE = "ja-easy"
OTHER = "other"  # the group of forms without a life event
MAX_QUERY = 100


def normalise(text: str) -> str:
    """Fold a text for comparison: NFKC, katakana as hiragana, case folded, without spaces."""
    folded = jaconv.kata2hira(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(folded.split())


def terms(query: str) -> list[str]:
    """The words of a query (split at spaces, full-width ones too), folded; empty ones dropped."""
    words = unicodedata.normalize("NFKC", query[:MAX_QUERY]).split()
    return [folded for folded in (normalise(word) for word in words) if folded]


def _texts(definition: FormDefinition) -> Iterable[Text]:
    yield definition.title
    if definition.description:
        yield definition.description
    yield from definition.keywords


def haystack(definition: FormDefinition, lang: str) -> str:
    """What a query is compared with: the form's words in `lang`, Japanese, and the readings."""
    pieces: list[str] = []
    for text in _texts(definition):
        for language in dict.fromkeys((lang, DEFAULT_LANGUAGE, EASY_JAPANESE)):
            written = text.values.get(language)
            if written:
                pieces.append(READING.sub(r"\1", written))  # 児童手当
                pieces.append(READING.sub(r"\2", written))  # じどうてあて
    return "\n".join(normalise(piece) for piece in pieces)


def search(forms: Sequence[FormDefinition], query: str, lang: str) -> list[FormDefinition]:
    """The forms whose words hold every word of the query, in the listing's order."""
    words = terms(query)
    if not words:
        return []
    found = []
    for definition in forms:
        words_of_form = haystack(definition, lang)
        if all(word in words_of_form for word in words):
            found.append(definition)
    return found


def grouped(forms: Sequence[FormDefinition]) -> list[tuple[str, list[FormDefinition]]]:
    """(life event, its forms) in LIFE_EVENTS order, without empty ones; a form may be in several.
    Forms without a life event come last, under OTHER."""
    groups = [(event, [form for form in forms if event in form.life_events]) for event in LIFE_EVENTS]
    groups.append((OTHER, [form for form in forms if not form.life_events]))
    return [(event, members) for event, members in groups if members]
