"""No markup on screen: every UI catalogue string, printed the ways templates and code print it.

やさしい日本語 strings carry readings, `{再申請|さいしんせい}する`, like definition texts. A page
shows them as <ruby>; <title>, attributes (through `|ruby_unwrap`), the receipt PDF, texts
without autoescape and messages made in Python show 漢字（かんじ）. Braces or bars left on
screen are a defect a reader cannot get past (issue 21, item 1).
"""

from __future__ import annotations

import html
import re

import pytest
from flask_babel import gettext

from formbuilder.i18n import use_language
from tests.i18n.catalogues import NOT_SHOWN, TRANSLATED, catalogue

ARGUMENT = re.compile(r"%\((\w+)\)([sdif])")
TAG = re.compile(r"<[^>]*>")
LEFT = re.compile(r"[{}|]")
RUBY_TAGS = {"ruby", "rt", "rp"}
LANG_MARK = re.compile(r'<span lang="ja">|</span>')  # mark_japanese (i18n.py): "Reference number (受付番号)"

# The ways a template prints a catalogue string, each with what the screen may hold.
BODY = "<p>{{ _(message, **arguments) }}</p>"
TITLE = "<title>{% filter ruby_unwrap %}{{ _(message, **arguments) }}{% endfilter %}</title>"
ATTRIBUTE = '<b data-text="{{ _(message, **arguments)|ruby_unwrap }}"></b>'


def arguments(message: str) -> dict[str, object]:
    return {name: 1 if kind in "dif" else "X" for name, kind in ARGUMENT.findall(message)}


def on_screen(rendered: str) -> str:
    """The text a reader sees: tags gone, entities read."""
    return html.unescape(TAG.sub("", rendered))


def markup_left(rendered: str) -> list[str]:
    """What of `{漢字|かんじ}` markup the screen still shows."""
    return LEFT.findall(on_screen(rendered))


def messages(lang: str) -> list[str]:
    found = []
    for entry in catalogue(lang):
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        if entry.id and ids[0] not in NOT_SHOWN and entry.string:
            found.append(ids[0])
    return found


def render_every_way(app, lang: str, message: str) -> dict[str, str]:
    """`message` of `lang` as a page body, a <title>, an attribute, the receipt, a text and Python print it."""
    env = app.jinja_env
    given = {"message": message, "arguments": arguments(message)}
    receipt = env.from_string(BODY)
    receipt.name = "receipts/receipt.html"
    with app.test_request_context(f"/?lang={lang}"), use_language(lang):
        shown = {
            "body": env.from_string(BODY).render(given),
            "title": env.from_string(TITLE).render(given),
            "attribute": env.from_string(ATTRIBUTE).render(given),
            "receipt": receipt.render(given),
            "python": gettext(message, **given["arguments"]),
        }
        env.autoescape = False
        try:
            shown["text"] = env.from_string("{{ _(message, **arguments) }}").render(given)
        finally:
            env.autoescape = app.select_jinja_autoescape
    return shown


def problems(shown: dict[str, str]) -> list[str]:
    found = []
    for way, rendered in shown.items():
        if markup_left(rendered):
            found.append(f"{way}: markup on screen: {rendered!r}")
        if way in ("body", "receipt"):  # HTML: Japanese kept in a translation is marked, as it should be
            rendered = LANG_MARK.sub("", rendered)
        tags = {name.lower() for name in re.findall(r"</?([A-Za-z]+)", rendered)} - {"p", "title", "b"}
        if way == "body" and tags - RUBY_TAGS:
            found.append(f"{way}: tags other than ruby: {rendered!r}")
        if way != "body" and tags:
            found.append(f"{way}: plain text holds tags: {rendered!r}")
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_catalogue_string_shows_markup(app, lang):
    failures = {}
    for message in messages(lang):
        found = problems(render_every_way(app, lang, message))
        if found:
            failures[message] = found
    assert not failures, failures


def test_readings_of_easy_japanese_show_as_ruby_on_a_page_and_in_brackets_elsewhere(app):
    shown = render_every_way(app, "ja-easy", "修正して再申請する")
    assert "<ruby>直<rp>（</rp><rt>なお</rt><rp>）</rp></ruby>" in shown["body"]
    for way in ("title", "attribute", "receipt", "text", "python"):
        assert "直（なお）して もう一度（いちど） 出（だ）す" in shown[way], way


def test_a_planted_string_the_readings_cannot_explain_fails(app, monkeypatch):
    """The check itself: markup that is not a well-formed reading stays on screen and is caught."""
    with app.test_request_context("/?lang=ja-easy"), use_language("ja-easy"):
        from flask_babel import get_domain

        planted = get_domain().get_translations()._catalog
    monkeypatch.setitem(planted, "再申請する", "{再申請|}する")
    assert problems(render_every_way(app, "ja-easy", "再申請する"))
    monkeypatch.setitem(planted, "再申請する", "再申請|さいしんせい}する")
    assert problems(render_every_way(app, "ja-easy", "再申請する"))


def test_attributes_and_titles_unwrap_ruby(app):
    """A catalogue string in an attribute of a template goes through |ruby_unwrap: no <ruby> in an attribute."""
    from pathlib import Path

    folder = Path(app.root_path) / "templates"
    inside_attribute = re.compile(r'[a-z-]+="[^"]*\{\{((?:(?!\}\}).)*_\((?:(?!\}\}).)*)\}\}', re.S)
    unwrapped = []
    for template in folder.rglob("*.html"):
        for found in inside_attribute.finditer(template.read_text()):
            if "ruby_unwrap" not in found.group(1) and "ruby_plain" not in found.group(1):
                unwrapped.append(f"{template.relative_to(folder)}: {found.group(0)}")
    assert not unwrapped, unwrapped
