"""The one CSV writer of the product: a cell a spreadsheet would run as a formula is written
with a leading apostrophe (OWASP's rule for CSV injection), and reading a file back undoes
exactly that, so an export imports again unchanged."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# A cell starting with one of these is a formula (or becomes one) in Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that would start a formula, prefixed with an apostrophe; numbers and
    other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The inverse of ``neutralise`` for a cell read from a file this product wrote."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def write_csv(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows as CSV text with a header, every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: neutralise(value) for name, value in row.items()})
    return buffer.getvalue()
