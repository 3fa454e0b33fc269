"""One upload in, an `Accepted` or a `Rejected` naming the file and the reason out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from formbuilder.attachments import Accepted, FileRules, Rejected, accept
from formbuilder.attachments.pipeline import COPY_CHUNK, MB

from . import files

pytestmark = pytest.mark.usefixtures("in_app")


class Endless(io.RawIOBase):
    """An upload that never ends: the pipeline must stop reading it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = COPY_CHUNK if size is None or size < 0 else size
        self.given += size
        return b"\xff" * size


def leftovers(app) -> list[str]:
    folder = Path(app.config["ATTACHMENT_DIR"])
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_accepted_carries_what_the_receipt_and_the_row_need(app):
    result = accept("写真.jpg", io.BytesIO(files.jpeg()))
    assert isinstance(result, Accepted)
    assert (result.store, result.original_name, result.name, result.kind) == ("disk", "写真.jpg", "写真.jpg", "jpeg")
    assert len(result.sha256) == 64 and result.size > 0
    assert leftovers(app) == [result.key]


def test_an_upload_over_the_size_limit_is_refused_without_reading_it_all(app):
    stream = Endless()
    result = accept("video.jpg", stream, FileRules.of(max_size_mb=1))
    assert result.reason == "too_large"
    assert result.message == "＊video.jpg は大きすぎます。1つのファイルは1 MBまでです。"
    assert stream.given <= MB + COPY_CHUNK
    assert leftovers(app) == []


def test_a_file_exactly_at_the_limit_passes_the_size_check():
    data = files.jpeg()
    assert isinstance(accept("p.jpg", io.BytesIO(data), FileRules.of(max_size_mb=len(data) / MB)), Accepted)
    result = accept("p.jpg", io.BytesIO(data), FileRules.of(max_size_mb=(len(data) - 1) / MB))
    assert result.reason == "too_large"


def test_an_empty_file_is_refused(app):
    result = accept("empty.pdf", io.BytesIO(b""))
    assert result.reason == "empty"
    assert result.message == "＊empty.pdf は空のファイルです。中身のあるファイルを選んでください。"


def test_the_total_per_submission_is_enforced(app):
    app.config["ATTACHMENT_TOTAL_MAX_MB"] = 1
    first = accept("one.jpg", io.BytesIO(files.jpeg()))
    result = accept("two.jpg", io.BytesIO(files.jpeg()), used_bytes=MB - first.size + 1)
    assert result.reason == "total_too_large"
    assert result.message == "＊two.jpg を加えると、添付ファイルの合計が1 MBを超えます。"
    assert leftovers(app) == [first.key]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../app.py", "app.py"),
        ("photo\u202egpj.exe", "photogpj.exe"),
        ("archive.zip", "archive.zip"),
        ("noextension", "noextension"),
        ("photo.jpg.exe", "photo.jpg.exe"),
        ("", "添付ファイル"),
    ],
)
def test_a_name_with_an_extension_the_field_does_not_allow_is_refused_before_reading(app, raw, shown):
    stream = Endless()
    result = accept(raw, stream, FileRules.of(["jpeg", "pdf"]))
    assert result == Rejected("type_not_allowed", result.params)
    assert dict(result.params) == {"name": shown, "allowed": "JPEG・PDF"}
    assert stream.given == 0
    assert leftovers(app) == []


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("photo\x00.jpg", "photo.jpg"),
        ("../../../etc/photo.jpg", "photo.jpg"),
        ("あ" * 300 + ".jpg", "あ" * 95 + "….jpg"),
        ("免許証\u202e.jpg", "免許証.jpg"),
    ],
)
def test_the_citizens_file_name_is_kept_only_as_clean_metadata(app, raw, stored):
    result = accept(raw, io.BytesIO(files.jpeg()))
    assert result.original_name == stored
    assert leftovers(app) == [result.key]


def test_html_in_a_file_name_is_kept_as_text_for_the_template_to_escape():
    result = accept('"><img src=x onerror=alert(1)>.exe', io.BytesIO(b"x"))
    assert result.params["name"] == '"><img src=x onerror=alert(1)>.exe'


def test_rules_from_a_definitions_options():
    rules = FileRules.of(["JPG", "heif", "pdf"], 5)
    assert rules.accept == {"jpeg", "heic", "pdf"} and rules.max_bytes == 5 * MB
    assert FileRules.of().accept == {"jpeg", "png", "heic", "pdf"}
    with pytest.raises(ValueError, match="gif"):
        FileRules.of(["gif"])


def test_nothing_is_left_in_the_folder_after_refusals(app):
    for name, data in [("a.jpg", files.MZ), ("b.pdf", files.pdf(open_action_js="x")), ("c.png", files.SVG)]:
        assert isinstance(accept(name, io.BytesIO(data)), Rejected)
    assert leftovers(app) == []
