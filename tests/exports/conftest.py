"""Fixtures of the export tests: run `flask forms export` and find its output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from .support import WATER

Export = Callable[..., tuple[Result, Path]]


@pytest.fixture
def export(runner, tmp_path) -> Export:
    """Return a function running the export command; it returns the result and the output path."""

    def run(*options: str, slug: str = WATER, name: str = "out.csv") -> tuple[Result, Path]:
        out = tmp_path / "exports" / name
        out.parent.mkdir(exist_ok=True)
        result = runner.invoke(args=["forms", "export", slug, "--out", str(out), *options])
        return result, out

    return run
