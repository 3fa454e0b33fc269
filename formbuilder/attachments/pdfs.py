"""PDFs: opened with pikepdf (qpdf), refused when encrypted or carrying active content.

Every object in the file is inspected, reachable or not, as dictionary keys and as name
values, so `/S /JavaScript` actions, `/Type /EmbeddedFile` streams and `/Subtype /RichMedia`
annotations are found wherever they hide (object streams included; qpdf decodes `#xx`
escapes in names). The accepted file is written anew by qpdf: data appended after the
end of the file and objects of earlier revisions do not survive.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from .refusal import Refusal

ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
    }
)
MAX_OBJECTS = 200_000


def clean(source: Path, target: Path) -> str:
    """Check the PDF `source` and write it to `target` re-serialised; return "pdf"."""
    try:
        pdf = pikepdf.open(source)
    except pikepdf.PasswordError:
        raise Refusal("pdf_encrypted") from None
    except Exception:
        raise Refusal("unreadable_pdf") from None
    with pdf:
        if pdf.is_encrypted:
            raise Refusal("pdf_encrypted")
        try:
            if len(pdf.pages) == 0 or len(pdf.objects) > MAX_OBJECTS:
                raise Refusal("unreadable_pdf")
            found = active_content(pdf)
        except Refusal:
            raise
        except Exception:
            raise Refusal("unreadable_pdf") from None
        if found:
            raise Refusal("pdf_active_content", found=", ".join(sorted(found)))
        try:
            pdf.save(target, fix_metadata_version=False)
        except Exception:
            raise Refusal("unreadable_pdf") from None
    return "pdf"


def active_content(pdf: pikepdf.Pdf) -> set[str]:
    """Return the names of active content found anywhere in `pdf` (empty when none)."""
    found: set[str] = set()
    for top in pdf.objects:
        stack = [top]
        while stack:
            obj = stack.pop()
            if isinstance(obj, pikepdf.Name):
                if str(obj) in ACTIVE_NAMES:
                    found.add(str(obj))
            elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                for key in obj.keys():  # noqa: SIM118 (a Stream has no __iter__ over its dictionary)
                    if key in ACTIVE_NAMES:
                        found.add(key)
                    stack.append(_direct(obj.get(key)))
            elif isinstance(obj, pikepdf.Array):
                stack.extend(_direct(item) for item in obj)
    return found


def _direct(obj: object) -> object:
    """Indirect objects are visited as entries of `pdf.objects`, not again through each reference."""
    return None if getattr(obj, "is_indirect", False) else obj
