"""The list of a form's submissions: filters, sort and pages, always scoped by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, UnaryExpression, func, select

from ..extensions import db
from ..storage.models import Submission
from . import days
from .search import fold
from .status import LABELS

PAGE_SIZE = 50
SORTS: dict[str, UnaryExpression[Any]] = {
    "new": Submission.submitted_at.desc(),
    "old": Submission.submitted_at.asc(),
    "reference": Submission.reference.asc(),
}


@dataclass(frozen=True)
class Filters:
    """What the list shows. `text` (a name or number) never goes into a URL: `sealed` does (list_search)."""

    status: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""
    sort: str = "new"
    page: int = 1
    sealed: str = ""

    @classmethod
    def from_args(cls, args, *, text: str = "", sealed: str = "") -> Filters:
        def day(name: str) -> date | None:
            try:
                return date.fromisoformat(args.get(name, ""))
            except ValueError:
                return None

        page = args.get("page", "1")
        return cls(
            status=args.get("status", "") if args.get("status", "") in LABELS else "",
            since=day("since"),
            until=day("until"),
            text=text.strip()[:100],
            sort=args.get("sort", "new") if args.get("sort", "new") in SORTS else "new",
            page=max(1, int(page)) if page.isascii() and page.isdigit() and len(page) < 7 else 1,
            sealed=sealed,
        )

    def url_args(self, page: int = 1) -> dict[str, str]:
        """The query arguments of this list at `page`: the filters that name no one, the search sealed."""
        found = {
            "status": self.status,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "sort": self.sort if self.sort != "new" else "",
            "search": self.sealed,
            "page": str(page) if page > 1 else "",
        }
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True)
class Listing:
    rows: list[Submission]
    total: int
    pages: int


def query(slugs: list[str], filters: Filters) -> Select:
    """The submissions of `slugs` (the forms the account may see) matching the filters."""
    found = select(Submission).where(Submission.form_slug.in_(slugs))
    if filters.status:
        found = found.where(Submission.status == filters.status)
    if filters.since:
        found = found.where(Submission.submitted_at >= days.start_utc(filters.since))
    if filters.until:
        found = found.where(Submission.submitted_at < days.start_utc(filters.until, extra_days=1))
    if filters.text:
        found = found.where(Submission.search_text.contains(fold(filters.text), autoescape=True))
    return found


def page_of(slugs: list[str], filters: Filters) -> Listing:
    found = query(slugs, filters)
    total = db.session.scalar(select(func.count()).select_from(found.subquery())) or 0
    rows = db.session.scalars(
        found.order_by(SORTS[filters.sort], Submission.id.desc())
        .limit(PAGE_SIZE)
        .offset((filters.page - 1) * PAGE_SIZE)
    )
    return Listing(list(rows), total, max(1, -(-total // PAGE_SIZE)))
