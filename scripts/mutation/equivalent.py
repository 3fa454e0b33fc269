"""Survivors of `make mutate` that no input can tell from the original, and why.

They still count as survivors in the score; the report marks them, and only a survivor not listed
here makes the run fail. Each entry is keyed by the module, the code of the line the change starts
on and the change as the report prints it: when that line is edited the entry stops matching and
the survivor is reported again, to be looked at anew.
"""

from __future__ import annotations

MARKUP_TAGS = ("<?xml", "<svg", "<!doctype", "<html", "<script", "<body", "<head", "<iframe")


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
        "wt.mismatch, wt.bad = False, set()",
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
