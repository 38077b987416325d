"""Verdicts over every real shared measurement never contradict their own evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from headspec import fr
from headspec._verdict_gather import measured_evidence
from headspec.verdict import Evidence, assemble, contradictions, tone_phrase


@pytest.fixture(scope="session")
def curves(shared_data: Path) -> list[fr.FrequencyResponse]:
    root = shared_data / "fr"
    paths = sorted(p for p in root.glob("*/*/*.csv") if p.parent.name in ("over-ear", "in-ear", "earbud"))
    assert len(paths) == 303
    return [fr.read(p) for p in paths]


def test_every_single_measurement_verdict_matches_fr_describe(curves: list[fr.FrequencyResponse]) -> None:
    heavy = light = 0
    for curve in curves:
        ev = measured_evidence(curve)
        v = assemble(Evidence(subject=curve.name, measurements=[ev]))
        assert contradictions(v) == [], curve.label
        # Independently: the words must follow fr.describe's own band offsets for this file.
        offsets = {b.name: b.offset_db for b in fr.describe(curve).bands}
        expected = [w for b, db in offsets.items() if (w := tone_phrase(b, db))]
        assert v.measurements[0].words == expected, curve.label
        text = v.model_dump_json()
        if "bass-heavy" in text:
            heavy += 1
            assert offsets["bass"] >= 5.0, curve.label
        if "bass-light" in text:
            light += 1
            assert offsets["bass"] <= -5.0, curve.label
    assert heavy > 0 and light > 0  # the real set has both kinds, so the checks above ran


def test_earpods_on_three_rigs_disagree(curves: list[fr.FrequencyResponse]) -> None:
    pods = [c for c in curves if c.name == "Apple EarPods"]
    assert sorted(c.source for c in pods) == ["Headphone.com Legacy", "Innerfidelity", "Rtings"]
    v = assemble(Evidence(subject="Apple EarPods", measurements=[measured_evidence(c) for c in pods]))
    assert v.agreement == "disagree"
    assert contradictions(v) == []
    assert "disagree" in next(c.text for c in v.claims if "measurements" in c.text and "span" in c.text)
    assert any("Earbuds do not seal" in c for c in v.caveats)
