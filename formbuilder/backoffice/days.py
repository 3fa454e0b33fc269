"""Days as staff type them (Japan time) for the back office's filters: parsed once, bounded in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

JST = timezone(timedelta(hours=9))
FORMAT_HINT = "2026-04-01"


def parse(value: str, label: str, problems: list[str]) -> date | None:
    """Return the day typed, None when empty; a wrong one adds a message in Japanese to `problems`."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{label}は {FORMAT_HINT} の形の日付で入力してください。")
        return None


def start_utc(day: date, extra_days: int = 0) -> datetime:
    """Midnight in Japan starting `day` (+ `extra_days`), as UTC.

    SQLite compares the stored UTC text, so a bound in another offset would be off by nine hours.
    """
    return datetime.combine(day + timedelta(days=extra_days), time(), JST).astimezone(UTC)


def today() -> date:
    return datetime.now(JST).date()
