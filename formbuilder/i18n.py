"""Languages: which one the citizen reads, the UI catalogues, and strings of definitions in it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any, overload
from urllib.parse import quote

from babel import Locale, support
from babel.lists import format_list
from babel.numbers import format_decimal
from flask import Flask, Response, current_app, g, has_app_context, has_request_context, request, url_for
from flask_babel import Domain, get_domain, get_locale
from jinja2 import pass_context
from markupsafe import Markup, escape
from werkzeug.urls import urlencode

from . import ruby, ui_catalogues

DEFAULT_LANGUAGE = "ja"
LANGUAGE_COOKIE = "fb_lang"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"

# Each language named in itself, in the order the switcher shows them.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ja": "日本語",
        "ja-easy": "やさしい日本語",
        "en": "English",
        "zh-Hans": "简体中文",
        "zh-Hant": "繁體中文",
        "ko": "한국어",
        "vi": "Tiếng Việt",
        "fil": "Filipino",
        "pt-BR": "Português",
        "ne": "नेपाली",
        "id": "Bahasa Indonesia",
    }
)
# Languages a definition string may be written in; every one has a UI catalogue.
LANGUAGE_CODES: tuple[str, ...] = tuple(LANGUAGE_NAMES)

# Accept-Language tags (lower case) that name one of ours another way.
ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "zh": "zh-Hans",
        "zh-cn": "zh-Hans",
        "zh-sg": "zh-Hans",
        "zh-my": "zh-Hans",
        "zh-hans": "zh-Hans",
        "zh-tw": "zh-Hant",
        "zh-hk": "zh-Hant",
        "zh-mo": "zh-Hant",
        "zh-hant": "zh-Hant",
        "pt": "pt-BR",
        "tl": "fil",
        "in": "id",  # the old code for Indonesian, still sent by some Android browsers
    }
)
# ja-easy is no Babel locale: it is Japanese with a modifier, so dates and numbers format as
# Japanese while its messages come from the catalogue directory `ja_easy`.
EASY_JAPANESE = "ja-easy"
_EASY_LOCALE = "ja@easy"
KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f]")
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Text:
    """A human-readable string of a definition, in one or more languages."""

    values: Mapping[str, str]

    @overload
    @classmethod
    def of(cls, raw: str | Mapping[str, str]) -> Text: ...

    @overload
    @classmethod
    def of(cls, raw: None) -> None: ...

    @classmethod
    def of(cls, raw: str | Mapping[str, str] | None) -> Text | None:
        if raw is None:
            return None
        if isinstance(raw, str):
            return cls(MappingProxyType({DEFAULT_LANGUAGE: raw}))
        return cls(MappingProxyType(dict(raw)))

    def get(self, lang: str | None = None) -> Localized:
        """Return the string in `lang` (or the best fallback) as plain text: readings as 漢字（かんじ）."""
        return Localized(ruby.plain(self.source(lang)), self.language(lang))

    def source(self, lang: str | None = None) -> str:
        """Return the string as written, readings still marked up as {漢字|かんじ}."""
        return self.values.get(self.language(lang), "")

    def language(self, lang: str | None = None) -> str:
        """Return the language the string is shown in for `lang`: itself, or the fallback that has it."""
        for code in fallbacks(lang or current_language()):
            if self.values.get(code):
                return code
        return next(iter(self.values), DEFAULT_LANGUAGE)

    def __str__(self) -> str:
        return str(self.get())


class Localized(str):
    """Plain text that knows its language: in HTML it is marked when that is not the page's.

    A definition's string that fell back to Japanese on an English page, the city's contact
    line, a staff comment: `{{ value }}` renders `<span lang="ja">…</span>` there (WCAG 3.1.2),
    and the bare text on a page in its own language. Anything made from it (a slice, an
    f-string, `str()`) is a plain str again.
    """

    lang: str

    def __new__(cls, text: str, lang: str = DEFAULT_LANGUAGE) -> Localized:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __html__(self) -> Markup:
        return in_language(escape(str(self)), self.lang)


def joined(separator: str, pieces: Iterable[str]) -> str:
    """Join texts (the labels of ticked choices) keeping their language when they share one."""
    pieces = list(pieces)
    text = separator.join(pieces)
    languages = {piece.lang if isinstance(piece, Localized) else None for piece in pieces}
    if len(languages) == 1 and (lang := languages.pop()) is not None:
        return Localized(text, lang)
    return text


def in_language(html: str | Markup, lang: str) -> Markup:
    """Return `html` (escaped unless Markup) marked as written in `lang` if the page is in another.

    Each paragraph (text between blank lines) gets its own <span lang>, so `paragraphs` can still
    cut the text into <p> without cutting a span.
    """
    html = escape(html)
    tag = html_lang(lang)
    if tag == html_lang(current_language()) or not html:
        return html
    blocks = html.replace("\r\n", "\n").split("\n\n")
    return Markup("\n\n").join(Markup('<span lang="{}">{}</span>').format(tag, block) for block in blocks)


def keep_language(source: object, html: str | Markup) -> Markup:
    """Return `html`, made from `source`, marked with the language of `source` when it is Localized."""
    return in_language(html, source.lang) if isinstance(source, Localized) else escape(html)


def lang_attribute(value: object) -> Markup:
    """Return ` lang="ja"` for a Text or Localized shown in a language not the page's (an <option>), else ""."""
    lang = value.language() if isinstance(value, Text) else getattr(value, "lang", None)
    if lang is None or html_lang(lang) == html_lang(current_language()):
        return Markup("")
    return Markup(' lang="{}"').format(html_lang(lang))


# A run of Japanese in a translated sentence: 山田 太郎, さくらハイツ101, 千代田1-1.
_JA = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_JAPANESE_RUN = re.compile(f"[{_JA}](?:[{_JA}0-9０-９\\-]|[ 　](?=[{_JA}]))*")


def mark_japanese(text: str) -> str | Markup:
    """Mark each run of Japanese inside a translated UI string with <span lang="ja">.

    The examples a translation keeps on purpose ("Ví dụ: 山田 太郎"), and in an error message the
    label of a field that has no translation ("＊Please enter 氏名."): messages are plain text.
    On a Chinese page only runs with kana count (kanji alone may be Chinese); on a Japanese page
    nothing is marked.
    """
    page = current_language()
    if html_lang(page) == DEFAULT_LANGUAGE or (isinstance(text, Markup) and 'lang="ja"' in text):
        return text  # a Japanese page, or a catalogue string the template has marked already
    pieces: list[str | Markup] = []
    end = 0
    for found in _JAPANESE_RUN.finditer(text):
        if page.startswith("zh") and not KANA.search(found.group()):
            continue
        pieces += [text[end : found.start()], Markup('<span lang="ja">{}</span>').format(found.group())]
        end = found.end()
    if not pieces:
        return text
    return Markup("").join([*pieces, text[end:]])


def written_in(text: str, page_lang: str | None = None) -> Localized:
    """Return a text people typed for citizens (a staff comment) with the language it is written in.

    Kana, or kanji on a page that is not Chinese, make it Japanese; anything else is taken to be
    in the page's language.
    """
    page_lang = page_lang or current_language()
    if KANA.search(text) or (not page_lang.startswith("zh") and KANJI.search(text)):
        return Localized(text, DEFAULT_LANGUAGE)
    return Localized(text, page_lang)


def fallbacks(lang: str) -> tuple[str, ...]:
    """Return the languages to try for `lang`, best first; Japanese is always last."""
    chain = [lang]
    if "-" in lang:
        chain.append(lang.split("-")[0])
    chain.append(DEFAULT_LANGUAGE)
    return tuple(dict.fromkeys(chain))


def available_languages() -> tuple[str, ...]:
    return tuple(LANGUAGE_NAMES)


def name_for_staff(lang: str) -> str:
    """Return a citizen's language as staff read it: 「ベトナム語（Tiếng Việt）」, 「日本語」."""
    own = LANGUAGE_NAMES.get(lang)
    if own is None:
        return lang
    if lang in (DEFAULT_LANGUAGE, EASY_JAPANESE):
        return own
    japanese = Locale.parse(babel_locale(lang)).get_display_name(DEFAULT_LANGUAGE) or lang
    return f"{japanese.replace(' (', '（').replace(')', '）')}（{own}）"


def html_lang(lang: str) -> str:
    """Return the BCP 47 tag for `<html lang>`: やさしい日本語 is Japanese."""
    return DEFAULT_LANGUAGE if lang == EASY_JAPANESE else lang


def catalogue_name(lang: str) -> str:
    """Return the folder of `lang`'s catalogue in translations/ (zh-Hans → zh_Hans)."""
    return lang.replace("-", "_")


def babel_locale(lang: str) -> str:
    """Return the Babel locale for one of our language codes (ja-easy is Japanese to Babel)."""
    return _EASY_LOCALE if lang == EASY_JAPANESE else lang.replace("-", "_")


def alternatives(items: Iterable[str], lang: str | None = None) -> str:
    """Join the choices a message offers as the reader writes them: JPEG・PNG・PDF,
    "JPEG, PNG, or PDF", JPEG、PNG或PDF, "JPEG, PNG ou PDF"."""
    items = list(items)
    lang = lang or current_language()
    if lang.startswith("ja"):
        return "・".join(items)
    return format_list(items, style="or", locale=babel_locale(lang))


def number(value: float | Decimal, lang: str | None = None) -> str:
    """Write a number inside a message as the reader's locale does: 5,000 (en, ja), 5.000 (vi, pt-BR, id), 1,5.

    やさしい日本語 writes numbers as Japanese. Years are names, not quantities: never pass one here.
    """
    return format_decimal(value, locale=babel_locale(lang or current_language()))


# Parameters of messages that hold years (2019, 令和31年): names, never written 2,019.
YEAR_PARAMETERS = frozenset({"year", "western", "last"})


def numbers_written(params: Mapping[str, Any]) -> dict[str, Any]:
    """Return a message's parameters with every number but a year written for the reader (`number`)."""
    return {
        name: number(value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and name not in YEAR_PARAMETERS
        else value
        for name, value in params.items()
    }


def negotiate(header_values: Any) -> str:
    """Return our language that best fits an Accept-Language header, Japanese when none does."""
    by_lower = {code.lower(): code for code in LANGUAGE_NAMES if code != EASY_JAPANESE}
    for value, quality in header_values:
        if quality <= 0 or value == "*":
            continue
        tag = value.lower().replace("_", "-")
        while tag:
            found = by_lower.get(tag) or ALIASES.get(tag)
            if found:
                return found
            tag = tag.rpartition("-")[0]
    return DEFAULT_LANGUAGE


def language_cookie_name() -> str:
    """`__Host-` on https: a sibling subdomain cannot set or overwrite the cookie."""
    return f"__Host-{LANGUAGE_COOKIE}" if current_app.config["COOKIE_SECURE"] else LANGUAGE_COOKIE


def current_language() -> str:
    """Return the language of this request: ?lang=, then cookie, then Accept-Language."""
    if not has_request_context():
        return g.get("fb_lang", DEFAULT_LANGUAGE) if has_app_context() else DEFAULT_LANGUAGE
    cached = g.get("fb_lang")
    if cached:
        return cached
    languages = available_languages()
    chosen = request.args.get("lang")
    if chosen not in languages:
        chosen = request.cookies.get(language_cookie_name())
    if chosen not in languages:
        chosen = negotiate(request.accept_languages)
    g.fb_lang = chosen
    return chosen


# A page shown in answer to a POST (an expired form token) switches language on the page its
# GET shows; every other page is its own GET.
_SHOWN_BY = {"citizen.begin": "citizen.start", "citizen.send": "citizen.check"}


def language_url(lang: str) -> str:
    """Return this page's address in `lang`, keeping the other query parameters."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return f"{_this_page()}?{urlencode([*args, ('lang', lang)])}"


def _this_page() -> str:
    """Return this page's path, built from its endpoint, or for a path no route matched, made safe.

    Never the raw request path: `/%5Cevil.example/x` would be written `/\\evil.example/x`,
    which browsers read as another site (an open redirect through the language links). An
    unmatched path keeps its words but starts with one slash and has every other character
    that could leave the site (backslashes, tabs, a second leading slash) percent-encoded.
    """
    endpoint = _SHOWN_BY.get(request.endpoint or "", request.endpoint)
    if request.url_rule is None or endpoint is None:
        return "/" + quote(request.path.lstrip("/\\"), safe="/")
    return url_for(endpoint, **(request.view_args or {}))


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Render in `lang` for a while (a receipt in the applicant's language)."""
    from flask_babel import force_locale

    before = g.get("fb_lang")
    g.fb_lang = lang
    try:
        with force_locale(babel_locale(lang)):
            yield
    finally:
        g.fb_lang = before


def localize(value: Any, lang: str | None = None) -> str:
    """Render a Text (or plain string) in the current language, readings as 漢字（かんじ）.

    A Text gives a Localized string: HTML marks it with its language when it fell back.
    """
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang)
    return str(value)


@pass_context
def localize_html(context: Any, value: Any, lang: str | None = None) -> str | Markup:
    """The `t` filter: readings become <ruby> (Markup of escaped pieces); plain in receipts (PDF).

    A string that fell back to another language than the page's is marked with its own (lang="ja").
    """
    if isinstance(value, Text) and not (context.name or "").startswith("receipts/"):
        return in_language(ruby.rich(value.source(lang)), value.language(lang))
    return localize(value, lang)


def _plain_context(context: Any) -> bool:
    """Whether a template prints plain text: no autoescape (text), or the receipt (PDF)."""
    return not context.eval_ctx.autoescape or (context.name or "").startswith("receipts/")


def _with_readings(context: Any, message: str) -> str | Markup:
    """A catalogue string as a template prints it: readings as <ruby> in HTML, 漢字（かんじ） elsewhere.

    やさしい日本語 strings carry readings (`{再申請|さいしんせい}する`) like definition texts do.
    Where HTML cannot hold <ruby> (<title>, attributes) the template unwraps it: `|ruby_unwrap`.
    """
    if ruby.has_readings(message):
        message = ruby.plain(message) if _plain_context(context) else ruby.rich(message)
    # Japanese kept in a translation, "Reference number (受付番号)", is marked lang="ja" in HTML.
    return mark_japanese(message) if context.eval_ctx.autoescape else message


@pass_context
def _template_gettext(context: Any, message: str) -> str | Markup:
    return _with_readings(context, get_domain().get_translations().ugettext(message))


@pass_context
def _template_ngettext(context: Any, singular: str, plural: str, num: int) -> str | Markup:
    return _with_readings(context, get_domain().get_translations().ungettext(singular, plural, num))


@pass_context
def _template_pgettext(context: Any, message_context: str, message: str) -> str | Markup:
    return _with_readings(context, get_domain().get_translations().upgettext(message_context, message))


@pass_context
def _template_npgettext(context: Any, message_context: str, singular: str, plural: str, num: int) -> str | Markup:
    translations = get_domain().get_translations()
    return _with_readings(context, translations.unpgettext(message_context, singular, plural, num))


class CatalogueDomain(Domain):
    """Flask-Babel's message domain, reading translations/<catalogue>/ for each of our languages.

    Messages made in Python (errors, flashes, PDF and e-mail texts) are plain text: readings
    written in a catalogue string come out as 漢字（かんじ）, never as `{漢字|かんじ}`.
    Templates print catalogue strings through `_template_gettext` and show them as <ruby>.
    """

    def gettext(self, string, **variables):
        text = ruby.plain(self.get_translations().ugettext(string))
        return text % variables if variables else text

    def ngettext(self, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return ruby.plain(self.get_translations().ungettext(singular, plural, num)) % variables

    def pgettext(self, context, string, **variables):
        text = ruby.plain(self.get_translations().upgettext(context, string))
        return text % variables if variables else text

    def npgettext(self, context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return ruby.plain(self.get_translations().unpgettext(context, singular, plural, num)) % variables

    def get_translations(self):
        locale = get_locale()
        if locale is None:
            return support.NullTranslations()
        key = str(locale)
        if key not in self.cache:
            self.cache[key] = load_catalogue(_language_of(locale))
        return self.cache[key]


def _language_of(locale: Locale) -> str:
    if locale.modifier == "easy":
        return EASY_JAPANESE
    return "-".join(part for part in (locale.language, locale.script, locale.territory) if part)


def load_catalogue(lang: str) -> support.Translations | support.NullTranslations:
    """Return the catalogue of `lang` (Japanese has none: the message ids are Japanese)."""
    if lang == DEFAULT_LANGUAGE:
        return support.NullTranslations()
    return ui_catalogues.compiled(ui_catalogues.catalogue_path(TRANSLATIONS_DIR, catalogue_name(lang)))


def check_catalogues() -> None:
    """Compile every offered language's catalogue now, or stop the start naming the one missing."""
    for lang in available_languages():
        load_catalogue(lang)


def init_app(app: Flask) -> None:
    from .extensions import babel

    babel.init_app(app, default_locale=DEFAULT_LANGUAGE, locale_selector=lambda: babel_locale(current_language()))
    babel.domain_instance = CatalogueDomain()
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        pgettext=_template_pgettext,
        npgettext=_template_npgettext,
        newstyle=True,
    )
    check_catalogues()  # a fresh checkout has no .mo: never serve English pages with Japanese buttons
    app.jinja_env.filters["t"] = localize_html
    app.jinja_env.filters["ruby"] = ruby.rich
    app.jinja_env.filters["ruby_plain"] = ruby.plain
    app.jinja_env.filters["ruby_unwrap"] = ruby.unwrap_html
    app.jinja_env.filters["lang_attribute"] = lang_attribute
    app.jinja_env.filters["mark_japanese"] = mark_japanese
    app.jinja_env.filters["number"] = number
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_names"] = LANGUAGE_NAMES
    app.jinja_env.globals["html_lang"] = html_lang
    app.jinja_env.globals["language_for_staff"] = name_for_staff
    app.jinja_env.globals["language_url"] = language_url

    @app.after_request
    def remember_chosen(response):
        if request.args.get("lang") in available_languages():
            remember_language(response, request.args["lang"])
        return response


def remember_language(response: Response, lang: str) -> Response:
    """Keep `lang` for the next pages: the cookie that current_language() reads."""
    response.set_cookie(
        language_cookie_name(),
        lang,
        max_age=365 * 24 * 3600,
        secure=current_app.config["COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response
