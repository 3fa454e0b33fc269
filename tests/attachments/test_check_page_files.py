"""The check page shows each file as the citizen knows it (preview, name, size); the receipt keeps its hash.

The preview is served only to the browser whose draft holds the file, as a JPEG made by the
server; the SHA-256 that proves which file was sent is printed on the receipt, in fine print.
"""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from PIL import Image
from pypdf import PdfReader

from formbuilder.fields.file import human_size
from tests.conftest import FIXTURE_FORMS
from tests.support import Citizen, text_of

from .files import jpeg, pdf

SLUG = "attachments-demo"
IMG = re.compile(r'<img class="thumb" src="([^"]+)" alt=""[^>]*>')


@pytest.fixture
def forms_dir():
    return FIXTURE_FORMS


def attach_and_reach_check(citizen: Citizen, *files: tuple[bytes, str]):
    """Attach `files` on the first page, answer the rest and return the check page."""
    citizen.start()
    uploads = [(io.BytesIO(data), name) for data, name in files]
    answers = {"note": "住民票の写し", "want_extra": "no"}
    assert citizen.post_page("upload", {**answers, "photos": uploads}, action="assist:photos").status_code == 200
    assert citizen.post_page("upload", answers).status_code == 302
    assert citizen.post_page("last", {"comment": ""}).location.endswith("/check")
    return citizen.check()


def digests(app) -> dict[str, tuple[str, int]]:
    """Each stored file's original name → (SHA-256, size), as the server recorded them."""
    from formbuilder.attachments import records
    from formbuilder.extensions import db
    from formbuilder.storage.attachment_models import Attachment

    with app.app_context():
        return {records.name_of(row): (row.sha256, row.size) for row in db.session.query(Attachment)}


def test_the_check_page_shows_a_preview_name_and_size_of_each_file_and_no_hash(app, client):
    citizen = Citizen(client, SLUG)
    check = attach_and_reach_check(citizen, (jpeg(800, 600), "おもて.jpg"), (pdf(), "住民票.pdf"))
    html = check.get_data(as_text=True)
    text = text_of(check)
    stored = digests(app)
    assert "SHA-256" not in html
    for name, (sha256, size) in stored.items():
        assert sha256 not in html
        assert name in text and human_size(size) in text
    # The image has a preview beside its name; the PDF an icon, no preview.
    answer = unescape(html[html.index('class="file-list answer-files"') :])
    assert re.search(
        r'<img class="thumb" src="[^"]+" alt=""[^>]*>\s*<span class="file-meta"><span class="file-name">おもて.jpg<',
        answer,
    )
    assert re.search(
        r'<span class="thumb thumb-pdf" aria-hidden="true">PDF</span>\s*<span class="file-meta"><span class="file-name">住民票.pdf<',
        answer,
    )
    (src,) = IMG.findall(html)

    picture = client.get(src)
    assert picture.status_code == 200 and picture.mimetype == "image/jpeg"
    assert picture.headers["X-Content-Type-Options"] == "nosniff"
    assert picture.headers["Content-Disposition"].startswith("inline")
    cache = picture.headers["Cache-Control"]
    assert "public" not in cache and ("no-store" in cache or "private" in cache)
    with Image.open(io.BytesIO(picture.data)) as image:
        assert image.format == "JPEG" and max(image.size) <= 360

    other_client = app.test_client()  # another browser, with a draft of its own
    other = Citizen(other_client, SLUG)
    other.start()
    assert other_client.get(src).status_code == 404
    assert app.test_client().get(src).status_code == 404  # no draft at all


def fine_print(data: bytes) -> dict[str, float]:
    """Each text run of the PDF → its font size in points (the size as drawn, matrix applied)."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] * cm[0]) if tm and cm else 1
            sizes[text.strip()] = sizes.get(text.strip(), 0) or abs(size * scale)

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_the_receipt_keeps_each_files_hash_in_fine_print_under_its_name_and_size(app, client):
    citizen = Citizen(client, SLUG)
    attach_and_reach_check(citizen, (jpeg(), "おもて.jpg"))
    assert citizen.submit().location.endswith("/complete")
    receipt = client.get(citizen.url("/complete/receipt.pdf"))
    ((name, (sha256, size)),) = digests(app).items()
    sizes = fine_print(receipt.data)
    text = "".join(sizes)
    assert f"{name}（{human_size(size)}）" in text and sha256 in re.sub(r"\s+", "", text)
    named = next(s for run, s in sizes.items() if name in run)
    hashed = next(s for run, s in sizes.items() if "SHA-256" in run)
    assert hashed < named, sizes
