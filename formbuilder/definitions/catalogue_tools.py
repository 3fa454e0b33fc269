"""What `flask forms translations update|migrate` and `flask forms bundle` do to files.

- update: bring each catalogue of a form in line with its definition (form_catalogues.merged).
- migrate: move translations written inline in a definition into catalogues, leaving the
  Japanese in the definition (a one-off for files of the layout before catalogues).
- bundle: one zip with a definition and its catalogues, to hand a procedure to another city;
  `forms check` reads such a file as it reads a definitions folder.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES
from . import form_catalogues
from .lint import texts
from .loader import build, load_file, schema_errors
from .model import FormDefinition
from .pointers import resolve
from .translated import catalogue_languages, is_inline
from .translations import TranslationError, dumps


@dataclass
class Updated:
    lang: str
    path: Path
    written: bool
    added: int
    fuzzy: int
    dropped: int


def japanese_definition(path: Path) -> tuple[dict, FormDefinition]:
    """Return the parsed file and its definition as written (no catalogue merged in)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raw = None
    if not isinstance(raw, dict) or schema_errors(raw):
        problem = load_file(path).problems[0]
        raise TranslationError(f"the definition cannot be read; run `flask forms check` first: {problem}")
    return raw, build(raw)


def target_languages(definition: FormDefinition, folder: Path) -> list[str]:
    """The languages a form has catalogues of: those it declares, and any with a file already."""
    declared = [lang for lang in definition.languages if lang != DEFAULT_LANGUAGE]
    order = {code: index for index, code in enumerate(LANGUAGE_CODES)}
    return sorted(dict.fromkeys([*declared, *catalogue_languages(folder)]), key=lambda x: order.get(x, 99))


def update(path: Path) -> list[Updated]:
    """Write or merge every catalogue of the definition at `path`; return what changed."""
    _, definition = japanese_definition(path)
    if is_inline(definition):
        raise TranslationError(
            "the definition still carries its translations; run `flask forms translations migrate` first"
        )
    folder = form_catalogues.catalogue_folder(path)
    done = []
    for lang in target_languages(definition, folder):
        po = form_catalogues.po_path(folder, lang)
        merge = form_catalogues.merged(definition, lang, form_catalogues.read(po))
        written = form_catalogues.write(po, form_catalogues.render(definition, lang, merge.messages))
        done.append(Updated(lang, po, written, merge.added, merge.fuzzy, merge.dropped))
    return done


def migrate(path: Path) -> list[Path]:
    """Move the inline translations of the definition at `path` into catalogues; return the
    files written (none when the definition has no inline translation)."""
    raw, definition = japanese_definition(path)
    if not is_inline(definition):
        return []
    folder = form_catalogues.catalogue_folder(path)
    written = []
    languages = {lang for _, text in texts(definition) for lang in text.values} - {DEFAULT_LANGUAGE}
    languages |= set(definition.languages) - {DEFAULT_LANGUAGE}
    for lang in [code for code in LANGUAGE_CODES if code in languages]:
        po = form_catalogues.po_path(folder, lang)
        content = form_catalogues.render(definition, lang, form_catalogues.inline_messages(definition, lang))
        form_catalogues.write(po, content)
        written.append(po)
    for pointer, text in texts(definition):
        where = resolve(raw, pointer)
        if where is not None:
            container, key = where
            container[key] = text.values.get(DEFAULT_LANGUAGE, "")
    path.write_text(dumps(raw), encoding="utf-8")
    return [path, *written]


def bundle(path: Path, out: Path) -> list[str]:
    """Write the definition at `path` and its catalogues to the zip `out`; return its names."""
    folder = form_catalogues.catalogue_folder(path)
    names = [(path, PurePosixPath("forms", path.name))]
    for po in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        names.append((po, PurePosixPath("translations", "forms", path.stem, po.name)))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for source, name in names:
            info = zipfile.ZipInfo(str(name), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read_bytes())
    return [str(name) for _, name in names]


BUNDLE_MOST_BYTES = 20 * 1024 * 1024


def unpack(archive_path: Path, into: Path) -> list[Path]:
    """Unpack a bundle into `into` (its forms/ and translations/forms/ folders); return the
    definition files. Names outside those folders, or that climb out, are refused."""
    found = []
    with zipfile.ZipFile(archive_path) as archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > BUNDLE_MOST_BYTES:
            raise TranslationError(f"the bundle unpacks to {total} bytes; at most {BUNDLE_MOST_BYTES} are read")
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = PurePosixPath(info.filename)
            allowed = (len(name.parts) == 2 and name.parts[0] == "forms" and name.suffix == ".json") or (
                len(name.parts) == 4 and name.parts[:2] == ("translations", "forms") and name.suffix == ".po"
            )
            if not allowed or ".." in name.parts or name.is_absolute():
                raise TranslationError(
                    f"{info.filename!r} does not belong in a bundle "
                    "(forms/SLUG.json and translations/forms/SLUG/LANG.po only)"
                )
            target = into.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            if name.parts[0] == "forms":
                found.append(target)
    if not found:
        raise TranslationError("the bundle holds no definition (forms/SLUG.json)")
    return sorted(found)
