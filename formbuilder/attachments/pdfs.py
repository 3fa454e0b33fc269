"""PDFs: checked in a child process with bounded memory and time, then written anew by qpdf.

A 1 MB PDF can make qpdf inflate a gigabyte (a Flate bomb in an object stream), and qpdf
cannot be interrupted from Python. So the check runs in a fresh interpreter
(`pdf_inspector.py`) that limits its own address space, CPU time and output size; the
worker kills it when it outlives `BOUNDS.seconds`. Whatever stops it is a refusal
("unreadable"), and its temporary directory is removed with it. It is started by
`subprocess` (fork and exec), not multiprocessing: nothing of the worker (database
connections, sockets, configuration, environment variables) reaches it.

The child refuses as unreadable a PDF it cannot open, without pages, with more than
`Bounds.max_objects` objects or with an object stream that does not inflate within the bound; it
refuses a PDF that is encrypted; and one in which any object, reachable or not (object
streams included; qpdf decodes `#xx` escapes in names), carries
- active content (SEC-19): JavaScript, an open action or additional actions (`/AA`),
  embedded files, rich media, XFA forms;
- an action that reaches outside the file: `/GoToR` and `/GoToE` (a `\\\\host\\share` path
  makes Windows send the staff member's NTLM hash), `/Launch`, `/SubmitForm`, `/ImportData`,
  file specifications that are web addresses (`/FS /URL`), and `/URI`: every web link,
  `https:` as much as `javascript:`. Scans have no links; a generated PDF that has some
  (a bank statement) is refused too, because a link that staff would trust in a citizen's
  document is the risk, whatever its scheme.
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
    """What one PDF check may use.

    Measured on 2 busy CPUs: a 9 MB scan of 40 pages takes 30 MB and 0.7 s, most of it
    starting Python; 190,000 objects (near `max_objects`) take 270 MB and 3 s of CPU. The
    1 GB object-stream bomb is refused in under a second, the child at 60 MB.
    """

    memory_mb: int = 512  # address space of the child; Python and pikepdf take about 40 MB of it
    seconds: float = 10.0  # wall clock (then the child is killed) and CPU time (then the kernel stops it)
    inflate_mb: int = 32  # largest object stream qpdf may inflate (content streams are never inflated)
    output_factor: int = 2  # the rewritten file may be this many times the upload, plus 1 MB
    max_objects: int = 200_000


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
    with tempfile.TemporaryDirectory(prefix="formbuilder-pdf-", ignore_cleanup_errors=True) as private:
        limits = {
            "memory": bounds.memory_mb * MB,
            "seconds": math.ceil(bounds.seconds),
            "output": bounds.output_factor * source.stat().st_size + MB,
            "inflate": bounds.inflate_mb * MB,
            "objects": bounds.max_objects,
        }
        args = [sys.executable, "-I", str(INSPECTOR), str(source), str(target), json.dumps(limits)]
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
