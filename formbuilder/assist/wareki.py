"""和暦: the era table, dates written with their era, and a strict reader of typed dates.

The reader accepts what people type (令和6年4月1日, 令和元年5月1日, R6.4.1, Ｈ３１．４．３０,
2024/4/1, full-width digits, every hyphen) and rejects dates no calendar has: 平成31年5月1日,
昭和64年1月8日, 令和0年, 昭和70年. Errors carry a message key and its parameters; the field
type turns them into words (see fields/messages.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .width import ascii_numeric


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: date
    code: str = ""


# Newest first; each era runs until the day before the next one starts.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", date(2019, 5, 1), "reiwa"),
    Era("平成", "H", date(1989, 1, 8), "heisei"),
    Era("昭和", "S", date(1926, 12, 25), "showa"),
    Era("大正", "T", date(1912, 7, 30), "taisho"),
    Era("明治", "M", date(1868, 10, 23), "meiji"),
)
ERA_CODES: tuple[str, ...] = tuple(era.code for era in ERAS)
# Japan counted days by the lunisolar calendar until 明治5年12月2日; 明治6年1月1日 is the first
# Gregorian day, so earlier 和暦 dates have no year-offset conversion. Nothing earlier is accepted.
EARLIEST = date(1873, 1, 1)
MAX_TYPED = 40  # characters; anything longer is not a date

_ERA_WORD = "|".join([e.name for e in ERAS] + [e.letter for e in ERAS])
_YEAR = rf"(?P<era>{_ERA_WORD})?(?P<year>\d{{1,4}}|元)"
_WHOLE = re.compile(rf"{_YEAR}(?:年|[./-])(?P<month>\d{{1,2}})(?:月|[./-])(?P<day>\d{{1,2}})日?")
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
_YEAR_ONLY = re.compile(rf"{_YEAR}年?")


@dataclass(frozen=True)
class EraYear:
    """A year counted in an era: 令和6年, or 令和元年 for the first."""

    era: Era
    year: int

    def __str__(self) -> str:
        return year_text(self.era, self.year)


class DateInputError(ValueError):
    """A typed date that is not a real date; `key` names the message, `params` fill it in.

    The parameters are numbers, eras (`Era`), era years (`EraYear`) and days (`date`), not
    Japanese words: the field type words them in the reader's language (fields/era_date.py).
    """

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def era_of(day: date) -> tuple[Era, int] | None:
    """Return the era and era year of `day`, or None before 明治."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    return None


def era_end(era: Era) -> date | None:
    """Return the last day of `era`, or None for the current one."""
    index = ERAS.index(era)
    return ERAS[index - 1].start - timedelta(days=1) if index else None


def era_by_code(code: str) -> Era | None:
    return next((era for era in ERAS if era.code == code), None)


def _era_named(word: str | None) -> Era | None:
    return next((era for era in ERAS if word in (era.name, era.letter)), None) if word else None


def year_text(era: Era, year: int) -> str:
    """Return e.g. 令和6年 or 令和元年."""
    return f"{era.name}{'元' if year == 1 else year}年"


def era_year_text(day: date) -> str:
    """Return e.g. 令和6年 or 令和元年."""
    found = era_of(day)
    if found is None:
        return ""
    return year_text(*found)


def japanese_date(day: date) -> str:
    """Return 2024年4月1日（令和6年）: 西暦 with 和暦 beside it."""
    text = f"{day.year}年{day.month}月{day.day}日"
    era = era_year_text(day)
    return f"{text}（{era}）" if era else text


def fold(text: str) -> str:
    """Return typed date text with widths, hyphens, era ligatures (㍻, ㋿) and spaces folded."""
    text = unicodedata.normalize("NFKC", ascii_numeric(text))
    return re.sub(r"\s+", "", text).upper()


def from_era(era: Era, year: int, month: int, day: int) -> date:
    """Return the date of 和暦 `era` `year` (1 = 元年), checking that the era holds it."""
    if year < 1:
        raise DateInputError("era_year_zero", era=era)
    end = era_end(era)
    if end is not None and year > end.year - era.start.year + 1:
        raise DateInputError("era_year_over", era=era, last=end.year - era.start.year + 1, western=end.year, end=end)
    found = _real_date(era.start.year + year - 1, month, day)
    if found < EARLIEST:
        raise DateInputError("date_too_early")
    if found < era.start:
        before = era.start - timedelta(days=1)
        previous = era_of(before)
        assert previous is not None  # an era after 明治 always has one before it
        raise DateInputError(
            "era_before_start",
            era_year=EraYear(era, year),
            start=era.start,
            before=before,
            previous=EraYear(*previous),
        )
    if end is not None and found > end:
        after = end + timedelta(days=1)
        following = era_of(after)
        assert following is not None  # the day after an era ended is in the next one
        raise DateInputError(
            "era_after_end", era_year=EraYear(era, year), end=end, after=after, next=EraYear(*following)
        )
    return found


def compose(year: str, month: str, day: str, era: Era | None = None) -> date:
    """Return the date typed in three boxes; `era` is the one chosen beside the year box.

    A four-digit year is 西暦 whatever era is chosen (no era lasted 100 years); a shorter one
    is a year of the era typed in the box (R6, 令和6, 昭和元) or else of the chosen era.
    """
    typed = fold(year)
    found = _YEAR_ONLY.fullmatch(typed) if len(typed) <= MAX_TYPED else None
    month_text, day_text = fold(month).removesuffix("月"), fold(day).removesuffix("日")
    if not found or not (month_text.isascii() and month_text.isdigit() and day_text.isascii() and day_text.isdigit()):
        raise DateInputError("date")
    if len(month_text) > 2 or len(day_text) > 2:
        raise DateInputError("date")
    return _resolve(found["era"], found["year"], int(month_text), int(day_text), era)


def parse_date(text: str, era: Era | None = None) -> date:
    """Return the date typed whole in one box: R6.4.1, 令和元年5月1日, 2024-04-01, 20240401."""
    typed = fold(text)
    if len(typed) > MAX_TYPED:
        raise DateInputError("date")
    found = _WHOLE.fullmatch(typed)
    if found:
        return _resolve(found["era"], found["year"], int(found["month"]), int(found["day"]), era)
    found = _COMPACT.fullmatch(typed)
    if found:
        return _check_western(int(found["year"]), int(found["month"]), int(found["day"]))
    raise DateInputError("date")


def looks_whole(text: str) -> bool:
    """Return whether a year box holds a whole date (R6.4.1) rather than a year."""
    typed = fold(text)
    return len(typed) <= MAX_TYPED and bool(_WHOLE.fullmatch(typed) or _COMPACT.fullmatch(typed))


def typed_era(text: str) -> Era | None:
    """Return the era a year box starts with (令和, R, ㋿), or None."""
    found = re.match(rf"(?:{_ERA_WORD})", fold(text)[:MAX_TYPED])
    return _era_named(found.group()) if found else None


def _resolve(era_word: str | None, year: str, month: int, day: int, chosen: Era | None) -> date:
    typed_era = _era_named(era_word)
    if typed_era is None and len(year) == 4:
        return _check_western(int(year), month, day)
    era = typed_era or chosen
    if era is None:
        raise DateInputError("era_needed")
    return from_era(era, 1 if year == "元" else int(year), month, day)


def _check_western(year: int, month: int, day: int) -> date:
    found = _real_date(year, month, day)
    if found < EARLIEST:
        raise DateInputError("date_too_early")
    return found


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError("date") from None
