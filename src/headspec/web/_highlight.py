"""Split a pasted text into plain and highlighted segments from the parser's evidence offsets.

The template renders each segment as escaped text (highlighted ones inside `<mark>`), so
highlighting never builds HTML from the input. Offsets that do not fit the text are repaired
by searching for the evidence text, or dropped; overlapping spans merge into one mark that
names every field it supports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel


class Segment(BaseModel):
    """A run of the input text; `fields` is empty for text that supports no value."""

    text: str
    fields: list[str] = []


def _span(text: str, ev: Any) -> tuple[int, int] | None:
    start, end, snippet = getattr(ev, "start", None), getattr(ev, "end", None), getattr(ev, "text", "")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if not snippet or text[start:end] == snippet:
            return start, end
    if snippet:
        found = text.find(snippet)
        if found >= 0:
            return found, found + len(snippet)
    return None


def segments(text: str, evidence: Mapping[str, Any]) -> list[Segment]:
    """Segments covering `text` exactly, in order; evidence spans marked with their fields."""
    spans = sorted((span[0], span[1], field) for field, ev in evidence.items()
                   if (span := _span(text, ev)) is not None)
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, field in spans:
        if merged and start < merged[-1][1]:
            last_start, last_end, fields = merged[-1]
            merged[-1] = (last_start, max(last_end, end), [*fields, field])
        else:
            merged.append((start, end, [field]))
    out: list[Segment] = []
    pos = 0
    for start, end, fields in merged:
        if start > pos:
            out.append(Segment(text=text[pos:start]))
        out.append(Segment(text=text[start:end], fields=fields))
        pos = end
    if pos < len(text):
        out.append(Segment(text=text[pos:]))
    return out
