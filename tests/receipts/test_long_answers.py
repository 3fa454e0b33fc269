"""A long answer on the receipt: printed whole, and laid out in time that grows linearly with it.

WeasyPrint once took 2.6 s for an 800-character answer without spaces and 52 s for 3,200
(quadratic: the table's automatic layout measured the answer's narrowest width by breaking it
at every character, re-laying out the rest of the answer each time). The receipt's table now
has a fixed layout and long answers are cut into runs (formbuilder/receipts/runs.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import weasyprint.layout.inline
import weasyprint.text.line_break

from tests.conftest import ROOT
from tests.flows.journeys import pdf_text
from tests.receipts.long_answers import FOOTER, FORMS, long_answer, printed, receipt_of


@pytest.fixture
def forms_dir():
    return FORMS


def test_layout_work_grows_linearly_with_the_length_of_an_answer(app, monkeypatch):
    """Count what WeasyPrint lays out: characters handed to Pango, characters of the text boxes it splits.

    Both are deterministic (no clock). Linear work is about 4 times larger for an answer 4 times
    longer; the quadratic layout did 15 to 16 times more. (The hooks are WeasyPrint's own
    functions; after an upgrade that renames them this test fails at monkeypatch.setattr.)
    """
    laid_out = {"pango": 0, "boxes": 0}
    set_text = weasyprint.text.line_break.Layout.set_text
    split_text_box = weasyprint.layout.inline.split_text_box

    def counted_set_text(layout, text, *args, **kwargs):
        laid_out["pango"] += len(text)
        return set_text(layout, text, *args, **kwargs)

    def counted_split_text_box(context, box, *args, **kwargs):
        laid_out["boxes"] += len(box.text)
        return split_text_box(context, box, *args, **kwargs)

    monkeypatch.setattr(weasyprint.text.line_break.Layout, "set_text", counted_set_text)
    monkeypatch.setattr(weasyprint.layout.inline, "split_text_box", counted_split_text_box)

    def work(length: int) -> dict[str, int]:
        laid_out.update(pango=0, boxes=0)
        answer = long_answer(length)
        assert answer.replace("\n", "") in printed(pdf_text(receipt_of(app.test_client(), answer)))
        return dict(laid_out)

    short, one, four = work(10), work(1000), work(4000)
    for counter in ("pango", "boxes"):
        seen = f"{counter}: {short[counter]} → {one[counter]} → {four[counter]} characters laid out"
        assert (four[counter] - short[counter]) / (one[counter] - short[counter]) < 6, seen
    # A fixed table layout measures no cell: each character goes to Pango about 5 times (a few
    # lines of look-ahead), not about 190 times (the automatic layout's narrowest-width pass).
    assert (four["pango"] - short["pango"]) / (4000 - 10) < 20, laid_out


RENDER_IN_ANOTHER_PROCESS = """
import json, sys
from pathlib import Path
from formbuilder import create_app
from tests.conftest import base_config
from tests.receipts.long_answers import FORMS, long_answer, receipt_of
config = json.loads(sys.argv[1])
app = create_app(base_config(Path(config["folder"]), FORMS, config["db"]))
Path(config["out"]).write_bytes(receipt_of(app.test_client(), long_answer(config["length"])))
"""


def test_an_answer_of_the_largest_allowed_length_is_printed_whole_in_bounded_time(tmp_path, database_url):
    """10,000 characters, the hard cap of a text answer: the whole answer, nothing added, pages numbered.

    Rendered in a child process with a generous time limit (a second or two on a quiet machine;
    the quadratic layout took many minutes), so a regression fails instead of hanging the suite.
    """
    out = tmp_path / "receipt.pdf"
    config = {"folder": str(tmp_path / "child"), "db": database_url, "length": 10_000, "out": str(out)}
    subprocess.run(
        [sys.executable, "-c", RENDER_IN_ANOTHER_PROCESS, json.dumps(config)], cwd=ROOT, timeout=180, check=True
    )
    text = pdf_text(out.read_bytes())
    answer = long_answer(10_000)
    whole = printed(text)
    assert answer.replace("\n", "") in whole
    assert whole.count("https://www.city.example.lg.jp/kurashi/suido/nigori") == answer.count("https://")
    assert "\u200b" not in text and "\ufffd" not in text
    numbers = [line.strip() for line in text.splitlines() if FOOTER.match(line.strip())]
    assert len(numbers) >= 5 and numbers == [f"{page} / {len(numbers)}" for page in range(1, len(numbers) + 1)]
