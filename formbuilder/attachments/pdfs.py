"""PDFs: checked in a child process with bounded memory and time, then written anew by qpdf.

A small PDF can make qpdf inflate a gigabyte (a Flate bomb in an object stream), and its
checks cannot be interrupted from Python. So the check runs in a fresh interpreter
(`pdf_inspector.py`) that limits its own address space, CPU time and output size, and is
killed when it outlives `BOUNDS.seconds`; whatever stops it is a refusal ("unreadable").
It runs by `subprocess` (fork and exec), not multiprocessing: nothing of the worker (its
database connections, sockets, configuration, environment) reaches the child, and the
worker's memory is not copied on write. Its temporary directory goes with it.

The child refuses a PDF that is encrypted, or in which any object, reachable or not
(object streams included; qpdf decodes `#xx` escapes in names), carries
- active content (SEC-19): JavaScript, an open action or additional actions (`/AA`),
  embedded files, rich media, XFA forms;
- an action that reaches outside the file: `/GoToR` and `/GoToE` (a `\\\\host\\share` path
  sends a Windows user's NTLM hash), `/Launch`, `/URI` (every web link, `https:` as much as
  `javascript:`: scanned documents have none, and a PDF printed from a web page or a bank
  statement with links can be printed again without them), `/SubmitForm`, `/ImportData`,
  and file specifications that are web addresses (`/FS /URL`).
Links inside the document (`/GoTo`, `/Dest`) are kept. Content streams are never decoded:
the file is re-serialised with its streams copied as they are, so data appended after the
end of the file and objects of earlier revisions do not survive.
"""

from __future__ import annotations

import json
import logging
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .refusal import Refusal

log = logging.getLogger(__name__)

MB = 1024 * 1024
INSPECTOR = Path(__file__).with_name("pdf_inspector.py")


@dataclass(frozen=True)
class Bounds:
    """What one PDF check may use. A scanned 10 MB PDF needs about 60 MB and 0.1 s."""

    memory_mb: int = 512  # address space of the child; Python and pikepdf take about 40 MB of it
    seconds: float = 5.0  # wall clock (the child is killed) and CPU time (the kernel stops it)
    inflate_mb: int = 32  # largest object stream qpdf may inflate (content streams are never inflated)
    output_factor: int = 2  # the rewritten file may be this many times the upload, plus 1 MB


BOUNDS = Bounds()


def clean(source: Path, target: Path) -> str:
    """Check the PDF `source` and write it to `target` re-serialised; return "pdf"."""
    verdict = _inspect(source, target, BOUNDS)
    reason = verdict.get("reason", "unreadable_pdf")
    if reason is None:
        return "pdf"
    if reason == "pdf_active_content":
        raise Refusal(reason, found=str(verdict.get("found", "")))
    if reason == "pdf_encrypted":
        raise Refusal(reason)
    # Why, as the child or the kernel said it (a class name, a timeout, an exit status); never file content.
    log.info("pdf unreadable: %s", verdict.get("why", "?"))
    raise Refusal("unreadable_pdf")


def _inspect(source: Path, target: Path, bounds: Bounds) -> dict:
    """Run the inspector on `source` within `bounds`; return its verdict."""
    output = bounds.output_factor * source.stat().st_size + MB
    with tempfile.TemporaryDirectory(prefix="formbuilder-pdf-", ignore_cleanup_errors=True) as private:
        args = [sys.executable, "-I", str(INSPECTOR), str(source), str(target)]
        args += [str(n) for n in (bounds.memory_mb * MB, math.ceil(bounds.seconds), output, bounds.inflate_mb * MB)]
        try:
            child = subprocess.run(  # noqa: S603 (our own script, by absolute path, with our interpreter)
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=private,
                env={"TMPDIR": private},
                timeout=bounds.seconds,
                check=False,
            )
        except subprocess.TimeoutExpired:  # run() has killed and reaped the child
            return {"reason": "unreadable_pdf", "why": f"over {bounds.seconds:g} s"}
    if child.returncode != 0:  # negative: the signal that stopped it (SIGXCPU, SIGXFSZ, SIGKILL)
        return {"reason": "unreadable_pdf", "why": f"status {child.returncode}"}
    try:
        verdict = json.loads(child.stdout)
    except ValueError:
        return {"reason": "unreadable_pdf", "why": "no verdict"}
    return verdict if isinstance(verdict, dict) else {"reason": "unreadable_pdf", "why": "no verdict"}
