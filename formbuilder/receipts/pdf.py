"""Render the 控え as a PDF with WeasyPrint, in the applicant's language, text extractable."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_name
from flask import render_template

from .. import municipality
from ..assist.wareki import era_year_text
from ..flows.lookup import definition_of
from ..flows.summary import answer_sections
from ..i18n import Localized, Text, babel_locale, use_language
from ..markup import printed
from ..storage.clock import as_utc
from ..storage.models import Submission
from ..web.contact import department_of
from .runs import in_runs
from .status_link import qr_svg, status_url

TOKYO = ZoneInfo("Asia/Tokyo")
STYLESHEET = Path(__file__).with_name("receipt.css")


@lru_cache(maxsize=1)
def _weasy():
    """Import WeasyPrint and parse the stylesheet once per process (~0.4 s, and fonts)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML, CSS(filename=str(STYLESHEET), font_config=fonts), fonts


def received_at_text(moment: datetime, lang: str = "ja") -> str:
    """Return when a submission arrived, in Japan time, as `lang` writes it.

    Japanese: 2026年11月22日 16時44分（令和8年）; others from Babel's CLDR data, the zone named:
    "November 22, 2026, 4:44 PM (Japan Time)".
    """
    local = as_utc(moment).astimezone(TOKYO)
    if lang.startswith("ja"):
        return f"{local.year}年{local.month}月{local.day}日 {local.hour}時{local.minute:02d}分（{era_year_text(local.date())}）"
    locale = Locale.parse(babel_locale(lang))
    pattern = str(locale.datetime_formats["medium"]).replace("'", "")
    when = pattern.format(format_time(local, "short", locale=locale), format_date(local, "long", locale=locale))
    return f"{when} ({get_timezone_name(TOKYO, locale=locale)})"


def receipt_html(submission: Submission, secret: str | None) -> str:
    definition = definition_of(submission)
    link = status_url()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(link))  # where a link to /path on this site leads
    lang = submission.language
    next_steps = _printed(definition.next_steps, lang, origin)
    contact = _printed(definition.contact, lang, origin)
    with use_language(lang):
        return render_template(
            "receipts/receipt.html",
            definition=definition,
            submission=submission,
            secret=secret,
            received_at=received_at_text(submission.submitted_at, submission.language),
            sections=answer_sections(definition, submission.answers, submission.language),
            status_url=link,
            status_qr=qr_svg(link),
            show_japanese=not submission.language.startswith("ja"),
            municipality=municipality.name(lang),
            municipality_contact=municipality.contact(lang),
            next_steps=next_steps,
            contact=contact,
            department=department_of(definition.department),
            in_runs=in_runs,
        )


def _printed(text: Text | None, lang: str, origin: str) -> Localized | None:
    """Return a definition's text for paper in `lang`, knowing the language it fell back to."""
    if text is None:
        return None
    return Localized(printed(text.source(lang), origin), text.language(lang))


def render_receipt(submission: Submission, secret: str | None) -> bytes:
    """Return the receipt PDF of `submission`; `secret` is printed when known."""
    html_class, stylesheet, fonts = _weasy()
    document = html_class(string=receipt_html(submission, secret), base_url=str(STYLESHEET.parent))
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
