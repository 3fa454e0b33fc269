"""Helpers of the download tests: staff clients, the command's CSV for comparison, CSV read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.staff.test_submissions import staff_client

WATER = "water-supply-start"
CSV_URL = f"/staff/forms/{WATER}/export.csv"
ZIP_URL = f"/staff/forms/{WATER}/export.zip"
BOM = b"\xef\xbb\xbf"


def suido(app, runner, role: str = "staff"):
    """A member of the water department signed in with `role`."""
    return staff_client(app, runner, f"suido-{role}", role, "water")


def command_csv(runner, tmp_path: Path, *options: str, slug: str = WATER) -> bytes:
    """The bytes `flask forms export` writes for the same options."""
    out = tmp_path / f"cli-{len(list(tmp_path.iterdir()))}.csv"
    result = runner.invoke(args=["forms", "export", slug, "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def records(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    assert data.startswith(BOM) == (encoding == "utf-8-sig")
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))
