"""Dates as three numeric boxes 年・月・日 (DADS), limits absolute or relative to today.

The boxes are read by the one 和暦 reader (assist/wareki.py) that era_date uses too: 令和8年1月5日
or R8.1.5 typed whole in the year box, 令和8 or R8 in the year box, full-width digits, 元年.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton
from flask_babel import gettext
from wtforms import Field as WTField
from wtforms.validators import StopValidation, ValidationError

from ..assist.wareki import (
    ERA_CODES,
    DateInputError,
    Era,
    EraYear,
    compose,
    japanese_date,
    looks_whole,
    parse_date,
    typed_era,
)
from ..assist.width import ascii_numeric
from ..definitions.fiscal import REFERENCE_DAYS, age_on, reference_day
from ..definitions.model import Field
from ..i18n import alternatives, babel_locale, current_language
from .base import FieldType, LintError
from .messages import N_, message

PARTS = ("year", "month", "day")
LIMIT = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|today(?:[+-]\d+)?)$")
LIMIT_HINT = "Write a date as YYYY-MM-DD, or today, today+N or today-N (N days; example: today+3)."
TOKYO = ZoneInfo("Asia/Tokyo")
WESTERN = "western"
ERA_LABELS = {
    WESTERN: N_("西暦"),
    "reiwa": N_("令和"),
    "heisei": N_("平成"),
    "showa": N_("昭和"),
    "taisho": N_("大正"),
    "meiji": N_("明治"),
}
ERA_YEARS = (N_("%(era)s元年"), N_("%(era)s%(year)s年"))  # the first year of an era, any other


def today() -> date:
    return datetime.now(TOKYO).date()


# `not_before` / `not_after`: a limit relative to an earlier date answer (definitions/checks.py
# has the rules between answers; this is the same operand as an option of the date types).
RELATIVE: dict[str, Any] = {
    "type": "object",
    "required": ["answer"],
    "properties": {
        "answer": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,62}$"},
        "plus_days": {"type": "integer", "minimum": -36600, "maximum": 36600},
    },
    "additionalProperties": False,
    "description": 'An earlier date answer and days to add: {"answer": "birth_date", "plus_days": 91}.',
}
RELATIVE_OPTIONS = ("not_before", "not_after")
# Of a birth date: the ages accepted, counted today or on 4月1日/3月31日 of this 年度 (fiscal.py).
AGE_OPTIONS: dict[str, Any] = {
    "age_min": {"type": "integer", "minimum": 0, "maximum": 150, "description": "Youngest age accepted (see age_on)."},
    "age_max": {"type": "integer", "minimum": 0, "maximum": 150, "description": "Oldest age accepted (see age_on)."},
    "age_on": {
        "enum": list(REFERENCE_DAYS),
        "description": "The day age_min and age_max count the age on: today (default), 4月1日 or 3月31日 "
        "of this fiscal year (年度).",
    },
}


def relative_limit(field: Field, key: str, known: Any) -> date | None:
    """Return the day `not_before`/`not_after` names (another answer plus days); None unanswered."""
    spec = field.option(key)
    if isinstance(spec, str):  # renamed for a group's item (fields/group.py renames references)
        spec = {"answer": spec}
    other = known.get(spec["answer"]) if spec and hasattr(known, "get") else None
    if not isinstance(other, str):
        return None
    try:
        return date.fromisoformat(other) + timedelta(days=spec.get("plus_days", 0))
    except (ValueError, OverflowError):
        return None


def check_relative(field_type: FieldType, field: Field, day: date, known: Any) -> None:
    """Refuse a day before `not_before` or after `not_after`, saying the day as shown."""
    low, high = relative_limit(field, "not_before", known), relative_limit(field, "not_after", known)
    if low and day < low:
        raise ValidationError(message(field, "date_min", min=field_type.display(field, low.isoformat())))
    if high and day > high:
        raise ValidationError(message(field, "date_max", max=field_type.display(field, high.isoformat())))


def check_age(field_type: FieldType, field: Field, day: date) -> None:
    """Refuse a birth date whose age, on the day `age_on` names, is outside age_min..age_max."""
    age_min, age_max = field.option("age_min"), field.option("age_max")
    if age_min is None and age_max is None:
        return
    now = today()
    if day > now:  # an age is counted from a birth date, which cannot be in the future
        raise ValidationError(message(field, "date_max", max=field_type.display(field, now.isoformat())))
    age = age_on(day, reference_day(field.option("age_on", "today"), now))
    if age_min is not None and age < age_min:
        raise ValidationError(message(field, "age_min", min=age_min))
    if age_max is not None and age > age_max:
        raise ValidationError(message(field, "age_max", max=age_max))


def resolve_limit(limit: str) -> date:
    """Return the date of a limit written as YYYY-MM-DD, today, today+N or today-N."""
    if limit.startswith("today"):
        return today() + timedelta(days=int(limit[5:] or 0))
    return date.fromisoformat(limit)


def read_boxes(field: Field, parts: dict[str, str], offered: tuple[str, ...], chosen: Era | None) -> date:
    """Return the date typed in the boxes (年 box may hold a whole date), or stop saying what is wrong.

    `offered` are the era codes the field accepts, `chosen` the era picked beside the year box.
    """
    year, month, day = (parts[box] for box in PARTS)
    era = typed_era(year)
    if era is not None and era.code not in offered:
        names = alternatives(gettext(ERA_LABELS[c]) for c in offered if c != WESTERN)
        raise StopValidation(message(field, "era_not_offered", eras=names))
    try:
        if looks_whole(year):
            if month or day:
                raise StopValidation(message(field, "date_whole_and_parts"))
            return parse_date(year, chosen)
        if not (year and month and day):
            raise StopValidation(message(field, "date_incomplete"))
        return compose(year, month, day, chosen)
    except DateInputError as exc:
        worded = {name: worded_param(value) for name, value in exc.params.items()}
        raise StopValidation(message(field, exc.key, **worded)) from None


def worded_param(value: Any) -> Any:
    """Word an era, an era year or a day from the 和暦 reader in the reader's language."""
    if isinstance(value, Era):
        return gettext(ERA_LABELS[value.code])
    if isinstance(value, EraYear):
        first, other = ERA_YEARS
        return gettext(first if value.year == 1 else other, era=gettext(ERA_LABELS[value.era.code]), year=value.year)
    if isinstance(value, date):
        return month_day(value)
    return value


def example_day(field: Field) -> date:
    """Return the day a hint shows as an example: today, moved inside the field's limits."""
    day = today()
    try:
        if field.option("min"):
            day = max(day, resolve_limit(field.option("min")))
        if field.option("max"):
            day = min(day, resolve_limit(field.option("max")))
    except (ValueError, OverflowError):  # a limit forms check refuses: the example stays today
        return today()
    return day


class DateParts(WTField):
    """A WTForms field reading name-year, name-month and name-day."""

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[Any] = []
        self.parts = {part: "" for part in PARTS}
        # Boxes never sent (the page shown the first time) start at the default; boxes sent
        # empty stay empty: the applicant cleared them.
        if formdata is not None and any(f"{self.name}-{part}" in formdata for part in PARTS):
            for part in PARTS:
                self.parts[part] = ascii_numeric(formdata.get(f"{self.name}-{part}", "")).strip()
        elif data or self.default == "today":
            day = date.fromisoformat(data) if data else today()
            self.parts = {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
        given = [self.parts[p] for p in PARTS if self.parts[p]]
        self.data = None if not given else dict(self.parts)
        self.raw_data = given


class DateType(FieldType):
    name = "date"
    template = "fields/date.html"
    value_kind = "date"
    aliases = ("datetime", "calendar", "day")
    options_schema = {
        "min": {"type": "string", "pattern": LIMIT.pattern, "description": LIMIT_HINT},
        "max": {"type": "string", "pattern": LIMIT.pattern, "description": LIMIT_HINT},
        "autocomplete": {"enum": ["bday"]},
        "default": {
            "enum": ["today"],
            "description": "Fill the boxes with today's date (Japan time) when the page is first shown: 申請日.",
        },
        "not_before": RELATIVE,
        "not_after": RELATIVE,
        **AGE_OPTIONS,
    }

    def input_names(self, field: Field) -> list[str]:
        return [f"{field.name}-{part}" for part in PARTS]

    def wtforms_field(self, field: Field) -> Any:
        return DateParts(field.name, validators=self.validators(field), default=field.option("default"))

    def extra_validators(self, field: Field) -> list[Any]:
        def check(form: Any, wt: Any) -> None:
            day = read_boxes(field, wt.data, ERA_CODES, None)  # a 2-digit year needs its era
            if field.option("min") and day < resolve_limit(field.option("min")):
                raise ValidationError(
                    message(field, "date_min", min=self.display(field, resolve_limit(field.option("min")).isoformat()))
                )
            if field.option("max") and day > resolve_limit(field.option("max")):
                raise ValidationError(
                    message(field, "date_max", max=self.display(field, resolve_limit(field.option("max")).isoformat()))
                )
            check_age(self, field, day)
            check_relative(self, field, day, getattr(form.meta, "known", {}))
            wt.data = day.isoformat()

        return [check]

    def example(self, field: Field) -> str:
        """Return the hint that shows how to type a date, its example never outside the limits."""
        day = example_day(field)
        typed = f"{day.year} / {day.month} / {day.day}"
        return gettext("入力例：%(date)sなら %(typed)s", date=display_date(day), typed=typed)

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        if not value:
            return {}
        day = date.fromisoformat(value)
        parts = {"year": day.year, "month": day.month, "day": day.day}
        return {f"{field.name}-{part}": [str(parts[part])] for part in PARTS}

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if not value:
            return ""
        return display_date(date.fromisoformat(value), lang)

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        low, high = field.option("min"), field.option("max")
        for key in ("min", "max"):
            limit = field.option(key)
            if limit and not limit.startswith("today"):
                try:
                    date.fromisoformat(limit)
                except ValueError:
                    yield f"{pointer}/{key}", f"{limit!r} is not a real date"
            elif limit:
                try:
                    resolve_limit(limit)
                except OverflowError:
                    yield f"{pointer}/{key}", f"{limit!r} is beyond the calendar (years 1 to 9999); use fewer days"
        # Both relative or both fixed: the order never changes. A relative min already after a
        # fixed max stays after it (today only moves on): no date is ever accepted.
        if low and high and (low.startswith("today") or not high.startswith("today")):
            try:
                if resolve_limit(low) > resolve_limit(high):
                    yield pointer + "/min", f"min ({low}) is later than max ({high})"
            except (ValueError, OverflowError):
                pass
        age_min, age_max = field.option("age_min"), field.option("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            yield pointer + "/age_min", "age_min is greater than age_max"

    def references(self, field: Field) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        for key in RELATIVE_OPTIONS:
            if field.option(key):
                spec = field.option(key)
                yield key, spec if isinstance(spec, str) else spec["answer"], ("date", "era_date")


def display_date(day: date, lang: str | None = None) -> str:
    """Return a date as the reader expects it: 西暦 with 和暦 in Japanese."""
    lang = lang or current_language()
    if lang.startswith("ja"):
        return japanese_date(day)
    return format_date(day, format="long", locale=babel_locale(lang))


def month_day(day: date, lang: str | None = None) -> str:
    """Return a day without its year in the reader's words: 4月30日, April 30, 4월 30일."""
    lang = lang or current_language()
    if lang.startswith("ja"):
        return f"{day.month}月{day.day}日"
    return format_skeleton("MMMMd", day, locale=babel_locale(lang))
