"""Statuses of a submission and who may move it where (国の標準: 処理中・要再申請・完了・却下・取り下げ)."""

from __future__ import annotations

from dataclasses import dataclass

from ..api import outbox
from ..extensions import db
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


class MoveRefused(ValueError):
    """The move is not allowed, or lacks what it needs; the message says which, in Japanese."""


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


def apply(submission: Submission, move: Move, *, by: str, account_id: int | None) -> StatusChange:
    """Record the change and set the status (the caller commits, with its audit event)."""
    change = StatusChange(
        submission_id=submission.id,
        account_id=account_id,
        by=by,
        from_status=submission.status,
        to_status=move.to_status,
        comment=move.comment,
    )
    submission.status = move.to_status
    db.session.add(change)
    outbox.status_changed(submission)
    return change


def history(submission: Submission) -> list[StatusChange]:
    return list(
        db.session.scalars(
            db.select(StatusChange).where(StatusChange.submission_id == submission.id).order_by(StatusChange.id)
        )
    )


def withdraw(submission: Submission) -> StatusChange | None:
    """The applicant withdraws (取り下げ); None when it is already decided or withdrawn."""
    if submission.status not in WITHDRAWABLE:
        return None
    return apply(submission, Move("withdrawn", ""), by=APPLICANT, account_id=None)


def comment_for_applicant(submission: Submission) -> str:
    """The municipality's latest comment to the applicant, if the current status has one."""
    for change in reversed(history(submission)):
        if change.to_status == submission.status:
            return change.comment
    return ""
