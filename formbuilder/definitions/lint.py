"""Semantic checks the JSON Schema cannot express; each error names a JSON pointer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..fields import REGISTRY
from ..fields.messages import is_question
from ..i18n import Text
from ..markup import link_problems
from .calculation_lint import lint_calculations
from .check_lint import lint_checks
from .exit_lint import lint_exits
from .model import Field, FormDefinition
from .operands import operand_problems
from .overrides import override_problems
from .rules import referenced_fields

LintError = tuple[str, str]


def lint(definition: FormDefinition, *, languages: bool = True) -> Iterator[LintError]:
    """Yield every semantic mistake in an already schema-valid definition (with `languages`:
    also every text a declared language lacks)."""
    yield from _unique_names(definition)
    yield from _rules(definition)
    yield from _references(definition)
    yield from _group_items(definition)
    yield from lint_checks(definition)
    yield from lint_calculations(definition)
    yield from lint_exits(definition)
    if languages:
        yield from _languages(definition)
    yield from link_problems(texts(definition))
    for page_index, page in enumerate(definition.pages):
        for field_index, field in enumerate(page.fields):
            pointer = f"/pages/{page_index}/fields/{field_index}"
            if field.required and not REGISTRY[field.type].takes_input:
                yield pointer + "/required", f"a {field.type} field takes no answer and cannot be required"
            yield from REGISTRY[field.type].lint(field, pointer)
            yield from override_problems(field, pointer)


def advice(definition: FormDefinition) -> Iterator[LintError]:
    """Yield warnings: what is allowed but probably not meant (a text field without max_length)."""
    for page_index, page in enumerate(definition.pages):
        for field_index, field in enumerate(page.fields):
            yield from REGISTRY[field.type].advice(field, f"/pages/{page_index}/fields/{field_index}")
            yield from _question_labels(field, f"/pages/{page_index}/fields/{field_index}")


def _question_labels(field: Field, pointer: str) -> Iterator[LintError]:
    """A label written as a question, and no noun: its messages quote the question."""
    kind = REGISTRY[field.type]
    asked = [lang for lang, label in field.label.values.items() if is_question(label)]
    if asked and field.noun is None and kind.takes_input and not kind.computed:
        lang = asked[0]
        yield (
            pointer + "/label",
            f"the label is a question ({lang}: {field.label.values[lang]!r}), so messages quote it "
            f"(「＊「…」に答えてください。」); give the field a noun for them to use, "
            f'e.g. "noun": {{"ja": "多胎の別", "en": "multiple birth"}}',
        )
    for index, sub in enumerate(kind.item_fields(field)):
        yield from _question_labels(sub, f"{pointer}/fields/{index}")


def _unique_names(definition: FormDefinition) -> Iterator[LintError]:
    pages: set[str] = set()
    names: set[str] = set()
    for page_index, page in enumerate(definition.pages):
        if page.id in pages:
            yield f"/pages/{page_index}/id", f"page id {page.id!r} is used twice"
        pages.add(page.id)
        for field_index, field in enumerate(page.fields):
            if field.name in names:
                yield f"/pages/{page_index}/fields/{field_index}/name", f"field name {field.name!r} is used twice"
            names.add(field.name)


def _rules(definition: FormDefinition) -> Iterator[LintError]:
    """Rules may only look at fields asked before them, with values those fields can hold."""
    earlier: dict[str, Field] = {}
    later = {f.name for f in definition.fields()}
    # Required fields without a rule on pages without one: answered whenever a later rule runs.
    always = {f.name for p in definition.pages if p.when is None for f in p.fields if f.required and f.when is None}
    for page_index, page in enumerate(definition.pages):
        yield from _check_rule(page.when, f"/pages/{page_index}/when", earlier, later, None, always)
        on_page = dict(earlier)
        for field_index, field in enumerate(page.fields):
            pointer = f"/pages/{page_index}/fields/{field_index}/when"
            yield from _check_rule(field.when, pointer, on_page, later, field.name, always)
            on_page[field.name] = field
        earlier = on_page


def _group_items(definition: FormDefinition) -> Iterator[LintError]:
    """A repeating group's item fields: names apart from the form's, rules on earlier fields.

    A rule inside an item may look at the item's own earlier fields and at any field asked
    before the group; an item field's name is resolved in its item first.
    """
    earlier: dict[str, Field] = {}
    top = {f.name for f in definition.fields()}
    for page_index, page in enumerate(definition.pages):
        for field_index, field in enumerate(page.fields):
            pointer = f"/pages/{page_index}/fields/{field_index}"
            subs = REGISTRY[field.type].item_fields(field)
            known = dict(earlier)
            for sub_index, sub in enumerate(subs):
                where = f"{pointer}/fields/{sub_index}"
                if sub.name in top:
                    yield where + "/name", f"item field {sub.name!r} has the name of a field of the form; use another"
                yield from _check_rule(sub.when, where + "/when", known, top | {s.name for s in subs}, sub.name)
                for option, name, types in REGISTRY[sub.type].references(sub):
                    if name not in known:
                        yield (
                            f"{where}/{option}",
                            f"{option} refers to {name!r}, which is not a field asked before this one",
                        )
                    elif known[name].type not in types:
                        yield f"{where}/{option}", f"{option} refers to {name!r}, a {known[name].type} field"
                known[sub.name] = sub
            earlier[field.name] = field


def _references(definition: FormDefinition) -> Iterator[LintError]:
    """Options that name another field (`after_field`) may only name an earlier one of a fitting type."""
    earlier: dict[str, Field] = {}
    for page_index, page in enumerate(definition.pages):
        for field_index, field in enumerate(page.fields):
            for option, name, types in REGISTRY[field.type].references(field):
                pointer = f"/pages/{page_index}/fields/{field_index}/{option}"
                if name not in earlier:
                    yield pointer, f"{option} refers to {name!r}, which is not a field asked before this one"
                elif earlier[name].type not in types:
                    yield (
                        pointer,
                        f"{option} refers to {name!r}, a {earlier[name].type} field (expected {' or '.join(types)})",
                    )
            earlier[field.name] = field


def _check_rule(
    rule: Any,
    pointer: str,
    earlier: dict[str, Field],
    known: set[str],
    owner: str | None,
    always: set[str] | frozenset[str] = frozenset(),
) -> Iterator[LintError]:
    """Check the fields a rule looks at and the values it compares them with (operands.py).

    `owner` is the field the rule belongs to (None for a page); `always` the fields answered
    whenever the rule runs.
    """
    for name, where, condition in referenced_fields(rule, pointer):
        if name not in known:
            yield where, f"rule refers to unknown field {name!r}"
            continue
        if name == owner:
            yield where, f"the rule of field {name!r} refers to the field itself; it may only look at earlier fields"
            continue
        if name not in earlier and owner is None:
            yield (
                where,
                f"rule refers to field {name!r}, which is not on an earlier page; a page's rule may only look at fields of earlier pages",
            )
            continue
        if name not in earlier:
            yield where, f"rule refers to field {name!r}, which is asked later; a rule may only look at earlier fields"
            continue
        target = earlier[name]
        if not (REGISTRY[target.type].takes_input or REGISTRY[target.type].computed):
            yield where, f"rule refers to {name!r}, a {target.type} field that holds no answer"
        else:
            yield from operand_problems(condition, where.rsplit("/", 1)[0], target, name in always)


def texts(definition: FormDefinition) -> Iterator[tuple[str, Text]]:
    """Yield (JSON pointer, text) for every human-readable string of the definition, in file order."""
    yield "/title", definition.title
    if definition.description:
        yield "/description", definition.description
    if definition.fee:
        yield "/fee", definition.fee
    if definition.next_steps:
        yield "/next_steps", definition.next_steps
    if definition.contact:
        yield "/contact", definition.contact
    for index, text in enumerate(definition.before_you_start):
        yield f"/before_you_start/{index}", text
    for index, text in enumerate(definition.keywords):
        yield f"/keywords/{index}", text
    for page_index, page in enumerate(definition.pages):
        base = f"/pages/{page_index}"
        yield base + "/title", page.title
        if page.help:
            yield base + "/help", page.help
        for field_index, field in enumerate(page.fields):
            yield from _field_texts(field, f"{base}/fields/{field_index}")
        for exit_index, found in enumerate(page.exits):
            yield f"{base}/exits/{exit_index}/title", found.title
            yield f"{base}/exits/{exit_index}/body", found.body
            if found.contact:
                yield f"{base}/exits/{exit_index}/contact", found.contact


def _field_texts(field: Field, pointer: str) -> Iterator[tuple[str, Text]]:
    yield pointer + "/label", field.label
    if field.noun:
        yield pointer + "/noun", field.noun
    if field.help:
        yield pointer + "/help", field.help
    for choice_index, choice in enumerate(field.choices):
        yield f"{pointer}/choices/{choice_index}/label", choice.label
    for key, value in field.options.items():
        if isinstance(value, Text):
            yield f"{pointer}/{key}", value
    for key, value in field.messages.items():
        yield f"{pointer}/messages/{key}", value
    for check_index, check in enumerate(field.checks):
        yield f"{pointer}/checks/{check_index}/message", check.message
    for index, sub in enumerate(REGISTRY[field.type].item_fields(field)):
        yield from _field_texts(sub, f"{pointer}/fields/{index}")


def _languages(definition: FormDefinition) -> Iterator[LintError]:
    """Every string must exist in every language the form declares."""
    for pointer, text in texts(definition):
        for lang in definition.languages:
            if not text.values.get(lang):
                declared = ", ".join(definition.languages)
                yield pointer, f"missing the {lang!r} text (the form declares the languages {declared})"


def missing_translations(definition: FormDefinition) -> dict[str, list[str]]:
    """Return {declared language: pointers of the texts it lacks}, languages in declared order."""
    missing: dict[str, list[str]] = {lang: [] for lang in definition.languages}
    for pointer, text in texts(definition):
        for lang in definition.languages:
            if not text.values.get(lang):
                missing[lang].append(pointer)
    return {lang: pointers for lang, pointers in missing.items() if pointers}


def summarise_missing(missing: dict[str, list[str]], shown: int = 3) -> list[str]:
    """One line a language: "vi: 3 missing (/pages/2/fields/0/label, …)", at most `shown` pointers."""
    lines = []
    for lang, pointers in missing.items():
        listed = ", ".join(pointers[:shown])
        more = f", … {len(pointers) - shown} more" if len(pointers) > shown else ""
        lines.append(f"{lang}: {len(pointers)} missing ({listed}{more})")
    return lines
