"""Dates that know 和暦: an era select and three boxes 年・月・日, or a whole date in the year box.

Accepts 西暦 or 和暦 (令和6年4月1日, R6.4.1, 令和元年5月1日, H31.4.30, full-width digits), rejects
dates no era holds with a message that says why, stores ISO and shows 2024年4月1日（令和6年）.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from flask_babel import gettext
from wtforms import Field as WTField
from wtforms.validators import StopValidation, ValidationError

from ..assist.wareki import ERA_CODES, EraYear, era_by_code, era_of, fold
from ..definitions.model import Field
from .base import FieldType, LintError
from .date import (
    AGE_OPTIONS,
    ERA_LABELS,
    LIMIT,
    LIMIT_HINT,
    RELATIVE,
    RELATIVE_OPTIONS,
    WESTERN,
    DateType,
    check_age,
    check_relative,
    display_date,
    read_boxes,
    resolve_limit,
    today,
    worded_param,
)
from .messages import message

OFFERED = (WESTERN, *ERA_CODES)
BOXES = ("year", "month", "day")
FIELD_NAME = "^[a-z][a-z0-9_]{0,62}$"  # as definitions/schema.py (which imports this package)


class EraDateParts(WTField):
    """A WTForms field reading name-era, name-year, name-month and name-day, kept as typed."""

    def __init__(self, label: str, offered: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.offered = offered

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[Any] = []
        self.parts = {"era": self.offered[0], **{box: "" for box in BOXES}}
        if formdata is not None:
            era = formdata.get(f"{self.name}-era")
            if era in self.offered:
                self.parts["era"] = era
            for box in BOXES:
                self.parts[box] = formdata.get(f"{self.name}-{box}", "").strip()
        elif data:
            self.parts.update(_parts_of(date.fromisoformat(data), self.offered))
        given = [self.parts[box] for box in BOXES if self.parts[box]]
        self.data = dict(self.parts) if given else None
        self.raw_data = given


def _parts_of(day: date, offered: tuple[str, ...]) -> dict[str, str]:
    found = era_of(day)
    if found and found[0].code in offered and offered[0] != WESTERN:
        return {"era": found[0].code, "year": str(found[1]), "month": str(day.month), "day": str(day.day)}
    return {"era": WESTERN, "year": str(day.year), "month": str(day.month), "day": str(day.day)}


class EraDateType(FieldType):
    name = "era_date"
    template = "fields/era_date.html"
    value_kind = "date"
    aliases = ("wareki", "japanese_date", "birthdate", "birthday", "date_of_birth")
    options_schema = {
        "eras": {
            "type": "array",
            "items": {"enum": list(OFFERED)},
            "minItems": 1,
            "uniqueItems": True,
            "description": "Choices of the era select, in this order; the first is preselected.",
        },
        "min": {"type": "string", "pattern": LIMIT.pattern, "description": LIMIT_HINT},
        "max": {"type": "string", "pattern": LIMIT.pattern, "description": LIMIT_HINT},
        **AGE_OPTIONS,
        "after_field": {
            "type": "string",
            "pattern": FIELD_NAME,
            "description": "Name of an earlier date or era_date field this date must come after.",
        },
        "autocomplete": {"enum": ["bday"]},
        "not_before": RELATIVE,
        "not_after": RELATIVE,
    }

    def offered(self, field: Field) -> tuple[str, ...]:
        return tuple(field.option("eras") or OFFERED)

    def era_choices(self, field: Field) -> list[tuple[str, str]]:
        """Return (code, label) of the era select; empty when there is nothing to choose."""
        offered = self.offered(field)
        return [(code, gettext(ERA_LABELS[code])) for code in offered] if len(offered) > 1 else []

    def input_names(self, field: Field) -> list[str]:
        boxes = [f"{field.name}-{box}" for box in BOXES]
        return [f"{field.name}-era", *boxes] if len(self.offered(field)) > 1 else boxes

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        return f"{field.name}-year"

    def wtforms_field(self, field: Field) -> Any:
        return EraDateParts(field.name, self.offered(field), validators=self.validators(field))

    def extra_validators(self, field: Field) -> list[Any]:
        offered = self.offered(field)

        def check(form: Any, wt: Any) -> None:
            day = self.read(field, wt.data, offered)
            self.check_limits(field, day, getattr(form.meta, "known", {}))
            wt.data = day.isoformat()

        return [check]

    def read(self, field: Field, parts: dict[str, str], offered: tuple[str, ...]) -> date:
        """Return the date typed in the boxes, or stop with the message that says what is wrong.

        A year counted in an era (60 with 令和 the one era offered, or R60) that lands after the
        year of the field's max, or more than 100 years ahead, is refused naming the year it was read as.
        """
        day = read_boxes(field, parts, offered, era_by_code(parts["era"]))
        if not re.match(r"\d{4}", fold(parts["year"])):
            high = field.option("max")
            latest = resolve_limit(high) if high else _years_before(today(), -100)
            found = era_of(day)
            if day.year > latest.year and found is not None:  # a later day of that year: date_max
                raise StopValidation(
                    message(
                        field,
                        "era_year_ahead",
                        era_year=worded_param(EraYear(*found)),
                        western=day.year,
                        max=self.display(field, latest.isoformat()),
                    )
                )
        return day

    def sole_era(self, field: Field) -> str:
        """Return the era word shown beside the year box when one era is offered, else ''."""
        offered = self.offered(field)
        return gettext(ERA_LABELS[offered[0]]) if len(offered) == 1 and offered[0] != WESTERN else ""

    def check_limits(self, field: Field, day: date, known: dict[str, Any]) -> None:
        low, high = field.option("min"), field.option("max")
        if low and day < resolve_limit(low):
            raise ValidationError(message(field, "date_min", min=self.display(field, resolve_limit(low).isoformat())))
        if high and day > resolve_limit(high):
            raise ValidationError(message(field, "date_max", max=self.display(field, resolve_limit(high).isoformat())))
        check_age(self, field, day)
        check_relative(self, field, day, known)
        other = known.get(field.option("after_field")) if field.option("after_field") else None
        if other and day <= date.fromisoformat(other):
            raise ValidationError(message(field, "date_after", other=self.display(field, other)))

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        if not value:
            return {}
        parts = _parts_of(date.fromisoformat(value), self.offered(field))
        names = set(self.input_names(field))
        return {f"{field.name}-{key}": [text] for key, text in parts.items() if f"{field.name}-{key}" in names}

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if not value:
            return ""
        return display_date(date.fromisoformat(value), lang)

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        yield from DateType().lint(field, pointer)  # limits, and age_min against age_max
        yield from self._ages_against_limits(field, pointer)

    def _ages_against_limits(self, field: Field, pointer: str) -> Iterator[LintError]:
        """A relative min or max that leaves no birth date of an accepted age (both move with today)."""
        low, high = field.option("min"), field.option("max")
        age_min, age_max = field.option("age_min"), field.option("age_max")
        now = today()
        try:
            youngest = age_min is not None and low and low.startswith("today")
            if youngest and resolve_limit(low) > _years_before(now, age_min):
                yield pointer + "/min", f"min ({low}) leaves nobody aged {age_min} or more (age_min)"
            oldest = age_max is not None and high and high.startswith("today")
            if oldest and resolve_limit(high) <= _years_before(now, age_max + 1):
                yield pointer + "/max", f"max ({high}) leaves nobody aged {age_max} or less (age_max)"
        except (ValueError, OverflowError):
            return  # a limit beyond the calendar: the date check says so

    def references(self, field: Field) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        if field.option("after_field"):
            yield "after_field", field.option("after_field"), ("date", "era_date")
        for key in RELATIVE_OPTIONS:
            if field.option(key):
                spec = field.option(key)
                yield key, spec if isinstance(spec, str) else spec["answer"], ("date", "era_date")


def _years_before(day: date, years: int) -> date:
    """Return the same day `years` years earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
