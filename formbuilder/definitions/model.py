"""Frozen objects built once from a definition file; requests never touch raw JSON."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..i18n import Text
from .periods import Moment

Rule = Mapping[str, Any]


def freeze(value: Any) -> Any:
    """Return a read-only deep copy of parsed JSON."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Return plain JSON data from a frozen value (for the browser's copy of a rule)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    # Of `checkboxes`: "none of the above"; chosen, it may not be chosen with any other.
    exclusive: bool = False


@dataclass(frozen=True)
class Check:
    """A rule between answers that must hold, and what to say when it does not (`checks`)."""

    rule: Rule
    message: Text
    pointer: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: Text
    help: Text | None = None
    required: bool = False
    when: Rule | None = None
    choices: tuple[Choice, ...] = ()
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    messages: Mapping[str, Text] = field(default_factory=lambda: MappingProxyType({}))
    pointer: str = ""
    checks: tuple[Check, ...] = ()
    # What error messages call the field instead of its label (「多胎の別」 for 「多胎ですか」).
    noun: Text | None = None

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    def choice_label(self, value: str) -> Text | None:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return None


@dataclass(frozen=True)
class Exit:
    """An eligibility exit (`exits` of a page): when its rule holds, the journey ends on its page."""

    id: str
    when: Rule
    title: Text
    body: Text
    contact: Text | None = None
    pointer: str = ""


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    fields: tuple[Field, ...]
    when: Rule | None = None
    help: Text | None = None
    exits: tuple[Exit, ...] = ()


# The home page's life events, in its order: 子育て・介護・災害・引越し・くらし・しごと.
LIFE_EVENTS: tuple[str, ...] = ("kosodate", "kaigo", "saigai", "hikkoshi", "kurashi", "shigoto")


@dataclass(frozen=True)
class FormDefinition:
    slug: str
    version: str
    title: Text
    department: str
    languages: tuple[str, ...]
    pages: tuple[Page, ...]
    description: Text | None = None
    # After sending: what happens next, and whom to ask (complete page and receipt).
    next_steps: Text | None = None
    contact: Text | None = None
    before_you_start: tuple[Text, ...] = ()
    duration_minutes: int | None = None
    fee: Text | None = None
    # Where the home page lists the form (codes of LIFE_EVENTS), and more words its search finds it by.
    life_events: tuple[str, ...] = ()
    keywords: tuple[Text, ...] = ()
    retention_days: int | None = None
    # When applications are taken (definitions/periods.py), and how many at most.
    opens_at: Moment | None = None
    closes_at: Moment | None = None
    max_submissions: int | None = None
    source: str = ""
    hash: str = ""
    path: str = ""

    def fields(self) -> Iterator[Field]:
        for page in self.pages:
            yield from page.fields

    def field(self, name: str) -> Field:
        for item in self.fields():
            if item.name == name:
                return item
        raise KeyError(name)

    def page(self, page_id: str) -> Page:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def exit(self, exit_id: str) -> tuple[Page, Exit]:
        """Return an eligibility exit and the page it belongs to."""
        for page in self.pages:
            for found in page.exits:
                if found.id == exit_id:
                    return page, found
        raise KeyError(exit_id)
