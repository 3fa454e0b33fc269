"""What the applicant holds after sending: where to check the status, what happens next, whom to ask.

On the confirmation page and on the printed receipt (read back with pypdf), in the applicant's language.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import segno
import time_machine

from formbuilder.definitions.loader import load_file
from formbuilder.receipts.pdf import receipt_html
from formbuilder.storage.models import Submission
from tests.conftest import SHIPPED_FORMS
from tests.flows.journeys import pdf_text
from tests.support import Citizen, text_of

FORMS = Path(__file__).resolve().parent / "forms"
SLUG = "next-steps"
STATUS_URL = "http://localhost/status"  # BASE_URL of the tests + the status page


@pytest.fixture
def forms_dir() -> Path:
    return FORMS


def _send(client, lang: str | None = None):
    """Answer the one-question form and send it; return (confirmation page, receipt PDF bytes)."""
    citizen = Citizen(client, SLUG, lang)
    citizen.start()
    assert citizen.post_page("details", {"subject": "公園の遊具について"}).status_code == 302
    sent = citizen.submit()
    assert sent.status_code == 302, text_of(sent)[:300]
    page = citizen.get(citizen.url("/complete"))
    receipt = client.get(f"/forms/{SLUG}/complete/receipt.pdf")
    assert receipt.status_code == 200
    return page, receipt.data


def _modules(svg: str) -> list[list[bool]]:
    """Read the dark modules back from segno's SVG path (runs of `h`, moves `m`), as a matrix."""
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-0-9. ]+)", path.replace(" ", " ")):
        values = [float(v) for v in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark.update((int(x) + i, int(y)) for i in range(int(values[0])))
            x += values[0]
    size = max(max(a, b) for a, b in dark) + 1 - 4  # the border of segno's default quiet zone is 4
    return [[(col + 4, row + 4) in dark for col in range(size)] for row in range(size)]


def _matrix_of(url: str) -> list[list[bool]]:
    return [[bool(cell) for cell in row] for row in segno.make(url, error="m").matrix]


def test_receipt_and_confirmation_send_people_to_the_status_page_with_a_qr_code_of_it_alone(app, client):
    page, receipt = _send(client)
    text = pdf_text(receipt)
    assert "申請の状況は、受付番号と照会キーで確認できます。" in text
    assert STATUS_URL in text and "localhost/receipt" not in text
    html = page.get_data(as_text=True)
    assert f'<a href="{STATUS_URL}">{STATUS_URL}</a>' in html
    reference = re.search(r'class="reference">([^<]+)<', html).group(1)
    secret = re.search(r'class="secret">([^<]+)<', html).group(1)
    on_page = _modules(re.search(r'<div class="qr">(.*?)</div>', html, re.S).group(1))
    assert on_page == _matrix_of(STATUS_URL)  # the URL only: no reference number, no key
    with app.test_request_context():
        submission = Submission.query.filter_by(reference=reference).one()
        printed = receipt_html(submission, secret)
    assert _modules(printed[printed.index("<svg") :]) == _matrix_of(STATUS_URL)


def test_next_steps_and_the_departments_contact_on_the_confirmation_page_and_the_receipt(client):
    page, receipt = _send(client)
    shown = re.sub(r"\s+", "", text_of(page))
    assert "このあとの流れ担当者が内容を確認し、10日以内にご連絡します。" in shown
    assert "<strong>10日以内</strong>" in page.get_data(as_text=True)
    assert '<a href="/status">状況の確認</a>' in page.get_data(as_text=True)
    assert "お問い合わせ広報課電話000-111-2222（平日8:30〜17:15）申請の状況の確認" in shown
    printed = re.sub(r"\s+", "", pdf_text(receipt))  # lines wrap anywhere on paper
    assert "担当者が内容を確認し、10日以内にご連絡します。" in printed
    assert "ご意見の流れ（https://www.city.example.lg.jp/iken/）" in printed  # paper: the address written out
    assert f"状況の確認（{STATUS_URL}）" in printed
    assert "広報課電話000-111-2222（平日8:30〜17:15）" in printed


def test_english_receipt_says_what_happens_next_and_when_it_was_received_in_english(client):
    with time_machine.travel(datetime(2026, 4, 1, 1, 5, 30, tzinfo=UTC), tick=False):
        page, receipt = _send(client, "en")
    assert "Wewillreaditandreplywithin10days." in re.sub(r"\s+", "", text_of(page))
    text = pdf_text(receipt)
    assert "April 1, 2026, 10:05 AM (Japan Time)" in text  # 10:05 in Japan
    assert "2026年4月1日" not in text
    assert "checking the status（http://localhost/status）" in re.sub(r"\s*\n\s*", "", text) or STATUS_URL in text


@pytest.mark.parametrize(
    ("slug", "says"),
    [
        ("oversized-waste-collection", ["処理券", "**受付番号**", "**朝8時まで**"]),
        ("water-supply-start", ["検針", "バルブ"]),
    ],
)
def test_shipped_forms_say_what_happens_next_in_every_language_they_offer(slug, says):
    definition = load_file(SHIPPED_FORMS / f"{slug}.json").definition
    assert definition is not None and definition.next_steps and definition.contact
    assert all(word in definition.next_steps.values["ja"] for word in says)
    for texts in (definition.next_steps, definition.contact):
        assert set(texts.values) == set(definition.languages)
