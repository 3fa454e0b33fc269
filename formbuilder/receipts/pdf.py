"""Render the 控え as a PDF with WeasyPrint, in the applicant's language, text extractable."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app, render_template

from ..assist.wareki import era_year_text
from ..flows.lookup import definition_of
from ..flows.summary import answer_sections
from ..i18n import use_language
from ..storage.clock import as_utc
from ..storage.models import Submission
from ..web.urls import public_url
from .runs import in_runs

TOKYO = ZoneInfo("Asia/Tokyo")
STYLESHEET = Path(__file__).with_name("receipt.css")


@lru_cache(maxsize=1)
def _weasy():
    """Import WeasyPrint and parse the stylesheet once per process (~0.4 s, and fonts)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML, CSS(filename=str(STYLESHEET), font_config=fonts), fonts


def received_at_text(moment: datetime) -> str:
    """Return 2026年11月22日 16時44分（令和8年）in Japan time."""
    local = as_utc(moment).astimezone(TOKYO)
    return f"{local.year}年{local.month}月{local.day}日 {local.hour}時{local.minute:02d}分（{era_year_text(local.date())}）"


def receipt_html(submission: Submission, secret: str | None) -> str:
    definition = definition_of(submission)
    with use_language(submission.language):
        return render_template(
            "receipts/receipt.html",
            definition=definition,
            submission=submission,
            secret=secret,
            received_at=received_at_text(submission.submitted_at),
            sections=answer_sections(definition, submission.answers, submission.language),
            lookup_url=public_url("citizen.receipt_lookup"),
            show_japanese=not submission.language.startswith("ja"),
            municipality=current_app.config["MUNICIPALITY_NAME"],
            municipality_contact=current_app.config["MUNICIPALITY_CONTACT"],
            in_runs=in_runs,
        )


def render_receipt(submission: Submission, secret: str | None) -> bytes:
    """Return the receipt PDF of `submission`; `secret` is printed when known."""
    html_class, stylesheet, fonts = _weasy()
    document = html_class(string=receipt_html(submission, secret), base_url=str(STYLESHEET.parent))
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
