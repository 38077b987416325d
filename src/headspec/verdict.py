""""Is it good?": one call per headphone, every claim with its evidence.

A verdict is assembled from what headspec knows about a headphone: the explained
specs, the measured preference score and tonality of each measurement (naming the
reviewer/rig), the amp check for the listener's source, plausibility flags, and its
price against comparable models in the catalog. The wording is derived from the
numbers, never the other way round, and `contradictions()` re-checks every verdict
against its own evidence (the tests run it over every measured model).

The pure part (`assemble`) takes plain evidence objects, so it works the same for
a catalog model, a parsed spec sheet, or evidence built by hand.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from headspec.errors import HeadspecError, NotFoundError
from headspec.fr.tonality import BANDS_HZ, NOTICEABLE_DB
from headspec.fr.tonality import STRONG_DB as FR_STRONG_DB
from headspec.spec import Spec

if TYPE_CHECKING:
    from headspec.catalog import Catalog

Stance = Literal["pro", "con", "neutral"]
Topic = Literal["sound", "drive", "plausibility", "price", "fit", "spec"]
Rating = Literal["strong-buy", "buy", "decent", "weak", "needs-amp", "poor-fit", "avoid",
                 "not-enough-evidence", "on-paper"]
Use = Literal["commute", "office", "home", "studio", "gym", "sleep", "gaming", "calls"]
USES: tuple[str, ...] = ("commute", "office", "home", "studio", "gym", "sleep", "gaming", "calls")

USE_PHRASE = {"commute": "commuting", "office": "the office", "home": "home listening",
              "studio": "studio work", "gym": "the gym", "sleep": "sleeping", "gaming": "gaming",
              "calls": "calls"}

# Tonality bands and thresholds are headspec.fr.tonality's, so the verdict and `fr describe` agree.
BANDS: tuple[str, ...] = tuple(name for name, _, _ in BANDS_HZ)
BAND_LABEL = {b: b for b in BANDS}
NOTABLE_DB = NOTICEABLE_DB  # a band deviation smaller than this (2 dB) gets no word
STRONG_DB = FR_STRONG_DB    # from 5 dB on the word is a strong one ("bass-heavy", not "a little more bass")

# (band, direction) -> (slight phrase, strong phrase); every phrase is listed in _PHRASES below
# so that contradictions() can find it in any text.
_TONE_WORDS: dict[tuple[str, int], tuple[str, str]] = {
    ("sub-bass", 1): ("a little extra sub-bass", "sub-bass boosted"),
    ("sub-bass", -1): ("slightly rolled-off sub-bass", "sub-bass rolled off"),
    ("bass", 1): ("a little more bass", "bass-heavy"),
    ("bass", -1): ("slightly lean bass", "bass-light"),
    ("low mids", 1): ("slightly full low mids", "thick low mids"),
    ("low mids", -1): ("slightly thin low mids", "thin low mids"),
    ("mids", 1): ("slightly forward mids", "forward mids"),
    ("mids", -1): ("slightly recessed mids", "recessed mids"),
    ("presence", 1): ("slightly forward presence", "shouty presence"),
    ("presence", -1): ("slightly soft presence", "recessed presence"),
    ("treble", 1): ("slightly bright treble", "bright treble"),
    ("treble", -1): ("slightly dark treble", "dark treble"),
    ("air", 1): ("a touch of extra air", "airy top end"),
    ("air", -1): ("slightly less air", "little air"),
}
_PHRASES: list[tuple[str, str, int, float]] = sorted(
    [(phrase, band, sign, NOTABLE_DB if i == 0 else STRONG_DB)
     for (band, sign), pair in _TONE_WORDS.items() for i, phrase in enumerate(pair)],
    key=lambda p: -len(p[0]))

# Preference-score tiers (Harman/Olive scale; above ~90 differences mean little).
SCORE_TIERS: tuple[tuple[float, str], ...] = ((80.0, "excellent"), (70.0, "good"), (55.0, "average"),
                                              (40.0, "below average"), (float("-inf"), "poor"))
AGREE_SCORE_SPREAD = 10.0  # score points
AGREE_BAND_DB = 3.0        # largest band difference between two measurements that still agrees


def score_tier(score: float) -> str:
    """The word for a preference score: excellent ≥ 80, good ≥ 70, average ≥ 55, below average ≥ 40."""
    for floor, word in SCORE_TIERS:
        if score >= floor:
            return word
    return "poor"  # pragma: no cover - the last floor is -inf


def tone_phrase(band: str, db: float) -> str | None:
    """The words for one band's deviation from target, or None when it is within ±2 dB."""
    if abs(db) < NOTABLE_DB:
        return None
    slight, strong = _TONE_WORDS[(band, 1 if db > 0 else -1)]
    return strong if abs(db) >= STRONG_DB else slight


# --- result objects -------------------------------------------------------------------------------


class EvidenceRef(BaseModel):
    """One piece of evidence behind a claim.

    `kind` says where it comes from; `ref` names it (a spec field, a measurement's
    reviewer/rig, a listing id, a catalog query); `value` is the human-readable value;
    `data` holds the numbers the wording was derived from.
    """

    kind: Literal["spec", "measurement", "amp-check", "plausibility", "listing", "catalog", "explain"]
    ref: str
    value: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class Claim(BaseModel):
    """A statement the verdict makes, for or against, with the evidence it rests on."""

    topic: Topic
    stance: Stance
    text: str
    evidence: list[EvidenceRef]


class Missing(BaseModel):
    """Evidence the verdict lacks, and what would settle the question."""

    topic: Topic
    what: str
    would_settle: str


class MeasurementSummary(BaseModel):
    """One measurement as the verdict read it: score, band deviations from target, words."""

    name: str
    source: str | None = None
    form: str | None = None
    score: float | None = None
    score_model: str | None = None
    target: str | None = None
    tier: str | None = None
    bands_db: dict[str, float] = Field(default_factory=dict, description="dB vs target per band")
    words: list[str] = Field(default_factory=list, description="tonality words derived from bands_db")
    ref: str | None = Field(None, description="measurement id or file it came from")


class PriceContext(BaseModel):
    """The model's price against comparable models (same form factor and wireless class, one currency)."""

    amount: float
    currency: str
    listing_ref: str | None = None
    comparable: str = Field(description="what it is compared with, e.g. 'wired over-ear'")
    n_comparable: int = 0
    median: float | None = None
    percentile: float | None = Field(None, description="share of comparable models that cost less, 0–100")
    measured_comparable_median_score: float | None = None


class Verdict(BaseModel):
    """The overall call with its confidence, the claims behind it and what is missing."""

    subject: str
    call: str = Field(description='e.g. "strong buy for home listening", "fine, but needs an amp"')
    rating: Rating
    confidence: float = Field(ge=0.0, le=1.0)
    confidence_word: Literal["low", "moderate", "high"]
    use: str | None = None
    source: str | None = Field(None, description="the listener's source device the amp check used")
    summary: str
    claims: list[Claim] = Field(default_factory=list)
    missing: list[Missing] = Field(default_factory=list)
    measurements: list[MeasurementSummary] = Field(default_factory=list)
    agreement: Literal["single", "agree", "partly", "disagree"] | None = None
    price: PriceContext | None = None
    caveats: list[str] = Field(default_factory=list)

    def pros(self) -> list[Claim]:
        return [c for c in self.claims if c.stance == "pro"]

    def cons(self) -> list[Claim]:
        return [c for c in self.claims if c.stance == "con"]


# --- evidence inputs (plain, so the core can be tested without a catalog) ----------------------


@dataclass
class MeasuredEvidence:
    """A measurement reduced to what a verdict needs: score and dB vs target per band."""

    name: str
    source: str | None
    form: str | None
    score: float | None
    score_model: str | None = None
    target: str | None = None
    bands_db: dict[str, float] = field(default_factory=dict)
    ref: str | None = None


@dataclass
class AmpEvidence:
    """The amp check's result for the listener's source (any object with AmpResult's fields)."""

    source_name: str
    verdict: str  # "enough" | "marginal" | "needs-amp" | "drives-itself"
    max_spl_db: float | None = None
    required_vrms: float | None = None
    required_mw: float | None = None
    headroom_db: float | None = None
    target_spl_db: float = 110.0
    assumed: bool = False  # True when no source was given and a typical phone was assumed
    notes: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    """Everything known about one headphone, gathered before the verdict is assembled."""

    subject: str
    spec: Spec = field(default_factory=Spec)
    spec_refs: dict[str, str] = field(default_factory=dict)  # field -> where the value came from
    measurements: list[MeasuredEvidence] = field(default_factory=list)
    amp: AmpEvidence | None = None
    amp_problem: str | None = None  # why the amp check could not run
    plausibility: list[Any] = field(default_factory=list)  # SpecWarning-like (code, field, message)
    flags: list[str] = field(default_factory=list)  # catalog/identity flags such as "knock-off"
    explained: list[Any] = field(default_factory=list)  # explain findings (field, severity, verdict, ...)
    price: PriceContext | None = None
    use: str | None = None


# --- the pure core ---------------------------------------------------------------------------------


def _spec_ref(ev: Evidence, name: str) -> EvidenceRef:
    value = getattr(ev.spec, name)
    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    where = ev.spec_refs.get(name)
    return EvidenceRef(kind="spec", ref=f"{name} from {where}" if where else f"spec field {name}",
                       value=shown, data={"field": name, "value": value})


def _measurement_ref(m: MeasuredEvidence) -> EvidenceRef:
    rig = f"{m.source} ({m.form} rig)" if m.source else f"{m.form or 'unknown'} rig"
    data: dict[str, Any] = {"score": m.score, "bands_db": dict(m.bands_db), "source": m.source,
                            "form": m.form, "score_model": m.score_model, "target": m.target}
    return EvidenceRef(kind="measurement", ref=m.ref or f"{m.name} measured by {rig}",
                       value=f"{m.name}, {rig}", data=data)


def summarize_measurement(m: MeasuredEvidence) -> MeasurementSummary:
    words = [w for b in BANDS if b in m.bands_db and (w := tone_phrase(b, m.bands_db[b]))]
    return MeasurementSummary(name=m.name, source=m.source, form=m.form, score=m.score,
                              score_model=m.score_model, target=m.target,
                              tier=score_tier(m.score) if m.score is not None else None,
                              bands_db={b: round(v, 2) for b, v in m.bands_db.items()}, words=words,
                              ref=m.ref)


def _tone_text(bands: dict[str, float]) -> str:
    parts = []
    for b in BANDS:
        if b in bands and (phrase := tone_phrase(b, bands[b])):
            parts.append(f"{phrase} ({BAND_LABEL[b]} {bands[b]:+.1f} dB)")
    return "; ".join(parts) if parts else "every band within ±2 dB of target"


def _sound_claims(ev: Evidence) -> tuple[list[Claim], list[MeasurementSummary], str | None]:
    claims: list[Claim] = []
    summaries = [summarize_measurement(m) for m in ev.measurements]
    for m, s in zip(ev.measurements, summaries, strict=True):
        ref = _measurement_ref(m)
        rig = f"{m.source}" if m.source else "an unnamed rig"
        if m.score is not None:
            stance: Stance = "pro" if m.score >= 70 else "con" if m.score < 55 else "neutral"
            model = f" ({m.score_model})" if m.score_model else ""
            claims.append(Claim(topic="sound", stance=stance, evidence=[ref],
                                text=f"Measured by {rig}: predicted preference {m.score:.0f}/100{model}, "
                                     f"{s.tier}."))
        if m.bands_db:
            notable = [abs(v) for v in m.bands_db.values()]
            stance = "con" if max(notable) >= STRONG_DB + 2 else "neutral"
            claims.append(Claim(topic="sound", stance=stance, evidence=[ref],
                                text=f"Tonality on {rig}'s rig against {m.target or 'the target'}: "
                                     f"{_tone_text(m.bands_db)}."))
    agreement = _agreement(ev.measurements)
    if len(ev.measurements) >= 2:
        scores = [m.score for m in ev.measurements if m.score is not None]
        spread = max(scores) - min(scores) if scores else 0.0
        band_diff = _max_band_diff(ev.measurements)
        refs = [_measurement_ref(m) for m in ev.measurements]
        for r in refs:
            r.data["score_spread"] = round(spread, 2)
            r.data["max_band_diff_db"] = round(band_diff, 2)
        word = {"agree": "agree", "partly": "partly agree", "disagree": "disagree"}[agreement or "agree"]
        claims.append(Claim(topic="sound", stance="neutral" if agreement != "disagree" else "con",
                            evidence=refs,
                            text=f"The {len(ev.measurements)} measurements {word}: scores span "
                                 f"{spread:.0f} points and the bands differ by up to {band_diff:.1f} dB."))
    return claims, summaries, agreement


def _max_band_diff(ms: Sequence[MeasuredEvidence]) -> float:
    diff = 0.0
    for b in BANDS:
        vals = [m.bands_db[b] for m in ms if b in m.bands_db]
        if len(vals) >= 2:
            diff = max(diff, max(vals) - min(vals))
    return diff


def _agreement(ms: Sequence[MeasuredEvidence]) -> Literal["single", "agree", "partly", "disagree"] | None:
    if not ms:
        return None
    if len(ms) == 1:
        return "single"
    scores = [m.score for m in ms if m.score is not None]
    score_ok = not scores or max(scores) - min(scores) <= AGREE_SCORE_SPREAD
    bands_ok = _max_band_diff(ms) <= AGREE_BAND_DB
    return "agree" if score_ok and bands_ok else "partly" if score_ok or bands_ok else "disagree"


def _drive_claims(ev: Evidence) -> tuple[list[Claim], list[Missing]]:
    claims: list[Claim] = []
    missing: list[Missing] = []
    a = ev.amp
    if a is None:
        if ev.spec.wireless is not True:
            missing.append(Missing(topic="drive", what=ev.amp_problem or "impedance and sensitivity",
                                   would_settle="the impedance and the sensitivity (with its dB/mW or dB/V "
                                                "basis) would settle whether your source can drive it"))
        return claims, missing
    data = {"verdict": a.verdict, "max_spl_db": a.max_spl_db, "required_vrms": a.required_vrms,
            "required_mw": a.required_mw, "headroom_db": a.headroom_db, "target_spl_db": a.target_spl_db}
    ref = EvidenceRef(kind="amp-check", ref=f"amp check on {a.source_name}",
                      value=a.verdict, data=data)
    drive_fields = ("impedance_ohm", "sensitivity_db_per_mw", "sensitivity_db_per_v", "sensitivity_db",
                    "wireless")
    refs = [ref] + [_spec_ref(ev, f) for f in drive_fields
                    if getattr(ev.spec, f) is not None]
    assumed = " (assumed: no source given)" if a.assumed else ""
    need = ""
    if a.required_vrms is not None:
        need = f"; {a.target_spl_db:.0f} dB peaks need {a.required_vrms:.2f} Vrms"
        if a.required_mw is not None:
            need += f" ({a.required_mw:.1f} mW)"
    reach = f"reaches {a.max_spl_db:.0f} dB SPL" if a.max_spl_db is not None else ""
    if a.verdict == "drives-itself":
        claims.append(Claim(topic="drive", stance="pro", evidence=refs,
                            text="Wireless: it drives itself with its built-in amplifier, so impedance and "
                                 "sensitivity do not decide amp needs."))
    elif a.verdict == "enough":
        claims.append(Claim(topic="drive", stance="pro", evidence=refs,
                            text=f"{a.source_name}{assumed} drives it: {reach}{need}."))
    elif a.verdict == "marginal":
        claims.append(Claim(topic="drive", stance="neutral", evidence=refs,
                            text=f"{a.source_name}{assumed} is marginal: {reach}, within 6 dB of "
                                 f"{a.target_spl_db:.0f} dB{need}."))
    else:
        claims.append(Claim(topic="drive", stance="con", evidence=refs,
                            text=f"{a.source_name}{assumed} cannot drive it loud enough: {reach}{need}; "
                                 f"it needs an amp."))
    if a.assumed:
        missing.append(Missing(topic="drive", what="your source device",
                               would_settle="naming your source (phone, dongle, amp) would settle whether "
                                            "you need an amp"))
    return claims, missing


# Plausibility warnings that question how a listing reads, not whether the product is real.
WEAK_PLAUSIBILITY = ("likely the total with the case", "a price of 0 is not a price")


def _plausibility_claims(ev: Evidence) -> tuple[list[Claim], list[Claim], bool]:
    """(severe claims, weak 'check the listing' claims, knock-off pattern seen)."""
    grouped: dict[tuple[str | None, str], list[str]] = {}
    for w in ev.plausibility:
        code = getattr(w, "code", "") or ""
        if not code.startswith("implausible"):
            continue
        message = str(getattr(w, "message", w))
        where = re.search(r" \(listing #\d+\)$", message)
        base = message[:where.start()] if where else message
        grouped.setdefault((getattr(w, "field", None), base), []).append(
            where.group(0).strip(" ()") if where else "spec sheet")
    severe: list[Claim] = []
    weak: list[Claim] = []
    knock = False
    for (fname, message), places in grouped.items():
        refs = [EvidenceRef(kind="plausibility", ref=f"plausibility check ({fname or 'listing'}) on "
                            + ", ".join(dict.fromkeys(places)), value=message,
                            data={"code": "implausible", "field": fname, "n": len(places)})]
        if fname and fname in Spec.model_fields and getattr(ev.spec, fname, None) is not None:
            refs.append(_spec_ref(ev, fname))
        if any(p in message for p in WEAK_PLAUSIBILITY):
            weak.append(Claim(topic="spec", stance="neutral", evidence=refs,
                              text=f"Check the listing: {message}."))
        else:
            severe.append(Claim(topic="plausibility", stance="con", evidence=refs,
                                text=f"Implausible: {message}."))
            knock = knock or "knock-off" in message
    if len({c.evidence[0].data["field"] for c in severe}) >= 2:
        knock = True
    for flag in ev.flags:
        if flag in ("knock-off", "knockoff", "compatible"):
            what = "a knock-off" if flag.startswith("knock") else "a compatible, not the genuine model"
            claim = Claim(topic="plausibility" if flag.startswith("knock") else "spec",
                          stance="con", evidence=[EvidenceRef(kind="catalog", ref="listing identity",
                                                              value="knock-off" if flag.startswith("knock")
                                                              else flag, data={"flag": flag})],
                          text=f"The listing reads as {what}.")
            (severe if flag.startswith("knock") else weak).append(claim)
            knock = knock or flag.startswith("knock")
    return severe, weak, knock


# use -> rules: (predicate on spec, stance, text). Each rule names the spec fields it reads.
def _fit_rules(spec: Spec, use: str) -> list[tuple[Stance, str, tuple[str, ...], bool]]:
    """(stance, text, fields, severe) for the spec against one use; severe cons make it a poor fit."""
    out: list[tuple[Stance, str, tuple[str, ...], bool]] = []
    open_back = spec.back in ("open", "semi-open")
    unsealed = spec.form_factor in ("earbud", "bone-conduction")
    noisy = use in ("commute", "office", "calls")
    if open_back and use in ("commute", "office", "gym", "sleep", "calls"):
        out.append(("con", f"{spec.back} back leaks sound and isolates almost nothing, wrong for "
                           f"{USE_PHRASE[use]}", ("back",), True))
    if open_back and use in ("home", "studio"):
        out.append(("pro", f"{spec.back} back suits {USE_PHRASE[use]} in a quiet room (it leaks sound and "
                           "does not isolate)", ("back",), False))
    if spec.anc and noisy:
        out.append(("pro", f"active noise cancelling helps for {USE_PHRASE[use]}", ("anc",), False))
    if unsealed and use in ("commute", "office"):
        out.append(("con", f"{spec.form_factor} does not seal, so it isolates little for {USE_PHRASE[use]}",
                    ("form_factor",), False))
    if spec.form_factor in ("over-ear", "on-ear") and use in ("sleep",):
        out.append(("con", f"{spec.form_factor} headphones are not made to sleep in", ("form_factor",), True))
    if spec.form_factor in ("over-ear",) and use == "gym":
        out.append(("con", "over-ears are bulky and hot for the gym", ("form_factor",), False))
    if spec.form_factor in ("in-ear", "earbud") and use == "sleep":
        out.append(("pro", f"a small {spec.form_factor} can be slept in", ("form_factor",), False))
    if spec.wireless is True and use in ("commute", "gym"):
        out.append(("pro", f"wireless suits {USE_PHRASE[use]}", ("wireless",), False))
    if spec.wireless is False and use == "gym":
        out.append(("con", "a cable is a nuisance at the gym", ("wireless",), False))
    if spec.wireless is True and use in ("studio", "gaming"):
        out.append(("con", f"Bluetooth adds latency and lossy coding, a drawback for {USE_PHRASE[use]}",
                    ("wireless",), False))
    if spec.wireless is False and use in ("studio", "home"):
        out.append(("pro", f"wired: no latency or codec limits for {USE_PHRASE[use]}", ("wireless",), False))
    return out


def _fit_claims(ev: Evidence) -> tuple[list[Claim], list[Missing], bool]:
    if not ev.use:
        return [], [], False
    claims = []
    severe = False
    for stance, text, fields, is_severe in _fit_rules(ev.spec, ev.use):
        refs = [_spec_ref(ev, f) for f in fields]
        claims.append(Claim(topic="fit", stance=stance, evidence=refs, text=text[0].upper() + text[1:] + "."))
        severe = severe or (is_severe and stance == "con")
    missing = []
    if ev.spec.form_factor is None:
        missing.append(Missing(topic="fit", what="form factor",
                               would_settle="knowing whether it is over-ear, on-ear, in-ear or earbud would "
                                            f"settle how it fits {USE_PHRASE[ev.use]}"))
    if ev.spec.back is None and ev.spec.form_factor in ("over-ear", "on-ear", None):
        missing.append(Missing(topic="fit", what="open or closed back",
                               would_settle="whether the back is open or closed would settle isolation and "
                                            "sound leakage"))
    return claims, missing, severe


def _explain_claims(ev: Evidence) -> list[Claim]:
    claims = []
    for f in ev.explained:
        sev = getattr(f, "severity", "info")
        if sev == "info":
            continue
        fname = getattr(f, "field", None) or "spec"
        if fname in Spec.model_fields and getattr(ev.spec, fname, None) is None:
            continue  # an unstated spec is listed under `missing`, not as a claim
        stance: Stance = "pro" if sev == "good" else "con" if sev == "warning" else "neutral"
        text = getattr(f, "verdict", None) or getattr(f, "explanation", "")
        if not text:
            continue
        value = getattr(f, "value", None)
        claims.append(Claim(topic="spec", stance=stance, text=str(text),
                            evidence=[EvidenceRef(kind="explain", ref=f"explained spec {fname}",
                                                  value=None if value is None else str(value),
                                                  data={"field": fname, "severity": sev})]))
    return claims


def _price_claims(ev: Evidence, median_score: float | None) -> tuple[list[Claim], list[Missing]]:
    p = ev.price
    if p is None:
        return [], [Missing(topic="price", what="price", would_settle="a listing with a price would "
                            "settle whether it is good value against comparable models")]
    ref = EvidenceRef(kind="listing", ref=p.listing_ref or "listing price",
                      value=f"{p.amount:g} {p.currency}",
                      data={"amount": p.amount, "currency": p.currency})
    if p.n_comparable < 3 or p.median is None or p.percentile is None:
        return [], [Missing(topic="price",
                            what=f"prices of comparable {p.comparable} models in {p.currency}",
                            would_settle=f"at least 3 priced {p.comparable} models in the catalog would "
                                         "place its price")]
    cat = EvidenceRef(kind="catalog", ref=f"{p.n_comparable} priced {p.comparable} models in {p.currency}",
                      value=f"median {p.median:g} {p.currency}",
                      data={"median": p.median, "percentile": p.percentile, "n": p.n_comparable,
                            "measured_comparable_median_score": p.measured_comparable_median_score})
    where = (f"cheaper than {100 - p.percentile:.0f} % of" if p.percentile <= 50
             else f"dearer than {p.percentile:.0f} % of")
    text = (f"At {p.amount:g} {p.currency} it is {where} {p.n_comparable} comparable {p.comparable} models "
            f"(median {p.median:g} {p.currency})")
    stance: Stance = "neutral"
    if median_score is not None and p.measured_comparable_median_score is not None:
        better = median_score >= p.measured_comparable_median_score
        text += (f"; its measured score {median_score:.0f} is {'above' if better else 'below'} the "
                 f"comparable median {p.measured_comparable_median_score:.0f}")
        if better and p.percentile <= 50:
            stance, text = "pro", text + ": good value"
        elif not better and p.percentile > 50:
            stance, text = "con", text + ": poor value"
    elif p.percentile <= 25:
        stance = "pro"
    elif p.percentile >= 75:
        stance = "con"
    return [Claim(topic="price", stance=stance, evidence=[ref, cat], text=text + ".")], []


def assemble(ev: Evidence) -> Verdict:
    """Build the verdict from gathered evidence (pure: no catalog, no I/O)."""
    caveats: list[str] = []
    forms = {m.form for m in ev.measurements if m.form}
    if ev.spec.form_factor is None and len(forms) == 1:
        # The reviewer filed it under one form (over-ear, in-ear, earbud): use that for fit.
        form = forms.pop()
        ev = replace(ev, spec=ev.spec.model_copy(update={"form_factor": form}),
                     spec_refs={**ev.spec_refs, "form_factor": "form of its measurement(s)"})

    sound, summaries, agreement = _sound_claims(ev)
    drive, drive_missing = _drive_claims(ev)
    plaus, weak_plaus, knock = _plausibility_claims(ev)
    fit, fit_missing, poor_fit = _fit_claims(ev)
    scores = [m.score for m in ev.measurements if m.score is not None]
    median_score = statistics.median(scores) if scores else None
    price, price_missing = _price_claims(ev, median_score)
    claims = plaus + sound + drive + fit + price + weak_plaus + _explain_claims(ev)
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


# --- the consistency check ------------------------------------------------------------------------


def contradictions(v: Verdict) -> list[str]:
    """Every statement in `v` that its own evidence does not support (empty when consistent).

    Checks tonality words against the band deviations in the claim's measurement
    evidence (summary words against every measurement), score tier words against the
    scores, and the call against the amp check, the plausibility claims and the scores.
    """
    problems: list[str] = []
    for c in v.claims:
        meas = [e for e in c.evidence if e.kind == "measurement"]
        for phrase, band, sign, floor in _find_phrases(c.text):
            for e in meas:
                db = e.data.get("bands_db", {}).get(band)
                if db is None or sign * db < floor:
                    problems.append(f"claim says {phrase!r} but {e.ref} has {BAND_LABEL[band]} "
                                    f"{'unknown' if db is None else f'{db:+.1f} dB'}")
        for e in meas:
            score = e.data.get("score")
            if score is None:
                continue
            m = re.search(r"predicted preference (-?\d+)/100[^,]*, "
                          r"(excellent|good|average|below average|poor)", c.text)
            if m and m.group(2) != score_tier(score):
                problems.append(f"claim calls score {score:.1f} {m.group(2)!r}")
    for phrase, band, sign, floor in _find_phrases(v.summary):
        for s in v.measurements:
            db = s.bands_db.get(band)
            if db is None or sign * db < floor:
                problems.append(f"summary says {phrase!r} but {s.source} has {BAND_LABEL[band]} "
                                f"{'unknown' if db is None else f'{db:+.1f} dB'}")
    for s in v.measurements:
        for w in s.words:
            hits = _find_phrases(w)
            if not hits:
                problems.append(f"unknown tonality word {w!r}")
            for phrase, band, sign, floor in hits:
                db = s.bands_db.get(band)
                if db is None or sign * db < floor:
                    problems.append(f"{s.source}: word {phrase!r} against {BAND_LABEL[band]} {db}")
    scores = [s.score for s in v.measurements if s.score is not None]
    amp = [e.data for c in v.claims for e in c.evidence if e.kind == "amp-check"]
    if "needs an amp" in v.call and not any(a.get("verdict") == "needs-amp" for a in amp):
        problems.append("call says it needs an amp but no amp check says so")
    if any(a.get("verdict") == "needs-amp" for a in amp) and v.rating in ("strong-buy", "buy"):
        problems.append("call recommends buying without mentioning that the source cannot drive it")
    if v.call.startswith("avoid") and not any(c.topic == "plausibility" for c in v.claims):
        problems.append("call says avoid without a plausibility claim")
    if any(c.topic == "plausibility" for c in v.claims) and v.rating != "avoid" and \
            "check the listing" not in v.call:
        problems.append("call ignores its implausibility claims")
    if v.rating == "strong-buy" and (not scores or score_tier(statistics.median(scores)) != "excellent"):
        problems.append(f"strong buy with median score {statistics.median(scores) if scores else None}")
    if v.rating == "buy" and (not scores or statistics.median(scores) < 70):
        problems.append("good buy with a median score under 70")
    if v.rating in ("weak", "decent") and scores and statistics.median(scores) >= 70:
        problems.append("weak/decent call with a median score of 70 or more")
    if v.rating == "not-enough-evidence" and scores:
        problems.append("not enough evidence, yet measured")
    if "unmeasured" in v.call and scores:
        problems.append("call says unmeasured, yet measured")
    for c in v.claims:
        if not c.evidence:
            problems.append(f"claim without evidence: {c.text!r}")
        if c.topic == "drive":
            verdict = next((e.data.get("verdict") for e in c.evidence if e.kind == "amp-check"), None)
            expected = {"enough": "pro", "drives-itself": "pro", "marginal": "neutral", "needs-amp": "con"}
            if expected.get(verdict or "") != c.stance:
                problems.append(f"drive claim is {c.stance} but the amp check says {verdict}")
    if v.rating == "poor-fit" and not any(c.topic == "fit" and c.stance == "con" for c in v.claims):
        problems.append("poor fit without a fit drawback")
    return problems


def _find_phrases(text: str) -> list[tuple[str, str, int, float]]:
    found = []
    rest = text.lower()
    for phrase, band, sign, floor in _PHRASES:  # longest first, so "slightly bright treble" wins
        if phrase in rest:
            found.append((phrase, band, sign, floor))
            rest = rest.replace(phrase, " ")
    return found


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
                                hint="build one with `headspec ingest ...` or pass --db PATH")
        catalog = Catalog(path, read_only=True)
    try:
        detail = catalog.model(model_or_spec)
        return assemble(gather_model(detail, catalog, source=source, use=use, target_spl_db=target_spl_db))
    finally:
        if own:
            catalog.close()
