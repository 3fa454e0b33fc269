"""JSON pointers (RFC 6901) into a parsed definition: where a text or a mistake is."""

from __future__ import annotations

from typing import Any


def parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def resolve(raw: Any, pointer: str) -> tuple[Any, str | int] | None:
    """Return (container, key) of the value `pointer` names in `raw`, or None when there is none."""
    node: Any = raw
    found = parts(pointer)
    if not found:
        return None
    for index, part in enumerate(found):
        if isinstance(node, dict) and part in node:
            key: str | int = part
        elif isinstance(node, list) and part.isdecimal() and int(part) < len(node):
            key = int(part)
        else:
            return None
        if index == len(found) - 1:
            return node, key
        node = node[key]
    return None
