"""Links and emphasis in the help texts of a definition: `[label](https://…)`, `[label](/path)`, `**words**`.

Strings of definitions are untrusted (SEC-12): everything outside the markup is escaped, the
label goes through the ruby markup (escaped too), and a URL becomes an href only when it is
https with a host, or a path on this site starting with a single "/". Anything else
(javascript:, data:, http:, //host, a backslash, spaces or quotes) is never a link: the linter
refuses it with its pointer, and a stored older definition shows the label as text.
A link opens in the same tab; a link to another site is marked （外部サイト）.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from flask import current_app, has_app_context
from flask_babel import gettext
from markupsafe import Markup, escape

from . import ruby
from .i18n import Text, in_language, keep_language

LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\n]*)\)")
# `**words**`: shown in bold (<strong>), within one line and with no space just inside the
# stars (as in Markdown); anything else, such as an unpaired ** or "2 ** 3", shows as typed.
EMPHASIS = re.compile(r"\*\*(?=[^\s*])([^*\n]*[^\s*])\*\*")
_LINK_START = re.compile(r"\[[^\[\]\n]+\]\(")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Printable ASCII but space, quotes, angle brackets, backslash and backtick.
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]*$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$")
# Where links are shown: help texts, a notice's or an exit's body, an exit's contact, the description.
LINKED_TEXTS = ("/help", "/body", "/contact")
LINKED_PLACES = "help, a notice's or an exit's body, a contact, the description, or next_steps"


def url_problem(url: str) -> str | None:
    """Return why `url` may not be a link, or None when it may (https, or a path on this site)."""
    if not url:
        return "the link has no address"
    scheme = _SCHEME.match(url)
    if scheme and scheme.group(1).lower() != "https":
        return f"{scheme.group(1).lower()}: addresses are not allowed; only https:// or a path on this site starting with /"
    if url.startswith("//"):
        return "an address starting with // goes to another site; write https:// in full"
    if not _URL_CHARS.match(url):
        return "the address has a space, a quote, <, >, a backslash or a character outside ASCII (percent-encode it)"
    if scheme:
        parts = urlsplit(url)
        if not url.lower().startswith("https://"):
            return "write https:// with both slashes"
        if "@" in parts.netloc:
            return "the address has a user name before @ (it would hide the real host)"
        if not parts.hostname or not _HOST.match(parts.netloc.lower()):
            return "the address has no valid host after https://"
        return None
    if url.startswith("/"):
        return None
    return "a relative address must start with / (a path on this site), or use https://"


def _external(url: str) -> bool:
    if not url.lower().startswith("https://"):
        return False
    base = current_app.config.get("BASE_URL") if has_app_context() else None
    own = urlsplit(base).netloc.lower() if base else None
    return urlsplit(url).netloc.lower() != own


def _link(label: str, url: str) -> Markup:
    shown = ruby.rich(label)
    if url_problem(url) is not None:
        return escape(shown)
    if not _external(url):
        return Markup('<a href="{}">{}</a>').format(url, shown)
    mark = gettext("外部サイト")
    return Markup(
        '<a href="{}" class="external" rel="external noopener">{}<span class="external-mark">（{}）</span></a>'
    ).format(url, shown, mark)


def rich(text: str) -> str | Markup:
    """Return `text` as HTML: **emphasis** as <strong>, links as <a>, readings as <ruby>, the rest escaped."""
    text = str(text)
    if "**" not in text:
        return _linked(text)
    pieces: list[str | Markup] = []
    end = 0
    for found in EMPHASIS.finditer(text):
        pieces.append(escape(_linked(text[end : found.start()])))
        pieces.append(Markup("<strong>{}</strong>").format(_linked(found.group(1))))
        end = found.end()
    pieces.append(escape(_linked(text[end:])))
    return Markup("").join(pieces)


def _linked(text: str) -> str | Markup:
    """Return `text` as HTML with its links and readings (no emphasis inside)."""
    if "](" not in text:
        return ruby.rich(text)
    pieces: list[Markup] = []
    end = 0
    for found in LINK.finditer(text):
        pieces.append(escape(ruby.rich(text[end : found.start()])))
        pieces.append(_link(found.group(1), found.group(2)))
        end = found.end()
    pieces.append(escape(ruby.rich(text[end:])))
    return Markup("").join(pieces)


def rich_filter(value: Text | str | None) -> str | Markup:
    """The `rich` template filter: a definition's help text in the page's language, with links.

    Text that fell back to another language (Japanese on an English page) is marked lang="ja".
    """
    if value is None:
        return ""
    if isinstance(value, Text):
        return in_language(rich(value.source()), value.language())
    return keep_language(value, rich(str(value)))


def link_problems(texts: Iterable[tuple[str, Text]]) -> Iterator[tuple[str, str]]:
    """Yield (pointer, message) for links with a refused address, and links or emphasis in a text that shows none."""
    for pointer, text in texts:
        for lang, value in text.values.items():
            where = pointer if len(text.values) == 1 else f"{pointer}/{lang}"
            links = {found.start() for found in LINK.finditer(value)}
            for start in _LINK_START.finditer(value):
                if start.start() not in links:
                    yield (
                        where,
                        (
                            f"{value[start.start() : start.end() + 20]!r}… is not a link: write [label](address) "
                            "with no parenthesis or line break in the address"
                        ),
                    )
            shown = pointer.endswith(LINKED_TEXTS) or pointer in ("/description", "/next_steps")
            for found in EMPHASIS.finditer(value):
                if not shown:
                    yield (
                        where,
                        f"emphasis is shown only in {LINKED_PLACES}; here {found.group(0)!r} would show as typed",
                    )
            for found in LINK.finditer(value):
                if not shown:
                    yield where, f"links are shown only in {LINKED_PLACES}; here {found.group(0)!r} would show as typed"
                    continue
                problem = url_problem(found.group(2))
                if problem:
                    yield where, f"link {found.group(0)!r}: {problem}"


def printed(text: str, base_url: str | None = None) -> str:
    """Return `text` for paper (the PDF receipt): **emphasis** as its words, a link as "label（address）".

    Nobody clicks paper, so the address is written out: a path on this site after `base_url`
    (without one, the label alone); a refused address shows the label alone, as on a page.
    """
    text = EMPHASIS.sub(r"\1", str(text))

    def link(found: re.Match[str]) -> str:
        label, url = found.group(1), found.group(2)
        if url_problem(url) is not None:
            return label
        if url.startswith("/"):
            if not base_url:
                return label
            url = base_url.rstrip("/") + url
        return f"{label}（{url}）"

    return ruby.plain(LINK.sub(link, text))
