"""Languages: which one the citizen reads, and strings of definitions in it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from flask import Flask, current_app, g, has_app_context, has_request_context, request

DEFAULT_LANGUAGE = "ja"
LANGUAGE_COOKIE = "fb_lang"

# Each language named in itself, in the order the switcher shows them.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"ja": "日本語", "en": "English"})
# Languages a definition string may be written in (the UI catalogues follow, issue by issue).
LANGUAGE_CODES: tuple[str, ...] = ("ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "fil", "pt-BR", "ne", "id")


@dataclass(frozen=True)
class Text:
    """A human-readable string of a definition, in one or more languages."""

    values: Mapping[str, str]

    @classmethod
    def of(cls, raw: str | Mapping[str, str] | None) -> Text | None:
        if raw is None:
            return None
        if isinstance(raw, str):
            return cls(MappingProxyType({DEFAULT_LANGUAGE: raw}))
        return cls(MappingProxyType(dict(raw)))

    def get(self, lang: str | None = None) -> str:
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
        chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen not in languages:
        chosen = request.accept_languages.best_match(languages, default=DEFAULT_LANGUAGE)
    g.fb_lang = chosen
    return chosen


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


def babel_locale(lang: str) -> str:
    """Return the Babel locale for one of our language codes (ja-easy is Japanese to Babel)."""
    return "ja" if lang.startswith("ja") else lang.replace("-", "_")


def localize(value: Any, lang: str | None = None) -> str:
    """Render a Text (or plain string) in the current language."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang)
    return str(value)


def init_app(app: Flask) -> None:
    from .extensions import babel

    babel.init_app(app, locale_selector=lambda: babel_locale(current_language()))
    app.jinja_env.filters["t"] = localize
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_names"] = LANGUAGE_NAMES

    @app.after_request
    def remember_language(response):
        if request.args.get("lang") in available_languages():
            response.set_cookie(
                LANGUAGE_COOKIE,
                request.args["lang"],
                max_age=365 * 24 * 3600,
                secure=current_app.config["COOKIE_SECURE"],
                httponly=True,
                samesite="Lax",
            )
        return response
