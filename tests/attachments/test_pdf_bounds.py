"""PDFs are checked in a child process with bounded memory and time: a bomb costs the worker nothing."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from formbuilder.attachments import accept, pdfs
from formbuilder.attachments.stores import current_store, store_for

from . import files

pytestmark = pytest.mark.usefixtures("in_app")

WORKER_GROWTH_MAX_MB = 300
QUICK_S = 5  # a bomb is refused (or passed through) in about a second; the old check took 12-20 s


def with_peak_rss(call: Callable[[], Any]) -> tuple[Any, float]:
    """Run `call`; return its result and how far this process's peak RSS rose above its RSS before, in MB."""
    # Linux: the peak (VmHWM, ru_maxrss) restarts from now. Where that is refused, the growth
    # is measured from an earlier, maybe higher, peak: a weaker check.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = call()
    return result, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """The system temporary folder, for this test alone: what a check leaves there shows."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def assert_nothing_left(private_tmp: Path) -> None:
    assert list(private_tmp.iterdir()) == []
    assert list(current_store().folder.iterdir()) == []  # no upload, no output, no .pikepdf temporary


def test_an_object_stream_bomb_is_refused_and_the_worker_s_memory_stays_flat(private_tmp):
    bomb = files.object_stream_bomb(files.GB)  # 1 MB that qpdf would inflate to 1 GB
    started = time.monotonic()
    result, growth = with_peak_rss(lambda: accept("申請書.pdf", io.BytesIO(bomb)))
    assert result.reason == "unreadable_pdf"
    assert result.message == "＊申請書.pdf はPDFとして読み込めませんでした。"
    assert growth < WORKER_GROWTH_MAX_MB, f"the worker grew by {growth:.0f} MB"
    assert time.monotonic() - started < QUICK_S
    assert_nothing_left(private_tmp)


def test_without_qpdf_s_inflate_limit_the_memory_bound_still_refuses_the_bomb(monkeypatch, private_tmp, caplog):
    monkeypatch.setattr(pdfs, "BOUNDS", pdfs.Bounds(memory_mb=256, inflate_mb=0, seconds=30))  # 0: no qpdf limit
    caplog.set_level(logging.INFO, "formbuilder.attachments.pdfs")
    result, growth = with_peak_rss(lambda: accept("bomb.pdf", io.BytesIO(files.object_stream_bomb(files.GB))))
    assert result.reason == "unreadable_pdf"
    assert growth < WORKER_GROWTH_MAX_MB, f"the worker grew by {growth:.0f} MB"
    assert "over 30 s" not in caplog.text  # stopped by its memory, not by the clock
    assert_nothing_left(private_tmp)


def test_a_check_over_its_time_is_killed_refused_and_leaves_no_files(monkeypatch, private_tmp, caplog):
    monkeypatch.setattr(pdfs, "BOUNDS", pdfs.Bounds(memory_mb=4096, inflate_mb=0, seconds=0.2))
    caplog.set_level(logging.INFO, "formbuilder.attachments.pdfs")
    started = time.monotonic()
    result = accept("slow.pdf", io.BytesIO(files.object_stream_bomb(files.GB)))
    assert result.reason == "unreadable_pdf"
    assert result.message == "＊slow.pdf はPDFとして読み込めませんでした。"
    assert "pdf unreadable: over 0.2 s" in caplog.text
    assert time.monotonic() - started < 5
    assert_nothing_left(private_tmp)


def test_a_content_stream_bomb_is_stored_as_it_came_never_inflated(private_tmp):
    bomb = files.content_stream_bomb(files.GB)  # 3 KB: Flate in Flate, 1 GB once both are undone
    with pikepdf.open(io.BytesIO(bomb)) as sent:
        raw = sent.pages[0].Contents.read_raw_bytes()
    started = time.monotonic()
    result, growth = with_peak_rss(lambda: accept("scan.pdf", io.BytesIO(bomb)))
    assert result.kind == "pdf"
    assert time.monotonic() - started < QUICK_S
    assert growth < WORKER_GROWTH_MAX_MB
    with pikepdf.open(io.BytesIO(store_for(result.store).read(result.key))) as stored:
        assert stored.pages[0].Contents.read_raw_bytes() == raw
    assert list(private_tmp.iterdir()) == []


def test_a_rewritten_file_past_its_output_bound_is_refused(monkeypatch, private_tmp, caplog):
    monkeypatch.setattr(pdfs, "BOUNDS", pdfs.Bounds(output_factor=0))  # 1 MB, whatever the upload
    caplog.set_level(logging.INFO, "formbuilder.attachments.pdfs")
    noise = os.urandom(2 * 1024 * 1024)  # does not compress: the rewritten file stays over 2 MB
    upload = files.raw_pdf(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(noise), noise), page=b"/Contents 4 0 R ")
    result = accept("large.pdf", io.BytesIO(upload))
    assert result.reason == "unreadable_pdf"
    assert "pdf unreadable: OSError" in caplog.text  # EFBIG: Python ignores SIGXFSZ, the write fails
    assert_nothing_left(private_tmp)
    monkeypatch.setattr(pdfs, "BOUNDS", pdfs.Bounds())
    assert accept("large.pdf", io.BytesIO(upload)).kind == "pdf"
