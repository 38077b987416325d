"""Gathering verdict evidence from the other areas' result objects.

`headspec.verdict.assemble` is pure; this module feeds it: it scores and describes
measurements (`headspec.fr`), reads a catalog model's merged specs, prices, flags
and listing warnings, and comparable models' prices, through `headspec.catalog.Catalog`'s
public methods (never its tables), runs the amp check for the listener's
source (`headspec.amp`), and asks `headspec.plausibility` and `headspec.explain`
about a spec.
"""

from __future__ import annotations

import statistics
from typing import Any

from headspec._verdict_model import AmpEvidence, Evidence, MeasuredEvidence, PriceContext
from headspec._verdict_words import BANDS
from headspec.errors import AmpInputError, HeadspecError
from headspec.spec import Spec, SpecWarning


def measured_evidence(fr: Any, *, ref: str | None = None, form: str | None = None) -> MeasuredEvidence:
    """Score and describe one `headspec.fr.FrequencyResponse` against its Harman target."""
    from headspec.fr import describe, score

    f = form or fr.form or "over-ear"
    s = score(fr, f)
    t = describe(fr, _target_for(f))
    return MeasuredEvidence(name=fr.name, source=fr.source, form=f, score=s.score, score_model=s.model,
                            target=t.target, bands_db={b.name: b.offset_db for b in t.bands},
                            ref=ref or (fr.path and str(fr.path)) or None)


def _target_for(form: str) -> Any:
    from headspec.fr.targets import for_form

    return for_form(form)


def _spec_from_detail(detail: Any) -> tuple[Spec, dict[str, str]]:
    """Merged catalog specs as a `Spec`; values the Spec model rejects are left out."""
    values: dict[str, Any] = {}
    refs: dict[str, str] = {}
    for sv in detail.specs:
        if sv.field in Spec.model_fields and sv.field not in ("evidence", "warnings"):
            values[sv.field] = sv.value
            where = f"listing #{sv.listing_id}" if sv.listing_id is not None else "catalog"
            refs[sv.field] = f"{where} ({sv.origin})"
    values.setdefault("brand", detail.brand)
    values.setdefault("model", detail.name)
    try:
        return Spec.model_validate(values), refs
    except ValueError:
        good = {}
        for k, v in values.items():
            try:
                Spec.model_validate({k: v})
                good[k] = v
            except ValueError:
                refs.pop(k, None)
        return Spec.model_validate(good), refs


def _same_measurement(a: MeasuredEvidence, b: MeasuredEvidence) -> bool:
    return ((a.source or "").casefold() == (b.source or "").casefold() and a.score is not None
            and b.score is not None and abs(a.score - b.score) < 0.5
            and all(abs(a.bands_db.get(k, 0.0) - b.bands_db.get(k, 0.0)) <= 0.2 for k in BANDS))


def _price_context(catalog: Any, model_id: int | None, spec: Spec, prices: dict[str, float],
                   listing_ref: str | None) -> PriceContext | None:
    """The lowest listed price against comparable models' lowest prices in the same currency."""
    if not prices:
        return None
    currency = "USD" if "USD" in prices else sorted(prices)[0]
    amount = prices[currency]
    form = spec.form_factor
    label = " ".join(x for x in ("wireless" if spec.wireless else "wired" if spec.wireless is False else "",
                                 form or "headphone") if x)
    if catalog is None or form is None:
        return PriceContext(amount=amount, currency=currency, listing_ref=listing_ref, comparable=label)
    rows = catalog.comparable_prices(form=form, currency=currency, wireless=spec.wireless,
                                     exclude=model_id or None)
    others = [r.price for r in rows]
    scores = [r.score for r in rows if r.score is not None]
    if not others:
        return PriceContext(amount=amount, currency=currency, listing_ref=listing_ref, comparable=label)
    below = sum(p < amount for p in others) + 0.5 * sum(p == amount for p in others)
    return PriceContext(amount=amount, currency=currency, listing_ref=listing_ref, comparable=label,
                        n_comparable=len(others), median=round(statistics.median(others), 2),
                        percentile=round(100.0 * below / len(others), 1),
                        measured_comparable_median_score=round(statistics.median(scores), 1)
                        if len(scores) >= 3 else None)


def _amp_evidence(spec: Spec, source: str | None,
                  target_spl_db: float) -> tuple[AmpEvidence | None, str | None]:
    from headspec.amp import amp_check

    name = source or "typical phone"
    try:
        r = amp_check(spec, name, target_spl_db)
    except HeadspecError as exc:
        if source is not None and not isinstance(exc, AmpInputError):
            raise  # an unreadable source is the caller's error, not missing evidence
        return None, exc.message
    return AmpEvidence(source_name=r.source, verdict=r.verdict, max_spl_db=r.max_spl_db,
                       required_vrms=r.required_vrms, required_mw=r.required_mw, headroom_db=r.headroom_db,
                       target_spl_db=r.target_spl_db, assumed=source is None, notes=list(r.notes)), None


def _plausibility(spec: Spec) -> list[Any]:
    try:
        from headspec.plausibility import check
    except ImportError:  # the plausibility module is another area's; verdicts work without it
        return [w for w in spec.warnings if w.code.startswith("implausible")]
    return list(check(spec))


def _explained(spec: Spec) -> list[Any]:
    try:
        from headspec.explain import explain
    except ImportError:  # the explain module is another area's; verdicts work without it
        return []
    return list(getattr(explain(spec), "findings", []))


def gather_spec(spec: Spec, *, source: str | None = None, use: str | None = None, catalog: Any = None,
                target_spl_db: float = 110.0) -> Evidence:
    """Evidence from a spec sheet alone (no measurement): explained specs, amp check, plausibility."""
    refs = {f: f"spec sheet: {e.text!r}" for f, e in spec.evidence.items()}
    amp, problem = _amp_evidence(spec, source, target_spl_db)
    prices = {spec.price_currency: spec.price_amount} if spec.price_amount and spec.price_currency else {}
    subject = " ".join(x for x in (spec.brand, spec.model) if x) or "this headphone"
    return Evidence(subject=subject, spec=spec, spec_refs=refs, amp=amp, amp_problem=problem,
                    plausibility=_plausibility(spec), explained=_explained(spec),
                    price=_price_context(catalog, None, spec, prices, "spec sheet price"), use=use)


def gather_model(detail: Any, catalog: Any, *, source: str | None = None, use: str | None = None,
                 target_spl_db: float = 110.0) -> Evidence:
    """Evidence for a catalog model: merged specs, every measurement, listings' flags and prices."""
    spec, refs = _spec_from_detail(detail)
    measurements: list[MeasuredEvidence] = []
    for m in detail.measurements:
        curve = catalog.curve(m.id)
        me = measured_evidence(curve, ref=f"measurement #{m.id} ({m.source}, {m.form})", form=m.form)
        if any(_same_measurement(me, other) for other in measurements):
            continue  # one reviewer's curve ingested twice (e.g. raw channels and the converted file)
        measurements.append(me)
    if spec.form_factor is None and measurements:
        forms = {m.form for m in measurements}
        if len(forms) == 1:
            spec = spec.model_copy(update={"form_factor": forms.pop()})
            refs["form_factor"] = "form of its measurement(s)"
    amp, problem = _amp_evidence(spec, source, target_spl_db)
    warnings = [SpecWarning(code=w.get("code", ""), field=w.get("field"),
                            message=f"{w.get('message', '')} (listing #{w.get('listing_id')})")
                for w in detail.plausibility]
    seen = {(x.code, x.field) for x in warnings}
    warnings += [w for w in _plausibility(spec) if (w.code, w.field) not in seen]
    prices: dict[str, float] = {}
    for v in detail.variants:
        if v.condition not in (None, "new"):
            continue
        for p in v.prices:
            cur, lo = p.get("currency"), p.get("min")
            if cur and lo is not None and (cur not in prices or lo < prices[cur]):
                prices[cur] = float(lo)
    flags = ["knock-off" if f == "knockoff" else f for f in detail.flags]
    return Evidence(subject=detail.name if not detail.brand or detail.name.lower().startswith(
                        detail.brand.lower()) else f"{detail.brand} {detail.name}",
                    spec=spec, spec_refs=refs, measurements=measurements, amp=amp, amp_problem=problem,
                    plausibility=warnings, flags=flags, explained=_explained(spec),
                    price=_price_context(catalog, detail.id, spec, prices,
                                         f"lowest new price of model #{detail.id}"),
                    use=use)


