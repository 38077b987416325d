""""Is it good?": one call per headphone, every claim with its evidence.

A verdict is assembled from what headspec knows about a headphone: the explained
specs, the measured preference score and tonality of each measurement (naming the
reviewer/rig), the amp check for the listener's source, plausibility flags, and its
price against comparable models in the catalog. The wording is derived from the
numbers, never the other way round, and `contradictions()` re-checks every verdict
against its own evidence (the tests run it over every measured model).

The pure part (`assemble`) takes plain evidence objects, so it works the same for
a catalog model, a parsed spec sheet, or evidence built by hand. Its parts live
beside it: `_verdict_words` (the vocabulary and the numbers behind each word),
`_verdict_model` (evidence in, verdict out), `_verdict_claims` (the claims, topic by
topic), `_verdict_check` (`contradictions`) and `_verdict_gather` (evidence from the
catalog, the measurements and the amp check).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from headspec._verdict_check import contradictions
from headspec._verdict_claims import (
    AGREE_BAND_DB,
    AGREE_SCORE_SPREAD,
    WEAK_PLAUSIBILITY,
    drive_claims,
    explain_claims,
    fit_claims,
    plausibility_claims,
    price_claims,
    sound_claims,
    summarize_measurement,
)
from headspec._verdict_model import (
    AmpEvidence,
    Claim,
    Evidence,
    EvidenceRef,
    MeasuredEvidence,
    MeasurementSummary,
    Missing,
    PriceContext,
    Rating,
    Stance,
    Topic,
    Use,
    Verdict,
)
from headspec._verdict_words import (
    BAND_LABEL,
    BANDS,
    NOTABLE_DB,
    SCORE_TIERS,
    STRONG_DB,
    USE_PHRASE,
    USES,
    score_tier,
    tone_phrase,
)
from headspec.errors import HeadspecError, NotFoundError
from headspec.spec import Spec

if TYPE_CHECKING:
    from headspec.catalog import Catalog

__all__ = [
    "AGREE_BAND_DB", "AGREE_SCORE_SPREAD", "AmpEvidence", "BANDS", "BAND_LABEL", "Claim", "Evidence",
    "EvidenceRef", "MeasuredEvidence", "MeasurementSummary", "Missing", "NOTABLE_DB", "PriceContext",
    "Rating", "SCORE_TIERS", "STRONG_DB", "Stance", "Topic", "USES", "USE_PHRASE", "Use", "Verdict",
    "WEAK_PLAUSIBILITY", "assemble", "contradictions", "score_tier", "summarize_measurement", "tone_phrase",
    "verdict",
]


def assemble(ev: Evidence) -> Verdict:
    """Build the verdict from gathered evidence (pure: no catalog, no I/O)."""
    caveats: list[str] = []
    forms = {m.form for m in ev.measurements if m.form}
    if ev.spec.form_factor is None and len(forms) == 1:
        # The reviewer filed it under one form (over-ear, in-ear, earbud): use that for fit.
        form = forms.pop()
        ev = replace(ev, spec=ev.spec.model_copy(update={"form_factor": form}),
                     spec_refs={**ev.spec_refs, "form_factor": "form of its measurement(s)"})

    sound, summaries, agreement = sound_claims(ev)
    drive, drive_missing = drive_claims(ev)
    plaus, weak_plaus, knock = plausibility_claims(ev)
    fit, fit_missing, poor_fit = fit_claims(ev)
    scores = [m.score for m in ev.measurements if m.score is not None]
    median_score = statistics.median(scores) if scores else None
    price, price_missing = price_claims(ev, median_score)
    claims = plaus + sound + drive + fit + price + weak_plaus + explain_claims(ev)
    missing = drive_missing + fit_missing + price_missing

    if not ev.measurements:
        missing.insert(0, Missing(topic="sound", what="a frequency-response measurement",
                                  would_settle="a measurement from any reviewer rig would settle how it "
                                               "sounds against the Harman target"))
    elif agreement == "single":
        missing.append(Missing(topic="sound", what="a second measurement",
                               would_settle="a measurement on another rig would confirm the tonality"))
    elif agreement == "disagree":
        missing.append(Missing(topic="sound", what="agreement between rigs",
                               would_settle="a measurement on a Harman-style rig (GRAS 45CA/43AG or B&K "
                                            "5128) would settle which rig is right"))
    if ev.measurements:
        caveats.append("Preference scores follow the Harman/Olive models: they hold for Harman-style rigs "
                       "and targets, ignore distortion, ringing and fit, and differences above ~90 mean "
                       "little.")
        if any(m.form in ("earbud",) for m in ev.measurements):
            caveats.append("Earbuds do not seal: the in-ear model scores them against a sealed target, so "
                           "their bass deficit is over-penalized and the score is only indicative.")

    amp_verdict = ev.amp.verdict if ev.amp else None
    use_phrase = USE_PHRASE.get(ev.use or "", "general listening")
    implausible = plaus
    known_core = sum(getattr(ev.spec, f) is not None for f in
                     ("form_factor", "back", "impedance_ohm", "wireless", "driver_type"))
    has_drive = ev.amp is not None

    tier = score_tier(median_score) if median_score is not None else None
    listing_only = bool(implausible) and not knock and bool(ev.measurements)
    if implausible and not listing_only:
        # Implausible specs on an unmeasured product, or a knock-off pattern: nothing vouches for it.
        rating: Rating = "avoid"
        call = "avoid: implausible specs, likely knock-off" if knock else "avoid: implausible specs"
    elif poor_fit:
        rating = "poor-fit"
        reason = next(c.text for c in fit if c.stance == "con").rstrip(".").split(", wrong for")[0]
        call = f"poor fit for {use_phrase}: {reason[0].lower()}{reason[1:]}"
    elif median_score is None and known_core < 2 and not has_drive:
        rating, call = "not-enough-evidence", "not enough evidence"
    elif median_score is None:
        if amp_verdict == "needs-amp":
            rating, call = "needs-amp", "fine on paper, but needs an amp; sound unmeasured"
        else:
            rating, call = "on-paper", f"plausible on paper for {use_phrase}; sound unmeasured"
    elif amp_verdict == "needs-amp":
        rating = "needs-amp"
        call = ("fine, but needs an amp" if tier in ("excellent", "good")
                else f"{tier} measured response, and it needs an amp")
    elif tier == "excellent" and agreement != "disagree":
        rating, call = "strong-buy", f"strong buy for {use_phrase}"
    elif tier in ("excellent", "good"):
        rating, call = "buy", f"good buy for {use_phrase}"
    elif tier == "average":
        rating, call = "decent", f"decent for {use_phrase}, but not outstanding"
    else:
        rating, call = "weak", f"weak: {tier} measured response for {use_phrase}"
    if listing_only:
        # A measured product is real hardware: the implausible figures are the listing's, not the headphone's.
        call += "; check the listing: its specs are implausible"
    if ev.price is not None and rating in ("buy", "strong-buy"):
        if any(c.topic == "price" and c.text.endswith("poor value.") for c in claims):
            call += ", though poor value"

    # Confidence: how much of the evidence a call like this needs is present and consistent.
    if rating == "avoid":
        conf = min(0.9, 0.5 + 0.15 * len(implausible))
    elif rating == "not-enough-evidence":
        conf = 0.2
    else:
        conf = 0.15 + 0.04 * known_core
        if agreement == "single":
            conf += 0.35
        elif agreement == "agree":
            conf += 0.5
        elif agreement == "partly":
            conf += 0.35
        elif agreement == "disagree":
            conf += 0.15
        if ev.measurements and all(m.form == "earbud" for m in ev.measurements):
            conf -= 0.1
        if has_drive and not (ev.amp and ev.amp.assumed):
            conf += 0.05
        if ev.price is not None and ev.price.n_comparable >= 3:
            conf += 0.05
        if rating == "poor-fit":
            conf = max(conf, 0.6)
    if listing_only:
        conf -= 0.1
    conf = round(min(max(conf, 0.05), 0.95), 2)
    word: Literal["low", "moderate", "high"] = "low" if conf < 0.4 else "moderate" if conf < 0.7 else "high"

    summary = _summary(ev, call, summaries, agreement, median_score)
    return Verdict(subject=ev.subject, call=call, rating=rating, confidence=conf, confidence_word=word,
                   use=ev.use, source=ev.amp.source_name if ev.amp else None, summary=summary,
                   claims=claims, missing=missing, measurements=summaries, agreement=agreement,
                   price=ev.price, caveats=caveats)


def _consensus_words(summaries: Sequence[MeasurementSummary]) -> list[str]:
    """Tonality words every measurement supports (same band, same direction, at least 2 dB)."""
    words = []
    for b in BANDS:
        vals = [s.bands_db[b] for s in summaries if b in s.bands_db]
        if not vals or len(vals) != len(summaries):
            continue
        if all(v >= NOTABLE_DB for v in vals) or all(v <= -NOTABLE_DB for v in vals):
            weakest = min(vals, key=abs)
            phrase = tone_phrase(b, weakest)
            if phrase:
                words.append(phrase)
    return words


def _summary(ev: Evidence, call: str, summaries: Sequence[MeasurementSummary], agreement: str | None,
             median_score: float | None) -> str:
    parts = [f"{ev.subject}: {call}."]
    if median_score is not None:
        n = len(summaries)
        rigs = ", ".join(sorted({s.source or "unnamed rig" for s in summaries}))
        parts.append(f"{'Median' if n > 1 else 'Predicted'} preference {median_score:.0f}/100 from {n} "
                     f"measurement{'s' if n > 1 else ''} ({rigs}).")
        words = _consensus_words(summaries)
        if words:
            parts.append(("All measurements show " if n > 1 else "It measures ") + ", ".join(words) + ".")
        elif agreement in ("single", "agree"):
            parts.append("No band strays more than 2 dB from target." if all(
                abs(v) < NOTABLE_DB for s in summaries for v in s.bands_db.values())
                else "The measurements differ on its tonality." if n > 1 else "")
        else:
            parts.append("The measurements differ on its tonality.")
    if ev.amp is not None and ev.amp.verdict == "needs-amp":
        name = ev.amp.source_name
        parts.append(f"{name[0].upper()}{name[1:]} is not enough to drive it.")
    return " ".join(p for p in parts if p)


def verdict(model_or_spec: str | int | Spec, source: str | None = None, use: str | None = None, *,
            catalog: Catalog | None = None, target_spl_db: float = 110.0) -> Verdict:
    """Is it good? An overall call with confidence, every claim with its evidence.

    `model_or_spec` is a catalog model (name or id) or a `Spec` (e.g. from `parse_spec`);
    `source` is the listener's device (a name or figures like "1 Vrms, 0.3 ohm"; a typical phone
    is assumed, and said so, when omitted); `use` is one of `USES`. A model name needs a catalog
    (`catalog`, else the default catalog path).
    """
    if use is not None and use not in USES:
        raise HeadspecError(f"unknown use {use!r}", input=use, field="use", hint=f"one of: {', '.join(USES)}")
    from headspec._verdict_gather import gather_model, gather_spec

    if isinstance(model_or_spec, Spec):
        return assemble(gather_spec(model_or_spec, source=source, use=use, catalog=catalog,
                                    target_spl_db=target_spl_db))
    own = catalog is None
    if own:
        from headspec.catalog import Catalog, default_path

        path = default_path()
        if not path.exists():
            raise NotFoundError(f"no catalog at {path}", input=str(path), field="db",
                                hint="build one with `headspec ingest`, or pass catalog=Catalog(path)")
        catalog = Catalog(path, read_only=True)
    try:
        detail = catalog.model(model_or_spec)
        return assemble(gather_model(detail, catalog, source=source, use=use, target_spl_db=target_spl_db))
    finally:
        if own:
            catalog.close()
