"""The verdict's self-check: every statement must be supported by its own evidence."""

from __future__ import annotations

import re
import statistics

from headspec._verdict_model import Verdict
from headspec._verdict_words import BAND_LABEL, find_phrases, score_tier


def contradictions(v: Verdict) -> list[str]:
    """Every statement in `v` that its own evidence does not support (empty when consistent).

    Checks tonality words against the band deviations in the claim's measurement
    evidence (summary words against every measurement), score tier words against the
    scores, and the call against the amp check, the plausibility claims and the scores.
    """
    problems: list[str] = []
    for c in v.claims:
        meas = [e for e in c.evidence if e.kind == "measurement"]
        for phrase, band, sign, floor in find_phrases(c.text):
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
    for phrase, band, sign, floor in find_phrases(v.summary):
        for s in v.measurements:
            db = s.bands_db.get(band)
            if db is None or sign * db < floor:
                problems.append(f"summary says {phrase!r} but {s.source} has {BAND_LABEL[band]} "
                                f"{'unknown' if db is None else f'{db:+.1f} dB'}")
    for s in v.measurements:
        for w in s.words:
            hits = find_phrases(w)
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

