"""A form whose answer may be 10,000 characters long (the hard cap), and its receipt."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support import Citizen, errors_of

FORMS = Path(__file__).resolve().parent / "forms"
SLUG = "long-answer"
# No spaces, as Japanese is written: nothing for a line breaker to hold on to but the characters.
SENTENCE = (
    "令和8年4月1日から、さくら市中央町一丁目2番3号の集合住宅で水道を使い始めましたが、"
    "蛇口から出る水が濁っていることがあります。詳しくはhttps://www.city.example.lg.jp/kurashi/suido/nigoriを見ました。"
)
FOOTER = re.compile(r"^\d+ / \d+$")  # the page number at the bottom of every page


def long_answer(length: int) -> str:
    """Return `length` characters of Japanese without spaces, in paragraphs of 1,500."""
    paragraph = (SENTENCE * (1500 // len(SENTENCE) + 1))[:1500]
    text = "\n".join([paragraph] * (length // 1500 + 1))[:length]
    assert len(text) == length and text == text.strip(), "the form would trim it"
    return text


def receipt_of(client, details: str) -> bytes:
    """Answer the form in a new browser, send it, and download its receipt."""
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page("details", {"subject": "水の濁りについて", "details": details})
    assert response.status_code == 302, errors_of(response)
    assert citizen.submit().status_code == 302
    receipt = client.get(f"/forms/{SLUG}/complete/receipt.pdf")
    assert receipt.status_code == 200 and receipt.mimetype == "application/pdf"
    return receipt.data


def printed(text: str) -> str:
    """The text of a receipt without line breaks and page numbers: what was printed, run together."""
    return "".join(line for line in text.splitlines() if not FOOTER.match(line.strip()))
