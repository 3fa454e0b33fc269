"""The contract every field type fulfils: ask, validate, normalise, show, export."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from wtforms import Field as WTField
from wtforms import StringField
from wtforms.validators import Length, Optional, Regexp, StopValidation

from ..definitions.model import Field
from ..i18n import localize
from .messages import message

LintError = tuple[str, str]  # (JSON pointer, message)
# The most characters any text answer may have, whatever its definition says (schema maximum).
MAX_TEXT_LENGTH = 10_000
# Schema of a human-readable option: the loader turns such options into Text.
TEXT: dict[str, Any] = {"$ref": "#/$defs/text"}
# Schema of an option holding fields (a group's item fields): the loader builds them as Fields.
FIELDS: dict[str, Any] = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/field"}}


@dataclass(frozen=True)
class Line:
    """One line of an answer as the receipt and staff pages print it."""

    text: str
    fine: bool = False  # fine print: a proof beside the answer (a file's SHA-256), not the answer


class Required:
    """Stop with the field's "required" message when nothing was given."""

    field_flags = {"required": True}

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, form: Any, field: WTField) -> None:
        data = field.data
        if data is None or data is False or data == [] or (isinstance(data, str) and not data.strip()):
            field.errors[:] = []
            raise StopValidation(self.text)


class FieldType:
    """Base of all field types; subclasses override what differs."""

    name: ClassVar[str]
    template: ClassVar[str] = "fields/input.html"
    takes_input: ClassVar[bool] = True
    has_choices: ClassVar[bool] = False
    # JSON Schema properties of this type's own options (merged into schema.json).
    options_schema: ClassVar[dict[str, Any]] = {}
    html_type: ClassVar[str] = "text"
    inputmode: ClassVar[str | None] = None
    autocomplete: ClassVar[str | None] = None
    required_key: ClassVar[str] = "required"
    # True for a type whose inputs are files (attachments): the page is posted multipart, the
    # draft entry is written by the server from the files it accepted (flows/uploads.py), what
    # a browser posts as text under its name is never kept, and the instant check leaves it alone.
    takes_files: ClassVar[bool] = False
    # True for a type whose `display` hides part of the value (My Number): staff read it in
    # full only with the permission, and each time is audited.
    masks: ClassVar[bool] = False
    # What its stored value is, for the rules that compare it (definitions/operands.py has one
    # check per kind): text, number, date, boolean, choice, or parts (only `answered` applies).
    value_kind: ClassVar[str] = "text"
    # True for a type whose answer is a list of items (checkboxes, files, a group's items):
    # a check may count them (`{"count": name}`).
    holds_list: ClassVar[bool] = False
    # Names authors bring from other form tools; an unknown `type` among them is answered
    # with "use '<name>' instead".
    aliases: ClassVar[tuple[str, ...]] = ()
    # True for a type whose value the server computes from other answers (`calculated`): it
    # takes no input, yet its value is stored, shown and exported like an answer.
    computed: ClassVar[bool] = False
    # The partial that shows a stored answer to the citizen on the check page (it gets `row`,
    # `ftype` and `definition`); None shows the text of `display`.
    answer_template: ClassVar[str | None] = None

    # --- asking -------------------------------------------------------------
    def item_fields(self, field: Field) -> tuple[Field, ...]:
        """Return the fields nested in this one (a group's item fields); the linter checks them too."""
        return ()

    def input_names(self, field: Field) -> list[str]:
        """Return the names of the HTML inputs this field posts."""
        return [field.name] if self.takes_input else []

    def anchor(self, field: Field, bad: Collection[str] = ()) -> str:
        """Return the id of the input an error summary link should focus.

        `bad`: the parts a validator found wrong (PartsField.bad); a type of several inputs
        names the first wrong one, so a missing 名 links to 名, not to 姓.
        """
        return self.input_names(field)[0] if self.takes_input else field.name

    def wtforms_field(self, field: Field) -> Any:
        """Return an unbound WTForms field for this definition field."""
        return StringField(field.name, validators=self.validators(field), filters=[_strip])

    def validators(self, field: Field) -> list[Any]:
        found: list[Any] = []
        if field.required:
            found.append(Required(message(field, self.required_key)))
        else:
            found.append(Optional())
        found.extend(self.extra_validators(field))
        return found

    def extra_validators(self, field: Field) -> list[Any]:
        return []

    def attributes(self, field: Field) -> dict[str, str]:
        """Return extra HTML attributes for the input (autocomplete, inputmode, …)."""
        attrs = {"type": self.html_type}
        autocomplete = field.option("autocomplete", self.autocomplete)
        if autocomplete:
            attrs["autocomplete"] = autocomplete
        if self.inputmode:
            attrs["inputmode"] = self.inputmode
        return attrs

    def assist(self, field: Field, raw: dict[str, list[str]]) -> dict[str, list[str]]:
        """Return the page's typed inputs after a no-JavaScript helper button was pressed.

        A type that offers such a button (e.g. 「住所を検索」) renders it as
        `<button name="action" value="assist:FIELD_NAME">` and fills inputs here;
        the page is then shown again without validation errors.
        """
        return raw

    def value_inputs(self, field: Field, value: Any) -> dict[str, str]:
        """Return the inputs that show a stored value, by input name.

        The browser's instant check puts these back after normalising (ひらがな → カタカナ,
        〒１００ー０００１ → 100-0001). Types of several inputs override this; the default
        covers one input holding a plain value.
        """
        names = self.input_names(field)
        if len(names) == 1 and isinstance(value, str | int) and not isinstance(value, bool):
            return {names[0]: str(value)}
        return {}

    def item_options(self, field: Field, rename: Callable[[str], str]) -> dict[str, Any]:
        """Return the options of a group's item field, the item's own fields it names renamed."""
        options = dict(field.options)
        for option, name, _kinds in self.references(field):
            options[option] = rename(name)
        return options

    def compute(self, field: Field, known: Mapping[str, Any]) -> Any:
        """Return the value of a computed type from the answers so far (`computed` types only)."""
        return None

    def draft_inputs(self, field: Field, value: Any) -> dict[str, list[str]]:
        """Return the posted inputs that give a stored value back (a correction after 要再申請).

        Evaluating these as a page post gives `value` again; the default covers the types
        whose `value_inputs` already say everything.
        """
        return {name: [text] for name, text in self.value_inputs(field, value).items()}

    # --- storing ------------------------------------------------------------
    def value(self, field: Field, data: Any) -> Any:
        """Return the stored value for validated WTForms data; None when unanswered."""
        if data is None or (isinstance(data, str) and data == ""):
            return None
        return data

    # --- showing ------------------------------------------------------------
    def display(self, field: Field, value: Any, lang: str | None = None) -> str:
        """Return the value as a person reads it (check page, receipt)."""
        if value is None:
            return ""
        return str(value)

    def display_unmasked(self, field: Field, value: Any, lang: str | None = None) -> str:
        """Return the value in full for staff allowed to read it; only masking types differ."""
        return self.display(field, value, lang)

    def printed_lines(self, field: Field, value: Any, lang: str | None = None, unmasked: bool = False) -> list[Line]:
        """Return the value as the receipt and staff pages print it; a type adds fine print here."""
        text = (self.display_unmasked if unmasked else self.display)(field, value, lang)
        return [Line(text)] if text else []

    def csv_headers(self, field: Field, lang: str) -> list[str]:
        return [localize(field.label, lang)]

    def csv_cells(self, field: Field, value: Any) -> list[str]:
        """Return the CSV cells of a value: codes and ISO forms, not labels."""
        if value is None:
            return [""]
        return [str(value)]

    # --- checking definitions -------------------------------------------------
    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        """Yield semantic mistakes of this type's options."""
        return iter(())

    def advice(self, field: Field, pointer: str) -> Iterator[LintError]:
        """Yield what `forms check` should warn about: allowed, but probably not meant."""
        return iter(())

    def references(self, field: Field) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        """Yield (option, field name, allowed types) for each option naming another field.

        The linter checks that each named field is asked earlier and has an allowed type
        (an era_date's `after_field` must name an earlier date).
        """
        return iter(())


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class TextLike(FieldType):
    """A single-line string with length and pattern limits counted in code points.

    Every answer has a finite maximum: the definition's `max_length`, else the type's default.
    A definition may not go above MAX_TEXT_LENGTH (the schema refuses it): answers end up on
    the PDF receipt, and an unbounded one costs CPU on every download.
    """

    default_max_length: ClassVar[int] = 200
    options_schema = {
        "max_length": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_TEXT_LENGTH,
            "default": 200,
            "description": f"At most this many characters (default 200, at most {MAX_TEXT_LENGTH:,}).",
        },
        "min_length": {"type": "integer", "minimum": 0},
        "pattern": {"type": "string", "format": "regex"},
        "autocomplete": {"type": "string"},
    }

    def max_length(self, field: Field) -> int:
        """Return the most characters an answer may have: the definition's limit or the default."""
        return int(field.option("max_length", self.default_max_length))

    def attributes(self, field: Field) -> dict[str, str]:
        # The browser stops typing at the limit; the server checks it again (a browser counts
        # UTF-16 units, so 𠮷 takes two there: it never lets through more than the server takes).
        return {**super().attributes(field), "maxlength": str(self.max_length(field))}

    def extra_validators(self, field: Field) -> list[Any]:
        max_length = self.max_length(field)
        found: list[Any] = [Length(max=max_length, message=message(field, "too_long", max=max_length))]
        min_length = field.option("min_length")
        if min_length:
            found.append(Length(min=min_length, message=message(field, "too_short", min=min_length)))
        if field.option("pattern"):
            found.append(Regexp(f"(?:{field.option('pattern')})\\Z", message=message(field, "pattern")))
        return found

    def lint(self, field: Field, pointer: str) -> Iterator[LintError]:
        max_length, min_length = self.max_length(field), field.option("min_length")
        if min_length is not None and min_length > max_length:
            if field.option("max_length") is None:
                yield (
                    pointer + "/min_length",
                    f"min_length ({min_length}) is greater than the default max_length of a {field.type} field "
                    f"({max_length}); set max_length",
                )
            else:
                yield pointer + "/min_length", f"min_length ({min_length}) is greater than max_length ({max_length})"
        if field.option("pattern"):
            try:
                re.compile(field.option("pattern"))
            except re.error as exc:
                yield pointer + "/pattern", pattern_problem(field.option("pattern"), exc)

    def advice(self, field: Field, pointer: str) -> Iterator[LintError]:
        if field.option("max_length") is None:
            yield (
                pointer,
                f"no max_length: answers are limited to the default {self.default_max_length:,} characters "
                f"of a {field.type} field; set max_length to what the question needs",
            )


# Python's words for a broken regular expression, and what they mean to an author.
_PATTERN_CAUSES = (
    ("missing )", "a ( has no ) to close it"),
    ("unbalanced parenthesis", "a ) has no ( before it"),
    ("unterminated character set", "a [ has no ] to close it"),
    ("nothing to repeat", "{ } * + or ? must follow what it repeats (write \\\\+ for a plain +)"),
    ("multiple repeat", "two repeats in a row such as ++ or *?+"),
    (
        "bad escape",
        "a backslash before a letter that has no meaning; write \\\\d for a digit, \\\\\\\\ for a backslash",
    ),
    ("bad character range", "a range such as [9-0] runs backwards: write the smaller first, [0-9]"),
)


def pattern_problem(pattern: str, exc: re.error) -> str:
    """Explain a pattern Python cannot read in plain words, pointing at the character."""
    cause = next((plain for words, plain in _PATTERN_CAUSES if str(exc.msg).startswith(words)), str(exc.msg))
    where = f" at character {exc.pos + 1} ({pattern[: exc.pos + 1][-10:]!r})" if exc.pos is not None else ""
    return (
        f"pattern cannot be read{where}: {cause}. A pattern is a regular expression: [0-9] is one digit, "
        "{3} three of what comes before, and . ( ) [ ] { } * + ? | need a backslash to stand for "
        'themselves (written "\\\\." in JSON)'
    )
