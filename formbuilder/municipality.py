"""The municipality's name and contact line, each given in Japanese or per language.

FORMBUILDER_MUNICIPALITY_NAME / _CONTACT hold the Japanese; FORMBUILDER_MUNICIPALITY_CONTACT_EN,
_ZH_HANS, _PT_BR, _JA_EASY … (and the same for _NAME) the line in that language: config.py
makes them one dict by language code (tests may give a dict or a string). A language without
its own line reads the Japanese one, marked lang="ja" on its pages and receipts.
"""

from __future__ import annotations

from flask import current_app

from .i18n import Localized, Text


def name(lang: str | None = None) -> Localized:
    """Return the municipality's name in `lang` (or the page's), else in Japanese."""
    return Text.of(current_app.config["MUNICIPALITY_NAME"]).get(lang)


def contact(lang: str | None = None) -> Localized:
    """Return whom to ask, as the city wrote it for `lang` (or the page's language), else in Japanese."""
    return Text.of(current_app.config["MUNICIPALITY_CONTACT"]).get(lang)
