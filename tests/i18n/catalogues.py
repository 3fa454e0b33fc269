"""The catalogues as data: a fresh extraction of the message ids, and each language's .po."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from formbuilder.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, catalogue_name

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = ROOT / "translations"
TRANSLATED = tuple(code for code in LANGUAGE_NAMES if code != DEFAULT_LANGUAGE)
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Babel also extracts the subscript literal of gettext(DEFAULTS["postal_code"], ...) in
# formbuilder/fields/address.py: ids no one ever sees. Their "translation" is the id itself.
NOT_SHOWN = frozenset({"postal_code", "postal"})


@cache
def fresh_template(folder: str) -> Catalog:
    """Extract the message ids exactly as `make translations-extract` does, into `folder`."""
    out = Path(folder) / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    command = ["--quiet", "extract", "-F", "babel.cfg", "-k", "N_", "-o", str(out), "--sort-by-file", "--omit-header"]
    subprocess.run(
        [str(pybabel), *command, "formbuilder"],
        cwd=ROOT,
        check=True,
    )
    with out.open("rb") as fp:
        return read_po(fp)


def po_path(lang: str) -> Path:
    return TRANSLATIONS / catalogue_name(lang) / "LC_MESSAGES" / "messages.po"


@cache
def catalogue(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fp:
        return read_po(fp)


def translations(lang: str) -> dict[str, str]:
    """Return {msgid: msgstr} of `lang`'s catalogue (ids shown to people only)."""
    return {m.id: m.string for m in catalogue(lang) if m.id and m.id not in NOT_SHOWN}


@cache
def japanese_beside() -> frozenset[str]:
    """Return the Japanese terms that translations/glossary.csv shows beside their translation."""
    with (TRANSLATIONS / "glossary.csv").open(encoding="utf-8", newline="") as fp:
        return frozenset(row["ja"] for row in csv.DictReader(fp) if row["japanese_beside"] == "yes")
