"""A form's translations: one gettext catalogue per language beside the definition.

The definition (`form_definitions/<slug>.json`) holds the structure and the Japanese; each other
language it declares has `translations/forms/<slug>/<lang>.po` (the `translations` folder next to
the definitions folder). An entry's context (msgctxt) is the JSON pointer of its text in the
definition and its msgid the Japanese it translates, so an entry whose msgid is no longer the
Japanese at its pointer is stale and shows as such instead of an outdated translation.

A unit with plural forms (fields/units.py) has one entry a CLDR category the language uses
besides `other`: context `<pointer>#one`; the entry at the bare pointer is the `other` form.

Files are written in one stable layout (header, then the entries in the order of the texts in
the definition), so writing what was read gives the same bytes and a diff shows only what a
translator or author changed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import denormalize, read_po, write_po

from ..fields.units import Unit, categories
from ..i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from .lint import texts
from .model import FormDefinition

WIDTH = 76
CATEGORY_MARK = "#"


def catalogue_folder(definition_path: Path) -> Path:
    """Return the folder of the catalogues of the definition at `definition_path`."""
    return definition_path.parent.parent / "translations" / "forms" / definition_path.stem


def po_path(folder: Path, lang: str) -> Path:
    return folder / f"{lang}.po"


@dataclass(frozen=True)
class Slot:
    """A text a translator writes: its context (pointer, maybe with a plural category) and Japanese."""

    context: str
    source: str
    note: str = ""


def is_unit(pointer: str, text: object) -> bool:
    return isinstance(text, Unit) or pointer.endswith("/unit")


def slots(definition: FormDefinition, lang: str, *, plurals: bool = True) -> Iterator[Slot]:
    """Yield what a `lang` catalogue of `definition` holds, in the order of the definition
    (without `plurals`: not the entries of a unit's plural forms, which need the language's
    plural rules, that is Babel's locale data)."""
    for pointer, text in texts(definition):
        source = text.source(DEFAULT_LANGUAGE) if DEFAULT_LANGUAGE in text.values else ""
        if not source:
            continue
        yield Slot(pointer, source)
        if plurals and is_unit(pointer, text):
            for category in categories(lang)[:-1]:
                yield Slot(
                    f"{pointer}{CATEGORY_MARK}{category}",
                    source,
                    f"The unit's '{category}' plural form (CLDR); empty: the form of the entry above.",
                )


def read(path: Path) -> Catalog:
    """Read a catalogue; a file that does not exist reads as an empty one."""
    if not path.is_file():
        return Catalog(locale=None)
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    for message in catalog:
        _previous(message)
    return catalog


def _previous(message: Message) -> None:
    """Read `#| msgid "…"` (the Japanese a fuzzy entry was translated from) as its previous_id:
    Babel's reader keeps it only as a comment, and would drop it when the file is written."""
    lines = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not lines:
        return
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    text = "\n".join(lines)
    if text.startswith("msgid "):
        message.previous_id = [denormalize(text[len("msgid ") :])]


def header(definition: FormDefinition, lang: str) -> str:
    """The lines before the entries: what the file is, in the PO header a PO editor reads."""
    name = LANGUAGE_NAMES.get(lang, lang)
    title = definition.title.source(DEFAULT_LANGUAGE)
    return (
        f"# {title} ({definition.slug}): {name} ({lang}).\n"
        f"# msgctxt: where the text is in form_definitions/{definition.slug}.json (a JSON pointer);\n"
        "# msgid: its Japanese. Update with `flask forms translations update "
        f"{definition.slug}`.\n"
        'msgid ""\n'
        'msgstr ""\n'
        f'"Language: {lang}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
    )


def render(definition: FormDefinition, lang: str, messages: list[Message]) -> bytes:
    """Return the bytes of a catalogue holding `messages`, in their order."""
    catalog = Catalog(locale=None, fuzzy=False)
    for message in messages:
        catalog[message.id] = message  # keyed by (id, context): one entry a pointer
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, omit_header=True, sort_output=False, include_previous=True)
    return (header(definition, lang) + "\n").encode("utf-8") + out.getvalue().lstrip(b"\n")


def write(path: Path, content: bytes) -> bool:
    """Write `content` to `path` unless it holds it already; return whether the file changed."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


@dataclass
class Merge:
    """What `merged` did to one catalogue: texts added, marked fuzzy, dropped."""

    messages: list[Message]
    added: int = 0
    fuzzy: int = 0
    dropped: int = 0


def merged(definition: FormDefinition, lang: str, old: Catalog, given: dict[str, str] | None = None) -> Merge:
    """Return the entries a `lang` catalogue of `definition` should hold, from the `old` ones.

    An entry whose Japanese is unchanged is kept; a text whose Japanese has a translation under
    another pointer (it moved) takes it; a text whose Japanese changed keeps its old translation
    marked fuzzy, with the old Japanese as `#| msgid` (a hint a PO editor shows); a new text
    gets an empty entry; entries of texts no longer in the definition are dropped. `given`
    ({context: translation}) sets translations (a translator's CSV).
    """
    given = given or {}
    entries = [message for message in old if message.id and isinstance(message.id, str)]
    by_context = {message.context or "": message for message in entries}
    by_source: dict[str, Message] = {}
    for message in entries:
        if message.string and not message.fuzzy:
            by_source.setdefault(str(message.id), message)
    current = {slot.source for slot in slots(definition, lang)}
    result = Merge([])
    kept: set[str] = set()  # contexts of the old entries carried over
    for slot in slots(definition, lang):
        before = by_context.get(slot.context)
        moved = by_source.get(slot.source) if CATEGORY_MARK not in slot.context else None
        comments = [slot.note] if slot.note else []
        message = Message(slot.source, "", context=slot.context, auto_comments=comments)
        if before is not None and before.id == slot.source:
            message.string = before.string
            message.flags = set(before.flags)
            message.previous_id = before.previous_id
            message.user_comments = list(before.user_comments)
            kept.add(slot.context)
        elif moved is not None:  # the same Japanese under another pointer: a question moved
            message.string = moved.string
            kept.add(moved.context or "")
        elif before is not None and before.string and before.id not in current:  # its Japanese changed
            message.string = before.string
            message.flags = {"fuzzy"}
            message.previous_id = [str(before.id)]
            kept.add(slot.context)
            result.fuzzy += 1
        else:
            result.added += 1
        if slot.context in given:
            message.string = given[slot.context]
            message.flags.discard("fuzzy")
            message.previous_id = []
        result.messages.append(message)
    result.dropped = sum(1 for message in entries if (message.context or "") not in kept and message.string)
    return result


def inline_messages(definition: FormDefinition, lang: str) -> list[Message]:
    """Return the entries of a `lang` catalogue holding the translations written inline in
    `definition` (the layout before catalogues: `forms translations migrate`)."""
    by_pointer = dict(texts(definition))
    found = []
    for slot in slots(definition, lang):
        pointer, _, category = slot.context.partition(CATEGORY_MARK)
        text = by_pointer[pointer]
        if category:
            forms = text.forms.get(lang, {}) if isinstance(text, Unit) else {}
            string = forms.get(category, "")
        else:
            string = text.values.get(lang, "")
        comments = [slot.note] if slot.note else []
        found.append(Message(slot.source, string, context=slot.context, auto_comments=comments))
    return found
