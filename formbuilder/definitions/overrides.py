"""Message overrides: only the placeholders their key fills in, and %% for a percent sign.

`fields.messages.message` fills an override with `text % params`. A placeholder its key does
not have, or a lone %, makes that fail, and the override is then shown with %(…)s as written;
a bare %s would print the parameters themselves. So the linter refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fields.messages import DEFAULTS
from .model import Field

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
PERCENT = re.compile(r"%(?:%|\((\w*)\)s|\(\w*\)[a-z]?|.?)")


def placeholders(key: str) -> list[str]:
    """Return the placeholders the message `key` is filled with (label always)."""
    found = PLACEHOLDER.findall(DEFAULTS[key])
    return ["label", *(name for name in dict.fromkeys(found) if name != "label")]


def override_problems(field: Field, pointer: str) -> Iterator[tuple[str, str]]:
    """Yield (pointer, problem) for each override that would not be filled in as written."""
    for key, text in field.messages.items():
        allowed = placeholders(key)
        several = len(text.values) > 1
        for lang, words in text.values.items():
            problem = _problem(key, words, allowed)
            if problem:
                where = f"{pointer}/messages/{key}" + (f"/{lang}" if several else "")
                yield where, problem
                break


def _problem(key: str, words: str, allowed: list[str]) -> str | None:
    for match in PERCENT.finditer(words):
        written = match.group(0)
        if written == "%%":
            continue
        name = match.group(1)
        if name is not None and name in allowed:
            continue
        names = ", ".join(f"%({n})s" for n in allowed)
        if name is not None:
            return f"%({name})s is not filled in for the {key!r} message (it has {names})"
        if written.startswith("%("):
            return f"{written!r} cannot be used in a message: write a placeholder as %(name)s, one of {names}"
        return f"{written!r} cannot be used in a message: the {key!r} message has {names}; write %% for a percent sign"
    return None
