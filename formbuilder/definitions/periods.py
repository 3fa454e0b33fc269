"""When a form takes applications: `opens_at`, `closes_at` (Japan time) and `max_submissions`.

A bound is an ISO date-time with its offset (`2027-04-01T09:00+09:00`) or a date (`2027-04-01`).
A date means the whole day in Japan time: `opens_at` from 0:00 of that day, `closes_at` up to the
end of that day (the form closes at 0:00 of the next day). Instants are kept in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

JST = timezone(timedelta(hours=9))
# A date, or a date-time with seconds optional and an offset required (no "local" time).
PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2}))?$"
HINT = "Write a date (2027-04-01: the whole day in Japan time) or a date-time with its offset (2027-04-01T09:00+09:00)."
_DATE_ONLY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Moment:
    """One bound of the period: the instant (UTC), whether it was written as a day, which end."""

    at: datetime
    whole_day: bool
    closing: bool

    def day(self) -> date:
        """Return the day people read, in Japan time (for a closing day: the last day to apply)."""
        local = self.at.astimezone(JST)
        return (local - timedelta(days=1)).date() if self.whole_day and self.closing else local.date()

    def clock(self) -> time | None:
        """Return the time of day in Japan time, or None for a bound written as a day."""
        return None if self.whole_day else self.at.astimezone(JST).time()


def parse(value: str, closing: bool) -> Moment:
    """Return the bound `value` describes; ValueError when it is no real date or time."""
    if _DATE_ONLY.match(value):
        day = date.fromisoformat(value) + timedelta(days=1 if closing else 0)
        return Moment(datetime.combine(day, time(), JST).astimezone(UTC), whole_day=True, closing=closing)
    at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if at.tzinfo is None:
        raise ValueError("a date-time needs its offset, such as +09:00")
    return Moment(at.astimezone(UTC), whole_day=False, closing=closing)


def bounds(raw: dict[str, Any]) -> tuple[Moment | None, Moment | None]:
    """Return the (opens_at, closes_at) of schema-valid, checked definition JSON."""
    opens, closes = raw.get("opens_at"), raw.get("closes_at")
    return (
        parse(opens, closing=False) if opens else None,
        parse(closes, closing=True) if closes else None,
    )


def problems(raw: Any) -> Iterator[tuple[str, str]]:
    """Yield (pointer, message) for bounds that are no real date, or a period that ends first."""
    found: dict[str, Moment] = {}
    for key in ("opens_at", "closes_at"):
        value = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(value, str):
            continue
        try:
            found[key] = parse(value, closing=key == "closes_at")
        except ValueError as exc:
            yield f"/{key}", f"{value!r} is not a real date or time ({exc}). {HINT}"
    if len(found) == 2 and found["closes_at"].at <= found["opens_at"].at:
        yield "/closes_at", "closes_at must be after opens_at (a date in closes_at means the end of that day)"


@dataclass(frozen=True)
class State:
    """Whether a form takes applications now, and why not: "open", "not_yet", "closed" or "full"."""

    name: str
    opens: Moment | None
    closes: Moment | None

    @property
    def open(self) -> bool:
        return self.name == "open"


def state(opens: Moment | None, closes: Moment | None, cap: int | None, count: int, now: datetime) -> State:
    """Return whether a form with these bounds and `count` submissions of `cap` is open at `now`."""
    if opens is not None and now < opens.at:
        return State("not_yet", opens, closes)
    if closes is not None and now >= closes.at:
        return State("closed", opens, closes)
    if cap is not None and count >= cap:
        return State("full", opens, closes)
    return State("open", opens, closes)
