"""Eligibility exits: whether one ends a draft's journey now, and counting the drafts that reach one.

An exit belongs to a page and is tested once that page was sent with 次へ and is valid: its
rule looks at the answers of that page and of earlier ones. While it holds, the pages after it,
the check page and the submit lead to the exit's page; the answers stay in the draft, so the
citizen can change them and go on. Each draft counts once per exit, on the day (Japan time)
it first reaches it; the count table holds no answer and no draft.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..definitions.fiscal import japan_today
from ..definitions.model import Exit
from ..definitions.rules import evaluate
from ..extensions import db
from ..storage.database import affected
from ..storage.models import Draft, ExitCount
from .answers import Evaluation, PageResult

PREFIX = "exit:"  # a journey target naming an exit (page ids cannot hold ":")


def target(found: Exit) -> str:
    return PREFIX + found.id


def exit_id(journey_target: str | None) -> str | None:
    """Return the exit a journey target names, or None for a page or the check page."""
    if journey_target and journey_target.startswith(PREFIX):
        return journey_target.removeprefix(PREFIX)
    return None


def of_page(result: PageResult, evaluation: Evaluation, draft: Draft) -> Exit | None:
    """Return the first exit of a completed, valid page whose rule holds on the answers."""
    if result.page.id not in (draft.reached or []) or not result.valid:
        return None
    return next((found for found in result.page.exits if evaluate(found.when, evaluation.values)), None)


def applying(evaluation: Evaluation, draft: Draft) -> Exit | None:
    """Return the exit that ends the journey now (the first in page order), or None."""
    for result in evaluation.pages:
        found = of_page(result, evaluation, draft)
        if found is not None:
            return found
    return None


def count_once(slug: str, draft: Draft, found: Exit) -> None:
    """Count the draft at the exit unless it was counted there before; commit."""
    counted = list(draft.exits_counted or [])
    if found.id in counted:
        return
    day = japan_today()
    row = (ExitCount.form_slug == slug, ExitCount.exit_id == found.id, ExitCount.day == day)
    if not affected(update(ExitCount).where(*row).values(count=ExitCount.count + 1)):
        try:
            with db.session.begin_nested():
                db.session.add(ExitCount(form_slug=slug, exit_id=found.id, day=day, count=1))
        except IntegrityError:  # the day's first count, made by a parallel request
            affected(update(ExitCount).where(*row).values(count=ExitCount.count + 1))
    draft.exits_counted = [*counted, found.id]
    db.session.commit()


def counts(slug: str) -> list[ExitCount]:
    """Return a form's exit counts, by day then exit."""
    query = select(ExitCount).where(ExitCount.form_slug == slug).order_by(ExitCount.day, ExitCount.exit_id)
    return list(db.session.scalars(query))
