"""Languages: which one the citizen reads, the UI catalogues, and strings of definitions in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, overload
from urllib.parse import quote

from babel import Locale, support
from babel.lists import format_list
from flask import Flask, Response, current_app, g, has_app_context, has_request_context, request, url_for
from flask_babel import Domain, get_locale
from jinja2 import pass_context
from markupsafe import Markup
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

    def get(self, lang: str | None = None) -> str:
        """Return the string in `lang` (or the best fallback) as plain text: readings as 漢字（かんじ）."""
        return ruby.plain(self.source(lang))

    def source(self, lang: str | None = None) -> str:
        """Return the string as written, readings still marked up as {漢字|かんじ}."""
        for code in fallbacks(lang or current_language()):
            if self.values.get(code):
                return self.values[code]
        return next(iter(self.values.values()), "")

    def __str__(self) -> str:
        return self.get()


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
    """Render a Text (or plain string) in the current language, readings as 漢字（かんじ）."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang)
    return str(value)


@pass_context
def localize_html(context: Any, value: Any, lang: str | None = None) -> str | Markup:
    """The `t` filter: readings become <ruby> (Markup of escaped pieces); plain in receipts (PDF)."""
    if isinstance(value, Text) and not (context.name or "").startswith("receipts/"):
        return ruby.rich(value.source(lang))
    return localize(value, lang)


class CatalogueDomain(Domain):
    """Flask-Babel's message domain, reading translations/<catalogue>/ for each of our languages."""

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
    check_catalogues()  # a fresh checkout has no .mo: never serve English pages with Japanese buttons
    app.jinja_env.filters["t"] = localize_html
    app.jinja_env.filters["ruby"] = ruby.rich
    app.jinja_env.filters["ruby_plain"] = ruby.plain
    app.jinja_env.filters["ruby_unwrap"] = ruby.unwrap_html
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
