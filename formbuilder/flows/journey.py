"""Page order under the rules: where a citizen may be, and where Next and Back lead."""

from __future__ import annotations

from dataclasses import dataclass

from ..definitions.model import FormDefinition, Page
from ..fields import REGISTRY
from ..fields.group import ADD, REMOVE, GroupType
from ..storage.models import Draft
from . import drafts, exits, uploads
from .answers import Evaluation, PageResult, evaluate_all, raw_inputs

CHECK = "check"
GROUP_ACTIONS = (ADD, REMOVE)  # 「追加する」 and 「削除」 of a repeating group: the page stays
LANGUAGE = "language:"  # `language:<code>`, a language of the header's switcher: kept like 戻る, then the same page


@dataclass
class Step:
    """Where to go after a page was posted, and the page result when it must be shown again."""

    target: str | None
    result: PageResult | None = None
    show_errors: bool = True
    evaluation: Evaluation | None = None  # of the answers saved, when the page is shown again


def visible_ids(evaluation: Evaluation) -> list[str]:
    return [r.page.id for r in evaluation.pages]


def allowed_page(evaluation: Evaluation, draft: Draft, page_id: str) -> str:
    """Return `page_id` if the citizen may open it now, else the page they should be on.

    Pages are taken in order: a page opens once every visible page before it was completed.
    """
    order = visible_ids(evaluation)
    reached = set(draft.reached or [])
    for result in evaluation.pages:
        if result.page.id == page_id:
            return page_id
        if result.page.id not in reached:
            return result.page.id
        ended = exits.of_page(result, evaluation, draft)
        if ended is not None:  # the journey ends after this page: later pages lead to the exit
            return exits.target(ended)
    return next((p for p in order if p not in reached), CHECK)


def check_allowed(evaluation: Evaluation, draft: Draft) -> str:
    """Return CHECK when every visible page is complete and valid, else the page to fix (or an exit)."""
    reached = set(draft.reached or [])
    for result in evaluation.pages:
        if result.page.id not in reached or not result.valid:
            return result.page.id
        ended = exits.of_page(result, evaluation, draft)
        if ended is not None:
            return exits.target(ended)
    return CHECK


def post_page(
    definition: FormDefinition, draft: Draft, page_id: str, posted, action: str, to_check: bool, files=None
) -> Step:
    """Keep what was typed (and the files sent) on the page, then move Back, or Next when valid.

    A LANGUAGE action keeps it as Back does, unchecked (a half-typed answer comes back as typed, with
    no error), and leads to the same page, which the caller shows in the language chosen.

    A page posted before the pages ahead of it were completed (or one hidden by its rule)
    keeps nothing and leads to the page the citizen should be on (SEC-15). A refused file
    keeps the citizen on the page with its reason, whatever the button; the buttons that stay
    (an assist button, 「添付する」, 「削除」, a language) show no other errors.
    """
    page = definition.page(page_id)
    allowed = allowed_page(evaluate_all(definition, draft.answers), draft, page_id)
    if allowed != page_id:
        return Step(allowed)
    typed = raw_inputs(definition, page, posted)
    if action.startswith("assist:"):
        typed = _assist(page, action.removeprefix("assist:"), typed)
    if action.startswith(GROUP_ACTIONS):
        typed = _group(page, action, typed)
    refused = uploads.take(page, draft, files, action)
    typed.update(uploads.entries(page, draft))
    # Evaluated once on the answers as they will be saved, then saved once (one commit).
    evaluation = evaluate_all(definition, {**(draft.answers or {}), **typed})
    order = visible_ids(evaluation)
    result = evaluation.result(page_id)
    stays = action.startswith(("assist:", uploads.REMOVE, *GROUP_ACTIONS))
    if (stays or refused) and result is not None:
        drafts.save(draft, typed)
        if stays or action.startswith(LANGUAGE):
            result.errors = {}
        result.errors.update(refused)  # the reasons replace "please attach" and the like
        return Step(None, result, show_errors=bool(refused), evaluation=evaluation)
    if action == "back" or action.startswith(LANGUAGE):
        drafts.save(draft, typed)
        if action.startswith(LANGUAGE):
            return Step(page_id)
        index = order.index(page_id) if page_id in order else 0
        return Step(order[index - 1] if index > 0 else None)
    if result is None:  # the page no longer applies after earlier changes
        drafts.save(draft, typed)
        return Step(allowed_page(evaluation, draft, order[0]))
    if not result.valid:
        drafts.save(draft, typed)
        return Step(None, result, evaluation=evaluation)
    reached = [p for p in order if p in set(draft.reached or []) | {page_id}]
    drafts.save(draft, typed, reached=reached)
    ended = exits.applying(evaluation, draft)
    if ended is not None:  # an eligibility exit: its page, the answers kept, counted once a draft
        exits.count_once(definition.slug, draft, ended)
        return Step(exits.target(ended))
    if to_check:
        return Step(check_allowed(evaluation, draft))
    later = order[order.index(page_id) + 1 :]
    return Step(later[0] if later else CHECK)


def keep_typed(definition: FormDefinition, draft: Draft, page_id: str, posted) -> Evaluation | None:
    """Save what was typed on a page without moving on (its form token had expired).

    Returns None, keeping nothing, for an unknown page or one the citizen may not be on yet.
    """
    try:
        page = definition.page(page_id)
    except KeyError:
        return None
    if allowed_page(evaluate_all(definition, draft.answers), draft, page_id) != page_id:
        return None
    drafts.save(draft, raw_inputs(definition, page, posted))  # files are not taken without a token
    return evaluate_all(definition, draft.answers)


def _group(page: Page, action: str, typed: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add or remove an item of the repeating group the button names (fields/group.py)."""
    name = action.split(":")[1] if action.count(":") else ""
    for item in page.fields:
        if item.name == name and item.type == GroupType.name:
            return REGISTRY[item.type].act(item, action, typed)  # type: ignore[attr-defined]
    return typed


def _assist(page: Page, field_name: str, typed: dict[str, list[str]]) -> dict[str, list[str]]:
    """Let the field's type fill inputs (postal code → address) when its button was pressed."""
    for item in page.fields:
        if item.name == field_name:
            return REGISTRY[item.type].assist(item, typed)
    return typed
