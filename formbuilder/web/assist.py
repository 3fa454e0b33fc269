"""Input assistance for the browser's script: postal code and bank lookups, the instant check of a page.

Both answer JSON and keep nothing: the check runs the server's own validation
(flows.answers) on what is typed so far and saves no draft. Nothing typed is logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request

from ..definitions.model import FormDefinition
from ..extensions import limiter
from ..fields import REGISTRY
from ..fields.address import describe
from ..fields.bank_account import search_json
from ..flows import drafts
from ..flows.answers import evaluate_all, raw_inputs
from . import draft_cookie
from .rate_limits import configured

bp = Blueprint("assist", __name__)
LOOKUP_STATUS = {"found": 200, "several": 200, "unknown": 404, "invalid": 400}


@bp.get("/assist/postal/<code>")
@limiter.limit(configured("RATELIMIT_POSTAL"))
def postal(code: str):
    """Return the prefecture, city and towns of a postal code (typed in any width)."""
    found = describe(code)
    return jsonify(found.as_json()), LOOKUP_STATUS[found.status]


@bp.get("/assist/banks")
@limiter.limit(configured("RATELIMIT_POSTAL"))
def banks():
    """Return the banks whose name (kanji, kana, romaji) or code begins or holds `q`."""
    return jsonify(search_json("bank", request.args.get("q", "")[:40]))


@bp.get("/assist/banks/<code>/branches")
@limiter.limit(configured("RATELIMIT_POSTAL"))
def branches(code: str):
    """Return the branches of bank `code` whose name or code begins or holds `q`."""
    return jsonify(search_json("branch", request.args.get("q", "")[:40], code[:4]))


@bp.post("/forms/<slug>/pages/<page_id>/validate")
def validate(slug: str, page_id: str):
    """Return the page's errors and normalised inputs for what is typed so far; save nothing."""
    definition = current_app.extensions["formbuilder.catalogue"].get(slug)
    if definition is None:
        abort(404)
    draft = drafts.find(draft_cookie.token(), slug)
    if draft is None or draft.submission_id is not None:
        return jsonify({"errors": {}, "normalised": {}, "fields": {}, "invalid": {}, "anchors": {}}), 409
    feedback = page_feedback(definition, draft.answers or {}, page_id, request.form)
    if feedback is None:
        abort(404)
    return jsonify(feedback)


def page_feedback(
    definition: FormDefinition, answers: Mapping[str, list[str]], page_id: str, posted: Any
) -> dict[str, Any] | None:
    """Validate `posted` as page `page_id` after the draft's earlier answers, as Next would.

    Returns None when the page does not exist or is hidden by its rule.
    """
    try:
        page = definition.page(page_id)
    except KeyError:
        return None
    typed = raw_inputs(definition, page, posted)
    result = evaluate_all(definition, {**answers, **typed}).result(page_id)
    if result is None:
        return None
    feedback: dict[str, Any] = {"errors": {}, "normalised": {}, "fields": {}, "invalid": {}, "anchors": {}}
    for item in result.fields():  # a repeating group's item fields, each under its own name
        ftype = REGISTRY[item.type]
        if not ftype.takes_input or ftype.takes_files or not result.shown.get(item.name):
            continue
        names = ftype.input_names(item)
        feedback["fields"][item.name] = names
        if item.name in result.errors:
            feedback["errors"][item.name] = result.errors[item.name]
            bad = getattr(result.form[item.name], "bad", None)
            feedback["invalid"][item.name] = [f"{item.name}-{part}" for part in sorted(bad)] if bad else names
            feedback["anchors"][item.name] = result.anchor(item)
            feedback["normalised"].update(getattr(result.form[item.name], "clean", {}))
        elif item.name in result.values:
            feedback["normalised"].update(ftype.value_inputs(item, result.values[item.name]))
    return feedback
