"""Highlight segments: cover the text exactly, mark evidence, survive bad offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from headspec.spec import Evidence
from headspec.web._highlight import segments


def test_marks_the_evidence_span() -> None:
    text = "Impedance: 300 Ω\nSensitivity: 97 dB/mW"
    ev = {"impedance_ohm": Evidence(text="300 Ω", start=11, end=16),
          "sensitivity_db": Evidence(text="97 dB/mW", start=30, end=38)}
    segs = segments(text, ev)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.fields) for s in segs if s.fields] == [("300 Ω", ["impedance_ohm"]),
                                                              ("97 dB/mW", ["sensitivity_db"])]


def test_overlapping_spans_merge_into_one_mark_naming_both_fields() -> None:
    text = "97 dB SPL/mW at 1 kHz"
    ev = {"sensitivity_db": Evidence(text="97 dB SPL/mW", start=0, end=12),
          "sensitivity_basis": Evidence(text="SPL/mW", start=6, end=12)}
    marked = [s for s in segments(text, ev) if s.fields]
    assert len(marked) == 1 and set(marked[0].fields) == {"sensitivity_db", "sensitivity_basis"}


def test_wrong_offsets_are_repaired_by_searching_or_dropped() -> None:
    text = "Driver: 40 mm"
    ev = {"driver_mm": Evidence(text="40 mm", start=0, end=5),  # offsets point elsewhere
          "weight_g": Evidence(text="250 g", start=100, end=105)}  # not in the text at all
    marked = [(s.text, s.fields) for s in segments(text, ev) if s.fields]
    assert marked == [("40 mm", ["driver_mm"])]


@given(st.text(max_size=200), st.lists(st.tuples(st.integers(0, 250), st.integers(0, 250)), max_size=8))
def test_segments_always_cover_the_text_exactly(text: str, spans: list[tuple[int, int]]) -> None:
    ev = {f"f{i}": Evidence(text=text[a:b], start=a, end=b) for i, (a, b) in enumerate(spans)}
    segs = segments(text, ev)
    assert "".join(s.text for s in segs) == text
    assert all(s.text for s in segs)
