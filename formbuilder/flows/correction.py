"""Correcting a returned (要再申請) submission and sending it again under the same reference number.

`begin` opens a draft that holds the submission's answers (as the inputs each field type
says give its value back) and its files. The files stay the submission's until the
correction is sent: a file the applicant removes while correcting is only taken out of the
draft, so a correction given up leaves the submission exactly as it was. `resubmit` then
writes the corrected answers over the submission, hands over the files kept, lets go of the
ones removed (`flask forms cleanup` deletes them) and records 要再申請 → 受付 by the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update

from ..attachments import records
from ..backoffice import status
from ..backoffice.search import search_text
from ..definitions.model import FormDefinition
from ..extensions import db
from ..fields import REGISTRY
from ..staff import audit
from ..storage.attachment_models import Attachment
from ..storage.models import Draft, Submission
from . import drafts, uploads
from .answers import Evaluation, evaluate_all
from .versions import form_version

RETURNED = "returned"
CORRECTABLE = frozenset({RETURNED})
RESUBMITTED = "received"  # back in the queue of the department, as a new application would be


def may_correct(submission: Submission, definition: FormDefinition | None) -> bool:
    """Whether the applicant can correct it now: returned, and the form is still served."""
    return submission.status in CORRECTABLE and definition is not None


@dataclass(frozen=True)
class Correcting:
    """What the pages of a correction draft show: the number and the city's comment."""

    reference: str
    comment: str


def of_draft(draft: Draft) -> Correcting | None:
    if draft.resubmits_id is None:
        return None
    submission = db.session.get(Submission, draft.resubmits_id)
    if submission is None:
        return None
    return Correcting(submission.reference, status.comment_for_applicant(submission))


def inputs_of(definition: FormDefinition, answers: dict) -> dict[str, list[str]]:
    """Return the draft inputs that give the stored answers back, field by field."""
    found: dict[str, list[str]] = {}
    for page in definition.pages:
        for item in page.fields:
            value = answers.get(item.name)
            if value is not None:
                found.update(REGISTRY[item.type].draft_inputs(item, value))
    return found


def begin(definition: FormDefinition, submission: Submission, token: str, language: str) -> Draft:
    """Open the correction draft of `submission` for the browser holding `token`."""
    draft = drafts.start(token, definition.slug, language)
    draft.resubmits_id = submission.id
    draft.answers = inputs_of(definition, submission.answers)
    db.session.flush()
    file_fields = {item.name for page in definition.pages for item in uploads.file_fields(page)}
    db.session.execute(
        update(Attachment)
        .where(Attachment.submission_id == submission.id, Attachment.field_name.in_(file_fields))
        .values(draft_id=draft.id)
        .execution_options(synchronize_session=False)
    )
    entries: dict[str, list[str]] = {}
    for page in definition.pages:
        entries.update(uploads.entries(page, draft))
    draft.answers = {**draft.answers, **entries}
    evaluation = evaluate_all(definition, draft.answers)
    draft.reached = [result.page.id for result in evaluation.pages]
    db.session.commit()
    return draft


def resubmit(definition: FormDefinition, draft: Draft, evaluation: Evaluation, language: str) -> Submission | None:
    """Write the corrected answers over the returned submission; None when it is no longer returned.

    The caller has checked the answers. The status moves first, as a compare-and-set on
    要再申請 (the status the applicant corrected from): when a staff member moved it meanwhile,
    nothing is written.
    """
    submission = db.session.get(Submission, draft.resubmits_id)
    if submission is None or submission.status not in CORRECTABLE:
        return None
    try:
        status.apply(submission, status.Move(RESUBMITTED, ""), seen=RETURNED, by=status.APPLICANT, account_id=None)
    except status.Conflict:
        return None
    version = form_version(definition)
    submission.answers = evaluation.values
    submission.form_version = definition.version
    submission.form_version_id = version.id
    submission.definition_hash = definition.hash
    submission.language = language
    submission.search_text = search_text(definition, submission.reference, evaluation.values)
    _hand_over_files(definition, evaluation.values, draft, submission)
    audit.record("resubmitted", login=status.APPLICANT, target=submission.reference)
    draft.submission_id = submission.id
    draft.answers = {}
    db.session.commit()
    return submission


def _hand_over_files(definition: FormDefinition, values: dict, draft: Draft, submission: Submission) -> None:
    kept = {
        int(entry["id"])
        for page in definition.pages
        for item in uploads.file_fields(page)
        for entry in values.get(item.name) or []
    }
    removed = (Attachment.submission_id == submission.id) & Attachment.id.not_in(list(kept))
    db.session.execute(
        update(Attachment)
        .where(removed)
        .values(submission_id=None, draft_id=None)
        .execution_options(synchronize_session=False)
    )
    records.hand_over(draft.id, submission.id, keep=kept)
