"""The long form of a CSV export (`forms export --groups long`): one row per item of a repeating group.

Core systems that keep children or collected objects in a table of their own read these rows
and join them to the wide export by 受付番号. Each row: 受付番号, 受付日時, 状況, the group
(its label), the item's number from 1, then the item fields' columns as each field type gives
them; a form with several groups has the columns of every group, the other groups' left empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..definitions.model import Field, FormDefinition
from ..fields import REGISTRY
from ..i18n import Text, localize

ITEM_HEADERS = (
    Text.of({"ja": "項目", "en": "Group"}),
    Text.of({"ja": "番号", "en": "Item number"}),
)


def groups_of(definition: FormDefinition) -> list[Field]:
    """Return the form's repeating groups in definition order."""
    return [item for item in definition.fields() if REGISTRY[item.type].item_fields(item)]


def long_headers(definition: FormDefinition, leading: list[str], lang: str) -> list[str]:
    labels = leading + [localize(text, lang) for text in ITEM_HEADERS]
    for group in groups_of(definition):
        labels.extend(REGISTRY[group.type].item_headers(group, lang))  # type: ignore[attr-defined]
    return labels


def long_cells(definition: FormDefinition, leading: list[str], answers: Mapping[str, Any]) -> Iterator[list[str]]:
    """Yield one row of cells per item of every group of one submission (none when it has no item)."""
    groups = groups_of(definition)
    widths = [len(REGISTRY[g.type].item_headers(g, "ja")) for g in groups]  # type: ignore[attr-defined]
    for position, group in enumerate(groups):
        kind = REGISTRY[group.type]
        items = answers.get(group.name)
        for number, item in enumerate(items if isinstance(items, list) else [], start=1):
            before = [""] * sum(widths[:position])
            after = [""] * sum(widths[position + 1 :])
            own = kind.item_cells(group, item if isinstance(item, Mapping) else {})  # type: ignore[attr-defined]
            yield [*leading, localize(group.label, "ja"), str(number), *before, *own, *after]
