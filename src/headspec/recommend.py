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
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, Field, field_validator, model_validator

from headspec._verdict_claims import fit_rules
from headspec._verdict_words import USE_PHRASE, USES
from headspec.errors import HeadspecError, NotFoundError
from headspec.spec import FORM_FACTORS, Spec

if TYPE_CHECKING:
    from headspec.fr.curve import FrequencyResponse

Preference = Literal["as-target", "more-bass", "less-bass"]
# Harman listener classes (Olive & Welti): most prefer the target, 15 % about 4–6 dB more bass,
# 21 % about 2 dB less. The shelf is added on top of each form's own target (105 Hz, Q 0.7).
PREFERENCE_SHELF_DB: dict[str, float] = {"as-target": 0.0, "more-bass": 5.0, "less-bass": -2.0}
HARD_CONSTRAINTS = ("wireless", "form", "budget", "anc", "isolation", "source")
SEALED_FORMS = ("over-ear", "on-ear", "in-ear")

FIT_PRO_POINTS = 3.0
FIT_CON_POINTS = -6.0
FIT_SEVERE_POINTS = -20.0


class RecommendInputError(HeadspecError):
    """A needs profile that cannot be used (unknown use, bad budget, unknown form)."""


_BUDGET = re.compile(r"^\s*(?P<cur>[A-Za-z]{3}|[$€£₹₽])?\s*(?P<amt>\d[\d\s,]*(?:\.\d+)?)\s*"
                     r"(?P<cur2>[A-Za-z]{3}|[$€£₹₽])?\s*$")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB"}


def parse_budget(text: str) -> tuple[float, str]:
    """'300 USD', 'USD 300', '$300', '25 000 RUB' -> (amount, ISO currency)."""
    m = _BUDGET.match(text or "")
    cur = m and (m.group("cur") or m.group("cur2"))
    if not m or not cur:
        raise RecommendInputError(f"cannot read budget {text!r}", input=text, field="budget",
                                  hint='give an amount and a currency, e.g. "300 USD" or "$300"')
    amount = float(re.sub(r"[\s,]", "", m.group("amt")))
    if amount <= 0:
        raise RecommendInputError(f"budget must be positive, got {text!r}", input=text, field="budget",
                                  hint='e.g. "300 USD"')
    return amount, _SYMBOLS.get(cur, cur.upper())


class NeedsProfile(BaseModel):
    """What a person needs. Hard constraints filter; uses and preference rank.

    Hard: `wireless` (True wireless only, False wired only, None either), `forms` (accepted form
    factors; empty = any), `budget` + `currency`, `anc` (active noise cancelling required),
    `isolation` (a sealed design: closed back, or an in-ear), `source` (the device it must be loud
    enough on; a known name such as "typical phone" or figures such as "1 Vrms, 0.3 ohm").
    Soft: `uses` and `preference` (Harman listener class).
    """

    source: str | None = None
    uses: list[str] = Field(default_factory=list)
    isolation: bool = False
    anc: bool = False
    wireless: bool | None = None
    forms: list[str] = Field(default_factory=list)
    budget: float | None = Field(default=None, gt=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    preference: Preference = "as-target"
    target_spl_db: float = 110.0

    @model_validator(mode="before")
    @classmethod
    def _budget_text(cls, data: Any) -> Any:
        """Accept `budget="300 USD"` (or "$300") as well as budget=300, currency="USD"."""
        if isinstance(data, dict) and isinstance(data.get("budget"), str):
            text = data["budget"].strip()
            data = dict(data)
            if not text:
                data["budget"] = None
            elif re.fullmatch(r"\d+(\.\d+)?", text):
                data["budget"] = float(text)
            else:
                try:
                    amount, currency = parse_budget(text)
                except RecommendInputError as exc:
                    raise ValueError(f"{exc.message}; {exc.hint}") from None
                if data.get("currency") and str(data["currency"]).upper() != currency:
                    raise ValueError(f"budget {text!r} is in {currency}, "
                                     f"but currency says {data['currency']}")
                data["budget"], data["currency"] = amount, currency
        if isinstance(data, dict) and isinstance(data.get("currency"), str):
            data = {**data, "currency": data["currency"].strip().upper() or None}
        return data

    @field_validator("uses")
    @classmethod
    def _known_uses(cls, uses: list[str]) -> list[str]:
        for u in uses:
            if u not in USES:
                raise ValueError(f"unknown use {u!r}; choose from {', '.join(USES)}")
        return list(dict.fromkeys(uses))

    @field_validator("forms")
    @classmethod
    def _known_forms(cls, forms: list[str]) -> list[str]:
        for f in forms:
            if f not in FORM_FACTORS:
                raise ValueError(f"unknown form factor {f!r}; choose from {', '.join(FORM_FACTORS)}")
        return list(dict.fromkeys(forms))

    @model_validator(mode="after")
    def _budget_has_currency(self) -> NeedsProfile:
        if self.budget is not None and self.currency is None:
            raise ValueError("a budget needs a currency, e.g. budget=300, currency='USD'")
        return self

    def active_constraints(self) -> list[str]:
        """The hard constraints this profile sets, in `HARD_CONSTRAINTS` order."""
        on = {"wireless": self.wireless is not None, "form": bool(self.forms),
              "budget": self.budget is not None, "anc": self.anc, "isolation": self.isolation,
              "source": self.source is not None}
        return [c for c in HARD_CONSTRAINTS if on[c]]

    def describe(self, constraint: str) -> str:
        """The constraint in words, e.g. 'budget ≤ 300 USD'."""
        if constraint == "wireless":
            return "wireless only" if self.wireless else "wired only"
        if constraint == "form":
            return "form: " + " or ".join(self.forms)
        if constraint == "budget":
            return f"budget ≤ {self.budget:g} {self.currency}" if self.budget else "any budget"
        return {"anc": "active noise cancelling", "isolation": "isolation (closed back or in-ear)",
                "source": f"loud enough on {self.source}"}[constraint]

    def without(self, constraint: str) -> NeedsProfile:
        """The same profile with one hard constraint dropped."""
        update: dict[str, Any] = {"wireless": {"wireless": None}, "form": {"forms": []},
                                  "budget": {"budget": None, "currency": None}, "anc": {"anc": False},
                                  "isolation": {"isolation": False}, "source": {"source": None}}[constraint]
        return self.model_copy(update=update)


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


# --- candidates ----------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A catalog model as the recommender sees it: merged specs, one price, measured curves."""

    name: str
    spec: Spec
    model_id: int | None = None
    brand: str | None = None
    prices: dict[str, float] = field(default_factory=dict)  # currency -> lowest price
    curves: list[FrequencyResponse] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


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
    from headspec.fr.grid import autoeq_grid
    from headspec.fr.targets import low_shelf_db
    from headspec.fr.tonality import band_offsets

    grid = autoeq_grid()
    offsets = band_offsets(grid, low_shelf_db(grid, PREFERENCE_SHELF_DB[preference]))
    names = ("sub-bass", "bass", "low mids", "mids", "presence", "treble", "air")
    return {n: round(float(v), 1) for n, v in zip(names, offsets, strict=True)}


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
    raise RecommendInputError(f"unknown constraint {constraint!r}", input=constraint)


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
    if top < 1:
        raise RecommendInputError(f"top must be at least 1, got {top}", input=top, field="top", hint="e.g. 5")
    scored = score_candidates(cands, [profile.preference])[profile.preference]
    if profile.source is not None:
        from headspec.sources import parse_source

        _drive(profile, scored, parse_source(profile.source))
    return rank(profile, scored, top)


# --- the catalog side -----------------------------------------------------------------------------------

_EXCLUDED_FLAGS = ("knockoff", "knock-off", "compatible")


@dataclass
class _Row:
    """One stored measurement with its model (read in bulk for vectorized work)."""

    id: int
    model_id: int
    name: str
    source: str | None
    form: str | None
    curve: Any


def _measurement_rows(catalog: Any) -> list[_Row]:
    from headspec.catalog._fr import decode_curve
    from headspec.fr.curve import FrequencyResponse

    rows = []
    for mid, model_id, name, source, form, path, fb, yb in catalog.store.query(
            "SELECT id, model_id, name, source, form, path, frequency_hz, spl_db FROM measurements "
            "ORDER BY id"):
        f, y = decode_curve(fb, yb)
        rows.append(_Row(mid, model_id, name, source, form,
                         FrequencyResponse(f, y, name=name, source=source, form=form, path=path)))
    return rows


_ROWS_CACHE: dict[tuple[str, tuple[Any, ...]], tuple[list[_Row], np.ndarray]] = {}


def _curves(catalog: Any) -> tuple[list[_Row], np.ndarray]:
    """The catalog's measurements (deduplicated) and their curves on the AutoEq grid, stacked.

    Cached per catalog file and ingest history, so repeated calls (the web app) read and
    interpolate the curves once; any new ingest changes the key.
    """
    from headspec.fr.similarity import on_grid

    sig = tuple(catalog.store.query("SELECT count(*), max(id) FROM ingests")[0]) + tuple(
        catalog.store.query("SELECT count(*), max(id) FROM measurements")[0])
    key = (str(getattr(catalog, "path", id(catalog))), sig)
    hit = _ROWS_CACHE.get(key)
    if hit is None:
        rows = _dedupe(_measurement_rows(catalog))
        stack = on_grid([r.curve for r in rows]) if rows else np.empty((0, 0))
        if len(_ROWS_CACHE) >= 4:
            _ROWS_CACHE.pop(next(iter(_ROWS_CACHE)))
        hit = _ROWS_CACHE[key] = (rows, stack)
    return hit


def _prices(catalog: Any) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for model_id, currency, price in catalog.store.query(
            "SELECT model_id, currency, price_min FROM model_prices"):
        out.setdefault(model_id, {})[currency] = float(price)
    return out


def load_candidates(catalog: Any) -> tuple[list[Candidate], int]:
    """Every catalog model as a `Candidate` (knock-offs and compatibles left out, counted)."""
    prices = _prices(catalog)
    curves: dict[int, list[Any]] = {}
    for r in _curves(catalog)[0]:
        curves.setdefault(r.model_id, []).append(r.curve)
    cands = []
    excluded = 0
    rows = catalog.store.query(
            "SELECT id, name, brand, flags, form, back, wireless, anc, driver_type, impedance_ohm, "
            "sensitivity_db_per_mw, sensitivity_db_per_v FROM models ORDER BY id")
    for (model_id, name, brand, flags, form, back, wireless, anc, driver, z, s_mw, s_v) in rows:
        if any(f in (flags or "") for f in _EXCLUDED_FLAGS):
            excluded += 1
            continue
        values = {"form_factor": form, "back": back, "driver_type": driver, "impedance_ohm": z,
                  "sensitivity_db_per_mw": s_mw, "sensitivity_db_per_v": s_v,
                  "wireless": None if wireless is None else bool(wireless),
                  "anc": None if anc is None else bool(anc)}
        try:
            spec = Spec.model_validate(values)
        except ValueError:
            spec = Spec()
        label = name if not brand or name.lower().startswith(brand.lower()) else f"{brand} {name}"
        cands.append(Candidate(name=label, spec=spec, model_id=model_id, brand=brand,
                               prices=prices.get(model_id, {}), curves=curves.get(model_id, [])))
    return cands, excluded


def _dedupe(rows: list[_Row]) -> list[_Row]:
    """Drop a measurement that repeats an earlier one of the same model and reviewer (same curve)."""
    from headspec.fr.similarity import distances, on_grid

    kept: list[_Row] = []
    by_model: dict[tuple[int, str], list[_Row]] = {}
    for r in rows:
        key = (r.model_id, (r.source or "").casefold())
        earlier = by_model.setdefault(key, [])
        if earlier:
            d = distances(on_grid([r.curve])[0], on_grid([e.curve for e in earlier]))
            if float(d.min()) < 0.05:
                continue
        earlier.append(r)
        kept.append(r)
    return kept


def recommend(profile: NeedsProfile, catalog: Any, top: int = 5) -> Recommendation:
    """Ranked catalog models that satisfy every hard constraint of `profile` (see module docs)."""
    cands, excluded = load_candidates(catalog)
    rec = recommend_candidates(profile, cands, top)
    if excluded:
        rec.notes.append(f"{excluded} models flagged as knock-offs or compatibles were not considered.")
    return rec


# --- similar -----------------------------------------------------------------------------------------------


class SimilarItem(BaseModel):
    """A measurement close to the reference: its distance and how it differs, band by band."""

    rank: int
    model_id: int
    name: str
    brand: str | None = None
    measurement_id: int
    source: str | None = None
    form: str | None = None
    distance_db: float = Field(description="RMS difference over 20 Hz–10 kHz, level removed (dB)")
    same_model: bool = Field(description="another rig's or reviewer's measurement of the same model")
    band_deltas_db: dict[str, float] = Field(default_factory=dict, description="this minus the reference")
    differences: str
    price: float | None = None
    currency: str | None = None


class SimilarResult(BaseModel):
    """Models that sound closest to a reference measurement."""

    model_id: int
    name: str
    measurement_id: int
    source: str | None = None
    form: str | None = None
    price: float | None = None
    currency: str | None = None
    family: str
    compared: int = Field(description="measurements of the same family compared")
    items: list[SimilarItem]
    notes: list[str] = Field(default_factory=list)


def _family(form: str | None) -> str:
    return "in-ear and earbud" if form in ("in-ear", "earbud") else "over-ear and on-ear"


def difference_words(deltas: dict[str, float], other_rig: str | None = None) -> str:
    """'+3.1 dB bass, −2.4 dB treble' (bands differing by 2 dB or more), plus a rig caveat."""
    parts = [f"{v:+.1f} dB {k}" for k, v in deltas.items() if abs(v) >= 2.0]
    text = ", ".join(parts) if parts else "within 2 dB in every band"
    if other_rig:
        text += f"; other rig ({other_rig})"
    return text


def similar(model: str | int, catalog: Any, cheaper: bool = False, top: int = 5,
            currency: str | None = None) -> SimilarResult:
    """Models whose measured response is closest to `model`'s (same form family), nearest first.

    The model's other measurements (other reviewers, rigs, modes) come first. `cheaper` keeps only
    models whose lowest price is below the reference's, in `currency` (default: USD if the reference
    has a USD price, else its only currency).
    """
    from headspec.fr.grid import autoeq_grid
    from headspec.fr.similarity import distances
    from headspec.fr.tonality import BANDS_HZ, band_offsets

    if top < 1:
        raise RecommendInputError(f"top must be at least 1, got {top}", input=top, field="top", hint="e.g. 5")
    detail = catalog.model(model)
    if not detail.measurements:
        raise NotFoundError(f"{detail.name!r} has no measurement to compare", input=str(model), field="model",
                            hint="similar needs a measured model: headspec search --measured")
    rows, grid_stack = _curves(catalog)
    mine = [r for r in rows if r.model_id == detail.id]
    ref = next((r for r in mine if r.id == detail.measurements[0].id), mine[0])
    family = _family(ref.form)
    pool_idx = [i for i, r in enumerate(rows) if _family(r.form) == family and r.id != ref.id]
    pool = [rows[i] for i in pool_idx]
    prices = _prices(catalog)
    ref_prices = prices.get(detail.id, {})
    only = next(iter(ref_prices)) if len(ref_prices) == 1 else None
    cur = currency or ("USD" if "USD" in ref_prices else only)
    ref_price = ref_prices.get(cur) if cur else None
    if cheaper and ref_price is None:
        in_cur = f" in {cur}" if cur else ""
        raise RecommendInputError(f"{detail.name!r} has no price{in_cur} to be cheaper than",
                                  input=str(model), field="cheaper",
                                  hint="drop --cheaper, or pick a model with a listing price")
    names = {r[0]: (r[1], r[2]) for r in catalog.store.query("SELECT id, name, brand FROM models")}
    result = SimilarResult(model_id=detail.id, name=detail.name, measurement_id=ref.id, source=ref.source,
                           form=ref.form, price=ref_price, currency=cur if ref_price is not None else None,
                           family=family, compared=len(pool), items=[])
    if not pool:
        result.notes.append(f"no other {family} measurement in the catalog")
        return result
    grid = autoeq_grid()
    ref_row = grid_stack[rows.index(ref)]
    stack = grid_stack[pool_idx]
    dist = distances(ref_row, stack)
    band_names = [b for b, _, _ in BANDS_HZ]
    deltas = band_offsets(grid, stack - ref_row)
    same = sorted((i for i, r in enumerate(pool) if r.model_id == detail.id), key=lambda i: dist[i])
    best: dict[int, int] = {}
    for i in np.argsort(dist, kind="stable"):
        r = pool[int(i)]
        if r.model_id == detail.id or r.model_id in best:
            continue
        price = prices.get(r.model_id, {}).get(cur or "")
        if cheaper and (price is None or ref_price is None or price >= ref_price):
            continue
        best[r.model_id] = int(i)
    order = ([] if cheaper else same) + list(best.values())
    for rank_, i in enumerate(order[:top], 1):
        r = pool[i]
        name, brand = names.get(r.model_id, (r.name, None))
        d = {b: round(float(v), 1) for b, v in zip(band_names, deltas[i], strict=True)}
        other_rig = r.source if (r.source or "").casefold() != (ref.source or "").casefold() else None
        price = prices.get(r.model_id, {}).get(cur or "")
        result.items.append(SimilarItem(
            rank=rank_, model_id=r.model_id, name=name, brand=brand, measurement_id=r.id, source=r.source,
            form=r.form, distance_db=round(float(dist[i]), 2), same_model=r.model_id == detail.id,
            band_deltas_db=d, differences=difference_words(d, other_rig), price=price,
            currency=cur if price is not None else None))
    if any((i.source or "").casefold() != (ref.source or "").casefold() for i in result.items):
        result.notes.append("Curves from different rigs differ partly because of the rig, not the headphone.")
    if same and not cheaper:
        result.notes.append("The model's own other measurements come first: they show how much rigs and "
                            "units differ, a yardstick for the distances below them.")
    return result
