"""Answers as a person reads them, page by page: the check page, the receipt, the back office."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

from ..definitions.model import Field, FormDefinition, Page
from ..fields import REGISTRY
from ..fields.base import Line
from ..i18n import localize


@dataclass(frozen=True)
class Row:
    field: Field
    label: str
    label_ja: str
    text: str  # as the citizen reads it (`display`)
    value: Any = None  # the stored answer, for a type's own check-page partial (`answer_template`)
    lines: tuple[Line, ...] = ()  # as the receipt and staff pages print it, fine print included

    @property
    def printed(self) -> str:
        """Every printed line as one text, fine print included (the staff pages)."""
        return "\n".join(line.text for line in self.lines)


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
    item: bool = False  # an item of a repeating group, under its item label (お子さん 2人目)


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
    sections: list[Section] = []
    for page in definition.pages:
        rows: list[Row] = []
        title = localize(page.title, lang)
        for item in page.fields:
            ftype = REGISTRY[item.type]
            if not (ftype.takes_input or ftype.computed):
                continue
            value = values.get(item.name)
            if ftype.item_fields(item):
                if rows or not any(s.page is page for s in sections):
                    sections.append(Section(page, title, tuple(rows)))
                rows = []
                sections.extend(_item_sections(page, item, value, lang, shown, unmasked))
                continue
            if value is None and (shown is None or item.name not in shown):
                continue
            rows.append(_row(item, value, lang, unmasked))
        if rows:
            title = "" if any(s.page is page for s in sections) else title
            sections.append(Section(page, title, tuple(rows)))
    return [s for s in sections if s.rows or (s.title and _has_items(sections, s))]


def _row(item: Field, value: Any, lang: str, unmasked: bool) -> Row:
    ftype = REGISTRY[item.type]
    text = (ftype.display_unmasked if unmasked else ftype.display)(item, value, lang)
    lines = tuple(ftype.printed_lines(item, value, lang, unmasked))
    return Row(item, localize(item.label, lang), localize(item.label, "ja"), text, value, lines)


def _item_sections(
    page: Page, group: Field, value: Any, lang: str, shown: Container[str] | None, unmasked: bool
) -> list[Section]:
    """One section a item of a repeating group, titled with its item label."""
    kind = REGISTRY[group.type]
    found: dict[int, list[Row]] = {}
    for number, item, answer in kind.rows(group, value):  # type: ignore[attr-defined]
        found.setdefault(number, [])
        if answer is not None or (shown is not None and item.name in shown):
            found[number].append(_row(item, answer, lang, unmasked))
    return [
        Section(page, kind.item_label(group, number, lang), tuple(rows), item=True)  # type: ignore[attr-defined]
        for number, rows in found.items()
    ]


def _has_items(sections: list[Section], section: Section) -> bool:
    """Whether a page's title section (with no row of its own) heads item sections."""
    return any(s.item and s.page is section.page for s in sections)
