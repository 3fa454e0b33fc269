"""What the citizen's pages say about a form's period and cap, dates in the page's language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton
from flask_babel import gettext
from markupsafe import Markup, escape

from .. import municipality
from ..definitions.periods import Moment, State
from ..i18n import babel_locale, current_language

TOKYO = ZoneInfo("Asia/Tokyo")


def when(moment: Moment) -> str:
    """Return a bound as people read it: 4月1日(木), 3月31日(水) 17:00; the year only if not this one."""
    locale = babel_locale(current_language()).split("@")[0]  # やさしい日本語 writes dates as Japanese
    day = moment.day()
    this_year = datetime.now(TOKYO).year
    text = format_skeleton("MMMEd" if day.year == this_year else "yMMMEd", day, locale=locale)
    if moment.clock() is not None:
        text += " " + format_skeleton("Hm", moment.at.astimezone(TOKYO), locale=locale, tzinfo=TOKYO)
    return text


def period(taking: State) -> str:
    """Return the period for the start page's facts: 「4月1日(木)から4月30日(金)まで」."""
    if taking.opens and taking.closes:
        return gettext("%(start)sから%(end)sまで", start=when(taking.opens), end=when(taking.closes))
    if taking.opens:
        return gettext("%(date)sから受付", date=when(taking.opens))
    if taking.closes:
        return gettext("%(date)sまで受付", date=when(taking.closes))
    return ""


def listing(taking: State) -> str:
    """Return the short line of the list of forms: 「4月1日(木)から受付」, 「受付終了」, 「4月30日(金)まで受付」."""
    if taking.name == "not_yet" and taking.opens:
        return gettext("%(date)sから受付", date=when(taking.opens))
    if taking.name in ("closed", "full"):
        return gettext("受付終了")
    if taking.closes:
        return gettext("%(date)sまで受付", date=when(taking.closes))
    return ""


def not_taking(taking: State) -> str:
    """Return why a new application cannot start now (start page), or "" when it can."""
    if taking.name == "not_yet" and taking.opens:
        return gettext(
            "この手続きの受付は%(date)sからです。受付が始まってから、もう一度お越しください。",
            date=when(taking.opens),
        )
    if taking.name == "closed":
        return gettext("この手続きの受付は終了しました。")
    if taking.name == "full":
        return gettext("この手続きは申し込みが上限に達したため、受付を終了しました。")
    return ""


def refused(taking: State) -> str | Markup:
    """Return why a submit was not stored, that the answers are kept, and whom to ask; "" when open.

    The contact line comes marked lang="ja" when the city gave none in the page's language.
    """
    contact = municipality.contact()
    if taking.name == "closed":
        return escape(
            gettext(
                "受付期間が終了したため、送信できませんでした。入力した内容は消えていません。お問い合わせ：%(contact)s"
            )
        ) % {"contact": contact}
    if taking.name == "full":
        return escape(
            gettext(
                "申し込みが上限に達したため、送信できませんでした。入力した内容は消えていません。お問い合わせ：%(contact)s"
            )
        ) % {"contact": contact}
    return not_taking(taking)
