"""The XSS fixture's payloads (and a formula) through a real submit into the receipt and the CSV: inert."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support import Citizen

XSS_FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "xss"
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}")
FORMULA = '=HYPERLINK("http://x","y")'
pytestmark = pytest.mark.both_databases


@pytest.fixture
def forms_dir() -> Path:
    return XSS_FORMS


def test_payload_answers_stay_text_in_the_receipt_and_the_csv(client, runner, tmp_path):
    citizen = Citizen(client, "xss-payloads")
    citizen.start()
    answer = " ".join(PAYLOADS)
    first = {"text1": FORMULA, "choice1": "a", "area1": answer}
    assert citizen.post_page("one", first).status_code == 302
    assert citizen.post_page("two", {"agree": "y"}).status_code == 302
    check = citizen.check().get_data(as_text=True)
    assert "<script>alert(1)</script>" not in check and "&lt;script&gt;alert(1)&lt;/script&gt;" in check
    assert "<img src=x" not in check and "{{7*7}}" in check
    assert citizen.submit().status_code == 302

    pdf = client.get("/forms/xss-payloads/complete/receipt.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    assert "{{7*7}}" in text and "<script>alert(1)</script>" in text
    for active in (b"/JavaScript", b"/JS ", b"/OpenAction", b"/Launch", b"/URI"):
        assert active not in pdf, active

    out = tmp_path / "xss.csv"
    result = runner.invoke(args=["forms", "export", "xss-payloads", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells  # a spreadsheet shows it as text, never runs it
    assert answer in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
