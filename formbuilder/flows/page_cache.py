"""Page results kept between requests, so pages whose answers did not change are not validated again.

Every request evaluates the whole form (which pages are shown depends on earlier answers), so
without this a POST of page 20 validates the answers of pages 1 to 19 again, twice, and a POST
of page 2 the empty pages 3 to 20.

A page's result is a function of: the form definition, the language of its messages, the day
in Japan (limits such as "today-365", ages on 4月1日), the inputs typed on that page, and the
answers of earlier pages that the page's definition names (in `when` rules, `checks`, options
such as `not_before` or `after_field`, formulas). Evaluating a page reads nothing else: no
database, no clock finer than the day, no configuration, and an earlier answer only by a name
written in the page's definition. So that is the key: the definition, the language, the day,
the page, a digest of its inputs and the earlier answers its definition names (a word of the
page's definition that is the name of an earlier field counts as named, whatever it is for).
When one of them changes, the key changes; a result found under its key is the one
evaluate_page would give now. A page holding something this module cannot read through (not
a dict, list, text, number or dataclass) is keyed by every earlier answer, and an answer of a
kind it does not know (not JSON-like) is not kept at all.

The one thing shared with a kept result is its WTForms form, only read once validated: the
answers in its `meta.known` that the page does not name may be older ones, so whatever reads
`form.meta.known` must read names written in the definition (as validators and the browser's
copies of checks and formulas do). Each caller gets its own copy of the rest (callers change a
result's errors).

`derived` keeps, per field object, what a field type makes of a definition alone: a group's
items renamed for each index, the names of a field's inputs (a group's for all its items).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flask_babel import get_locale

from ..definitions.fiscal import japan_today

if TYPE_CHECKING:
    from ..definitions.model import Field, FormDefinition
    from .answers import PageResult

LIMIT = 2048  # results kept per process (15–20 KB each for pages of 10 fields), least recently used dropped first
SHARED = ("page", "form")  # read-only once evaluated: not copied
WORD = re.compile(r"[a-z][a-z0-9_]*")  # a field name (definitions/schema.json)
LEAVES = (str, int, float, bool, type(None), Decimal, date)  # answers' parts with a faithful repr
_LEAF_TYPES = frozenset(LEAVES)  # exact types (a subclass may repr differently)

_results: OrderedDict[tuple[Any, ...], tuple[FormDefinition, PageResult]] = OrderedDict()
_named: dict[int, tuple[FormDefinition, list[frozenset[str] | None]]] = {}
_derived: dict[tuple[int, str], tuple[Field, Any]] = {}
_lock = threading.Lock()  # gthread workers and tests may share the dicts between threads


def owner(input_name: str) -> str:
    """Return the field an input belongs to: inputs are named `<field>` or `<field>-<part>`.

    Field names hold no "-", so this is exact, also for a group's item inputs
    (`children-1-name-family` belongs to `children`).
    """
    return input_name.partition("-")[0]


def inputs_by_page(definition: FormDefinition, raw: Mapping[str, Any]) -> list[list[tuple[str, Any]]]:
    """Return the typed inputs of each page, sorted by name, in page order."""
    page_of = {item.name: index for index, page in enumerate(definition.pages) for item in page.fields}
    typed: list[list[tuple[str, Any]]] = [[] for _ in definition.pages]
    for name, values in raw.items():
        index = page_of.get(name.partition("-")[0])  # owner(name), inlined: this runs over every input
        if index is not None:
            typed[index].append((name, values))
    for inputs in typed:
        inputs.sort()  # by name: names are the keys of one dict, so the values are never compared
    return typed


def evaluated(
    definition: FormDefinition,
    index: int,
    inputs: list[tuple[str, Any]],
    earlier: Mapping[str, Any],
    evaluate: Callable[[], PageResult],
) -> PageResult:
    """Return page `index`'s result kept for these inputs and earlier answers, else `evaluate()`'s, kept."""
    key = _key(definition, index, inputs, earlier)
    if key is None:
        return evaluate()
    with _lock:
        found = _results.get(key)
        if found is not None and found[0] is definition:  # the same object, not a reloaded one at its id
            _results.move_to_end(key)
            return _copy_result(found[1])
    result = evaluate()
    if japan_today() == key[2]:  # not when the day changed while evaluating
        with _lock:
            _results[key] = (definition, _copy_result(result))
            _results.move_to_end(key)
            while len(_results) > LIMIT:
                _results.popitem(last=False)
    return result


def derived(field: Field, what: str, build: Callable[[], Any]) -> Any:
    """Return what `build()` makes of a field's definition alone (a group's items, its inputs), kept.

    Definitions are frozen and a field type reads nothing else there, so it is kept per field
    object (a reloaded definition brings new objects). What is kept is shared: build immutable
    values (tuples), never lists or dicts.
    """
    key = (id(field), what)
    found = _derived.get(key)
    if found is not None and found[0] is field:
        return found[1]
    value = build()
    with _lock:
        if len(_derived) > 16384:  # definitions reloaded many times: start again
            _derived.clear()
        _derived[key] = (field, value)
    return value


def clear() -> None:
    with _lock:
        _results.clear()
        _named.clear()
        _derived.clear()


def _key(
    definition: FormDefinition, index: int, inputs: list[tuple[str, Any]], earlier: Mapping[str, Any]
) -> tuple[Any, ...] | None:
    try:  # typed inputs are lists of text: JSON says them exactly, and refuses anything else
        typed = json.dumps(inputs, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    named = _names(definition)[index]
    looked = []
    for name in sorted(earlier if named is None else named & earlier.keys()):
        if not _faithful(earlier[name]):
            return None
        looked.append((name, earlier[name]))
    digest = hashlib.blake2b(f"{typed}\n{looked!r}".encode(), digest_size=16).digest()
    return (id(definition), str(get_locale()), japan_today(), index, digest)


def _names(definition: FormDefinition) -> list[frozenset[str] | None]:
    """Return, per page, the earlier fields its definition names (None: not readable through)."""
    with _lock:
        found = _named.get(id(definition))
    if found is not None and found[0] is definition:
        return found[1]
    earlier: set[str] = set()
    named: list[frozenset[str] | None] = []
    for page in definition.pages:
        words: set[str] = set()
        readable = _words(page, words)
        named.append(frozenset(words & earlier) if readable else None)
        earlier.update(item.name for item in page.fields)
    with _lock:
        if len(_named) > 256:  # definitions reloaded many times: start again
            _named.clear()
        _named[id(definition)] = (definition, named)
    return named


def _words(value: Any, words: set[str]) -> bool:
    """Add every word of `value`'s texts to `words`; False when it holds what cannot be read through."""
    if isinstance(value, str):
        words.update(WORD.findall(value))
        return True
    if isinstance(value, Mapping):
        return all(_words(k, words) and _words(v, words) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_words(v, words) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return all(_words(getattr(value, f.name), words) for f in fields(value))
    return isinstance(value, LEAVES)


def _faithful(value: Any) -> bool:
    """Whether two answers with the same repr are the same answer (JSON-like data, dates, Decimals)."""
    kind = type(value)
    if kind in _LEAF_TYPES:
        return True
    if kind is dict:
        return all(type(k) is str and _faithful(v) for k, v in value.items())
    if kind is list or kind is tuple:
        return all(type(v) in _LEAF_TYPES or _faithful(v) for v in value)
    return False


def _copy_result(result: PageResult) -> PageResult:
    return replace(result, **{f.name: _copy(getattr(result, f.name)) for f in fields(result) if f.name not in SHARED})


def _copy(value: Any) -> Any:
    """Return a copy of the dicts, lists and tuples in `value`; anything else (text, numbers, frozen rules) as is."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _LEAF_TYPES else _copy(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _LEAF_TYPES else _copy(v) for v in value]
    if kind is tuple:
        return tuple(v if type(v) in _LEAF_TYPES else _copy(v) for v in value)
    if isinstance(value, (dict, list)):  # a subclass: copied as its base type
        return _copy(dict(value) if isinstance(value, dict) else list(value))
    return value
