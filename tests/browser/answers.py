"""Valid answers made from a form definition itself: one small generator per field type.

The values are distinctive on purpose (a log or a page showing them is easy to find) and
valid against the definition's own limits (length, pattern, dates relative to today, eras).
A type this module does not know fails loudly instead of being skipped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from formbuilder.definitions.model import Field, FormDefinition
from formbuilder.fields import REGISTRY
from formbuilder.fields.digits import CHECK_DIGITS

# Values a log, a page or a receipt must show (or must not, for logs) — each one distinctive.
FAMILY, GIVEN, FAMILY_KANA, GIVEN_KANA = "検査", "花子九", "ケンサ", "ハナコク"
TEXT_CANDIDATES = ("検査用の入力八九", "ケンサ ハナコク", "100-0001", "テスト", "9")
TEXTAREA = "検査用の長い入力です八九"
PHONE = "090-8765-4321"
EMAIL = "kensa.hanako89@example.jp"
MY_NUMBER = "1234 5678 9018"
CORPORATE_NUMBER = "7-0000-1205-0002"
POSTAL = "100-0001"
ACCOUNT_NUMBER = "7654321"
ACCOUNT_HOLDER = "ケンサ ハナコク"
STREET = "千代田1-1-89"
DISTINCTIVE = (f"{FAMILY} {GIVEN}", GIVEN, GIVEN_KANA, TEXT_CANDIDATES[0], TEXTAREA, PHONE, EMAIL)
DISTINCTIVE += (MY_NUMBER, MY_NUMBER.replace(" ", ""), ACCOUNT_NUMBER, STREET)

# A photo of a card (a test fixture) for every `file` field: a path, posted as an upload.
PHOTO = Path(__file__).resolve().parents[1] / "fixtures" / "photos" / "card-front.jpg"
PHOTO_BACK = PHOTO.with_name("card-back.jpg")

RELATIVE = re.compile(r"today(?:([+-])(\d+))?")


def _day(limit: str | None) -> date | None:
    if not limit:
        return None
    relative = RELATIVE.fullmatch(limit)
    if relative:
        sign, days = relative.groups()
        return date.today() + timedelta(days=(-1 if sign == "-" else 1) * int(days or 0))
    return date.fromisoformat(limit)


def valid_day(field: Field) -> date:
    """A day inside the field's min/max (and its age limit): about five years ago by default."""
    earliest, latest = _day(field.option("min")), _day(field.option("max"))
    day = date(date.today().year - 5, 4, 1)
    if earliest is not None and day <= earliest:
        day = earliest + timedelta(days=1) if latest is None or earliest < latest else earliest
    if latest is not None and day > latest:
        day = latest
    if field.option("age_min") is not None:  # born at least age_min years (and a day) ago
        oldest_day = date.today().replace(month=1, day=1)
        day = min(day, oldest_day.replace(year=oldest_day.year - field.option("age_min") - 1))
    return day


def _parts(field: Field, day: date) -> dict[str, str]:
    return {
        f"{field.name}-year": str(day.year),
        f"{field.name}-month": str(day.month),
        f"{field.name}-day": str(day.day),
    }


def _text(field: Field) -> dict[str, str]:
    pattern, longest = field.option("pattern"), field.option("max_length") or 10_000
    for candidate in TEXT_CANDIDATES:
        if len(candidate) <= longest and (not pattern or re.fullmatch(pattern, candidate)):
            return {field.name: candidate}
    raise AssertionError(f"no test value fits text field {field.name!r} (pattern {pattern!r}, max {longest})")


def _era_date(field: Field) -> dict[str, str]:
    eras = field.option("eras") or ["western"]
    assert "western" in eras, f"{field.name}: the generator writes western years; eras are {eras}"
    return {f"{field.name}-era": "western", **_parts(field, valid_day(field))}


def _number(field: Field) -> dict[str, str]:
    least = field.option("min")
    return {field.name: str(least if least is not None else 1)}


def _email(field: Field) -> dict[str, str]:
    values = {field.name: EMAIL}
    if field.option("confirm"):
        values[f"{field.name}-confirm"] = EMAIL
    return values


def _first_choice(field: Field) -> dict[str, str]:
    return {field.name: field.choices[0].value}


def _address(field: Field) -> dict[str, str]:
    parts = {"postal": POSTAL, "prefecture": "東京都", "city": "千代田区", "town": "千代田", "line1": STREET}
    return {name: parts.get(name.rsplit("-", 1)[1], "") for name in REGISTRY["address"].input_names(field)}


def _name(field: Field) -> dict[str, str]:
    parts = {"family": FAMILY, "given": GIVEN, "family_kana": FAMILY_KANA, "given_kana": GIVEN_KANA, "script": ""}
    return {name: parts[name.rsplit("-", 1)[1]] for name in REGISTRY["name"].input_names(field)}


def _bank_account(field: Field) -> dict[str, str]:
    parts = {"choice": "account", "bank": "0001", "branch": "001", "kind": "1", "number": ACCOUNT_NUMBER}
    parts["holder"] = ACCOUNT_HOLDER
    # the name boxes (search) and the picks of a search are left empty
    return {name: parts.get(name.rsplit("-", 1)[1], "") for name in REGISTRY["bank_account"].input_names(field)}


def _digits(field: Field) -> dict[str, str]:
    """Digits of the length the field takes, a leading zero kept (the check digit, when asked, made right)."""
    fewest, _most = REGISTRY["digits"].bounds(field)  # type: ignore[attr-defined]
    body = ("0" + "123456789" * 4)[: max(fewest, 2)]
    scheme = field.option("check_digit")
    if scheme:
        body = next(body[:-1] + d for d in "0123456789" if CHECK_DIGITS[scheme](body[:-1] + d))
    return {field.name: body}


def _group(field: Field) -> dict[str, str]:
    """The fewest items the group takes (at least one), each filled like any field."""
    kind = REGISTRY["group"]
    count = max(kind.bounds(field)[0], 1)  # type: ignore[attr-defined]
    values = {field.name: str(count)}
    for index in range(count):
        for sub in kind.item(field, index):  # type: ignore[attr-defined]
            values.update(field_answers(sub))
    return values


GENERATORS: dict[str, Callable[[Field], dict[str, str]]] = {
    "text": _text,
    "textarea": lambda f: {f.name: TEXTAREA[: f.option("max_length") or None]},
    "number": _number,
    "email": _email,
    "tel": lambda f: {f.name: PHONE},
    "date": lambda f: _parts(f, valid_day(f)),
    "era_date": _era_date,
    "select": _first_choice,
    "radio": _first_choice,
    "checkboxes": _first_choice,
    "checkbox": lambda f: {f.name: "y"},
    "notice": lambda f: {},
    "calculated": lambda f: {},  # computed by the server, never typed
    "postal_code": lambda f: {f.name: POSTAL},
    "address": _address,
    "name": _name,
    "my_number": lambda f: {f.name: MY_NUMBER},
    "corporate_number": lambda f: {f.name: CORPORATE_NUMBER},
    "digits": _digits,
    "bank_account": _bank_account,
    "file": lambda f: {f.name: PHOTO},
    "group": _group,
}


def field_answers(field: Field) -> dict[str, str]:
    generator = GENERATORS.get(field.type)
    assert generator is not None, (
        f"field {field.name!r} has type {field.type!r}, which tests/browser/answers.py cannot fill yet: "
        "add a generator for it there"
    )
    return generator(field)


def page_answers(definition: FormDefinition) -> dict[str, dict[str, str]]:
    """Valid inputs for every page, by page id (fields a rule hides are filled too; the server ignores them)."""
    return {page.id: {k: v for f in page.fields for k, v in field_answers(f).items()} for page in definition.pages}
