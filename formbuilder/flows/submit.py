"""The final submit: re-validate everything, store once, however often it is posted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..api import outbox
from ..attachments import records
from ..backoffice import counter
from ..backoffice.search import search_text
from ..definitions.model import FormDefinition
from ..definitions.periods import State
from ..extensions import db
from ..fields import REGISTRY
from ..storage.models import Draft, Submission
from . import availability, correction, exits
from .answers import evaluate_all
from .secrets import new_reference, new_secret, seal, secret_digest
from .versions import form_version


@dataclass
class Outcome:
    submission: Submission | None
    invalid_page: str | None = None
    # A correction whose submission staff moved on meanwhile (no longer 要再申請).
    closed: bool = False
    # Not stored because the form takes no applications now (not yet, closed, full: see
    # flows/availability.py); the draft is kept as it was.
    refused: State | None = None


class StaleSubmit(Exception):
    """The posted submit token is not the one of this draft (an old tab or a forged post)."""


def submit(definition: FormDefinition, draft: Draft, submit_token: str, language: str, key: str) -> Outcome:
    """Store the draft as a submission exactly once and return it.

    A repeated post of the same token returns the submission already made; invalid
    answers (a skipped page, a definition that changed) send the citizen to that page.
    `key` is the browser's draft token: the draft keeps the access secret only sealed
    under it (for the confirmation page), and drops the typed answers once submitted.
    The token is not renewed here: a submit whose answer was lost (a worker killed after the
    commit) is sent again with the same cookie and must land on the same confirmation
    (REL-04); the token was issued by the server when the draft began (no fixation).
    """
    if draft.submission_id is not None:
        return Outcome(db.session.get(Submission, draft.submission_id))
    if submit_token != draft.submit_token:
        raise StaleSubmit()
    evaluation = evaluate_all(definition, draft.answers)
    broken = evaluation.first_invalid()
    if broken is not None or any(r.page.id not in draft.reached for r in evaluation.pages):
        missing = broken or next(r for r in evaluation.pages if r.page.id not in draft.reached)
        return Outcome(None, invalid_page=missing.page.id)
    ended = exits.applying(evaluation, draft)
    if ended is not None:  # answers that end the journey (an eligibility exit) are never sent
        return Outcome(None, invalid_page=exits.target(ended))
    if draft.resubmits_id is not None:
        corrected = correction.resubmit(definition, draft, evaluation, language)
        return Outcome(corrected) if corrected is not None else Outcome(None, closed=True)
    taking = availability.claim_place(definition)
    if not taking.open:
        return Outcome(None, refused=taking)
    secret = new_secret()
    version = form_version(definition)
    for _attempt in range(8):
        reference = new_reference()
        submission = Submission(
            reference=reference,
            secret_hash=secret_digest(reference, secret),
            submit_token=draft.submit_token,
            form_slug=definition.slug,
            form_version=definition.version,
            form_version_id=version.id,
            definition_hash=definition.hash,
            language=language,
            answers=evaluation.values,
            status="received",
            search_text=search_text(definition, reference, evaluation.values),
            entered_by_id=draft.entered_by_id,
            entered_by=counter.staff_name(draft),
        )
        try:
            with db.session.begin_nested():
                db.session.add(submission)
        except IntegrityError:
            existing = _by_token(draft.submit_token)
            if existing is not None:  # the same submit, committed by a parallel request
                return Outcome(existing)
            continue  # reference number taken: draw another
        gone = _hand_over_files(definition, evaluation.values, draft, submission)
        if gone is not None:  # a file went away since its page was sent (cleanup)
            db.session.rollback()
            return Outcome(None, invalid_page=gone)
        draft.submission_id = submission.id
        draft.secret = seal(secret, key, draft.submit_token)
        draft.answers = {}
        outbox.submission_stored(submission)
        db.session.commit()
        return Outcome(submission)
    raise RuntimeError("could not draw a free reference number")


def _hand_over_files(definition: FormDefinition, values: dict, draft: Draft, submission: Submission) -> str | None:
    """Move the answered files to the submission; return the page of a file that is gone."""
    wanted: dict[int, str] = {}
    for page in definition.pages:
        for item in page.fields:
            if REGISTRY[item.type].takes_files:
                wanted.update({int(entry["id"]): page.id for entry in values.get(item.name) or []})
    moved = records.hand_over(draft.id, submission.id, keep=wanted)
    if moved == len(wanted):
        return None
    held = {row.id for row in records.of_submission(submission.id)}
    return next(page_id for file_id, page_id in wanted.items() if file_id not in held)


def _by_token(token: str) -> Submission | None:
    return db.session.scalars(select(Submission).where(Submission.submit_token == token)).first()
