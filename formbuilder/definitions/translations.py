"""A definition's texts as a CSV for a translator, and back: `flask forms translations …`.

The CSV has one row per human-readable string of the definition (the same strings `forms check`
checks in every declared language): `key` (a JSON pointer into the file), `ja` (the Japanese
text, to translate from) and the text in the target language (empty when missing). Importing
changes only that language's strings; a row whose key is gone or whose Japanese text changed
since the export is skipped and reported, a row whose %(name)s placeholders differ from the
Japanese text is refused. The translations go into the form's catalogue of that language
(form_catalogues.py; a definition that still carries its translations inline is written back
in the compact style of the shipped files, `dumps`); nothing is written when nothing changed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exports.formulas import TRIGGERS, neutralise
from ..i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES
from .form_catalogues import catalogue_folder, merged, po_path, render
from .form_catalogues import read as read_catalogue
from .form_catalogues import write as write_catalogue
from .lint import texts
from .loader import build, load_file, schema_errors
from .model import FormDefinition
from .pointers import resolve
from .translated import is_inline, translate

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
WIDTH = 120
KEY, SOURCE = "key", DEFAULT_LANGUAGE


# --- the compact JSON style of form_definitions/ ---------------------------------------------
def dumps(data: Any) -> str:
    """Return `data` as JSON in the shipped files' style, ending with a newline.

    Objects and lists that fit on one line stay on one line; the scalar keys of an object in a
    list (a field, a choice) share lines; a text object that does not fit has one language a
    line. The output depends on the data only, so loading and dumping again gives the same bytes.
    """
    return _value(data, 0, "", in_list=False) + "\n"


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list)) or (
        isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)
    )


def _is_text(value: dict[str, Any]) -> bool:
    """A text object ({"ja": …, "en": …}) is never packed: one language a line."""
    return all(key in LANGUAGE_CODES for key in value)


def _value(value: Any, indent: int, prefix: str, *, in_list: bool) -> str:
    """Render `value` whose line starts with `indent` spaces and `prefix` (a key)."""
    inline = _inline(value)
    if not isinstance(value, (dict, list)) or not value:
        return inline
    if indent + len(prefix) + len(inline) + 1 <= WIDTH and indent > 0:
        return inline
    pad = " " * (indent + 2)
    if isinstance(value, list):
        items = [pad + _value(v, indent + 2, "", in_list=True) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    lines: list[str] = []
    packed: list[str] = []
    in_list = in_list and not _is_text(value)

    def flush() -> None:
        if packed:
            lines.append(pad + ", ".join(packed))
            packed.clear()

    for key, item in value.items():
        head = _inline(key) + ": "
        if in_list and _is_scalar(item):
            piece = head + _inline(item)
            if packed and len(pad) + len(", ".join([*packed, piece])) + 1 > WIDTH:
                flush()
            packed.append(piece)
            continue
        flush()
        lines.append(pad + head + _value(item, indent + 2, head, in_list=False))
    flush()
    return "{\n" + ",\n".join(lines) + "\n" + " " * indent + "}"


# --- pointers -----------------------------------------------------------------------------------
def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# --- export -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    key: str
    ja: str
    text: str


def rows(definition: FormDefinition, lang: str) -> list[Row]:
    """One row per human-readable string of `definition`: its pointer, Japanese, `lang` text."""
    return [Row(pointer, text.values.get(SOURCE, ""), text.values.get(lang, "")) for pointer, text in texts(definition)]


def _unneutralise(cell: str) -> str:
    """Undo `neutralise` (the quote the export put before a cell a spreadsheet would run)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in TRIGGERS else cell


def export_csv(definition: FormDefinition, lang: str) -> str:
    """Return the CSV text (without BOM) of `definition`'s strings for a `lang` translator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([KEY, SOURCE, lang])
    for row in rows(definition, lang):
        writer.writerow([neutralise(row.key), neutralise(row.ja), neutralise(row.text)])
    return out.getvalue()


def write_export(definition: FormDefinition, lang: str, out: Path) -> int:
    """Write the CSV (UTF-8 with BOM, for Excel) to `out`; return the number of rows."""
    out.write_bytes(export_csv(definition, lang).encode("utf-8-sig"))
    return len(rows(definition, lang))


# --- import -------------------------------------------------------------------------------------
class TranslationError(Exception):
    """The CSV cannot be read at all (wrong columns, wrong language)."""


@dataclass
class ImportReport:
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (key, why): stale or unknown
    refused: list[tuple[str, str]] = field(default_factory=list)  # (key, why): bad translation
    written: bool = False
    given: dict[str, str] = field(default_factory=dict)  # key → the new translation

    def messages(self) -> Iterator[str]:
        for key, why in self.skipped:
            yield f"skipped {key}: {why}"
        for key, why in self.refused:
            yield f"refused {key}: {why}"


def read_csv(data: bytes | str, lang: str) -> list[Row]:
    """Parse a translator's CSV (UTF-8, with or without BOM) whose columns are key, ja, `lang`."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TranslationError(
                f"the file is not UTF-8 ({exc.reason} at byte {exc.start}); save it as CSV UTF-8"
            ) from exc
    data = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(data, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    if header[:2] != [KEY, SOURCE] or len(header) < 3:
        raise TranslationError(f"the first row must be: {KEY},{SOURCE},{lang} (found {','.join(header)!r})")
    if header[2] != lang:
        raise TranslationError(f"the third column is {header[2]!r}, but --lang is {lang!r}")
    found = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        record = [*record, "", ""][:3]
        found.append(Row(*(_unneutralise(cell) for cell in record)))
    return found


def apply(raw: dict[str, Any], definition: FormDefinition, lang: str, incoming: Iterable[Row]) -> ImportReport:
    """Write the `lang` texts of `incoming` into `raw` (parsed JSON of `definition`), in place."""
    report = ImportReport()
    known = dict(texts(definition))
    for row in incoming:
        text = known.get(row.key)
        where = resolve(raw, row.key)
        if text is None or where is None:
            report.skipped.append((row.key, "no such text in the definition (the form changed since the export?)"))
            continue
        current_ja = text.values.get(SOURCE, "")
        if row.ja != current_ja:
            report.skipped.append((row.key, f"the Japanese text changed since the export; it is now {current_ja!r}"))
            continue
        translation = row.text.strip()
        if not translation:
            report.empty += 1
            continue
        if placeholders(translation) != placeholders(current_ja):
            expected = ", ".join(f"%({n})s" for n in placeholders(current_ja)) or "none"
            got = ", ".join(f"%({n})s" for n in placeholders(translation)) or "none"
            report.refused.append(
                (row.key, f"placeholders must be the same as in Japanese: expected {expected}, found {got}")
            )
            continue
        if text.values.get(lang) == translation:
            report.unchanged += 1
            continue
        container, key = where
        container[key] = with_language(container[key], lang, translation)
        report.changed.append(row.key)
        report.given[row.key] = translation
    return report


def with_language(node: str | dict[str, Any], lang: str, translation: str) -> dict[str, Any]:
    """Return the text object `node` with `lang` set, languages in the usual order."""
    values: dict[str, Any] = {SOURCE: node} if isinstance(node, str) else dict(node)
    current = values.get(lang)  # a unit's plural forms (fields/units.py): the CSV carries `other`
    values[lang] = {**current, "other": translation} if isinstance(current, dict) else translation
    order = {code: index for index, code in enumerate(LANGUAGE_CODES)}
    return dict(sorted(values.items(), key=lambda item: order.get(item[0], len(order))))


def load_for_translation(path: Path) -> tuple[dict[str, Any], FormDefinition]:
    """Return the parsed file and its definition with every translation it has (inline, or
    from its catalogues); missing translations (or other semantic mistakes `forms check`
    reports) are allowed, a file that breaks the schema is not."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raw = None
    if raw is None or schema_errors(raw):
        problem = load_file(path).problems[0]
        raise TranslationError(f"the definition cannot be read; run `flask forms check` first: {problem}")
    definition = build(raw)
    if is_inline(definition):
        return raw, definition
    return raw, build(translate(raw, definition, catalogue_folder(path), str(path)).raw)


def import_file(path: Path, lang: str, data: bytes | str) -> ImportReport:
    """Import a CSV into the form at `path`: its `lang` catalogue (or, for a definition that
    still carries its translations, the file itself); write only when a text changed."""
    if lang not in LANGUAGE_CODES:
        raise TranslationError(f"unknown language {lang!r}; use one of: {', '.join(LANGUAGE_CODES)}")
    if lang == SOURCE:
        raise TranslationError("Japanese is the source text; change it in the definition itself")
    raw, definition = load_for_translation(path)
    incoming = read_csv(data, lang)
    inline = is_inline(build(raw))
    report = apply(copy.deepcopy(raw) if not inline else raw, definition, lang, incoming)
    if not report.changed:
        return report
    if inline:
        path.write_text(dumps(raw), encoding="utf-8")
    else:
        po = po_path(catalogue_folder(path), lang)
        merge = merged(build(raw), lang, read_catalogue(po), report.given)
        write_catalogue(po, render(build(raw), lang, merge.messages))
    report.written = True
    return report
