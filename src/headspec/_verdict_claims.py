"""The verdict's claims, topic by topic: sound, drive, plausibility, fit, explained specs, price.

Each builder reads one kind of evidence and returns the claims it supports (every claim
carries its evidence) and what is missing to settle the topic; `headspec.verdict.assemble`
weighs them into the call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from headspec._verdict_model import (
    Claim,
    Evidence,
    EvidenceRef,
    MeasuredEvidence,
    MeasurementSummary,
    Missing,
    Stance,
)
from headspec._verdict_words import BAND_LABEL, BANDS, STRONG_DB, USE_PHRASE, score_tier, tone_phrase
from headspec.spec import Spec

AGREE_SCORE_SPREAD = 10.0  # score points
AGREE_BAND_DB = 3.0        # largest band difference between two measurements that still agrees


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
    """A measurement as the verdict shows it: score tier and tonality words derived from its bands."""
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


def sound_claims(ev: Evidence) -> tuple[list[Claim], list[MeasurementSummary], str | None]:
    """Score and tonality claims per measurement, and whether the rigs agree (claims, summaries, word)."""
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


def drive_claims(ev: Evidence) -> tuple[list[Claim], list[Missing]]:
    """Whether the listener's source drives it, from the amp check; missing figures when it could not run."""
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


def plausibility_claims(ev: Evidence) -> tuple[list[Claim], list[Claim], bool]:
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


# One rule set for both: the verdict states these as fit claims, `headspec.recommend` ranks by them.
def fit_rules(spec: Spec, use: str) -> list[tuple[Stance, str, tuple[str, ...], bool]]:
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


def fit_claims(ev: Evidence) -> tuple[list[Claim], list[Missing], bool]:
    """How the design suits the listener's use (claims, missing facts, poor fit) — nothing without a use."""
    if not ev.use:
        return [], [], False
    claims = []
    severe = False
    for stance, text, fields, is_severe in fit_rules(ev.spec, ev.use):
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


def explain_claims(ev: Evidence) -> list[Claim]:
    """The explain report's good and warning findings on stated specs, as spec claims."""
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


def price_claims(ev: Evidence, median_score: float | None) -> tuple[list[Claim], list[Missing]]:
    """Its price against 3 or more comparable priced models; good or poor value when scores compare too."""
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

