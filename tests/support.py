"""Helpers to drive the citizen journey through the test client like a browser would."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

from werkzeug.test import EnvironBuilder

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SUBMIT_TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')
# What the check page posts with 送信する: the box 「以上の内容で申請します」 ticked.
DECLARED = {"declaration": "y"}
ERROR_TEXT = re.compile(r'class="error-text"[^>]*>(.*?)</p>', re.S)


def text_of(response) -> str:
    """Return the visible text of an HTML response, tags removed, spaces folded."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def errors_of(response) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", e)).strip() for e in ERROR_TEXT.findall(response.get_data(as_text=True))]


def date_parts(name: str, day: date) -> dict[str, str]:
    return {f"{name}-year": str(day.year), f"{name}-month": str(day.month), f"{name}-day": str(day.day)}


def days_ahead(days: int) -> date:
    return date.today() + timedelta(days=days)


class Citizen:
    """A browser session on one form: start, fill pages, check, submit."""

    def __init__(self, client, slug: str, lang: str | None = None) -> None:
        self.client = client
        self.slug = slug
        self.lang = lang
        self.csrf = ""

    def url(self, path: str) -> str:
        full = f"/forms/{self.slug}{path}"
        return f"{full}?lang={self.lang}" if self.lang else full

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        self._remember(response)
        return response

    def _remember(self, response) -> None:
        found = CSRF.search(response.get_data(as_text=True)) if response.mimetype == "text/html" else None
        if found:
            self.csrf = found.group(1)

    def start(self):
        self.get(self.url(""))
        response = self.client.post(self.url("/start"), data={"csrf_token": self.csrf})
        assert response.status_code == 302, response.status_code
        page = self.get(response.location)
        return page

    def post_page(self, page_id: str, data: dict, action: str = "next", follow: bool = False):
        """Post a page; a `Path` value is sent as the file at that path (multipart)."""
        payload = {"csrf_token": self.csrf, "action": action}
        for name, value in data.items():
            payload[name] = (io.BytesIO(value.read_bytes()), value.name) if isinstance(value, Path) else value
        # Built here so the body werkzeug spools to a temporary file (over 500 KB) gets closed.
        environ = EnvironBuilder(path=self.url(f"/pages/{page_id}"), method="POST", data=payload).get_environ()
        try:
            response = self.client.open(environ)
        finally:
            environ["wsgi.input"].close()
        self._remember(response)
        if follow and response.status_code == 302:
            return self.get(response.location)
        return response

    def check(self):
        return self.get(self.url("/check"))

    def submit(self):
        page = self.check()
        token = SUBMIT_TOKEN.search(page.get_data(as_text=True))
        assert token, text_of(page)[:500]
        return self.client.post(
            self.url("/submit"), data={"csrf_token": self.csrf, "submit_token": token.group(1), **DECLARED}
        )


def name_inputs(field: str, name: str, kana: str = "") -> dict[str, str]:
    """The inputs of a `name` field typed as 「山田 太郎」 with its reading 「ヤマダ タロウ」."""
    family, _, given = name.partition(" ")
    family_kana, _, given_kana = kana.partition(" ")
    return {
        f"{field}-family": family,
        f"{field}-given": given,
        f"{field}-family_kana": family_kana,
        f"{field}-given_kana": given_kana,
    }


def address_inputs(
    field: str,
    postal: str = "100-0001",
    line1: str = "千代田1-1",
    line2: str = "",
    prefecture: str = "東京都",
    city: str = "千代田区",
) -> dict[str, str]:
    """The inputs of an `address` field (default: 〒100-0001 東京都千代田区千代田1-1)."""
    return {
        f"{field}-postal": postal,
        f"{field}-prefecture": prefecture,
        f"{field}-city": city,
        f"{field}-line1": line1,
        f"{field}-line2": line2,
    }


def water_answers() -> dict[str, dict[str, str]]:
    """Valid answers for every page of the shipped water form, by page id."""
    return {
        "place": address_inputs("address", line2="さくらハイツ101"),
        "user": {**name_inputs("user_name", "山田 太郎", "ヤマダ タロウ"), "phone": "090-1234-5678", "email": ""},
        "start": {**date_parts("start_date", days_ahead(10)), "usage": "household"},
        "payment": {"payment": "slip", "bill_to": "same"},
        "confirm": {},  # a notice only: the declaration is on the check page
    }


def fill_water(citizen: Citizen, overrides: dict[str, dict[str, str]] | None = None):
    """Fill every page of the water form; return the last response (the redirect to check)."""
    answers = water_answers()
    for page_id, data in (overrides or {}).items():
        answers[page_id] = {**answers[page_id], **data}
    citizen.start()
    response = None
    for page_id, data in answers.items():
        response = citizen.post_page(page_id, data)
        assert response.status_code == 302, (page_id, errors_of(response))
    return response
