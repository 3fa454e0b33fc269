"""Readings over kanji (ルビ) for やさしい日本語: `{漢字|かんじ}` in a string of a definition or catalogue.

HTML gets `<ruby>漢字<rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>`; PDF, CSV and anything else that
is plain text gets `漢字（かんじ）`. Strings of definitions are untrusted: everything outside the
markup, and the base and reading themselves, are escaped before they become Markup.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

READING = re.compile(r"\{([^{}|\n]+)\|([^{}|\n]+)\}")
_RENDERED = re.compile(r"<ruby>(.*?)<rp>（</rp><rt>(.*?)</rt><rp>）</rp></ruby>", re.S)
_LANGUAGE_SPAN = re.compile(r'<span lang="[A-Za-z-]+">(.*?)</span>', re.S)
_RUBY = Markup("<ruby>{}<rp>（</rp><rt>{}</rt><rp>）</rp></ruby>")


def has_readings(text: str) -> bool:
    return "{" in text and READING.search(text) is not None


def plain(text: str) -> str:
    """Return `text` with each {漢字|かんじ} written as 漢字（かんじ）, for PDF, CSV and attributes."""
    text = str(text)
    return READING.sub(r"\1（\2）", text) if "{" in text else text


def rich(text: str) -> str | Markup:
    """Return `text` as HTML with readings as <ruby>; text without readings is returned unchanged.

    The result is Markup only when it holds ruby, and then it is built from escaped pieces only,
    so `{{ value|t }}` stays safe under autoescaping.
    """
    text = str(text)
    if not has_readings(text):
        return text
    pieces: list[Markup] = []
    end = 0
    for found in READING.finditer(text):
        pieces.append(escape(text[end : found.start()]))
        pieces.append(_RUBY.format(found.group(1), found.group(2)))
        end = found.end()
    pieces.append(escape(text[end:]))
    return Markup("").join(pieces)


def unwrap_html(html: str) -> Markup:
    """Turn ruby that `rich` rendered back into 漢字（かんじ） (for <title> and other plain-text spots).

    The <span lang> that marks a text in another language than the page's goes too: <title>
    holds no elements. `html` must be rendered, escaped output: the only tags it can hold are ours.
    """
    plain_text = _LANGUAGE_SPAN.sub(r"\1", str(html))
    return Markup(_RENDERED.sub(r"\1（\2）", plain_text))  # noqa: S704 - rendered output, tags removed only
