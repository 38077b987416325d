"""Server-rendered pages: Decode, Catalog, Model, Compare, Amp.

Every value reaches the page through Jinja2 autoescaping; data for scripts travels as JSON in
`<script type="application/json">` blocks (escaped by `tojson`), never as inline code.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from headspec.errors import HeadspecError
from headspec.web import _catalog, _services
from headspec.web._services import TARGET_PRESETS, FeatureUnavailable

router = APIRouter(include_in_schema=False)

EXAMPLE = """Sennheiser HD 600 open-back dynamic headphones
Impedance: 300 Ω
Sensitivity: 97 dB SPL at 1 mW (1 kHz)
Frequency response: 12 - 40,500 Hz (-10 dB)
THD: < 0.1 %
Weight: 260 g (without cable)"""

DEFAULT_SOURCE = "typical phone"


def render(request: Request, template: str, nav: str | None, title: str, status: int = 200,
           **context: Any) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {"nav": nav, "title": title, **context},
                                      status_code=status)


def _sources() -> tuple[list[Any], str | None]:
    try:
        return _services.list_sources(), None
    except FeatureUnavailable as exc:
        return [], exc.message


def _default_source(sources: list[Any]) -> str:
    names = [s.name for s in sources]
    for wanted in (DEFAULT_SOURCE, "phone"):
        for name in names:
            if wanted in name.lower():
                return name
    return names[0] if names else ""


def _float(raw: str | None, field: str, *, default: float | None = None) -> float | None:
    raw = (raw or "").strip().replace(",", ".")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise HeadspecError(f"{field} must be a number, got {raw!r}", input=raw, field=field,
                            hint="type digits only, e.g. 32") from None
    if not math.isfinite(value):
        raise HeadspecError(f"{field} must be a finite number", input=raw, field=field)
    return value


def _amp_block(spec: Any, source: str, target: float) -> dict[str, Any]:
    """Amp check for a page: the result, or the reason it cannot be done (never an exception)."""
    try:
        src, result = _services.amp_check(spec, source, target)
        return {"source": src, "result": result, "error": None}
    except HeadspecError as exc:
        return {"source": None, "result": None, "error": exc}


def _explain_block(spec: Any) -> dict[str, Any]:
    try:
        return {"report": _services.explain(spec), "error": None}
    except HeadspecError as exc:
        return {"report": None, "error": exc}


# --- Decode ------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def decode_page(request: Request) -> Response:
    sources, sources_error = _sources()
    return render(request, "decode.html", "decode", "Decode a spec sheet", text="", example=EXAMPLE,
                  country="", sources=sources, sources_error=sources_error, source=_default_source(sources),
                  target=110.0, presets=TARGET_PRESETS, result=None)


@router.post("/decode", response_class=HTMLResponse)
def decode_submit(request: Request, text: str = Form(""), source: str = Form(""),
                  target: str = Form("110"), country: str = Form("", max_length=8)) -> Response:
    sources, sources_error = _sources()
    target_db = _float(target, "target", default=110.0) or 110.0
    source = source or _default_source(sources)
    ctx: dict[str, Any] = {"text": text, "example": EXAMPLE, "sources": sources,
                           "sources_error": sources_error, "source": source, "target": target_db,
                           "presets": TARGET_PRESETS,
                           "country": country}
    try:
        spec = _services.parse(text, country or None)
    except HeadspecError as exc:
        status = exc.status if exc.status != 400 else 422
        return render(request, "decode.html", "decode", "Decode a spec sheet", status=status,
                      result=None, form_error=exc, **ctx)
    result = {"spec": spec, "segments": _services.highlight(text, spec),
              "explain": _explain_block(spec), "amp": _amp_block(spec, source, target_db),
              "verdict": _services.verdict_block(spec, source, target_spl_db=target_db)}
    return render(request, "decode.html", "decode", "Decoded spec", result=result, **ctx)


@router.get("/decode")
def decode_get() -> Response:
    return RedirectResponse("/", status_code=303)


# --- Amp ---------------------------------------------------------------------------------------

@router.get("/amp", response_class=HTMLResponse)
def amp_page(request: Request, model: str = "", impedance_ohm: str = "", sensitivity_db: str = "",
             sensitivity_basis: str = "mW", source: str = "", target: str = "110") -> Response:
    sources, sources_error = _sources()
    form = {"model": model[:300], "impedance_ohm": impedance_ohm[:40], "sensitivity_db": sensitivity_db[:40],
            "sensitivity_basis": sensitivity_basis if sensitivity_basis in {"mW", "V"} else "mW",
            "source": source[:500] or _default_source(sources), "target": target[:10]}
    ctx: dict[str, Any] = {"form": form, "sources": sources, "sources_error": sources_error,
                           "presets": TARGET_PRESETS, "result": None, "form_error": None, "spec": None,
                           "model_detail": None}
    submitted = bool(model or impedance_ohm or sensitivity_db or source)
    if submitted:
        try:
            target_db = _float(target, "target", default=110.0) or 110.0
            if model.strip():
                with _catalog.lazy(request.app.state.db_path) as get_catalog:
                    detail = _catalog.model(get_catalog(), model.strip())
                ctx["model_detail"] = detail
                spec = _services.spec_from_model(detail)
            else:
                spec = _services.spec_from_figures(_float(impedance_ohm, "impedance_ohm"),
                                                   _float(sensitivity_db, "sensitivity_db"),
                                                   form["sensitivity_basis"])
            ctx["spec"] = spec
            src, result = _services.amp_check(spec, form["source"], target_db)
            ctx["result"] = {"source": src, "result": result, "target": target_db}
        except HeadspecError as exc:
            ctx["form_error"] = exc
            return render(request, "amp.html", "amp", "Amp calculator",
                          status=exc.status if exc.status != 400 else 422, **ctx)
    return render(request, "amp.html", "amp", "Amp calculator", **ctx)


# --- Catalog -----------------------------------------------------------------------------------

def _link(params: _catalog.SearchParams, **changes: Any) -> str:
    data = params.model_dump()
    data.update(changes)
    if "page" not in changes:
        data["page"] = 1
    defaults = {"page": 1, "currency": "USD", "limit": _catalog.PAGE_SIZE}
    query = {k: ("true" if v is True else "false" if v is False
                 else int(v) if isinstance(v, float) and v.is_integer() else v)
             for k, v in data.items() if v not in (None, "") and defaults.get(k) != v}
    return "/catalog" + ("?" + urlencode(query) if query else "")


@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request,
                 params: _catalog.SearchParams = Depends(_catalog.search_params)) -> Response:
    from headspec.web.app import open_catalog_at

    sources, _ = _sources()
    cat = open_catalog_at(request.app.state.db_path)
    form_error, status = None, 200
    try:
        try:
            result = _catalog.search(cat, params)
        except HeadspecError as exc:  # a filter the catalog cannot use: show the page without it
            dropped = {"source": "drivable_by"}.get(exc.field or "", exc.field or "")
            if dropped not in params.filters():
                raise
            form_error, status = exc, 422 if exc.status in (400, 404) else exc.status
            params = params.model_copy(update={dropped: None})
            result = _catalog.search(cat, params)
        ranges = _catalog.range_facets(cat, params)
    finally:
        getattr(cat, "close", lambda: None)()
    pages = max(1, math.ceil(result.total / params.limit))
    return render(request, "catalog.html", "catalog", "Catalog", status=status, form_error=form_error,
                  params=params, result=result,
                  pages=pages, link=lambda **kw: _link(params, **kw), facet_labels=_catalog.FACET_LABELS,
                  facet_order=_catalog.FACET_ORDER, bool_facets=_catalog.BOOL_FACETS, sources=sources,
                  ranges=ranges)


# --- Model & Compare ---------------------------------------------------------------------------

@router.get("/models/{model_id}", response_class=HTMLResponse)
def model_page(request: Request, model_id: str, source: str = "", target: str = "110") -> Response:
    from headspec.web.app import open_catalog_at

    sources, sources_error = _sources()
    source = source[:500] or _default_source(sources)
    target_db = _float(target, "target", default=110.0) or 110.0
    cat = open_catalog_at(request.app.state.db_path)
    try:
        detail = _catalog.model(cat, model_id)
        chart = _catalog.chart_data(cat, [detail])
        verdict = _services.verdict_block(detail.id, source, catalog=cat, target_spl_db=target_db)
        similar = _catalog.similar_block(cat, detail)
    finally:
        getattr(cat, "close", lambda: None)()
    spec = _services.spec_from_model(detail)
    return render(request, "model.html", None, detail.name, detail=detail, spec=spec, chart=chart,
                  verdict=verdict, similar=similar,
                  tonality=_catalog.tonality_by_measurement(chart),
                  explain=_explain_block(spec), amp=_amp_block(spec, source, target_db), sources=sources,
                  sources_error=sources_error, source=source, target=target_db, presets=TARGET_PRESETS)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, source: str = "", target: str = "110") -> Response:
    from headspec.web.app import open_catalog_at

    ids = [i for i in (request.query_params.getlist("ids") or []) if i.strip()][:4]
    sources, sources_error = _sources()
    source = source[:500] or _default_source(sources)
    target_db = _float(target, "target", default=110.0) or 110.0
    ctx: dict[str, Any] = {"ids": ids, "sources": sources, "sources_error": sources_error, "source": source,
                           "target": target_db, "comparison": None, "chart": None, "amps": [],
                           "presets": TARGET_PRESETS}
    if len(ids) >= 2:
        cat = open_catalog_at(request.app.state.db_path)
        try:
            comparison = _catalog.compare(cat, ids)
            ctx["chart"] = _catalog.chart_data(cat, comparison.models)
        except HeadspecError as exc:
            ctx["form_error"] = exc
            return render(request, "compare.html", "compare", "Compare",
                          status=exc.status if exc.status != 400 else 422, **ctx)
        finally:
            getattr(cat, "close", lambda: None)()
        ctx["comparison"] = comparison
        ctx["amps"] = [_amp_block(_services.spec_from_model(m), source, target_db) for m in comparison.models]
    elif ids:
        ctx["notice"] = "Pick at least two models to compare."
    return render(request, "compare.html", "compare", "Compare", **ctx)


# --- Recommend ---------------------------------------------------------------------------------

@router.get("/recommend", response_class=HTMLResponse)
def recommend_page(request: Request) -> Response:
    from headspec.web.app import open_catalog_at

    qp = request.query_params
    sources, sources_error = _sources()
    wireless = {"wired": False, "wireless": True}.get(qp.get("wireless", ""))
    form: dict[str, Any] = {
        "source": qp.get("source", "")[:500], "uses": [u[:20] for u in qp.getlist("uses")][:8],
        "forms": [f[:20] for f in qp.getlist("forms")][:5], "wireless": qp.get("wireless", "any")[:10],
        "anc": qp.get("anc") == "on", "isolation": qp.get("isolation") == "on",
        "budget": qp.get("budget", "")[:20], "currency": (qp.get("currency") or "USD")[:3].upper(),
        "preference": qp.get("preference", "as-target")[:20]}
    try:
        from headspec.recommend import USES
    except ImportError:
        USES = ()  # noqa: N806
    ctx: dict[str, Any] = {"form": form, "sources": sources, "sources_error": sources_error, "uses": USES,
                           "forms": ("over-ear", "on-ear", "in-ear", "earbud"), "result": None,
                           "form_error": None}
    if "go" in qp:
        try:
            budget = _float(form["budget"], "budget")
            profile = _services.needs_profile({
                "source": form["source"] or None, "uses": form["uses"], "forms": form["forms"],
                "wireless": wireless, "anc": form["anc"], "isolation": form["isolation"],
                "budget": budget, "currency": form["currency"] if budget else None,
                "preference": form["preference"]})
            cat = open_catalog_at(request.app.state.db_path)
            try:
                ctx["result"] = _services.recommend(profile, cat, top=8)
            finally:
                cat.close()
        except HeadspecError as exc:
            ctx["form_error"] = exc
            return render(request, "recommend.html", "recommend", "Recommend",
                          status=exc.status if exc.status != 400 else 422, **ctx)
    return render(request, "recommend.html", "recommend", "Recommend", **ctx)


# --- Score an uploaded measurement ----------------------------------------------------------------

@router.post("/score", response_class=HTMLResponse)
async def score_upload_page(request: Request, file: UploadFile = File(...), form: str = Form("")) -> Response:
    data = await file.read(_services.MAX_BODY_BYTES + 1)
    form = form if form in {"over-ear", "on-ear", "in-ear", "earbud"} else ""
    try:
        result = _services.score_upload(data, file.filename or "upload.csv", form or None)
    except HeadspecError as exc:
        return render(request, "score.html", "decode", "Score a measurement", result=None, form_error=exc,
                      status=exc.status if exc.status != 400 else 422)
    chart = _catalog.chart_data(None, [])
    chart["curves"] = [{"id": 0, "model": result["name"], "name": result["name"], "source": "your upload",
                        "rig": None, "form": result["form"] or form, "score": result["score"]["score"],
                        **result["curve"]}]
    in_ear = (result["form"] or form) in {"in-ear", "earbud"}
    chart["default_target"] = "harman-in-ear-2019" if in_ear else "harman-over-ear-2018"
    return render(request, "score.html", "decode", "Score a measurement", result=result, chart=chart,
                  form_error=None)


@router.get("/score")
def score_get() -> Response:
    return RedirectResponse("/#score", status_code=303)
