"""JSON API under /api/: the same operations as the pages, as documents.

Errors are `{error, message, field, input, hint, status}` with the HTTP status of the error.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field

from headspec.catalog.results import SearchResult
from headspec.explain import Report
from headspec.recommend import Recommendation, SimilarResult
from headspec.spec import Spec
from headspec.verdict import Verdict
from headspec.web import _catalog, _services
from headspec.web._highlight import Segment
from headspec.web.app import open_catalog

router = APIRouter(prefix="/api", tags=["api"])


class ParseRequest(BaseModel):
    text: str = Field(description="a spec sheet or listing, as pasted", max_length=_services.MAX_TEXT_CHARS)
    country: str | None = Field(None, description="ISO country code, helps read prices like '$'",
                                max_length=8)


class ParseResponse(BaseModel):
    spec: Spec
    segments: list[Segment] = Field(description="the input split into runs; `fields` names the values a "
                                                "run supports")


class HeadphoneInput(BaseModel):
    """The headphone to check: pasted text, a catalog model, or figures."""

    text: str | None = Field(None, max_length=_services.MAX_TEXT_CHARS)
    model: str | None = Field(None, description="catalog model id or name", max_length=300)
    impedance_ohm: float | None = None
    sensitivity_db: float | None = None
    sensitivity_basis: Literal["mW", "V"] | None = None
    wireless: bool = False


class AmpRequest(BaseModel):
    headphone: HeadphoneInput
    source: str = Field(description="a known source name or figures such as '2 Vrms, 1 ohm'", max_length=500)
    target_spl_db: float = Field(110.0, description="peak loudness wanted, dB SPL")


class ExplainRequest(BaseModel):
    text: str | None = Field(None, max_length=_services.MAX_TEXT_CHARS)
    spec: Spec | None = None


@router.post("/parse", response_model=ParseResponse, summary="Decode a spec sheet or listing")
def api_parse(body: ParseRequest) -> dict[str, Any]:
    spec = _services.parse(body.text, body.country)
    return {"spec": spec, "segments": _services.highlight(body.text, spec)}


@router.post("/explain", response_model=Report, summary="Explain a spec (from text or a Spec document)")
def api_explain(body: ExplainRequest) -> Any:
    if body.spec is None and body.text is None:
        from headspec.errors import SpecParseError

        raise SpecParseError("give `text` or `spec`", field="text", hint="paste a spec sheet as `text`")
    spec = body.spec if body.spec is not None else _services.parse(body.text or "")
    return _services.plain(_services.explain(spec))


@router.get("/sources", summary="Known source devices (phones, dongles, laptops, amps)")
def api_sources() -> list[Any]:
    return [_services.plain(s) for s in _services.list_sources()]


def _headphone_spec(h: HeadphoneInput, catalog_dep: Any) -> Spec:
    if h.text:
        return _services.parse(h.text)
    if h.model:
        return _services.spec_from_model(_catalog.model(catalog_dep(), h.model))
    return _services.spec_from_figures(h.impedance_ohm, h.sensitivity_db, h.sensitivity_basis,
                                       wireless=h.wireless)


@router.post("/amp", summary="Can this source drive this headphone?")
def api_amp(body: AmpRequest, request: Request) -> dict[str, Any]:
    with _catalog.lazy(request.app.state.db_path) as get_catalog:
        spec = _headphone_spec(body.headphone, get_catalog)
    source, result = _services.amp_check(spec, body.source, body.target_spl_db)
    return {"headphone": spec.model_dump(mode="json", exclude={"evidence"}),
            "source": _services.plain(source), "target_spl_db": body.target_spl_db,
            "result": _services.plain(result)}


@router.post("/fr/score", summary="Score an uploaded frequency response (CSV or REW text, ≤ 1 MB)")
async def api_fr_score(file: UploadFile = File(...),
                       form: Literal["over-ear", "on-ear", "in-ear", "earbud"] | None = Form(None)) -> Any:
    data = await file.read(_services.MAX_BODY_BYTES + 1)
    return _services.score_upload(data, file.filename or "upload.csv", form)


@router.get("/search", response_model=SearchResult, summary="Search the catalog with facets")
def api_search(params: _catalog.SearchParams = Depends(_catalog.search_params),
               catalog: Any = Depends(open_catalog)) -> Any:
    return _services.plain(_catalog.search(catalog, params))


@router.get("/models/{model_id}", summary="One model: specs, variants, prices, measurements")
def api_model(model_id: str, catalog: Any = Depends(open_catalog)) -> Any:
    return _catalog.public(_catalog.model(catalog, model_id))


@router.get("/models/{model_id}/curves", summary="The model's measured responses and their targets")
def api_model_curves(model_id: str, catalog: Any = Depends(open_catalog)) -> Any:
    detail = _catalog.model(catalog, model_id)
    return _catalog.chart_data(catalog, [detail])


@router.get("/compare", summary="Two to four models side by side")
def api_compare(ids: list[str] = Query(..., description="model ids, 2 to 4"),
                catalog: Any = Depends(open_catalog)) -> Any:
    comparison = _catalog.compare(catalog, ids)
    return {"models": [_catalog.public(m) for m in comparison.models],
            "rows": [r.model_dump(mode="json") for r in comparison.rows]}


class VerdictRequest(BaseModel):
    text: str | None = Field(None, max_length=_services.MAX_TEXT_CHARS, description="a spec sheet or listing")
    model: str | None = Field(None, max_length=300, description="catalog model id or name")
    source: str | None = Field(None, max_length=500)
    use: str | None = Field(None, max_length=40, description="commute, office, home, studio, gym, ...")
    target_spl_db: float = 110.0


@router.post("/verdict", response_model=Verdict,
             summary="Is it good? headspec's call on a catalog model or a pasted spec sheet")
def api_verdict(body: VerdictRequest, request: Request) -> Any:
    if not body.text and not body.model:
        from headspec.errors import SpecParseError

        raise SpecParseError("give `model` or `text`", field="model",
                             hint="a catalog model name, or a spec sheet")
    with _catalog.lazy(request.app.state.db_path) as get_catalog:
        cat = get_catalog()
        subject: Any = _services.parse(body.text) if body.text else _catalog.model(cat, body.model or "").id
        v = _services.verdict_for(subject, body.source, body.use, catalog=cat,
                                  target_spl_db=body.target_spl_db)
    return _services.plain(v)


@router.get("/models/{model_id}/similar", response_model=SimilarResult,
             summary="Models that sound closest to this one (measured)")
def api_similar(model_id: str, top: int = Query(5, ge=1, le=50), catalog: Any = Depends(open_catalog)) -> Any:
    from headspec.recommend import similar

    return _services.plain(similar(_catalog.model(catalog, model_id).id, catalog, top=top))


class RecommendRequest(BaseModel):
    source: str | None = Field(None, max_length=500)
    uses: list[str] = Field(default_factory=list, max_length=8)
    isolation: bool = False
    anc: bool = False
    wireless: bool | None = None
    forms: list[str] = Field(default_factory=list, max_length=5)
    budget: float | None = None
    currency: str | None = Field(None, max_length=3)
    preference: str = "as-target"
    target_spl_db: float = 110.0
    top: int = Field(5, ge=1, le=20)


@router.post("/recommend", response_model=Recommendation,
             summary="Ranked models for a person's needs (hard constraints filter, uses rank)")
def api_recommend(body: RecommendRequest, catalog: Any = Depends(open_catalog)) -> Any:
    profile = _services.needs_profile(body.model_dump(exclude={"top"}))
    return _services.plain(_services.recommend(profile, catalog, top=body.top))
