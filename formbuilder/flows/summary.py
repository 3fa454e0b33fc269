"""Answers as a person reads them, page by page: the check page, the receipt, the back office."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

from ..definitions.model import Field, FormDefinition, Page
from ..fields import REGISTRY
from ..i18n import localize


@dataclass(frozen=True)
class Row:
    field: Field
    label: str
    label_ja: str
    text: str


def has_masked(definition: FormDefinition, values: Mapping[str, Any]) -> bool:
    """Whether an answer is shown masked (so staff allowed to may ask to read it in full)."""
    return any(
        REGISTRY[item.type].masks and values.get(item.name) is not None
        for page in definition.pages
        for item in page.fields
    )


@dataclass(frozen=True)
class Section:
    page: Page
    title: str
    rows: tuple[Row, ...]


def answer_sections(
    definition: FormDefinition,
    values: Mapping[str, Any],
    lang: str,
    shown: Container[str] | None = None,
    unmasked: bool = False,
) -> list[Section]:
    """Return every answered field (and, with `shown`, every shown one) in form order.

    `unmasked` shows masked values (My Number) in full: only for staff allowed to read them.
    """
    sections = []
    for page in definition.pages:
        rows = []
        for item in page.fields:
            ftype = REGISTRY[item.type]
            if not ftype.takes_input:
                continue
            value = values.get(item.name)
            if value is None and (shown is None or item.name not in shown):
                continue
            text = (ftype.display_unmasked if unmasked else ftype.display)(item, value, lang)
            rows.append(Row(item, localize(item.label, lang), localize(item.label, "ja"), text))
        if rows:
            sections.append(Section(page, localize(page.title, lang), tuple(rows)))
    return sections
