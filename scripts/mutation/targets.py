"""What `make mutate` mutates, and which tests must notice.

Each module is mutated as a whole, or only in `scopes` (functions, methods and module-level names
that decide which values are accepted and stored; a field type's display and lint code is left
out). Each mutant runs against `own` (the module's own tests, fast) and, when it survives those,
against `wider` (tests that use the module through others: a page post, an upload, an export).

`EQUIVALENT` lists survivors no input can tell from the original, with the reason. They are still
counted as survivors in the score; the report marks them, and only a survivor not listed here
makes the run fail.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    own: tuple[str, ...]
    wider: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()


FIELDS = ("tests/fields",)
MARKUP_TAGS = ("<?xml", "<svg", "<!doctype", "<html", "<script", "<body", "<head", "<iframe")

TARGETS: dict[str, Target] = {
    "formbuilder/assist/wareki.py": Target(
        own=("tests/assist/test_wareki.py",),
        wider=("tests/fields/test_era_date.py", "tests/fields/test_date.py", "tests/assist/test_endpoints.py"),
    ),
    "formbuilder/assist/kana.py": Target(
        own=("tests/assist/test_kana.py",),
        wider=(
            "tests/fields/test_name.py",
            "tests/fields/test_address.py",
            "tests/fields/test_bank_account.py",
            "tests/assist/test_endpoints.py",
        ),
    ),
    "formbuilder/definitions/rules.py": Target(
        own=("tests/definitions/test_rules.py",),
        wider=(
            "tests/flows/test_rules.py",
            "tests/flows/test_checks.py",
            "tests/definitions",
            "tests/fields/test_bank_account.py",
        ),
    ),
    "formbuilder/attachments/kinds.py": Target(
        own=("tests/attachments/test_kinds.py",),
        wider=(
            "tests/attachments/test_pipeline.py",
            "tests/attachments/test_names.py",
            "tests/attachments/test_images.py",
            "tests/attachments/test_heic.py",
            "tests/attachments/test_file_field.py",
        ),
    ),
    "formbuilder/exports/formulas.py": Target(
        own=("tests/exports/test_formulas.py",),
        wider=("tests/exports/test_csv.py",),
    ),
    "formbuilder/exports/csv.py": Target(
        own=(
            "tests/exports/test_export_options.py",
            "tests/exports/test_csv.py",
            "tests/exports/test_columns.py",
            "tests/exports/test_encodings.py",
        ),
        wider=("tests/exports", "tests/backoffice_downloads/test_csv_download.py", "tests/flows/test_group_outputs.py"),
    ),
    "formbuilder/fields/identifiers.py": Target(
        own=("tests/fields/test_identifiers.py",),
        wider=("tests/exports/test_columns.py", "tests/staff/test_counter_and_my_number.py"),
        scopes=(
            "_SEPARATORS",
            "_DIGITS",
            "digits_of",
            "CheckedNumberType",
            "MyNumberType.digits",
            "MyNumberType.masks",
            "MyNumberType.is_valid",
            "MyNumberType.display",
            "MyNumberType.display_unmasked",
            "MyNumberType.csv_headers",
            "MyNumberType.csv_cells",
            "mask",
            "CorporateNumberType.digits",
            "CorporateNumberType.is_valid",
        ),
    ),
    # Field types: only what decides the accepted and stored value.
    "formbuilder/fields/base.py": Target(
        own=("tests/fields/test_text.py",),
        wider=FIELDS,
        scopes=("Required", "FieldType.value", "_strip", "TextLike.extra_validators"),
    ),
    "formbuilder/fields/number.py": Target(
        own=("tests/fields/test_number.py",),
        wider=FIELDS,
        scopes=("PLAIN", "MAX_DIGITS", "parse_number", "NumberType.extra_validators"),
    ),
    "formbuilder/fields/text.py": Target(
        own=(
            "tests/fields/test_text.py",
            "tests/fields/test_email_confirm.py",
            "tests/fields/test_tel_number_assist.py",
        ),
        wider=FIELDS,
        scopes=(
            "TextareaType.wtforms_field",
            "_crlf",
            "ConfirmedField",
            "EmailType.extra_validators",
            "_FULL_WIDTH_ASCII",
            "normalise_email",
            "TelType.extra_validators",
            "format_phone",
        ),
    ),
    "formbuilder/fields/choice.py": Target(
        own=("tests/fields/test_choice.py",),
        wider=(*FIELDS, "tests/flows/test_rules.py"),
        scopes=(
            "ChoiceType.extra_validators",
            "SelectType.value",
            "CheckboxesType.extra_validators",
            "CheckboxesType.value",
            "CheckboxType.wtforms_field",
            "CheckboxType.value",
        ),
    ),
    "formbuilder/fields/date.py": Target(
        own=("tests/fields/test_date.py",),
        wider=(*FIELDS, "tests/flows/test_checks.py"),
        scopes=("resolve_limit", "DateParts", "DateType.extra_validators"),
    ),
    "formbuilder/fields/era_date.py": Target(
        own=("tests/fields/test_era_date.py",),
        wider=(*FIELDS, "tests/flows/test_checks.py"),
        scopes=(
            "completed_years",
            "EraDateParts.process",
            "EraDateType.extra_validators",
            "EraDateType.read",
            "EraDateType.check_limits",
        ),
    ),
    "formbuilder/fields/name.py": Target(
        own=("tests/fields/test_name.py",),
        wider=FIELDS,
        scopes=("MAX_LENGTH", "NameType.kana_required", "NameType.parts", "NameType.read"),
    ),
    "formbuilder/fields/bank_account.py": Target(
        own=("tests/fields/test_bank_account.py",),
        wider=(*FIELDS, "tests/exports/test_columns.py"),
        scopes=(
            "KINDS",
            "HOLDER_MAX",
            "_HOLDER",
            "_FULL_WIDTH_ASCII",
            "_ZENGIN",
            "holder_katakana",
            "holder_half_width",
            "BankAccountType.extra_validators",
            "BankAccountType.read",
        ),
    ),
    "formbuilder/fields/address.py": Target(
        own=("tests/fields/test_address.py",),
        wider=(*FIELDS, "tests/assist"),
        scopes=("MAX_LENGTH", "KEYS", "PostalCodeType.extra_validators", "AddressType.parts", "AddressType.read"),
    ),
}


def _same(module: str, code: str, reason: str, *changes: str) -> dict[tuple[str, str, str], str]:
    return {(module, code, change): reason for change in changes}


WAREKI, KANA, KINDS = "formbuilder/assist/wareki.py", "formbuilder/assist/kana.py", "formbuilder/attachments/kinds.py"
TEXT, DATE, BANK = "formbuilder/fields/text.py", "formbuilder/fields/date.py", "formbuilder/fields/bank_account.py"
CSV, RULES = "formbuilder/exports/csv.py", "formbuilder/definitions/rules.py"
POINTER = "the pointers' prefix: compared_answers keeps only the names, and whether a pointer ends in /count"
LONGEST = (
    "a guard against long input only: after folding, no text longer than 12 characters matches a date "
    "pattern (令和元年12月31日 is the longest), so a limit of 39, 40 or 41 refuses and accepts the same texts"
)
MARKUP = 'b"<" is in the same table: any text starting with this one starts with "<" and is markup anyway'

# (module, the line the change starts on, change as the report prints it) → why no input can tell
# the mutant from the original. When the line changes, the entry no longer matches and the
# survivor is reported again, to be looked at anew.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    **_same(
        WAREKI, 'code: str = ""', "every era in ERAS passes its code: the default is never used", """"" → 'XXXX'"""
    ),
    **_same(WAREKI, "MAX_TYPED = 40", LONGEST, "40 → (39)", "40 → (41)"),
    **_same(
        WAREKI,
        "found = _YEAR_ONLY.fullmatch(typed) if len(typed) <= MAX_TYPED else None",
        LONGEST,
        "len(typed) <= MAX_TYPED → (len(typed) < MAX_TYPED)",
    ),
    **_same(WAREKI, "if len(typed) > MAX_TYPED:", LONGEST, "len(typed) > MAX_TYPED → (len(typed) >= MAX_TYPED)"),
    **_same(
        WAREKI,
        "return len(typed) <= MAX_TYPED and bool(_WHOLE.fullmatch(typed) or _COMPACT.fullmatch(typed))",
        LONGEST,
        "len(typed) <= MAX_TYPED → (len(typed) < MAX_TYPED)",
    ),
    **_same(
        KANA,
        'if not unicodedata.name(char, "").startswith("LATIN "):',
        'the name given to a character that has none: neither "" nor "XXXX" starts with "LATIN "',
        """"" → 'XXXX'""",
    ),
    **_same(
        RULES,
        'UNANSWERED: tuple[Any, ...] = (None, "", [], ())',
        "operand() catches lists and tuples by their type on the same line, and checks.failing() sees stored "
        "values, where an unanswered list is None (CheckboxesType.value stores `ordered or None`; a group may "
        "only be asked `answered`)",
        '(None, "", [], ()) → without []',
        '(None, "", [], ()) → without ()',
    ),
    **_same(
        RULES,
        'names = {name for name, _ in operand_fields(rule, "")}',
        POINTER,
        """"" → 'XXXX'""",
    ),
    **_same(
        RULES,
        'counted = {name for name, where in operand_fields(rule, "") if where.endswith("/count")}',
        POINTER,
        """"" → 'XXXX'""",
    ),
    **_same(
        RULES,
        'names.update(name for name, _, condition in referenced_fields(rule, "") if "answered" not in condition)',
        POINTER,
        """"" → 'XXXX'""",
    ),
    **_same(
        RULES,
        "if isinstance(value, bool) or isinstance(wanted, bool):",
        "the guard matters only where Python would make True equal 1, and then the number path below refuses "
        '"True" and "False" (Decimal raises): both answer False',
        "isinstance(value, bool) or isinstance(wanted, bool) → (isinstance(value, bool) and isinstance(wanted, bool))",
    ),
    **_same(
        KINDS,
        'MARKUP_STARTS = (b"<?xml", b"<svg", b"<!doctype", b"<html", b"<script", b"<body", b"<head", b"<iframe", b"<")',
        MARKUP,
        *(f"""(b"<?xml", b"<svg", b"<!docty… → without b'{tag}'""" for tag in MARKUP_TAGS),
        *(f"""b"{tag}" → b'XX{tag}XX'""" for tag in MARKUP_TAGS),
    ),
    **_same(
        KINDS,
        "HEAD_SIZE = 64",
        "no signature or ftyp brand needs byte 65 (brands are 4-byte words ending at 64); one more byte only "
        "turns text with 64 leading blanks from one refused kind (unknown) into another (markup)",
        "64 → (65)",
    ),
    **_same(
        "formbuilder/fields/base.py",
        'field_flags = {"required": True}',
        "WTForms flags are read only by its own widgets, which no template calls: the partials mark a required "
        "field from the definition (components/field.html)",
        "{\"required\": True} → without 'required': True",
        "True → False",
    ),
    **_same(
        TEXT,
        "wt.mismatch = False",
        "the last statement of a check that passed: the field then has no error, and the partial reads "
        "`mismatch` only beside an error",
        "False → True",
    ),
    **_same(
        TEXT,
        "_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}",
        "the range grows by U+FF00 (unassigned) or U+FF5F (｟), which would become a space or DEL: an address "
        "holding either is refused as typed and refused as changed",
        "0xFF01 → (65280)",
        "0xFF5F → (65376)",
    ),
    **_same(
        DATE,
        'self.parts = {"year": str(day.year), "month": str(day.month), "day": str(day.day)}',
        "unreachable: pages are built from posted inputs only, so `data` is always unset and this branch never runs",
        '{"year": str(day.year), "mont… → without \'year\': str(day.year)',
        '{"year": str(day.year), "mont… → without \'month\': str(day.month)',
        '{"year": str(day.year), "mont… → without \'day\': str(day.day)',
    ),
    **_same(
        BANK,
        "_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}",
        "！ (U+FF01) or ～ (U+FF5E) left as typed, or ｟ (U+FF5F) turned into DEL: none of them, full-width or "
        "not, is allowed in a holder, so the name is refused either way (U+FF00, which would become a space, "
        "is tested)",
        "0xFF01 → (65282)",
        "0xFF5F → (65374)",
        "0xFF5F → (65376)",
    ),
    **_same(
        BANK,
        "text = jaconv.hira2kata(jaconv.h2z(raw, kana=True, ascii=False, digit=False))",
        "h2z widening ASCII letters and digits is undone on the next line (_FULL_WIDTH_ASCII, U+3000 → space)",
        "ascii=False → ascii=True",
        "digit=False → digit=True",
    ),
    **_same(
        BANK,
        'text = jaconv.z2h(holder.replace("ヵ", "カ").replace("ヶ", "ケ").replace("ヮ", "ワ"), kana=True, ascii=True)',
        "a stored holder holds no full-width ASCII (holder_katakana narrowed it), so there is nothing to narrow",
        "ascii=True → ascii=False",
    ),
    **_same(
        BANK,
        'parts = {part: wt.data.get(part, "").strip() for part in PARTS}',
        'the only part the inputs may lack is "choice" (public_account: false), and any value but "public" '
        "reads the same",
        """"" → 'XXXX'""",
    ),
    **_same(
        BANK,
        'account["holder"] = holder or ""',
        "the holder is None only with an error for it, and an account with errors is neither stored nor sent back",
        """"" → 'XXXX'""",
    ),
    **_same(
        CSV,
        'handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")',
        "the temporary file is renamed over the export or removed on every path, and nothing looks for its suffix",
        "suffix=\".part\" → suffix='XX.partXX'",
    ),
    **_same(
        CSV,
        "Path(temporary).unlink(missing_ok=True)",
        "every exception reaching this line leaves the temporary file in place, so it is never missing",
        "missing_ok=True → missing_ok=False",
    ),
    **_same(
        CSV,
        "if batch or count:",
        "it adds an empty last chunk when nothing is left to write (no rows, or a multiple of BATCH_ROWS): "
        "not one byte more in the file or the download, and no row counted",
        "batch or count → (not batch or count)",
    ),
    **_same(
        CSV,
        "for label, cell in zip(labels, cells, strict=False):",
        "a row has as many cells as the header has labels (tests/exports/test_columns.py checks every field type)",
        "strict=False → strict=True",
    ),
}
