"""Statuses of a submission, who may move it where, and the one way a move is written.

国の標準: 処理中・要再申請・完了・却下・取り下げ. Every move (staff page, API, the applicant's
withdrawal and resubmission) goes through `apply`: a compare-and-set on the status the person
saw, with its history row and webhook in the same transaction (REL-05).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from ..api import outbox
from ..extensions import db
from ..i18n import Localized, written_in
from ..staff import audit
from ..staff.models import StaffAccount
from ..storage.clock import utcnow
from ..storage.database import affected
from ..storage.models import StatusChange, Submission

LABELS = {
    "received": "受付",
    "in_progress": "処理中",
    "returned": "要再申請",
    "completed": "完了",
    "rejected": "却下",
    "withdrawn": "取り下げ",
}
# Moves staff may make; the applicant's own (resubmit, withdraw) are in the citizen flows.
STAFF_MOVES = {
    "received": ("in_progress", "returned", "completed", "rejected"),
    "in_progress": ("returned", "completed", "rejected"),
    "returned": ("in_progress",),
}
NEEDS_COMMENT = frozenset({"returned", "rejected"})
# The applicant may withdraw what is not decided yet.
WITHDRAWABLE = frozenset({"received", "in_progress", "returned"})
# Decided or withdrawn: nothing moves it any more, and its retention period runs.
CLOSED = frozenset(LABELS) - WITHDRAWABLE
COMMENT_MAX = 2000
APPLICANT = "申請者"  # `by` of the applicant's own moves (withdraw, resubmit)
STAFF_CONFLICT = "他の職員が先に状態を変更しました。最新の状態を確認してください。"


class MoveRefused(ValueError):
    """The move is not allowed, or lacks what it needs; the message says which, in Japanese."""


class Conflict(Exception):
    """The status is no longer the one the person saw: someone moved it first. Nothing was written.

    The session has been rolled back, so the submission reloads its current status.
    """


@dataclass(frozen=True)
class Move:
    to_status: str
    comment: str


def staff_moves(submission: Submission) -> tuple[str, ...]:
    return STAFF_MOVES.get(submission.status, ())


def check(submission: Submission, to_status: str, comment: str) -> Move:
    comment = comment.strip()
    if to_status not in staff_moves(submission):
        raise MoveRefused(f"「{LABELS.get(submission.status, submission.status)}」の申請は、その状態にできません。")
    if to_status in NEEDS_COMMENT and not comment:
        raise MoveRefused(f"「{LABELS[to_status]}」にするときは、申請者へのコメント（理由）を入力してください。")
    if len(comment) > COMMENT_MAX:
        raise MoveRefused(f"コメントは{COMMENT_MAX}文字以内で入力してください。")
    return Move(to_status, comment)


def apply(submission: Submission, move: Move, *, seen: str, by: str, account_id: int | None) -> StatusChange:
    """Move `submission` from `seen`, the status its page showed, and queue the history and webhook.

    One `UPDATE … WHERE id = :id AND status = :seen`: when another request moved it first, no
    row matches (on PostgreSQL the later UPDATE waits for the earlier one to commit, then sees
    the new status), the transaction is rolled back and Conflict is raised. The caller commits.
    """
    now = utcnow()
    moved = affected(
        update(Submission)
        .where(Submission.id == submission.id, Submission.status == seen)
        .values(status=move.to_status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved != 1:
        _conflict()
    set_committed_value(submission, "status", move.to_status)
    set_committed_value(submission, "updated_at", now)
    change = StatusChange(
        submission_id=submission.id,
        account_id=account_id,
        by=by,
        from_status=seen,
        to_status=move.to_status,
        comment=move.comment,
    )
    db.session.add(change)
    outbox.status_changed(submission)
    return change


def decide(submission: Submission, seen: str, to_status: str, comment: str, *, account: StaffAccount) -> Move:
    """A staff member's move from the status their page showed, with its audit event; the caller commits."""
    if submission.status != seen:
        _conflict()
    move = check(submission, to_status, comment)
    apply(submission, move, seen=seen, by=account.display_name, account_id=account.id)
    audit.record("status_change", account, target=f"{submission.reference} → {move.to_status}")
    return move


def _conflict() -> None:
    db.session.rollback()
    raise Conflict()


def history(submission: Submission) -> list[StatusChange]:
    return list(
        db.session.scalars(
            db.select(StatusChange).where(StatusChange.submission_id == submission.id).order_by(StatusChange.id)
        )
    )


def withdraw(submission: Submission, seen: str) -> StatusChange:
    """The applicant withdraws (取り下げ) what their page showed; Conflict when it moved or is decided."""
    if submission.status != seen or seen not in WITHDRAWABLE:
        _conflict()
    change = apply(submission, Move("withdrawn", ""), seen=seen, by=APPLICANT, account_id=None)
    audit.record("withdrawn", login=APPLICANT, target=submission.reference)
    return change


def comment_for_applicant(submission: Submission) -> Localized:
    """The municipality's latest comment to the applicant, if the current status has one.

    It knows the language it is written in (Japanese as a rule), so an English page marks it lang="ja".
    """
    for change in reversed(history(submission)):
        if change.to_status == submission.status:
            return written_in(change.comment)
    return written_in("")
