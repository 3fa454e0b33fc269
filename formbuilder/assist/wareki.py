"""和暦: the era table and how a date is written with its era beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: date


# Newest first; each era runs until the day before the next one starts.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 10, 23)),
)


def era_of(day: date) -> tuple[Era, int] | None:
    """Return the era and era year of `day`, or None before 明治."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    return None


def era_year_text(day: date) -> str:
    """Return e.g. 令和6年 or 令和元年."""
    found = era_of(day)
    if found is None:
        return ""
    era, year = found
    return f"{era.name}{'元' if year == 1 else year}年"


def japanese_date(day: date) -> str:
    """Return 2024年4月1日（令和6年）: 西暦 with 和暦 beside it."""
    text = f"{day.year}年{day.month}月{day.day}日"
    era = era_year_text(day)
    return f"{text}（{era}）" if era else text
