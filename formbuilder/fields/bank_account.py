"""A bank account to pay into: codes, 種目, number and 名義, or the citizen's 公金受取口座.

Stored as a dict: {"bank": "0001", "branch": "001", "kind": "1", "number": "0123456",
"holder": "ヤマダ タロウ", "bank_name": "みずほ", "branch_name": "東京営業部"} (kind is the 全銀
code: 1 普通, 2 当座, 4 貯蓄; the names as the national list wrote them when the citizen sent
it, absent when the list was unavailable), or {"public_account": true} when the citizen chose
their 公金受取口座; the other inputs are then ignored (the partial marks them with `data-when`,
so static/js/form.js hides them).

Citizens who do not know the codes look the bank and the branch up by name (assist/banks.py):
「検索」 posts the page (action `assist:<name>`) and the partial lists what matched to pick;
static/js/form.js lists them as the citizen types.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import jaconv
from flask_babel import gettext
from wtforms.validators import StopValidation

from ..assist import banks
from ..assist.width import ascii_numeric
from ..definitions.model import Field
from ..i18n import Text, localize, number
from .base import FieldType
from .composite import PartsField
from .messages import N_, message

PUBLIC = "public"  # the choice value of 「公金受取口座を利用する」 (the other is "account")
KINDS = {"1": N_("普通"), "2": N_("当座"), "4": N_("貯蓄")}
PARTS = ("choice", "bank_name", "bank_pick", "bank", "branch_name", "branch_pick", "branch", "kind", "number", "holder")
CODES = {"bank": 4, "branch": 3}  # digits of each code
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
    "bank_name": Text.of({"ja": "金融機関名", "en": "bank name"}),
    "branch_name": Text.of({"ja": "支店名", "en": "branch name"}),
}
# Not in messages.DEFAULTS (shared with other work in progress): not yet overridable per form.
UNKNOWN = {
    "bank": N_(
        "＊金融機関コード「%(code)s」の金融機関は見つかりません。通帳やキャッシュカードで確かめるか、金融機関名で探してください。"
    ),
    "branch": N_(
        "＊支店コード「%(code)s」の支店は%(bank)sにありません。通帳やキャッシュカードで確かめるか、支店名で探してください。"
    ),
}
HOLDER_MAX = 30  # characters of the stored katakana name
# Katakana ァ–ヶ, the long vowel mark, and what 全銀 names may also hold: A–Z, 0–9, space ( ) . , - / ・
_HOLDER = re.compile(r"[\u30a1-\u30f6ーA-Z0-9 ().,\-/・]+")
_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# 全銀 half-width names have no small kana, no ｰ and no ･: banks register large kana and '-'.
_ZENGIN = str.maketrans("ｧｨｩｪｫｯｬｭｮｰ･", "ｱｲｳｴｵﾂﾔﾕﾖ- ")


def code_digits(raw: str) -> str:
    """Return a typed code without width, spaces and dashes: ０００１ → 0001."""
    return re.sub(r"[\s-]", "", ascii_numeric(raw))


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


@dataclass(frozen=True)
class Search:
    """What a name typed in 「金融機関名」 or 「支店名」 found, as the partial tells the citizen."""

    message: str = ""
    choices: tuple[banks.Named, ...] = ()


def searches(typed: dict[str, str]) -> dict[str, Search]:
    """Return the search of each part whose name box holds a name its code does not have."""
    found: dict[str, Search] = {}
    bank_code = code_digits(typed.get("bank", ""))
    for part in CODES:
        query = typed.get(f"{part}_name", "").strip()
        if not query or query == named(part, typed):
            continue
        if part == "branch" and banks.bank(bank_code) is None:
            found[part] = Search(gettext("先に金融機関を選んでください。"))
            continue
        if part == "bank":
            matches = banks.search_banks(query, banks.LIMIT + 1)
        else:
            matches = banks.search_branches(bank_code, query, banks.LIMIT + 1)
        found[part] = Search(result_message(part, len(matches)), tuple(matches[: banks.LIMIT]))
    return found


def result_message(part: str, count: int) -> str:
    """Return what a search says about its results (also read out by the browser's list)."""
    if not banks.available():
        return gettext("金融機関の一覧が使えません。コードを入力してください。")
    if count == 0 and part == "bank":
        return gettext("当てはまる金融機関が見つかりません。名前の一部を、ひらがなで入力してみてください。")
    if count == 0:
        return gettext("当てはまる支店が見つかりません。名前の一部を、ひらがなで入力してみてください。")
    if count > banks.LIMIT:
        return gettext(
            "%(count)s件以上見つかりました。名前をもう少し詳しく入力してください。", count=number(banks.LIMIT)
        )
    return gettext("%(count)s件見つかりました。", count=number(count))


def search_json(part: str, query: str, bank_code: str = "") -> dict[str, Any]:
    """Return a search as the browser's list shows it: the message read out, and the choices."""
    typed = {f"{part}_name": query, "bank": bank_code if part == "branch" else ""}
    found = searches(typed).get(part, Search())
    return {"message": found.message, "results": [entry.as_json() for entry in found.choices]}


def named(part: str, typed: dict[str, str]) -> str:
    """Return the name of the typed bank or branch code, or "" (unknown, or the list is unavailable)."""
    found = find(part, code_digits(typed.get("bank", "")), code_digits(typed.get(part, "")))
    return found.name if found else ""


def find(part: str, bank_code: str, code: str) -> banks.Named | None:
    """Return the bank of `code`, or the branch of `code` at the bank of `bank_code`."""
    return banks.bank(code) if part == "bank" else banks.branch(bank_code, code)


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

        for part, count in CODES.items():
            digits = code_digits(parts[part])
            if not digits:
                errors[part] = message(field, "required", label=label(part))
            elif not re.fullmatch(r"[0-9]+", digits) or len(digits) != count:
                errors[part] = message(field, "digits", label=label(part), count=count)
            account[part] = digits
        if banks.available() and "bank" not in errors:
            bank = banks.bank(account["bank"])
            if bank is None:
                unknown = UNKNOWN["bank"]  # a name, not a literal: extraction takes only the N_() texts
                errors["bank"] = gettext(unknown, code=account["bank"])
            else:
                account["bank_name"] = bank.name
                branch = banks.branch(bank.code, account["branch"])
                if branch is not None:
                    account["branch_name"] = branch.name
                elif "branch" not in errors:
                    unknown = UNKNOWN["branch"]
                    errors["branch"] = gettext(unknown, code=account["branch"], bank=bank.name)
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

    # --- finding the bank and the branch by name: 「検索」 without JavaScript --------
    def named(self, part: str, wt: Any) -> str:
        """Return the name of the code typed in `part`, shown under its box."""
        return named(part, wt.parts)

    def lookup_state(self, field: Field, wt: Any) -> dict[str, Search]:
        """Return what each name box found (shown after 「検索」)."""
        return searches({part: wt.parts.get(part, "") for part in PARTS})

    def assist(self, field: Field, raw: dict[str, list[str]]) -> dict[str, list[str]]:
        """Fill a code from the choice picked, or from a name that matches one bank or branch only."""
        typed = dict(raw)

        def first(part: str) -> str:
            return (typed.get(f"{field.name}-{part}") or [""])[0]

        def fill(part: str, entry: banks.Named) -> None:
            typed[f"{field.name}-{part}"] = [entry.code]
            typed[f"{field.name}-{part}_name"] = [entry.name]

        for part in CODES:
            entry = find(part, code_digits(first("bank")), first(f"{part}_pick"))
            typed[f"{field.name}-{part}_pick"] = []
            now = {p: first(p) for p in PARTS}
            if entry is None:  # one match is as good as a pick; several are listed by the partial
                state = searches(now).get(part)
                entry = state.choices[0] if state and len(state.choices) == 1 else None
            if entry is None:
                entry = find(part, code_digits(now["bank"]), code_digits(now[part]))  # a typed code: show its name
                if entry is not None and now[f"{part}_name"].strip():
                    continue  # a name that did not match stays, with its message
            if entry is not None:
                fill(part, entry)
        return typed

    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        if not value:
            return ""
        if value.get("public_account"):
            return gettext("公金受取口座を利用する")
        kind = gettext(KINDS.get(value["kind"], value["kind"]))
        bank, branch = self.names(value)
        bank = f"{value['bank']} {bank}" if bank else value["bank"]
        branch = f"{value['branch']} {branch}" if branch else value["branch"]
        return f"{bank} / {branch} {kind} {value['number']} {value['holder']}"

    def names(self, value: dict[str, Any]) -> tuple[str, str]:
        """Return the bank's and the branch's names: as stored, else from today's list, else ""."""
        bank = value.get("bank_name")
        if bank is None:
            found = banks.bank(value.get("bank", ""))
            bank = found.name if found else ""
        branch = value.get("branch_name")
        if branch is None:
            found = banks.branch(value.get("bank", ""), value.get("branch", ""))
            branch = found.name if found else ""
        return bank, branch

    def _columns(self, field: Field) -> list[str]:
        columns = ["bank", "branch", "kind", "number", "holder", "holder_half", "bank_name", "branch_name"]
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
        bank, branch = self.names(value)
        cells = {
            **value,
            "choice": "",
            "holder_half": holder_half_width(value["holder"]),
            "bank_name": bank,
            "branch_name": branch,
        }
        return [cells[c] for c in columns]
