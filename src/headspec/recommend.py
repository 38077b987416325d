"""Recommendations for a person's needs, and "what sounds like X".

`recommend(profile, catalog)` keeps only the models that satisfy every hard
constraint of a `NeedsProfile` (wired/wireless, form factors, budget, ANC,
isolation, a source that can drive it) and ranks them by measured preference
against the target of the person's Harman listener class, adjusted for how the
model suits their uses. When nothing fits, it re-runs with each constraint
relaxed and reports what that would bring.

`similar(model, catalog)` ranks catalog measurements by distance to the model's
measured response (`headspec.fr.similarity`, computed in one vectorized pass), the
other rigs' measurements of the same model first, and says how each differs.

The parts live beside it: `_recommend_needs` (the `NeedsProfile` and budgets),
`_recommend_pool` (the catalog's models and curves, cached per ingest state) and
`_recommend_similar` (`similar`).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from headspec._recommend_needs import (
    HARD_CONSTRAINTS,
    PREFERENCE_SHELF_DB,
    NeedsProfile,
    Preference,
    RecommendInputError,
    parse_budget,
)
from headspec._recommend_pool import Candidate, candidate_pool, load_candidates
from headspec._recommend_similar import SimilarItem, SimilarResult, difference_words, similar
from headspec._verdict_claims import fit_rules
from headspec._verdict_words import USE_PHRASE, USES
from headspec.errors import HeadspecError
from headspec.spec import Spec

__all__ = [
    "FIT_CON_POINTS", "FIT_PRO_POINTS", "FIT_SEVERE_POINTS", "HARD_CONSTRAINTS", "PREFERENCE_SHELF_DB",
    "SEALED_FORMS", "USES", "Candidate", "ConstraintReport", "NeedsProfile", "Pick", "Preference",
    "Recommendation", "RecommendInputError", "Relaxation", "SimilarItem", "SimilarResult",
    "difference_words", "load_candidates", "parse_budget", "rank", "recommend", "recommend_candidates",
    "score_candidates", "similar", "wanted_offsets",
]

SEALED_FORMS = ("over-ear", "on-ear", "in-ear")

# Rank-score points (preference-score scale) a use adds or takes for each fit trait; a severe
# drawback (an open back on a commute) outweighs any realistic score difference.
FIT_PRO_POINTS = 3.0
FIT_CON_POINTS = -6.0
FIT_SEVERE_POINTS = -20.0


# --- results -----------------------------------------------------------------------------------------


class Pick(BaseModel):
    """One recommended model, why it ranks where it does, and its main trade-off."""

    rank: int
    model_id: int | None = None
    name: str
    brand: str | None = None
    form: str | None = None
    back: str | None = None
    wireless: bool | None = None
    anc: bool | None = None
    price: float | None = None
    currency: str | None = None
    rank_score: float | None = Field(None, description="preference for this listener class + use fit")
    preference_score: float | None = Field(None, description="median score against the listener-class target")
    as_target_score: float | None = Field(None, description="median score against the plain Harman target")
    bass_db: float | None = Field(None, description="measured bass (60–250 Hz) vs the plain target, median")
    measured_by: list[str] = Field(default_factory=list)
    drive: str | None = Field(None, description="amp-check verdict on the profile's source")
    why: list[str] = Field(default_factory=list)
    trade_off: str = ""


class ConstraintReport(BaseModel):
    """How many candidates one hard constraint excluded, and how many of those only for lack of data."""

    constraint: str
    description: str
    excluded: int
    unknown: int = Field(description="excluded because the catalog does not know the value")


class Relaxation(BaseModel):
    """What dropping one hard constraint would bring."""

    constraint: str
    description: str
    would_fit: int
    best: str | None = None
    best_score: float | None = None


class Recommendation(BaseModel):
    """Ranked picks for a profile, with the constraint bookkeeping behind them."""

    profile: NeedsProfile
    considered: int
    eligible: int
    picks: list[Pick]
    constraints: list[ConstraintReport] = Field(default_factory=list)
    relaxations: list[Relaxation] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


@dataclass
class _Scored:
    cand: Candidate
    pref: float | None = None
    plain: float | None = None
    bass: float | None = None
    offsets: dict[str, float] = field(default_factory=dict)
    drive: dict[str, str] = field(default_factory=dict)  # source -> amp verdict (or "unknown: why")


def wanted_offsets(preference: str) -> dict[str, float]:
    """Band offsets (dB vs the plain target) a listener class prefers: the extra shelf, band by band."""
    return dict(_wanted_offsets(preference))


@lru_cache(maxsize=8)
def _wanted_offsets(preference: str) -> tuple[tuple[str, float], ...]:
    from headspec.fr.grid import autoeq_grid
    from headspec.fr.targets import low_shelf_db
    from headspec.fr.tonality import band_offsets

    grid = autoeq_grid()
    offsets = band_offsets(grid, low_shelf_db(grid, PREFERENCE_SHELF_DB[preference]))
    names = ("sub-bass", "bass", "low mids", "mids", "presence", "treble", "air")
    return tuple((n, round(float(v), 1)) for n, v in zip(names, offsets, strict=True))


def _shelf_target(form: str, preference: str) -> Any:
    from headspec.fr.targets import for_form, get_target

    base = for_form(form)
    offset = PREFERENCE_SHELF_DB[preference]
    return base if offset == 0 else get_target(base.key, bass_shelf_db=base.bass_shelf_db + offset)


def score_candidates(cands: Sequence[Candidate], preferences: Sequence[str]) -> dict[str, list[_Scored]]:
    """Score every curve of every candidate once per listener class (vectorized per form and class)."""
    from headspec.fr.grid import autoeq_grid, interpolate, normalize
    from headspec.fr.preference import score_many
    from headspec.fr.tonality import band_offsets

    rows = [(i, c) for i, cand in enumerate(cands) for c in cand.curves]
    out: dict[str, list[_Scored]] = {p: [_Scored(c) for c in cands] for p in preferences}
    if not rows:
        return out
    by_form: dict[str, list[tuple[int, Any]]] = {}
    for i, c in rows:
        by_form.setdefault(_form_of(c, cands[i]), []).append((i, c))
    grid = autoeq_grid()
    acc: dict[str, list[list[tuple[float, float, np.ndarray]]]] = {
        p: [[] for _ in cands] for p in preferences}
    for form, items in by_form.items():
        curves = [c for _, c in items]
        plain_t = _shelf_target(form, "as-target")
        plain = score_many(curves, form, target=plain_t)
        ys = np.vstack([interpolate(c.frequency_hz, c.spl_db, grid) for c in curves])
        err = normalize(grid, ys, 1000.0) - plain_t.on_grid()
        offs = band_offsets(grid, err)
        per: dict[str, list[Any]] = {p: score_many(curves, form, target=_shelf_target(form, p))
                                     for p in preferences}
        for p in preferences:
            for j, (i, _) in enumerate(items):
                acc[p][i].append((per[p][j].score, plain[j].score, offs[j]))
    names = ("sub-bass", "bass", "low mids", "mids", "presence", "treble", "air")
    for p in preferences:
        for i, vals in enumerate(acc[p]):
            if not vals:
                continue
            s = out[p][i]
            s.pref = float(statistics.median(v[0] for v in vals))
            s.plain = float(statistics.median(v[1] for v in vals))
            med = np.median(np.vstack([v[2] for v in vals]), axis=0)
            s.offsets = {n: round(float(x), 1) for n, x in zip(names, med, strict=True)}
            s.bass = s.offsets["bass"]
    return out


def _form_of(curve: Any, cand: Candidate) -> str:
    form = curve.form or cand.spec.form_factor or "over-ear"
    return "over-ear" if form == "bone-conduction" else form


# --- hard constraints ------------------------------------------------------------------------------------


def _check(profile: NeedsProfile, constraint: str, s: _Scored) -> bool | None:
    """True (satisfied), False (violated) or None (unknown: the catalog lacks the value)."""
    spec = s.cand.spec
    if constraint == "wireless":
        return None if spec.wireless is None else spec.wireless == profile.wireless
    if constraint == "form":
        form = spec.form_factor or _measured_form(s.cand)
        return None if form is None else form in profile.forms
    if constraint == "budget":
        price = s.cand.prices.get(profile.currency or "")
        return None if price is None else price <= (profile.budget or 0)
    if constraint == "anc":
        return spec.anc
    if constraint == "isolation":
        form = spec.form_factor or _measured_form(s.cand)
        if form in ("earbud", "bone-conduction"):
            return False
        if form == "in-ear":
            return True
        if spec.back is None or form is None:
            return None
        return spec.back == "closed" and form in SEALED_FORMS
    if constraint == "source":
        verdict = s.drive.get(profile.source or "")
        if verdict is None or verdict.startswith("unknown"):
            return None
        return verdict != "needs-amp"
    raise RecommendInputError(f"unknown constraint {constraint!r}", input=constraint, field="constraint",
                              hint=f"one of: {', '.join(HARD_CONSTRAINTS)}")


def _measured_form(cand: Candidate) -> str | None:
    forms = {c.form for c in cand.curves if c.form}
    return forms.pop() if len(forms) == 1 else None


def _drive(profile: NeedsProfile, scored: Sequence[_Scored], source_obj: Any) -> None:
    """Run the amp check for every candidate on the profile's source (once per candidate)."""
    from headspec.amp import amp_check

    if profile.source is None:
        return
    for s in scored:
        if profile.source in s.drive:
            continue
        try:
            r = amp_check(s.cand.spec, source_obj, profile.target_spl_db)
            s.drive[profile.source] = r.verdict
        except HeadspecError as exc:
            s.drive[profile.source] = f"unknown: {exc.message}"


# --- ranking -------------------------------------------------------------------------------------------


def _fit_points(spec: Spec, uses: Sequence[str]) -> tuple[float, list[str], list[str]]:
    points, pros, cons = 0.0, [], []
    for use in uses:
        for stance, text, _, severe in fit_rules(spec, use):
            if stance == "pro":
                points += FIT_PRO_POINTS
                pros.append(text)
            elif stance == "con":
                points += FIT_SEVERE_POINTS if severe else FIT_CON_POINTS
                cons.append(text)
    return points, pros, cons


def _rank_key(p: Pick) -> tuple[int, float, float, str]:
    measured = 0 if p.preference_score is not None else 1
    return (measured, -(p.rank_score or 0.0), p.price if p.price is not None else float("inf"), p.name)


def _pick(profile: NeedsProfile, s: _Scored) -> Pick:
    spec = s.cand.spec
    form = spec.form_factor or _measured_form(s.cand)
    fit, pros, cons = _fit_points(spec.model_copy(update={"form_factor": form}), profile.uses)
    price = s.cand.prices.get(profile.currency) if profile.currency else None
    if price is None and profile.currency is None and len(s.cand.prices) == 1:
        currency, price = next(iter(s.cand.prices.items()))
    else:
        currency = profile.currency if price is not None else None
    why: list[str] = []
    trade: list[tuple[float, str]] = []
    rank_score = None
    rigs = sorted({c.source or "unnamed rig" for c in s.cand.curves})
    if s.pref is not None:
        rank_score = round(s.pref + fit, 1)
        cls = {"as-target": "the Harman target", "more-bass": "the Harman target +5 dB bass",
               "less-bass": "the Harman target −2 dB bass"}[profile.preference]
        n = len(s.cand.curves)
        why.append(f"predicted preference {s.pref:.0f}/100 against {cls} "
                   f"({n} measurement{'s' if n > 1 else ''}: {', '.join(rigs)})")
        wanted = wanted_offsets(profile.preference)
        band, db = max(s.offsets.items(), key=lambda kv: abs(kv[1] - wanted.get(kv[0], 0.0)))
        want = wanted.get(band, 0.0)
        if abs(db - want) >= 2.0:
            wants = f" (your listener class wants about {want:+.1f} dB)" if abs(want) >= 0.5 else ""
            trade.append((abs(db - want), f"{band} {db:+.1f} dB vs the plain target{wants}"))
    else:
        why.append("unmeasured: ranked after every measured model, by fit to your uses")
        trade.append((100.0, "no measurement: how it sounds is unverified"))
    why += [f"{t} (+{FIT_PRO_POINTS:g})" for t in pros]
    for t in cons:
        trade.append((10.0, t))
    verdict = s.drive.get(profile.source or "")
    if verdict == "marginal":
        trade.append((8.0, f"{profile.source} drives it only marginally (within 6 dB of "
                           f"{profile.target_spl_db:.0f} dB peaks)"))
    elif verdict in ("enough", "drives-itself"):
        why.append(f"{profile.source}: {'drives itself' if verdict == 'drives-itself' else 'loud enough'}")
    if price is not None and profile.budget is not None:
        why.append(f"{price:g} {currency}, within the {profile.budget:g} {profile.currency} budget")
    trade.sort(key=lambda t: -t[0])
    return Pick(rank=0, model_id=s.cand.model_id, name=s.cand.name, brand=s.cand.brand, form=form,
                back=spec.back, wireless=spec.wireless, anc=spec.anc, price=price, currency=currency,
                rank_score=rank_score, preference_score=None if s.pref is None else round(s.pref, 1),
                as_target_score=None if s.plain is None else round(s.plain, 1),
                bass_db=s.bass, measured_by=rigs, drive=verdict, why=why,
                trade_off=trade[0][1] if trade else "no notable trade-off in the evidence")


def rank(profile: NeedsProfile, scored: Sequence[_Scored], top: int = 5,
         progress: Callable[[str], None] | None = None) -> Recommendation:
    """Filter by the hard constraints and rank (pure: scoring and amp checks already done)."""
    active = profile.active_constraints()
    reports = []
    eligible = []
    status = [{c: _check(profile, c, s) for c in active} for s in scored]
    for c in active:
        failed = [st[c] for st in status if st[c] is not True]
        reports.append(ConstraintReport(constraint=c, description=profile.describe(c), excluded=len(failed),
                                        unknown=sum(v is None for v in failed)))
    for s, st in zip(scored, status, strict=True):
        if all(v is True for v in st.values()):
            eligible.append(s)
    picks = sorted((_pick(profile, s) for s in eligible), key=_rank_key)
    for i, p in enumerate(picks, 1):
        p.rank = i
    rec = Recommendation(profile=profile, considered=len(scored), eligible=len(eligible), picks=picks[:top],
                         constraints=reports)
    if len(picks) < top:
        for c in active:
            relaxed = profile.without(c)
            ok = [s for s, st in zip(scored, status, strict=True)
                  if all(v is True for k, v in st.items() if k != c)]
            best = sorted((_pick(relaxed, s) for s in ok), key=_rank_key)
            rec.relaxations.append(Relaxation(constraint=c, description=profile.describe(c),
                                              would_fit=len(ok), best=best[0].name if best else None,
                                              best_score=best[0].rank_score if best else None))
        rec.relaxations.sort(key=lambda r: -r.would_fit)
        if not picks:
            useful = [r for r in rec.relaxations if r.would_fit]
            if useful:
                u = useful[0]
                rec.notes.append(f"Nothing in the catalog meets every constraint. Relax "
                                 f"'{u.description}' for {u.would_fit} model(s)"
                                 + (f", best {u.best}" if u.best else "") + ".")
            else:
                rec.notes.append("Nothing fits, and no single relaxed constraint helps: relax two or more.")
    unknown = [r for r in reports if r.unknown]
    if unknown:
        rec.notes.append("Models the catalog lacks data for are left out, never assumed to fit: "
                         + "; ".join(f"{r.unknown} for '{r.description}'" for r in unknown) + ".")
    if any(p.form == "earbud" for p in rec.picks):
        rec.notes.append("Earbuds are scored with the in-ear model against a sealed target; their scores are "
                         "only indicative.")
    if profile.uses:
        uses = ", ".join(USE_PHRASE[u] for u in profile.uses)
        rec.notes.append(f"Use fit ({uses}): +{FIT_PRO_POINTS:g} per suitable trait, "
                         f"{FIT_CON_POINTS:g} per drawback, {FIT_SEVERE_POINTS:g} for a disqualifying one.")
    return rec


def recommend_candidates(profile: NeedsProfile, cands: Sequence[Candidate], top: int = 5) -> Recommendation:
    """Recommend from candidates already gathered (the catalog-free core of `recommend`)."""
    _check_top(top)
    return _recommend_scored(profile, score_candidates(cands, [profile.preference])[profile.preference], top)


def _check_top(top: int) -> None:
    if top < 1:
        raise RecommendInputError(f"top must be at least 1, got {top}", input=top, field="top", hint="e.g. 5")


def _recommend_scored(profile: NeedsProfile, scored: list[_Scored], top: int) -> Recommendation:
    if profile.source is not None:
        from headspec.sources import parse_source

        _drive(profile, scored, parse_source(profile.source))
    return rank(profile, scored, top)


def recommend(profile: NeedsProfile, catalog: Any, top: int = 5) -> Recommendation:
    """Ranked catalog models that satisfy every hard constraint of `profile` (see module docs)."""
    pool = candidate_pool(catalog)
    _check_top(top)
    # scores depend only on the pool and the listener class, so they are kept with the (cached) pool;
    # each call gets fresh copies, as the amp verdicts filled in below depend on the profile
    base = pool.scored.get(profile.preference)
    if base is None:
        base = pool.scored[profile.preference] = score_candidates(pool.candidates,
                                                                  [profile.preference])[profile.preference]
    rec = _recommend_scored(profile, [replace(s, drive={}) for s in base], top)
    excluded = pool.excluded
    if excluded:
        rec.notes.append(f"{excluded} models flagged as knock-offs or compatibles were not considered.")
    return rec
