"""The PDF check itself, run by `pdfs.clean` in a child process with bounded memory and time.

Started as a script, `python -I pdf_inspector.py SOURCE TARGET LIMITS` (LIMITS: JSON of
`limit`'s arguments), and self-contained on purpose: it imports the standard library and
pikepdf only, never the app, so the child holds nothing of the worker (no database
connection, no configuration; the parent gives it an empty environment and no open files
but its pipes).

It limits itself before it reads the file: address space, CPU seconds, the size of the
file it may write, no core dump, and how far qpdf may inflate a stream. It then prints one
JSON line, `{"reason": null}` for a PDF written to TARGET, or a refusal reason of
`refusal.MESSAGES` and its parameters. Any other ending is a refusal for the parent.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

import pikepdf
from pikepdf.settings import set_qpdf_limits

# Names that make a PDF act by itself or carry other files (SEC-19).
ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/JS", "/OpenAction", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
)
# Actions that reach outside the file when a link is clicked or the page opens: another
# file or a share (a `\\host\share` path makes Windows send the user's NTLM hash), a
# program, a web address (https: and javascript: alike), or form data sent or loaded.
# `/URL` is the file system of a file specification that is a web address.
REMOTE_NAMES = frozenset({"/GoToR", "/GoToE", "/Launch", "/URI", "/URL", "/SubmitForm", "/ImportData"})
REFUSED_NAMES = ACTIVE_NAMES | REMOTE_NAMES


def inspect(source: Path, target: Path, max_objects: int) -> dict:
    """Check the PDF `source`; write it anew to `target` when clean. Return the verdict."""
    try:
        pdf = pikepdf.open(source)
    except pikepdf.PasswordError:
        return refused("pdf_encrypted")
    except Exception as exc:
        return refused("unreadable_pdf", why=type(exc).__name__)
    with pdf:
        if pdf.is_encrypted:
            return refused("pdf_encrypted")
        try:
            _decode_object_streams(pdf)
            if len(pdf.pages) == 0 or len(pdf.objects) > max_objects:
                return refused("unreadable_pdf", why="pages or objects")
            found = refused_names(pdf)
            if found:
                return refused("pdf_active_content", found=", ".join(sorted(found)))
            # Written to an open file: saving to a path that exists makes pikepdf write a
            # temporary file beside it, which a killed child would leave behind. Streams are
            # copied as they are (decode level none): no content stream is ever inflated.
            with target.open("wb") as out:
                pdf.save(out, fix_metadata_version=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        except Exception as exc:
            return refused("unreadable_pdf", why=type(exc).__name__)
    return {"reason": None}


def _decode_object_streams(pdf: pikepdf.Pdf) -> None:
    """Inflate each object stream once, before any object in it is read; raise if one fails.

    Left to itself qpdf decodes an object stream when an object inside is first read and,
    when that fails (past `inflate`, or out of memory), only warns and reads the objects as
    null: the file would pass with parts missing. The cross-reference table says which
    objects are object streams without reading any of them.
    """
    numbers = {
        entry.obj_stream_number
        for entry in pdf.get_xref_table().values()
        if entry.type == 2 and entry.obj_stream_number is not None
    }
    for number in sorted(numbers):
        stream = pdf.get_object(number, 0)
        if isinstance(stream, pikepdf.Stream):
            stream.read_bytes()


def refused_names(pdf: pikepdf.Pdf) -> set[str]:
    """Return the refused names found anywhere in `pdf`, as keys or as name values."""
    found: set[str] = set()
    for top in pdf.objects:
        stack: list[object] = [top]
        while stack:
            obj = stack.pop()
            if isinstance(obj, pikepdf.Name):
                if str(obj) in REFUSED_NAMES:
                    found.add(str(obj))
            elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                for key in obj.keys():  # noqa: SIM118 (a Stream has no __iter__ over its dictionary)
                    if key in REFUSED_NAMES:
                        found.add(key)
                    stack.append(_direct(obj.get(key)))
            elif isinstance(obj, pikepdf.Array):
                stack.extend(_direct(item) for item in obj)
    return found


def _direct(obj: object) -> object:
    """Indirect objects are visited as entries of `pdf.objects`, not again through each reference."""
    return None if getattr(obj, "is_indirect", False) else obj


def refused(reason: str, **params: str) -> dict:
    return {"reason": reason, **params}


def limit(*, memory: int, seconds: int, output: int, inflate: int) -> None:
    """Bound this process: the kernel stops it past its memory, CPU time or output size (bytes, seconds)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold the citizen's file
    set_qpdf_limits(flate_max_memory=inflate)


def main(argv: list[str]) -> int:
    source, target, limits = Path(argv[1]), Path(argv[2]), json.loads(argv[3])
    max_objects = limits.pop("objects")
    limit(**limits)
    verdict = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever else writes to stdout (qpdf, pikepdf) goes where stderr goes
    verdict.write(json.dumps(inspect(source, target, max_objects)) + "\n")
    verdict.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
