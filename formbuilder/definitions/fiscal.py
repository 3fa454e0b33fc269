"""The Japanese fiscal year (年度: 4月1日〜3月31日) and ages on a given day, for age rules.

Ages count completed years, a birthday counting from its own day; someone born on 2月29日
turns a year older on 3月1日 in a common year. By 年齢計算ニ関スル法律 a person legally
"reaches" an age (達する日) the day before that birthday, which is why a school year (and
児童手当's 「18歳に達する日以後の最初の3月31日」) runs from 4月2日 births to 4月1日 births: the
age on 4月1日, the first day of the fiscal year, is the one that decides.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
# Named days an age may be counted on; anything else is a YYYY-MM-DD date.
REFERENCE_DAYS = ("today", "fiscal_year_start", "fiscal_year_end")


def japan_today() -> date:
    """Return today's date in Japan (the server may run in UTC)."""
    return datetime.now(TOKYO).date()


def fiscal_year_start(day: date) -> date:
    """Return 4月1日 of the fiscal year that holds `day`."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def fiscal_year_end(day: date) -> date:
    """Return 3月31日 that ends the fiscal year holding `day`."""
    return date(fiscal_year_start(day).year + 1, 3, 31)


def age_on(born: date, on: date) -> int:
    """Return the age in completed years on `on` of someone born on `born`."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def reference_day(on: str, today: date | None = None) -> date:
    """Return the day an age is counted on: today, this fiscal year's first or last day, or a date."""
    now = today or japan_today()
    if on == "today":
        return now
    if on == "fiscal_year_start":
        return fiscal_year_start(now)
    if on == "fiscal_year_end":
        return fiscal_year_end(now)
    return date.fromisoformat(on)
