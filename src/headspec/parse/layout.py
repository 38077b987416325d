"""Find labelled values in a text, whatever its layout.

Layouts read: labelled lines ("Impedance: 32Ω"), key-value tables (label and
value in cells split by tabs or "|"), bullet lists joined by " | " or "/ ",
CSV rows under a header line, and datasheets that list every label first and
every value after. Each labelled value becomes a `Field` with its label family
and the span of the value in the input, so values keep exact offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from headspec.parse.labels import label_family

__all__ = ["Field", "CsvRow", "find_fields", "read_csv_row"]


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled value: the label family, the label text and the value span in the input."""

    family: str
    label: str
    start: int  # value start
    end: int  # value end


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One CSV data row under a header line: header name -> (cell text, start, end)."""

    cells: dict[str, tuple[str, int, int]]
    missing: tuple[str, ...] = ()  # trailing header columns the row leaves out (matched from the left)


_BULLETS = "•◼▪✔✓√●◆➤★"
# every alternative starts with its own literal, so re finds candidates with a fast first-character scan
# (a character class as first item of an alternative turns that scan off: 3x slower on a listing)
_SEGMENT_SPLIT = re.compile(r"\n|\|(?<=\s\|)\s|/(?<=\S/)\s(?=[A-ZА-Я0-9])|;\s+|"
                            + "|".join(f"{b}(?<=\\s{b})\\s" for b in _BULLETS))
_SPACED_MARKS = "|" + _BULLETS  # split marks that come after a space, which the segment leaves out
_CSV_CELL = re.compile(r'"(?:[^"]|"")*"|[^,\n]*')
_CSV_HEADER_CELL = re.compile(r"[\w /+.#()%-]{1,40}")


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_CELL_SPLIT = re.compile(r"\t+|\|")


def _segments(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SEGMENT_SPLIT.finditer(text):
        cut = m.start() - 1 if m.group(0)[0] in _SPACED_MARKS else m.start()  # drop the space before " | "
        if cut > pos:
            spans.append((pos, cut))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _split_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Tab- or pipe-separated cells of one line (a key-value table row)."""
    line = text[start:end]
    if "\t" not in line and "|" not in line:
        return [(start, end)]
    cells: list[tuple[int, int]] = []
    pos = start
    for m in _CELL_SPLIT.finditer(line):
        cells.append((pos, start + m.start()))
        pos = start + m.end()
    cells.append((pos, end))
    return [(a, b) for a, b in cells if text[a:b].strip()]


def find_fields(text: str) -> list[Field]:
    """Every labelled value in `text` (already normalized), in reading order."""
    if "\t" in text or "|" in text:
        cells: list[tuple[int, int]] = []
        for a, b in _segments(text):
            cells.extend(_split_cells(text, a, b))
    else:
        cells = _segments(text)  # no segment holds a cell break, so each is one cell
    fields: list[Field] = []
    pending: list[tuple[str, str]] = []  # labels still waiting for their value (label-first layouts)
    for a, b in cells:
        seg = text[a:b]
        found = label_family(seg)
        if found is not None:
            family, value_at = found
            value = seg[value_at:]
            stripped = value.strip()
            label = seg[:value_at].strip(" :=\t-")
            if stripped:
                lead = len(value) - len(value.lstrip())
                fields.append(Field(family, label, a + value_at + lead, a + value_at + len(value.rstrip())))
                pending.clear()
            else:
                pending.append((family, label))
            continue
        if pending:
            family, label = pending.pop(0)
            lead = len(seg) - len(seg.lstrip())
            fields.append(Field(family, label, a + lead, a + len(seg.rstrip())))
    return fields


def read_csv_row(text: str) -> CsvRow | None:
    """A header line and one data row of CSV, or None when `text` is not that."""
    nl = text.find("\n")
    if nl < 0 or text.count(",", 0, nl) < 2:
        return None
    header = _header(text[:nl])
    if header is None:
        return None
    line_end = text.find("\n", nl + 1)
    line_end = len(text) if line_end < 0 else line_end
    spans: list[tuple[int, int]] = []
    pos = nl + 1
    if text.find('"', pos, line_end) < 0:  # no quoted cell: every cell runs to the next comma
        for cell in text[pos:line_end].split(","):
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
    while pos <= line_end:
        m = _CSV_CELL.match(text, pos, line_end)
        if m is None:
            return None
        spans.append((m.start(), m.end()))
        pos = m.end() + 1
    names = header.names
    if len(spans) > len(names) or len(spans) < 2:
        return None
    # a row that leaves out trailing columns ("...,267,a note" under a 6-column header) is read from the left
    missing = names[len(spans):]
    if missing and (text[line_end:].strip() or header.known() < 2):
        return None  # only a real header (two known column names) over a lone last row is read short
    cells: dict[str, tuple[str, int, int]] = {}
    for name, (a, b) in zip(names, spans, strict=False):
        cell = text[a:b]
        if cell.startswith('"') and cell.endswith('"') and len(cell) >= 2:
            a, b, cell = a + 1, b - 1, cell[1:-1]
        cells[name] = (cell, a, b)
    return CsvRow(cells, missing)


class _Header:
    """A CSV header line's column names (stripped, lower-cased) and its cells as written."""

    __slots__ = ("names", "cells", "_known")

    def __init__(self, cells: list[str]) -> None:
        self.cells = cells
        self.names = tuple(h.strip().lower() for h in cells)
        self._known: int | None = None

    def known(self) -> int:
        """How many columns a label family names (asked only of a row shorter than its header)."""
        if self._known is None:
            self._known = sum(label_family(h) is not None for h in self.cells)
        return self._known


# header line -> its columns, or None when it is no CSV header: a CSV file repeats one header
# line over every row (bounded: cleared when full; keyed by the line, never by a whole text)
_HEADERS: dict[str, _Header | None] = {}


def _header(line: str) -> _Header | None:
    """The column names of a CSV header line, or None when a cell cannot be a column name."""
    if line in _HEADERS:
        return _HEADERS[line]
    cells = line.split(",")
    header = None
    if all(_CSV_HEADER_CELL.fullmatch(h.strip()) for h in cells):
        header = _Header(cells)
    if len(_HEADERS) >= 4096:
        _HEADERS.clear()
    _HEADERS[line] = header
    return header
