"""Numbers inside messages are written for the reader's locale (issue 21, item 3).

"5,000" beside a translated "× 10.000" reads as five to a Vietnamese, Portuguese or Indonesian
reader. Every number a message carries goes through Babel for the page's language, and the
pixel limit speaks in megapixels. Driven through real page posts: the hint of a file field,
a too-long text, a too-large file, an image with too many pixels.
"""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.attachments.files import png
from tests.conftest import FIXTURE_FORMS
from tests.support import Citizen, errors_of, text_of

SLUG = "attachments-demo"
# (decimal mark, thousands separator) as each locale writes them.
MARKS = {
    "vi": (",", "."),
    "pt-BR": (",", "."),
    "id": (",", "."),
    "en": (".", ","),
    "ja": (".", ","),
    "ja-easy": (".", ","),
}
LONGEST = 1500  # characters: "1,500" / "1.500"
LARGEST_MB = 1.5  # "1.5 MB" / "1,5 MB"
MOST_PIXELS = 1_500_000  # 1.5 megapixels
KEPT_HOURS = 2000  # a draft kept "2,000" / "2.000" hours


@pytest.fixture
def forms_dir(tmp_path):
    definition = json.loads((FIXTURE_FORMS / f"{SLUG}.json").read_text())
    fields = {field["name"]: field for field in definition["pages"][0]["fields"]}
    fields["note"]["max_length"] = LONGEST
    fields["photos"]["max_size_mb"] = LARGEST_MB
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / f"{SLUG}.json").write_text(json.dumps(definition, ensure_ascii=False))
    return folder


@pytest.fixture
def config_overrides():
    return {"ATTACHMENT_MAX_PIXELS": MOST_PIXELS, "DRAFT_LIFETIME_HOURS": KEPT_HOURS}


def posted(client, lang: str, **fields):
    citizen = Citizen(client, SLUG, lang)
    page = citizen.start()
    assert page.status_code == 200
    payload = {"note": "住民票の写し", "want_extra": "no", **fields}
    return page, citizen.post_page("upload", payload)


def one_error(response, about: str) -> str:
    found = [error for error in errors_of(response) if about in error or about.lower() in error.lower()]
    assert found, errors_of(response)
    return found[0]


@pytest.mark.parametrize("lang", list(MARKS))
def test_the_start_page_writes_how_long_a_draft_is_kept_for_the_reader(client, lang):
    shown = text_of(client.get(f"/forms/{SLUG}?lang={lang}"))
    group = MARKS[lang][1]
    assert f"2{group}000" in shown and f"2{',' if group == '.' else '.'}000" not in shown, shown


@pytest.mark.parametrize("lang", list(MARKS))
def test_a_too_long_text_names_its_limit_with_the_readers_thousands_separator(client, lang):
    _, response = posted(client, lang, note="あ" * (LONGEST + 1), photos=(io.BytesIO(png()), "a.png"))
    text = " ".join(errors_of(response))
    group = MARKS[lang][1]
    assert f"1{group}500" in text, text
    assert f"1{',' if group == '.' else '.'}500" not in text, text


@pytest.mark.parametrize("lang", list(MARKS))
def test_the_file_hint_and_a_too_large_file_write_the_size_limit_for_the_reader(client, lang):
    page, response = posted(client, lang, photos=(io.BytesIO(b"\xff\xd8" + b"0" * 1_600_000), "big.jpg"))
    decimal = MARKS[lang][0]
    other = "," if decimal == "." else "."
    hint = text_of(page)
    assert f"1{decimal}5 MB" in hint and f"1{other}5 MB" not in hint, hint
    refused = " ".join(errors_of(response))
    assert "big.jpg" in refused and f"1{decimal}5 MB" in refused and f"1{other}5" not in refused, refused


@pytest.mark.parametrize("lang", list(MARKS))
def test_too_many_pixels_speaks_in_megapixels_written_for_the_reader(client, lang):
    _, response = posted(client, lang, photos=(io.BytesIO(png(1300, 1200)), "wide.png"))
    refused = " ".join(errors_of(response))
    decimal = MARKS[lang][0]
    assert "wide.png" in refused, refused
    assert re.search(rf"\b1{re.escape(decimal)}5\s*(メガピクセル|megapi[kxs]+el)", refused, re.I), refused
    assert "10.000" not in refused and "10,000" not in refused and "万" not in refused, refused


def test_the_default_pixel_limit_is_fifty_megapixels():
    from formbuilder.attachments.images import megapixels

    assert megapixels(50_000_000) == 50 and megapixels(1_500_000) == 1.5
