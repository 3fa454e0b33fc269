"""The UI's translations, read from the catalogues (.po) themselves when the app starts.

The .po files are what the repository holds; compiled .mo files are a build product a fresh
checkout does not have. An app that served `<html lang="en">` with Japanese buttons because
nobody ran `make translations-compile` is a defect nobody notices, so the catalogues are
compiled in memory at start (about 0.3 s for the ten, once per process: the compiled
catalogue is kept per file and modification time), and a language without its catalogue, or
with one that cannot be read, stops the start with a message naming the file.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel import support
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

# (path, modification time, size) → the compiled catalogue; shared by every app of the process.
_COMPILED: dict[tuple[str, int, int], support.Translations] = {}


class MissingCatalogue(RuntimeError):
    """A language is offered but its catalogue is missing or unreadable."""


def catalogue_path(folder: Path, name: str) -> Path:
    return folder / name / "LC_MESSAGES" / "messages.po"


def compiled(path: Path) -> support.Translations:
    """Return the catalogue at `path` compiled, or raise MissingCatalogue saying why not."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise MissingCatalogue(f"{path}: the catalogue is missing ({exc.strerror})") from exc
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _COMPILED.get(key)
    if found is None:
        try:
            with path.open("rb") as source:
                catalogue = read_po(source, abort_invalid=True)
        except (OSError, PoFileError, UnicodeDecodeError) as exc:
            raise MissingCatalogue(f"{path}: the catalogue cannot be read: {exc}") from exc
        binary = io.BytesIO()
        # Catalogues have no header, which Babel reads as fuzzy as a whole (see the Makefile);
        # fuzzy entries themselves are refused by tests/i18n.
        write_mo(binary, catalogue, use_fuzzy=True)
        binary.seek(0)
        found = _COMPILED[key] = support.Translations(binary, domain="messages")
    return found
