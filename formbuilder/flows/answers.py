"""Evaluate a draft's typed answers against a definition: visibility, values, errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from flask_babel import get_locale
from werkzeug.datastructures import MultiDict
from wtforms import Form

from ..definitions.checks import failing
from ..definitions.model import Field, FormDefinition, Page
from ..definitions.rules import evaluate, referenced_fields
from ..fields import REGISTRY
from . import page_cache

Raw = Mapping[str, list[str]]


@dataclass
class PageResult:
    page: Page
    form: Form
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    shown: dict[str, bool] = field(default_factory=dict)
    # Rules the browser re-evaluates as the citizen types: those that look at a field of
    # this same page, with the values of the earlier-page fields they also look at.
    client_rules: dict[str, tuple[Any, dict[str, Any]]] = field(default_factory=dict)
    # Each repeating group's items, as the fields renamed for each item (fields/group.py).
    items: dict[str, list[tuple[Field, ...]]] = field(default_factory=dict)
    # The values of the page's calculated fields (in items too), as the page shows them.
    computed: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> list[Field]:
        """Return the page's fields as asked, each group's items in place of the group."""
        found: list[Field] = []
        for item in self.page.fields:
            if item.name in self.items:
                found.extend(sub for fields in self.items[item.name] for sub in fields)
            else:
                found.append(item)
        return found

    @property
    def valid(self) -> bool:
        return not self.errors

    def anchor(self, item: Field) -> str:
        """Return the id of the first input of `item` that is wrong (the link of its error)."""
        wt = self.form[item.name] if item.name in self.form._fields else None
        bad = getattr(wt, "bad", None)
        ftype = REGISTRY[item.type]
        return ftype.anchor(item, bad) if bad else ftype.anchor(item)

    def error_links(self, errors: Mapping[str, list[str]]) -> list[tuple[str, str, str]]:
        """Return (field name, input id, first message) of each field in `errors`, as asked."""
        return [(item.name, self.anchor(item), errors[item.name][0]) for item in self.fields() if item.name in errors]


@dataclass
class Evaluation:
    """Every visible page of a form, evaluated in order against the answers so far."""

    pages: list[PageResult]
    values: dict[str, Any]

    def result(self, page_id: str) -> PageResult | None:
        return next((r for r in self.pages if r.page.id == page_id), None)

    def first_invalid(self) -> PageResult | None:
        return next((r for r in self.pages if not r.valid), None)


def raw_inputs(definition: FormDefinition, page: Page, posted: Mapping[str, Any]) -> dict[str, list[str]]:
    """Return the posted inputs that belong to `page`'s fields, as lists of strings."""
    getlist = posted.getlist if hasattr(posted, "getlist") else lambda k: [posted[k]] if k in posted else []
    kept: dict[str, list[str]] = {}
    for item in page.fields:
        ftype = REGISTRY[item.type]
        if ftype.takes_files:  # written by the server (flows/uploads.py), never posted
            continue
        for name in page_cache.derived(item, "inputs", partial(_input_names, item)):
            kept[name] = [str(v) for v in getlist(name)]
    return kept


def group_items(page: Page, raw: Raw) -> dict[str, list[tuple[Field, ...]]]:
    """Return the items of each repeating group of `page`, as many as the typed answers hold."""
    return {
        item.name: [
            page_cache.derived(item, f"item {index}", partial(REGISTRY[item.type].item, item, index))  # type: ignore[attr-defined]
            for index in range(REGISTRY[item.type].count(item, raw))  # type: ignore[attr-defined]
        ]
        for item in page.fields
        if REGISTRY[item.type].item_fields(item)
    }


def _input_names(item: Field) -> tuple[str, ...]:
    return tuple(REGISTRY[item.type].input_names(item))


def build_form(
    page: Page,
    raw: Raw,
    known: Mapping[str, Any] | None = None,
    items: Mapping[str, list[tuple[Field, ...]]] | None = None,
) -> Form:
    """Return a WTForms form of the page's input fields bound to the typed answers.

    `known` holds the values of the fields asked before (earlier pages, then this page's
    fields as they validate); a validator that compares with an earlier answer (an
    era_date's `after_field`) reads it as `form.meta.known`. `items`: group_items(page, raw).
    """
    form_class = _form_class(page, group_items(page, raw) if items is None else items)
    # Only the page's own inputs (the draft holds every page's): empty rather than None when
    # the draft holds any, as WTForms reads an absent input and no formdata differently.
    own = {item.name for item in page.fields}
    pairs = [(k, v) for k, values in raw.items() if k.partition("-")[0] in own for v in values]  # page_cache.owner
    formdata = _Inputs(pairs) if pairs or any(raw.values()) else None
    return form_class(formdata=formdata, meta={"known": known if known is not None else {}})


class _Inputs(MultiDict):
    """The typed inputs: get() of an input not sent returns the default without raising and
    catching werkzeug's BadRequestKeyError, which costs most of a page with empty boxes."""

    def get(self, key: Any, default: Any = None, type: Any = None) -> Any:  # type: ignore[override]
        return super().get(key, default, type) if key in self else default


# Built form classes per (page, language): building one costs more than validating it, and
# everything a field type builds depends only on its definition and the language of the
# messages it fills in (what depends on today or on other answers is read at validation).
_FORM_CLASSES: dict[tuple[int, str, tuple[int, ...]], tuple[Page, type[Form]]] = {}


def _form_class(page: Page, items: Mapping[str, list[tuple[Field, ...]]]) -> type[Form]:
    key = (id(page), str(get_locale()), tuple(len(found) for found in items.values()))
    cached = _FORM_CLASSES.get(key)
    if cached is not None and cached[0] is page:
        return cached[1]
    attributes = {}
    asked = [sub for item in page.fields for sub in _asked(item, items)]
    for item in asked:
        unbound = REGISTRY[item.type].wtforms_field(item)
        if unbound is not None:
            attributes[item.name] = unbound
    form_class = type("PageForm", (Form,), attributes)
    if len(_FORM_CLASSES) > 4096:  # definitions reloaded many times: start again
        _FORM_CLASSES.clear()
    _FORM_CLASSES[key] = (page, form_class)
    return form_class


def _asked(item: Field, items: Mapping[str, list[tuple[Field, ...]]]) -> list[Field]:
    """Return the fields asked for `item`: itself, or each field of each of its group's items."""
    if item.name in items:
        return [sub for fields in items[item.name] for sub in fields]
    return [item]


def evaluate_page(page: Page, raw: Raw, earlier: Mapping[str, Any]) -> PageResult:
    """Validate one page's answers in field order; fields whose rule fails are skipped.

    A repeating group's item fields are validated one by one like any field, under their
    item's names; the group's value is then the list of its items' values.
    """
    known = dict(earlier)
    items = group_items(page, raw)
    form = build_form(page, raw, known, items)
    result = PageResult(page=page, form=form, items=items)
    on_page = {sub.name for sub in result.fields()} | {item.name for item in page.fields}
    for group in page.fields:
        if group.name not in result.items:
            _evaluate_field(group, form, known, earlier, on_page, result)
            continue
        result.shown[group.name] = shown = evaluate(group.when, known)
        _client_rule(group, earlier, on_page, result)
        if not shown:
            continue
        for item in _asked(group, result.items):
            _evaluate_field(item, form, known, earlier, on_page, result)
        value = REGISTRY[group.type].collect(group, len(result.items[group.name]), known)  # type: ignore[attr-defined]
        if value is not None:
            result.values[group.name] = value
            known[group.name] = value
    _check_between_answers(result, known)
    return result


def _check_between_answers(result: PageResult, known: Mapping[str, Any]) -> None:
    """Add the message of each field's first failing check (`checks`) to that field."""
    own = set(result.errors)  # the fields' own errors; a check waits until they are fixed
    for item in result.page.fields:
        if not item.checks or not result.shown.get(item.name) or item.name in own:
            continue
        check = failing(item, known, broken=own)
        if check is not None:
            result.errors[item.name] = [check.message.get()]


def _client_rule(item: Field, earlier: Mapping[str, Any], on_page: set[str], result: PageResult) -> None:
    names = {name for name, _, _ in referenced_fields(item.when, "")}
    if names & on_page:
        result.client_rules[item.name] = (item.when, {n: earlier[n] for n in names - on_page if n in earlier})


def _evaluate_field(
    item: Field, form: Form, known: dict[str, Any], earlier: Mapping[str, Any], on_page: set[str], result: PageResult
) -> None:
    """Validate one field and keep its value (in `known` only, for an item field) or its errors."""
    shown = evaluate(item.when, known)
    result.shown[item.name] = shown
    _client_rule(item, earlier, on_page, result)
    if not shown:
        return
    ftype = REGISTRY[item.type]
    if ftype.computed:  # from the answers so far, never from what was posted
        value = result.computed[item.name] = ftype.compute(item, known)
    elif item.name in form._fields:
        wt = form[item.name]
        if not wt.validate(form):
            result.errors[item.name] = list(wt.errors)
            return
        value = ftype.value(item, wt.data)
    else:
        return
    if value is not None:
        if item.name in {f.name for f in result.page.fields}:
            result.values[item.name] = value
        known[item.name] = value


def evaluate_all(definition: FormDefinition, raw: Raw) -> Evaluation:
    """Evaluate every page whose rule holds, in order; values of hidden things are dropped."""
    values: dict[str, Any] = {}
    results = []
    typed = page_cache.inputs_by_page(definition, raw)
    for index, page in enumerate(definition.pages):
        if not evaluate(page.when, values):
            continue
        # The same inputs and earlier answers give the same result: kept between requests (page_cache.py).
        result = page_cache.evaluated(
            definition, index, typed[index], values, partial(evaluate_page, page, raw, values)
        )
        values.update(result.values)
        results.append(result)
    return Evaluation(pages=results, values=values)
