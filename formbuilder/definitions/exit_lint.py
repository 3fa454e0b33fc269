"""`forms check` of eligibility exits (`exits` of a page): unique ids, the answers their rule names.

An exit is tested when its page is sent with 次へ, so its rule may look at the fields of its own
page and of earlier pages, never at a later page (that answer is not given yet). Its values are
checked like those of any rule: a choice it compares must be one of the field's choices, an age
is counted from a date, and so on.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..fields import REGISTRY
from .check_lint import _kinds as kind_problems
from .model import Field, FormDefinition
from .operands import operand_problems
from .rules import operand_fields, referenced_fields

LintError = tuple[str, str]


def lint_exits(definition: FormDefinition) -> Iterator[LintError]:
    """Yield every mistake of the pages' `exits`."""
    everywhere = {f.name: f for f in definition.fields()}
    earlier: dict[str, Field] = {}
    ids: set[str] = set()
    for page_index, page in enumerate(definition.pages):
        usable = {**earlier, **{f.name: f for f in page.fields}}
        for exit_index, found in enumerate(page.exits):
            pointer = f"/pages/{page_index}/exits/{exit_index}"
            if found.id in ids:
                yield pointer + "/id", f"exit id {found.id!r} is used twice"
            ids.add(found.id)
            problems = list(_names(found.when, pointer + "/when", usable, everywhere))
            yield from problems
            if not problems:
                yield from _values(found.when, pointer + "/when", usable)
        earlier.update(usable)


def _names(rule, pointer: str, usable: dict[str, Field], everywhere: dict[str, Field]) -> Iterator[LintError]:
    named = [(name, where) for name, where, _ in referenced_fields(rule, pointer)]
    for name, where in named + list(operand_fields(rule, pointer)):
        if name not in everywhere:
            yield where, f"exit rule refers to unknown field {name!r}"
        elif name not in usable:
            yield (
                where,
                f"exit rule refers to field {name!r}, which is asked on a later page; "
                "an exit is tested when its page is sent, so it may only look at fields of its own page and of earlier pages",
            )
        elif not REGISTRY[everywhere[name].type].takes_input:
            yield where, f"exit rule refers to {name!r}, a {everywhere[name].type} field that holds no answer"


def _values(rule, pointer: str, usable: dict[str, Field]) -> Iterator[LintError]:
    """The values the rule compares fit the fields it names (each place reported once)."""
    said: set[str] = set()
    for name, where, condition in referenced_fields(rule, pointer):
        base = where.rsplit("/", 1)[0]
        found = [*operand_problems(condition, base, usable[name], False), *kind_problems(condition, base, usable)]
        for place, message in found:
            if place not in said:
                said.add(place)
                yield place, message
