"""What `make mutate` mutates, and which tests must notice.

Each module is mutated as a whole, or only in `scopes` (functions, methods and module-level names
that decide which values are accepted and stored; a field type's display and lint code is left
out). Each mutant runs against `own` (the module's own tests, fast) and, when it survives those,
against `wider` (tests that use the module through others: a page post, an upload, an export).

Survivors no input can tell from the original are listed, with the reason, in equivalent.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    own: tuple[str, ...]
    wider: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()


FIELDS = ("tests/fields",)

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
        wider=(*FIELDS, "tests/web/test_error_summary.py"),  # which box a wrong e-mail copy's error links to
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
