"""A bank account to pay into: codes, 種目, number and 名義, or the citizen's 公金受取口座.

Stored as a dict: {"bank": "0001", "branch": "001", "kind": "1", "number": "0123456",
"holder": "ヤマダ タロウ"} (kind is the 全銀 code: 1 普通, 2 当座, 4 貯蓄), or
{"public_account": true} when the citizen chose their 公金受取口座; the other inputs are then
ignored (the partial marks them with `data-when`, so static/js/form.js hides them).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import jaconv
from flask_babel import gettext
from wtforms.validators import StopValidation

from ..assist.width import ascii_numeric
from ..definitions.model import Field
from ..i18n import Text, localize
from .base import FieldType
from .composite import PartsField
from .messages import N_, message

PUBLIC = "public"  # the choice value of 「公金受取口座を利用する」 (the other is "account")
KINDS = {"1": N_("普通"), "2": N_("当座"), "4": N_("貯蓄")}
PARTS = ("choice", "bank", "branch", "kind", "number", "holder")
PART_LABELS = {
    "bank": N_("金融機関コード"),
    "branch": N_("支店コード"),
    "kind": N_("預金種目"),
    "number": N_("口座番号"),
    "holder": N_("口座名義"),
}
# CSV headers are fixed in code like the exporter's own: back offices map their imports on them.
CSV_HEADERS = {
    "choice": Text.of({"ja": "公金受取口座", "en": "public funds account"}),
    "bank": Text.of({"ja": "金融機関コード", "en": "bank code"}),
    "branch": Text.of({"ja": "支店コード", "en": "branch code"}),
    "kind": Text.of({"ja": "預金種目", "en": "account type"}),
    "number": Text.of({"ja": "口座番号", "en": "account number"}),
    "holder": Text.of({"ja": "口座名義", "en": "account holder"}),
    "holder_half": Text.of({"ja": "口座名義半角", "en": "account holder, half-width"}),
}
HOLDER_MAX = 30  # characters of the stored katakana name
# Katakana ァ–ヶ, the long vowel mark, and what 全銀 names may also hold: A–Z, 0–9, space ( ) . , - / ・
_HOLDER = re.compile(r"[\u30a1-\u30f6ーA-Z0-9 ().,\-/・]+")
_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# 全銀 half-width names have no small kana, no ｰ and no ･: banks register large kana and '-'.
_ZENGIN = str.maketrans("ｧｨｩｪｫｯｬｭｮｰ･", "ｱｲｳｴｵﾂﾔﾕﾖ- ")


def holder_katakana(raw: str) -> str | None:
    """Return a 名義 as full-width katakana (hiragana and half-width converted), or None."""
    text = jaconv.hira2kata(jaconv.h2z(raw, kana=True, ascii=False, digit=False))
    text = text.translate(_FULL_WIDTH_ASCII).replace("\u3000", " ").upper()
    text = re.sub(r" +", " ", text).strip()
    return text if _HOLDER.fullmatch(text) else None


def holder_half_width(holder: str) -> str:
    """Return a stored 名義 as banks' half-width 全銀 form: ヤマダ キョウコ → ﾔﾏﾀﾞ ｷﾖｳｺ."""
    text = jaconv.z2h(holder.replace("ヵ", "カ").replace("ヶ", "ケ").replace("ヮ", "ワ"), kana=True, ascii=True)
    return text.translate(_ZENGIN)


class BankAccountType(FieldType):
    name = "bank_account"
    template = "fields/bank_account.html"
    value_kind = "parts"
    aliases = ("bank", "account", "kouza")
    options_schema = {
        "public_account": {
            "type": "boolean",
            "default": True,
            "description": "Offer 「公金受取口座を利用する」, which hides the account inputs.",
        }
    }

    def offers_public(self, field: Field) -> bool:
        return bool(field.option("public_account", True))

    def details_rule(self, field: Field) -> dict[str, Any]:
        """Return the rule under which the account inputs show (mirrored by static/js/form.js)."""
        return {"not": {"field": f"{field.name}-choice", "equals": PUBLIC}}

    def kinds(self) -> list[tuple[str, str]]:
        return [(code, gettext(label)) for code, label in KINDS.items()]

    def parts(self, field: Field) -> tuple[str, ...]:
        return PARTS if self.offers_public(field) else PARTS[1:]

    def input_names(self, field: Field) -> list[str]:
        return [f"{field.name}-{part}" for part in self.parts(field)]

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        first = next((part for part in self.parts(field) if part in bad), None)
        if first in ("choice", "kind"):  # radios: the first of them
            return f"{field.name}-{first}-0"
        if first:
            return f"{field.name}-{first}"
        return f"{field.name}-choice-0" if self.offers_public(field) else f"{field.name}-bank"

    def wtforms_field(self, field: Field) -> Any:
        return PartsField(field.name, validators=self.validators(field), parts=self.parts(field))

    def extra_validators(self, field: Field) -> list[Any]:
        def check(form: Any, wt: Any) -> None:
            parts = {part: wt.data.get(part, "").strip() for part in PARTS}
            if parts["choice"] == PUBLIC:
                wt.data = {"public_account": True}
                return
            account, errors = self.read(field, parts)
            if errors:
                wt.bad = set(errors)
                wt.errors.extend(errors.values())
                raise StopValidation()
            wt.data = account

        return [check]

    def read(self, field: Field, parts: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return the normalised account and the message of each part that is wrong."""
        account: dict[str, str] = {}
        errors: dict[str, str] = {}

        def label(part: str) -> str:
            return gettext(PART_LABELS[part])

        for part, count in (("bank", 4), ("branch", 3)):
            digits = re.sub(r"[\s-]", "", ascii_numeric(parts[part]))
            if not digits:
                errors[part] = message(field, "required", label=label(part))
            elif not re.fullmatch(r"[0-9]+", digits) or len(digits) != count:
                errors[part] = message(field, "digits", label=label(part), count=count)
            account[part] = digits
        if not parts["kind"]:
            errors["kind"] = message(field, "required_choice", label=label("kind"))
        elif parts["kind"] not in KINDS:
            errors["kind"] = message(field, "choice", label=label("kind"))
        account["kind"] = parts["kind"]
        number = re.sub(r"[\s-]", "", ascii_numeric(parts["number"]))
        if not number:
            errors["number"] = message(field, "required", label=label("number"))
        elif not re.fullmatch(r"[0-9]{1,7}", number):
            errors["number"] = message(field, "digits_max", label=label("number"), count=7)
        account["number"] = number.zfill(7)
        holder = holder_katakana(parts["holder"])
        if not parts["holder"]:
            errors["holder"] = message(field, "required", label=label("holder"))
        elif holder is None:
            errors["holder"] = message(field, "katakana", label=label("holder"))
        elif len(holder) > HOLDER_MAX:
            errors["holder"] = message(field, "too_long", label=label("holder"), max=HOLDER_MAX)
        account["holder"] = holder or ""
        return account, errors

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        """Return the normalised text boxes (the browser shows ひらがな as カタカナ at once)."""
        if not isinstance(value, dict) or value.get("public_account"):
            return {}
        return {f"{field.name}-{part}": value[part] for part in ("bank", "branch", "number", "holder")}

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            return {}
        found = {name: [text] for name, text in self.value_inputs(field, value).items()}
        if not value.get("public_account"):
            found[f"{field.name}-kind"] = [value["kind"]]
        if self.offers_public(field):
            found[f"{field.name}-choice"] = [PUBLIC if value.get("public_account") else "account"]
        return found

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if not value:
            return ""
        if value.get("public_account"):
            return gettext("公金受取口座を利用する")
        kind = gettext(KINDS.get(value["kind"], value["kind"]))
        return f"{value['bank']} / {value['branch']} {kind} {value['number']} {value['holder']}"

    def _columns(self, field: Field) -> list[str]:
        columns = ["bank", "branch", "kind", "number", "holder", "holder_half"]
        return ["choice", *columns] if self.offers_public(field) else columns

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        label = localize(field.label, lang)
        pattern = "{}（{}）" if lang.startswith("ja") else "{} ({})"
        return [pattern.format(label, localize(CSV_HEADERS[c], lang)) for c in self._columns(field)]

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        columns = self._columns(field)
        if not value:
            return [""] * len(columns)
        if value.get("public_account"):
            return ["1" if c == "choice" else "" for c in columns]
        cells = {**value, "choice": "", "holder_half": holder_half_width(value["holder"])}
        return [cells[c] for c in columns]
