"""Formula injection (CWE-1236, OWASP ASVS 5.0 1.2.10): cells a spreadsheet must not run.

A cell that starts with one of these characters is read as a formula by Excel or
LibreOffice (the full-width forms too, after Japanese input conversion), so it gets a
leading single quote. Quoting the cell does not help: the spreadsheet strips the quotes.

A plain negative number such as "-5" is prefixed as well ("'-5"). That is the accepted
practice (OWASP's CSV injection guidance): telling a harmless number from "-2+3+cmd|..."
safely is not worth the risk, and a back office that imports numbers strips the quote.
Phone numbers are stored in national format (090-1234-5678) and are never touched.
"""

from __future__ import annotations

TRIGGERS = frozenset("=+-@\t\r\x00＝＋－＠")


def neutralise(cell: str) -> str:
    """Return the cell with a leading ' when a spreadsheet would read it as a formula."""
    return "'" + cell if cell[:1] in TRIGGERS else cell
