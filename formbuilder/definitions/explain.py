"""Schema errors in words a form author understands, each at the JSON pointer of the mistake.

jsonschema's own messages quote regular expressions and whole sub-objects ("… is not valid
under any of the given schemas"); these say what is wrong and what to write instead.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema.exceptions import ValidationError

from ..fields import REGISTRY
from ..fields.units import CATEGORIES, UNIT_SCHEMA
from ..i18n import LANGUAGE_CODES
from .calculations import FORMULA_HINT
from .calculations import OPERATORS as FORMULA_OPERATORS
from .schema import AGE_HINT, CHECK_RULE_HINT, NAME_HINT, NAME_PATTERN, RULE_HINT, TEXT_HINT, VALUE_HINT

Explained = tuple[str, str]  # (JSON pointer, message)

OPERATORS = ("equals", "in", "answered", "gt", "gte", "lt", "lte")
COMBINERS = ("all", "any", "not")
OPERATOR_LIST = "equals, in, answered, gt, gte, lt, lte"
TEXT_ADVICE = 'must be a non-empty string or an object of language → text, such as {"ja": "氏名", "en": "Name"}'
RULE_EXAMPLE = '{"field": "usage", "equals": "business"}'
# Operators other tools have for "is not": the nearest of ours (equals, in) means the opposite.
NEGATED = {"not_equals": "equals", "not_equal": "equals", "ne": "equals", "neq": "equals", "is_not": "equals"}
NEGATED |= {"not_in": "in", "nin": "in", "not_answered": "answered", "unanswered": "answered"}
# Options authors reach for that do not exist, and what they mean instead (`min_choices`
# is close to `max_choices`, the opposite).
OPTION_INSTEAD = {
    "min_choices": 'to ask for at least one ticked box, write "required": true (a checkboxes field '
    "that is required needs one ticked box or more); max_choices is the upper limit",
    "min_selected": 'to ask for at least one ticked box, write "required": true',
}
TYPE_WORDS = {
    "boolean": ("true or false", "true or false, without quotes"),
    "integer": ("a whole number", "a whole number, without quotes"),
    "number": ("a number", "a number, without quotes"),
    "string": ("text", "text in double quotes"),
    "array": ("a list", "a list in [ ]"),
    "object": ("an object", "an object in { }"),
}
ITEM_NOUNS = {
    "pages": "page",
    "fields": "field",
    "choices": "choice",
    "in": "value",
    "all": "condition",
    "any": "condition",
    "languages": "language",
}
PATTERN_HINTS = {NAME_PATTERN: NAME_HINT}
LANGUAGE_ALIASES = {
    "jp": "ja",
    "english": "en",
    "eng": "en",
    "zh": "zh-Hans",
    "cn": "zh-Hans",
    "kr": "ko",
    "pt": "pt-BR",
}


def explain(error: ValidationError) -> Iterator[Explained]:
    """Yield (pointer, message) pairs that explain one jsonschema error."""
    path = list(error.absolute_path)
    pointer = json_pointer(path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "oneOf" and error.schema.get("description") == TEXT_HINT:
        yield from _text(instance, pointer)
    elif kind == "oneOf" and error.schema.get("description") == RULE_HINT:
        yield from _rule(error, pointer)
    elif kind == "oneOf" and error.schema.get("description") == CHECK_RULE_HINT:
        yield from _rule(error, pointer, CHECK_OPERATORS)
    elif kind == "anyOf" and error.schema.get("description") in (VALUE_HINT, AGE_HINT):
        yield from _operand(error, pointer)
    elif kind == "anyOf" and error.schema.get("description") == UNIT_SCHEMA["description"]:
        yield from _unit(instance, pointer)
    elif kind == "anyOf" and error.schema.get("description") == FORMULA_HINT:
        yield from _formula(error, pointer)
    elif kind == "required":
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                yield pointer, f"required key {key!r} is missing"
    elif kind == "additionalProperties":
        yield from _unknown_keys(instance, list(error.schema.get("properties", {})), path, pointer)
    elif kind == "enum" and "propertyNames" in error.absolute_schema_path:
        owner = path[-1] if path else ""
        noun = "message key" if owner == "messages" else "key"
        yield f"{pointer}/{_escape(str(instance))}", f"{instance!r} is not a {noun}{_suggest(str(instance), value)}"
    elif kind == "enum" and _owner(path) == "type" and isinstance(instance, str):
        yield pointer, f"unknown field type {instance!r}{_type_instead(instance, value)}"
    elif kind == "enum":
        noun = {"type": "field type", "languages": "language code"}.get(_owner(path), "value")
        yield pointer, f"unknown {noun} {instance!r}{_suggest(str(instance), value)}"
    elif kind == "type":
        yield pointer, _type_message(value, instance, path)
    elif kind == "pattern":
        pattern_hint = PATTERN_HINTS.get(value) or error.schema.get("description") or f"It must match {value}."
        yield pointer, f"{instance!r} cannot be used here. {pattern_hint}"
    elif kind == "minItems":
        item_noun = ITEM_NOUNS.get(_owner(path))
        yield pointer, f"must list at least one {item_noun}" if item_noun else f"must list at least {value} item(s)"
    elif kind == "minLength":
        yield pointer, "must not be empty"
    elif kind == "maxLength":
        yield pointer, f"must be at most {value} characters long"
    elif kind == "minimum":
        yield pointer, f"must be {value} or more (found {_show(instance)})"
    elif kind == "maximum":
        yield pointer, f"must be {value} or less (found {_show(instance)})"
    elif kind == "uniqueItems":
        yield pointer, f"lists {_show(_first_repeat(instance))} twice"
    else:
        yield pointer, error.message


def json_pointer(parts: Iterable[Any]) -> str:
    """Return the JSON pointer of a path ("" for the whole document)."""
    return "".join(f"/{_escape(str(part))}" for part in parts)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _owner(path: list[Any]) -> str:
    """Return the key that holds the value at `path` (skipping a list index)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def _show(value: Any) -> str:
    """Return a value as the author wrote it: strings quoted, JSON otherwise, cut short."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _suggest(word: str, allowed: Iterable[Any]) -> str:
    """Return ' (did you mean …?)', or the list of what is allowed when nothing is close."""
    names = [str(a) for a in allowed]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    alias = LANGUAGE_ALIASES.get(word.lower())
    if not close and alias in names:
        close = [alias]
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f"; use one of: {', '.join(names)}"


def _type_instead(word: str, names: Iterable[Any]) -> str:
    """Return ': use 'tel' instead' for a name another form tool uses, else as `_suggest`."""
    key = word.strip().lower().replace("-", "_").replace(" ", "_")
    for name, ftype in sorted(REGISTRY.items()):
        if key == name or key in ftype.aliases:
            return f": use {name!r} instead"
    return _suggest(word, names)


def _first_repeat(items: list[Any]) -> Any:
    seen: list[Any] = []
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    return None


def _type_message(expected: str | list[str], instance: Any, path: list[Any]) -> str:
    if not path and expected == "object":
        return "the file must hold one object { … } with slug, version, title, department and pages"
    if isinstance(expected, str):
        words = TYPE_WORDS.get(expected, (expected, expected))[1]
    else:
        names = [TYPE_WORDS.get(t, (t, t))[0] for t in expected]
        words = ", ".join(names[:-1]) + " or " + names[-1]
    return f"must be {words} (found {_show(instance)})"


def _unknown_keys(instance: Any, allowed: list[str], path: list[Any], pointer: str) -> Iterator[Explained]:
    is_field = len(path) >= 2 and path[-2] == "fields" and isinstance(instance.get("type"), str)
    for key in instance:
        if key in allowed:
            continue
        where = f"{pointer}/{_escape(key)}"
        if is_field:
            owners = [name for name, ftype in sorted(REGISTRY.items()) if key in ftype.options_schema]
            hint = f" (it is an option of: {', '.join(owners)})" if owners else _suggest(key, allowed)
            if key in OPTION_INSTEAD:
                hint = f": {OPTION_INSTEAD[key]}"
            yield where, f"{key!r} is not an option of a {instance['type']} field{hint}"
        else:
            yield where, f"unknown key {key!r}{_suggest(key, allowed)}"


def _text(instance: Any, pointer: str) -> Iterator[Explained]:
    found = []
    if isinstance(instance, dict) and instance:
        for key, value in instance.items():
            where = f"{pointer}/{_escape(key)}"
            if key not in LANGUAGE_CODES:
                found.append((where, f"unknown language code {key!r}{_suggest(key, LANGUAGE_CODES)}"))
            elif not isinstance(value, str) or not value:
                found.append((where, f"must be non-empty text in double quotes (found {_show(value)})"))
    yield from found or [(pointer, f"{TEXT_ADVICE} (found {_show(instance)})")]


def _unit(instance: Any, pointer: str) -> Iterator[Explained]:
    """A number's unit: a text, or plural forms by CLDR category (fields/units.py)."""
    found = []
    for key, value in instance.items() if isinstance(instance, dict) and instance else ():
        where = f"{pointer}/{_escape(key)}"
        if key not in LANGUAGE_CODES:
            found.append((where, f"unknown language code {key!r}{_suggest(key, LANGUAGE_CODES)}"))
        elif isinstance(value, dict) and value:
            for name, form in value.items():
                if name not in CATEGORIES:
                    found.append(
                        (f"{where}/{_escape(name)}", f"{name!r} is not a plural form{_suggest(name, CATEGORIES)}")
                    )
                elif not isinstance(form, str) or not form:
                    found.append((f"{where}/{_escape(name)}", f"must be non-empty text (found {_show(form)})"))
        elif not isinstance(value, str) or not value:
            found.append(
                (
                    where,
                    f'must be non-empty text or plural forms such as {{"one": "child", "other": "children"}} '
                    f"(found {_show(value)})",
                )
            )
    yield from found or [(pointer, f"{TEXT_ADVICE}, or of language → plural forms (found {_show(instance)})")]


def _rule(error: ValidationError, pointer: str, operators: tuple[str, ...] = OPERATORS) -> Iterator[Explained]:
    rule = error.instance
    listed = ", ".join(operators)
    if not isinstance(rule, dict):
        yield pointer, f"a rule must be an object such as {RULE_EXAMPLE} (found {_show(rule)})"
        return
    combiners = [key for key in COMBINERS if key in rule]
    if combiners:
        if len(rule) > 1:
            others = ", ".join(repr(k) for k in rule if k != combiners[0])
            yield pointer, f"{combiners[0]!r} must stand alone in its rule, but {others} is beside it"
            return
        yield from _branch(error, 1 + COMBINERS.index(combiners[0]), pointer)
        return
    if "field" not in rule:
        yield pointer, f"a rule needs 'field' and one operator ({listed}), or 'all', 'any' or 'not'"
        return
    unknown = [key for key in rule if key != "field" and key not in operators]
    for key in unknown:
        if (opposite := NEGATED.get(key.lower())) in operators:
            written = f'{{"not": {{"field": {json.dumps(rule["field"], ensure_ascii=False)}, "{opposite}": …}}}}'
            yield (
                f"{pointer}/{_escape(key)}",
                f"{key!r} is not a rule operator: to say 'is not', put the condition inside not: {written} "
                f"({opposite!r} alone would mean the opposite)",
            )
            continue
        yield f"{pointer}/{_escape(key)}", f"{key!r} is not a rule operator{_suggest(key, operators)}"
    used = [key for key in rule if key in operators]
    if not used and not unknown:
        yield pointer, f"the condition on {rule['field']!r} needs one operator: {listed}"
    elif len(used) > 1:
        both = " and ".join(used)
        yield pointer, f"a condition takes one operator, but this one has {both}; to combine conditions, use all or any"
    elif not unknown:
        yield from _branch(error, 0, pointer, skip=("additionalProperties", "minProperties", "maxProperties"))


# --- checks: values naming another answer, ages (schema._between_answers) -------------------------
CHECK_OPERATORS = (*OPERATORS, "age_under", "age_at_least")
OPERAND_KEYS = {"answer": ("plus_days",), "count": (), "years": ("on",)}


def _operand(error: ValidationError, pointer: str) -> Iterator[Explained]:
    """Explain a check's value that names another answer ({"answer": …}) or an age ({"years": …})."""
    value, age = error.instance, error.schema.get("description") == AGE_HINT
    example = AGE_HINT if age else VALUE_HINT
    if not isinstance(value, dict):
        yield pointer, f"write {example[:1].lower()}{example[1:-1]} (found {_show(value)})"
        return
    main = next((key for key in OPERAND_KEYS if key in value), "years" if age else "answer")
    allowed = (main, *OPERAND_KEYS[main])
    for key in value:
        if key not in allowed:
            yield f"{pointer}/{_escape(key)}", f"{key!r} cannot be used here{_suggest(key, allowed)}"
    if main not in value:
        yield pointer, f"required key {main!r} is missing"
    for key in ("plus_days", "years"):
        if key in value and (not isinstance(value[key], int) or isinstance(value[key], bool)):
            yield f"{pointer}/{key}", f"must be a whole number, without quotes (found {_show(value[key])})"
    on = value.get("on")
    if (
        age
        and on is not None
        and not isinstance(on, dict)
        and on not in ("today", "fiscal_year_start", "fiscal_year_end")
        and not _iso_date(on)
    ):
        yield (
            f"{pointer}/on",
            f"{_show(on)} is not a day to count an age on; use today, fiscal_year_start, fiscal_year_end, "
            'a date YYYY-MM-DD or {"answer": "a date field"}',
        )


def _iso_date(value: Any) -> bool:
    text = str(value)
    return len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit()


def _branch(error: ValidationError, index: int, pointer: str, skip: tuple[str, ...] = ()) -> Iterator[Explained]:
    """Explain the errors of one branch of a rule's oneOf (the form the rule was meant to have)."""
    found = [
        item
        for sub in error.context or ()
        if sub.relative_schema_path[0] == index and sub.validator not in skip
        for item in explain(sub)
    ]
    yield from found or [(pointer, f"a rule must look like {RULE_EXAMPLE} (or use all, any, not)")]


# --- calculated fields' formulas (calculations.formula_schema) ---------------------------------
FORMULA_EXAMPLE = '{"product": [{"answer": "count"}, 400]}'


def _formula(error: ValidationError, pointer: str) -> Iterator[Explained]:
    """Explain a formula that fits none of its forms, at its operator's mistake when it has one."""
    formula = error.instance
    if not isinstance(formula, dict):
        yield pointer, f"a formula is a number or an object such as {FORMULA_EXAMPLE} (found {_show(formula)})"
        return
    used = [key for key in formula if key in FORMULA_OPERATORS]
    if len(used) > 1:
        both = " and ".join(used)
        yield pointer, f"a formula takes one operator, but this one has {both}; put one inside the other"
        return
    if not used:
        for key in formula:
            if key not in ("places", "mode"):
                yield (
                    f"{pointer}/{_escape(key)}",
                    f"{key!r} is not a formula operator{_suggest(key, FORMULA_OPERATORS)}",
                )
        if all(key in ("places", "mode") for key in formula):
            yield pointer, f"a formula needs one operator: {', '.join(FORMULA_OPERATORS)}"
        return
    # The anyOf's branches: a number first, then one per operator in FORMULA_OPERATORS' order.
    yield from _branch(error, 1 + FORMULA_OPERATORS.index(used[0]), pointer)
