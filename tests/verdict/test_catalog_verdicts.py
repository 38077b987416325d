"""Verdicts for real catalog models: every measured model, knock-offs, prices, the guide's AKG K712."""

from __future__ import annotations

from pathlib import Path

import pytest

from headspec import fr
from headspec.catalog import Catalog
from headspec.errors import HeadspecError, NotFoundError
from headspec.spec import Evidence as SpecEvidence
from headspec.spec import Spec
from headspec.verdict import STRONG_DB, contradictions, tone_phrase, verdict


def measured_ids(catalog: Catalog) -> list[int]:
    return [r[0] for r in catalog.store.query("SELECT id FROM models WHERE n_measurements > 0 ORDER BY id")]


def test_no_verdict_over_the_measured_catalog_contradicts_its_evidence(catalog: Catalog) -> None:
    ids = measured_ids(catalog)
    assert len(ids) > 250
    ratings: dict[str, int] = {}
    for model_id in ids:
        v = verdict(model_id, catalog=catalog)
        assert contradictions(v) == [], (v.subject, contradictions(v))
        assert v.measurements, v.subject
        ratings[v.rating] = ratings.get(v.rating, 0) + 1
        # Re-derive every measurement's words from fr.describe on the stored curve.
        detail = catalog.model(model_id)
        by_ref = {f"measurement #{m.id} ({m.source}, {m.form})": m for m in detail.measurements}
        for s in v.measurements:
            m = by_ref[s.ref]
            bands = {b.name: b.offset_db for b in fr.describe(catalog.curve(m.id)).bands}
            assert s.words == [w for b, db in bands.items() if (w := tone_phrase(b, db))]
            if "bass-heavy" in s.words:
                assert bands["bass"] >= STRONG_DB
        for claim in v.claims:
            assert claim.evidence, claim.text
    # The real set spans the scale: several kinds of call occur.
    assert len(ratings) >= 3, ratings


def test_three_rig_earpods_say_the_rigs_disagree(catalog: Catalog) -> None:
    v = verdict("Apple EarPods", catalog=catalog)
    assert sorted(s.source for s in v.measurements) == ["Headphone.com Legacy", "Innerfidelity", "Rtings"]
    assert v.agreement == "disagree"
    assert v.confidence_word == "low"
    assert any(m.what == "agreement between rigs" for m in v.missing)


def test_knock_offs_are_avoided(catalog: Catalog) -> None:
    rows = catalog.store.query("SELECT id FROM models WHERE flags LIKE '%knockoff%'")
    assert rows
    for (model_id,) in rows:
        v = verdict(model_id, catalog=catalog)
        assert v.rating == "avoid" and v.call.startswith("avoid"), v.call
        assert any(e.value == "knock-off" for c in v.claims for e in c.evidence)
        assert contradictions(v) == []


def test_price_is_placed_among_comparable_models(catalog: Catalog) -> None:
    # A priced model whose form has at least three other priced models in USD.
    rows = catalog.store.query(
        "SELECT m.id, m.form FROM models m JOIN model_prices p ON p.model_id = m.id AND p.currency = 'USD' "
        "WHERE m.form IN (SELECT m2.form FROM models m2 JOIN model_prices p2 ON p2.model_id = m2.id "
        "AND p2.currency = 'USD' WHERE m2.form IS NOT NULL GROUP BY m2.form HAVING count(*) >= 4) "
        "ORDER BY m.id LIMIT 1")
    assert rows, "the shared listings give at least four priced models of one form"
    v = verdict(rows[0][0], catalog=catalog)
    assert v.price is not None and v.price.currency == "USD" and v.price.n_comparable >= 3
    claim = next(c for c in v.claims if c.topic == "price")
    assert f"comparable {rows[0][1]}" in claim.text and str(v.price.n_comparable) in claim.text
    assert {e.kind for e in claim.evidence} == {"listing", "catalog"}
    assert 0 <= v.price.percentile <= 100


def test_unknown_model_is_a_not_found_error_with_a_hint(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError) as exc:
        verdict("Zyxxq Nonexistent 9000", catalog=catalog)
    assert exc.value.hint


def test_unknown_use_is_refused() -> None:
    with pytest.raises(HeadspecError, match="unknown use 'jogging'"):
        verdict(Spec(), use="jogging")


def k712() -> Spec:
    """The guide's worked example, AKG K712, as its spec list states it (seed guide, 'How can I tell')."""
    text = ("Type: Open-back, over-ear; Impedance: 62 Ohms; Sensitivity: 105 dB SPL/V; "
            "Frequency Response: 10Hz – 39,800Hz; THD: 0.1-1% / 100Hz")

    def ev(part: str) -> SpecEvidence:
        start = text.index(part)
        return SpecEvidence(text=part, start=start, end=start + len(part))

    return Spec(brand="AKG", model="K712", form_factor="over-ear", back="open", wireless=False,
                impedance_ohm=62, sensitivity_db=105, sensitivity_basis="V", sensitivity_db_per_v=105,
                sensitivity_db_per_mw=105 - 10 * 1.2076083105017461, freq_low_hz=10, freq_high_hz=39800,
                thd_percent=1.0,
                evidence={"impedance_ohm": ev("62 Ohms"), "sensitivity_db_per_v": ev("105 dB SPL/V"),
                          "back": ev("Open-back"), "form_factor": ev("over-ear")})


def test_guides_akg_k712_from_specs_alone_on_a_phone() -> None:
    v = verdict(k712(), source="typical phone", use="home")
    assert contradictions(v) == []
    # 110 dB at 105 dB/V needs 10^(5/20) = 1.78 Vrms, 1.78²/62 = 51 mW: more than a 0.5 V phone gives.
    assert v.rating == "needs-amp" and v.call == "fine on paper, but needs an amp; sound unmeasured"
    drive = next(c for c in v.claims if c.topic == "drive")
    assert "1.78 Vrms" in drive.text and "51.0 mW" in drive.text
    assert any(e.ref == "impedance_ohm from spec sheet: '62 Ohms'" for e in drive.evidence)
    # The guide says an open-back has "good isolation"; the verdict says the opposite.
    fit = next(c for c in v.claims if c.topic == "fit" and "back" in c.text)
    assert fit.stance == "pro" and "does not isolate" in fit.text
    assert "good isolation" not in v.model_dump_json()
    # Specs cannot tell how it sounds: the verdict says what would settle it, and its confidence is low.
    assert v.missing[0].what == "a frequency-response measurement"
    assert v.confidence_word == "low" and not v.measurements


def test_k712_is_a_poor_fit_for_commuting_and_fine_on_a_desktop_amp() -> None:
    commute = verdict(k712(), source="typical desktop amp", use="commute")
    assert commute.rating == "poor-fit"
    assert commute.call == "poor fit for commuting: open back leaks sound and isolates almost nothing"
    home = verdict(k712(), source="typical desktop amp", use="home")
    assert home.call == "plausible on paper for home listening; sound unmeasured"
    assert next(c for c in home.claims if c.topic == "drive").stance == "pro"


def test_no_source_assumes_a_typical_phone_and_says_so() -> None:
    v = verdict(k712())
    assert v.source == "typical phone"
    assert "assumed" in next(c for c in v.claims if c.topic == "drive").text
    assert any(m.what == "your source device" for m in v.missing)


def test_an_unreadable_source_is_the_callers_error() -> None:
    with pytest.raises(HeadspecError):
        verdict(k712(), source="a potato")


def guide_k712_text(shared_data: Path) -> str:
    """The guide's own K712 spec list, read from the seed text beside the data."""
    lines = (shared_data.parent / "seed" / "guide-understanding-headphone-specs.txt").read_text(
        encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "Driver Size: Not given" in line)
    block = [line.strip().lstrip("•").strip() for line in lines[start:start + 6]]
    return "AKG K712\n" + "\n".join(block)


def test_guides_k712_parsed_from_the_guide_text(shared_data: Path) -> None:
    from headspec.parse import parse_spec

    spec = parse_spec(guide_k712_text(shared_data))
    assert (spec.impedance_ohm, spec.sensitivity_db_per_v, spec.back, spec.form_factor) == (62, 105, "open",
                                                                                            "over-ear")
    v = verdict(spec, source="typical phone", use="home")
    assert v.call == "fine on paper, but needs an amp; sound unmeasured"
    assert contradictions(v) == []
    # Every claim names where it came from: a spec-sheet substring, the amp check, or an explained field.
    refs = [e.ref for c in v.claims for e in c.evidence]
    assert "impedance_ohm from spec sheet: '62 Ohms'" in refs
    assert any(c.topic == "spec" for c in v.claims)  # explained specs are part of the evidence
    assert "good isolation" not in v.model_dump_json()


def test_listing_warnings_in_the_real_catalog_lead_to_calls_that_match(catalog: Catalog) -> None:
    import json

    rows = catalog.store.query("SELECT model_id, plausibility FROM listings WHERE plausibility != '[]' "
                               "AND model_id IS NOT NULL")
    assert rows
    messages: dict[int, list[str]] = {}
    for model_id, warnings in rows:
        messages.setdefault(model_id, []).extend(w["message"] for w in json.loads(warnings))
    flags = dict(catalog.store.query("SELECT id, flags FROM models"))
    for model_id, msgs in messages.items():
        v = verdict(model_id, catalog=catalog)
        assert contradictions(v) == []
        only_weak = all("likely the total with the case" in m or "price of 0" in m for m in msgs)
        if only_weak and "knockoff" not in flags[model_id]:
            assert v.rating != "avoid", (v.subject, msgs)
