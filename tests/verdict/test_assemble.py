"""The pure verdict core: wording follows the numbers, calls follow the evidence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headspec.spec import Spec, SpecWarning
from headspec.verdict import (
    BANDS,
    AmpEvidence,
    Evidence,
    MeasuredEvidence,
    PriceContext,
    assemble,
    contradictions,
    score_tier,
    tone_phrase,
)


def measured(score: float, source: str = "Harpo", **bands: float) -> MeasuredEvidence:
    return MeasuredEvidence(name="Test IEM", source=source, form="in-ear", score=score,
                            score_model="harman-in-ear-2019", target="Harman in-ear 2019",
                            bands_db={b: bands.get(b, 0.0) for b in BANDS})


def test_bass_heavy_only_when_bass_is_over_target() -> None:
    v = assemble(Evidence(subject="Test IEM", measurements=[measured(82, bass=6.2, treble=-5.5)]))
    words = v.measurements[0].words
    assert "bass-heavy" in words and "dark treble" in words
    assert "bass-heavy" in v.summary and "(bass +6.2 dB)" in " ".join(c.text for c in v.claims)
    assert contradictions(v) == []


def test_lean_bass_is_never_called_heavy() -> None:
    v = assemble(Evidence(subject="Lean", measurements=[measured(60, bass=-2.0)]))
    assert v.measurements[0].words == ["slightly lean bass"]
    assert "heavy" not in v.summary and "heavy" not in v.model_dump_json()


def test_checker_catches_a_tampered_claim() -> None:
    v = assemble(Evidence(subject="Lean", measurements=[measured(60, bass=-2.0)]))
    tone = next(c for c in v.claims if c.text.startswith("Tonality"))
    tone.text = "Tonality: bass-heavy."
    v.summary += " It is bass-heavy."
    problems = contradictions(v)
    assert len(problems) == 2 and all("bass-heavy" in p for p in problems)


def test_score_tier_word_is_checked() -> None:
    v = assemble(Evidence(subject="X", measurements=[measured(58)]))
    claim = next(c for c in v.claims if "predicted preference" in c.text)
    assert claim.text.endswith("average.")
    claim.text = claim.text.replace("average", "excellent")
    assert any("excellent" in p for p in contradictions(v))


@given(st.dictionaries(st.sampled_from(BANDS), st.floats(-15, 15, allow_nan=False), min_size=1),
       st.floats(-120, 100, allow_nan=False), st.floats(-120, 100, allow_nan=False))
def test_no_generated_verdict_contradicts_itself(bands: dict[str, float], s1: float, s2: float) -> None:
    other = {b: -v for b, v in bands.items()}
    ev = Evidence(subject="Gen", measurements=[measured(s1, **bands), measured(s2, "Rtings", **other)])
    v = assemble(ev)
    assert contradictions(v) == []
    assert v.agreement in ("agree", "partly", "disagree")


def test_summary_keeps_only_words_all_rigs_support() -> None:
    ev = Evidence(subject="Two rigs", measurements=[measured(75, bass=5.0, air=4.0),
                                                    measured(72, "Rtings", bass=2.0, air=-4.0)])
    v = assemble(ev)
    assert "a little more bass" in v.summary  # the weaker of the two, both above +2 dB
    assert "air" not in v.summary
    assert contradictions(v) == []


def test_two_disagreeing_rigs_say_so_and_lower_confidence() -> None:
    one = assemble(Evidence(subject="A", measurements=[measured(75)]))
    two = assemble(Evidence(subject="A", measurements=[measured(75), measured(20, "Rtings", bass=-9)]))
    assert two.agreement == "disagree" and one.agreement == "single"
    assert two.confidence < one.confidence
    assert any("disagree" in c.text for c in two.claims)
    assert any("Harman-style rig" in m.would_settle for m in two.missing)


def test_needs_amp_is_named_in_the_call() -> None:
    amp = AmpEvidence(source_name="Typical phone", verdict="needs-amp", max_spl_db=98.0,
                      required_vrms=2.45, required_mw=20.0, headroom_db=-12.0)
    ev = Evidence(subject="HD600-like", spec=Spec(impedance_ohm=300, sensitivity_db_per_v=102.2),
                  measurements=[measured(85)], amp=amp)
    v = assemble(ev)
    assert v.call == "fine, but needs an amp" and v.rating == "needs-amp"
    drive = next(c for c in v.claims if c.topic == "drive")
    assert drive.stance == "con" and "2.45 Vrms" in drive.text
    assert {e.kind for e in drive.evidence} == {"amp-check", "spec"}
    assert contradictions(v) == []


def test_implausible_specs_mean_avoid() -> None:
    spec = Spec(sensitivity_db_per_mw=135, freq_high_hz=150_000)
    warnings = [SpecWarning(code="implausible", field="sensitivity_db_per_mw", message="135 dB/mW > 130"),
                SpecWarning(code="implausible", field="freq_high_hz", message="range past 100 kHz")]
    ev = Evidence(subject="Pro Max Ultra", spec=spec, plausibility=warnings, measurements=[measured(90)])
    v = assemble(ev)
    assert v.call == "avoid: implausible specs, likely knock-off" and v.rating == "avoid"
    assert v.confidence >= 0.7
    assert contradictions(v) == []


def test_nothing_known_is_not_enough_evidence() -> None:
    v = assemble(Evidence(subject="Mystery"))
    assert v.call == "not enough evidence" and v.confidence_word == "low"
    assert v.missing[0].what == "a frequency-response measurement"


def test_open_back_is_a_poor_fit_for_commuting() -> None:
    spec = Spec(form_factor="over-ear", back="open", wireless=False)
    v = assemble(Evidence(subject="Open", spec=spec, measurements=[measured(85)], use="commute"))
    assert v.rating == "poor-fit" and v.call.startswith("poor fit for commuting: open back")
    home = assemble(Evidence(subject="Open", spec=spec, measurements=[measured(85)], use="home"))
    assert home.call == "strong buy for home listening"


def test_price_against_comparables() -> None:
    price = PriceContext(amount=50, currency="USD", comparable="wired in-ear", n_comparable=20, median=80,
                         percentile=20, measured_comparable_median_score=70)
    v = assemble(Evidence(subject="Cheap", measurements=[measured(78)], price=price))
    claim = next(c for c in v.claims if c.topic == "price")
    assert claim.stance == "pro" and claim.text.endswith("good value.")
    assert "cheaper than 80 % of 20 comparable wired in-ear" in claim.text


@pytest.mark.parametrize(("score", "word"), [(95, "excellent"), (80, "excellent"), (79.9, "good"),
                                             (55, "average"), (40, "below average"), (-3, "poor")])
def test_score_tiers(score: float, word: str) -> None:
    assert score_tier(score) == word


@pytest.mark.parametrize(("band", "db", "phrase"), [("bass", 1.9, None), ("bass", 2.0, "a little more bass"),
                                                    ("bass", 5.0, "bass-heavy"), ("bass", -5.2, "bass-light"),
                                                    ("treble", 2.0, "slightly bright treble")])
def test_tone_phrase_thresholds(band: str, db: float, phrase: str | None) -> None:
    assert tone_phrase(band, db) == phrase


def test_a_battery_reading_caveat_is_not_a_reason_to_avoid() -> None:
    w = SpecWarning(code="implausible", field="battery_h",
                    message="24 h for earbuds is likely the total with the case (listing #582)")
    v = assemble(Evidence(subject="Apple AirPods", spec=Spec(form_factor="earbud", battery_h=24),
                          plausibility=[w, w]))
    assert v.rating != "avoid"
    check = next(c for c in v.claims if c.text.startswith("Check the listing"))
    assert check.stance == "neutral" and "listing #582" in check.evidence[0].ref
    assert contradictions(v) == []


def test_one_implausible_listing_of_a_measured_model_is_the_listings_fault() -> None:
    w = SpecWarning(code="implausible", field="sensitivity_db",
                    message="140 dB/mW is above 130 dB/mW; probably dB/V (listing #7)")
    measured_only = assemble(Evidence(subject="Real IEM", measurements=[measured(82)]))
    v = assemble(Evidence(subject="Real IEM", measurements=[measured(82)], plausibility=[w]))
    assert v.rating == "strong-buy" and v.call.endswith("; check the listing: its specs are implausible")
    assert v.confidence < measured_only.confidence
    unmeasured = assemble(Evidence(subject="Unknown IEM", spec=Spec(form_factor="in-ear"), plausibility=[w]))
    assert unmeasured.call == "avoid: implausible specs"
    for x in (v, unmeasured):
        assert contradictions(x) == []


def test_checker_catches_a_drive_claim_that_flips_the_amp_check() -> None:
    amp = AmpEvidence(source_name="Typical phone", verdict="needs-amp", max_spl_db=98.0, required_vrms=2.45)
    v = assemble(Evidence(subject="X", spec=Spec(impedance_ohm=300), amp=amp))
    assert contradictions(v) == []
    next(c for c in v.claims if c.topic == "drive").stance = "pro"
    assert any("amp check says needs-amp" in p for p in contradictions(v))
