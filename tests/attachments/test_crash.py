"""kill -9 between the file write and the commit: nothing partial, nothing left after cleanup (REL-03)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from formbuilder.extensions import db
from formbuilder.storage.attachment_models import Attachment, AttachmentBlob
from tests.conftest import ROOT


def run_and_kill(moment: str, app, store: str) -> None:
    """Start the child, wait until it reaches `moment`, then SIGKILL it."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.attachments.crash_child",
            moment,
            app.config["INSTANCE_PATH"],
            app.config["SQLALCHEMY_DATABASE_URI"],
            store,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.poll() is not None else line
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL


def files_in(app) -> list[str]:
    return sorted(p.name for p in Path(app.config["ATTACHMENT_DIR"]).iterdir())


def cleanup_lines(runner) -> list[str]:
    result = runner.invoke(args=["forms", "cleanup", "--grace-hours", "0"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.both_databases
def test_killed_while_writing_leaves_only_a_temporary_file(app, runner):
    run_and_kill("writing", app, "disk")
    (leftover,) = files_in(app)
    assert leftover.startswith(".tmp-")  # never a partial file under a storage key
    with app.app_context():
        assert "1 temporary file(s) removed" in cleanup_lines(runner)
        assert files_in(app) == []


@pytest.mark.both_databases
def test_killed_between_file_and_commit_leaves_an_orphan_that_cleanup_removes(app, runner):
    run_and_kill("before-commit", app, "disk")
    (orphan,) = files_in(app)
    assert not orphan.startswith(".")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0  # the row never committed
        assert "1 orphan file(s) without a database row removed" in cleanup_lines(runner)
        assert files_in(app) == []


@pytest.mark.both_databases
def test_with_the_database_store_a_kill_before_commit_leaves_nothing(app, runner):
    run_and_kill("before-commit", app, "database")
    assert files_in(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AttachmentBlob)) == 0
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
