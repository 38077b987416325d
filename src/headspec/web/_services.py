"""What the pages and the JSON API share: decode, explain, amp check, FR upload scoring.

Each function takes plain inputs, calls the library, and returns pydantic or plain data, so
the API returns exactly what a page shows. Other areas' modules are imported inside the
functions: the app starts fast and a page whose module is missing says so instead of failing.
"""

from __future__ import annotations

import importlib
import math
import tempfile
from pathlib import Path
from typing import Any

from headspec.errors import AmpInputError, HeadspecError, InputTooLargeError, NotFoundError, SpecParseError
from headspec.spec import Spec, db_per_mw_from_db_per_v, db_per_v_from_db_per_mw
from headspec.web._highlight import Segment, segments
from headspec.web._safety import MAX_BODY_BYTES

MAX_TEXT_CHARS = MAX_BODY_BYTES
TARGET_PRESETS = [(105.0, "105 dB · pop, rock"), (110.0, "110 dB · typical peaks"),
                  (115.0, "115 dB · classical")]


class FeatureUnavailable(HeadspecError):
    """A part of headspec this build does not include yet."""

    status = 503


def module(name: str) -> Any:
    """Import `headspec.<name>` or say clearly that this build lacks it."""
    try:
        return importlib.import_module(f"headspec.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("headspec"):
            raise FeatureUnavailable(f"this build of headspec has no {name} module yet", field=name,
                                     hint="update headspec; the rest of the app works") from None
        raise


def feature(name: str, attr: str) -> Any:
    """`headspec.<name>.<attr>`, or FeatureUnavailable when this build lacks it."""
    value = getattr(module(name), attr, None)
    if value is None:
        raise FeatureUnavailable(f"this build of headspec has no {name}.{attr} yet", field=name,
                                 hint="update headspec; the rest of the app works")
    return value


def check_text(text: str, field: str = "text") -> str:
    """Refuse empty or over-long pasted text with an error naming `field`."""
    if len(text) > MAX_TEXT_CHARS or len(text.encode("utf-8", "surrogatepass")) > MAX_BODY_BYTES:
        raise InputTooLargeError(f"{field} is over {MAX_BODY_BYTES // 1000} kB", field=field,
                                 hint="paste just the spec sheet or listing")
    if not text.strip():
        raise SpecParseError(f"{field} is empty", input=text, field=field,
                             hint="paste a spec sheet or a product listing")
    return text


def parse(text: str, country: str | None = None) -> Spec:
    """The spec decoded from `text`, with plausibility warnings added."""
    check_text(text)
    try:
        spec: Spec = feature("parse", "parse_spec")(text, country=country or None)
    except FeatureUnavailable:
        raise
    except HeadspecError as exc:
        exc.field = exc.field or "text"  # the pasted text is the only input here
        raise
    try:
        extra = feature("plausibility", "check")(spec)
    except FeatureUnavailable:
        extra = []
    seen = {(w.code, w.field) for w in spec.warnings}
    new = [w for w in extra if (w.code, w.field) not in seen]
    if new:
        spec = spec.model_copy(update={"warnings": [*spec.warnings, *new]})
    return spec


def highlight(text: str, spec: Spec) -> list[Segment]:
    """The input split into segments, marked where a decoded value came from."""
    return segments(text, spec.evidence)


def explain(spec: Spec) -> Any:
    """The explanation report for `spec`."""
    return feature("explain", "explain")(spec)


def list_sources() -> list[Any]:
    """Known source devices."""
    return feature("sources", "list_sources")()


def resolve_source(text: str) -> Any:
    """A source by name ("iPhone dongle") or by figures ("2 Vrms, 1 ohm")."""
    text = (text or "").strip()
    if not text:
        raise HeadspecError("choose a source", field="source", hint="pick one from the list or type figures "
                            "like '2 Vrms, 1 ohm'")
    sources = module("sources")
    try:
        return sources.get_source(text)
    except NotFoundError as not_found:
        if any(ch.isdigit() for ch in text):
            return sources.parse_source(text)
        raise not_found


def spec_from_figures(impedance_ohm: float | None, sensitivity_db: float | None,
                      sensitivity_basis: str | None, *, wireless: bool = False) -> Spec:
    """A Spec from typed figures; the sensitivity is converted to both bases when Z is known."""
    if impedance_ohm is None and not wireless:
        raise AmpInputError("give the headphone's impedance", field="impedance_ohm",
                            hint="e.g. 32 (ohms), from the spec sheet")
    if impedance_ohm is not None and (not math.isfinite(impedance_ohm) or impedance_ohm <= 0):
        raise AmpInputError(f"impedance must be a positive number of ohms, got {impedance_ohm:g}",
                            input=impedance_ohm, field="impedance_ohm", hint="e.g. 32 or 300")
    if sensitivity_db is None and not wireless:
        raise AmpInputError("give the headphone's sensitivity", field="sensitivity_db",
                            hint="e.g. 97 dB/mW or 102 dB/V")
    if sensitivity_db is not None and not (40 <= sensitivity_db <= 160):
        raise AmpInputError(f"sensitivity {sensitivity_db:g} dB is outside 40–160 dB", input=sensitivity_db,
                            field="sensitivity_db", hint="headphones are usually 80–125 dB/mW")
    basis = sensitivity_basis if sensitivity_basis in {"mW", "V"} else None
    if sensitivity_db is not None and basis is None:
        raise AmpInputError("say whether the sensitivity is per mW or per V", input=sensitivity_basis,
                            field="sensitivity_basis", hint="dB/mW (SPL at 1 mW) or dB/V (SPL at 1 Vrms)")
    per_mw = per_v = None
    if sensitivity_db is not None and impedance_ohm is not None:
        if basis == "mW":
            per_mw, per_v = sensitivity_db, db_per_v_from_db_per_mw(sensitivity_db, impedance_ohm)
        else:
            per_v, per_mw = sensitivity_db, db_per_mw_from_db_per_v(sensitivity_db, impedance_ohm)
    return Spec(impedance_ohm=impedance_ohm, sensitivity_db=sensitivity_db, sensitivity_basis=basis,
                sensitivity_db_per_mw=per_mw, sensitivity_db_per_v=per_v, wireless=wireless or None,
                is_headphone=True)


def spec_from_model(detail: Any) -> Spec:
    """A Spec assembled from a catalog model's merged values (unknown fields skipped)."""
    to_spec = getattr(detail, "to_spec", None)
    if callable(to_spec):
        return to_spec()
    values: dict[str, Any] = {}
    for item in getattr(detail, "specs", []):
        name = "form_factor" if item.field == "form" else item.field
        if name in Spec.model_fields and name not in {"evidence", "warnings"}:
            values[name] = item.value
    values.setdefault("brand", getattr(detail, "brand", None))
    values.setdefault("model", getattr(detail, "name", None))
    try:
        return Spec.model_validate(values)
    except ValueError:
        good = {}
        for key, val in values.items():
            try:
                Spec.model_validate({key: val})
            except ValueError:
                continue
            good[key] = val
        return Spec.model_validate(good)


def amp_check(spec: Spec, source_text: str, target_spl_db: float = 110.0) -> tuple[Any, Any]:
    """(source, AmpResult) for `spec` on the source named or described by `source_text`."""
    if not math.isfinite(target_spl_db) or not (60.0 <= target_spl_db <= 130.0):
        raise AmpInputError(f"target loudness {target_spl_db:g} dB SPL is outside 60–130 dB",
                            input=target_spl_db, field="target_spl_db",
                            hint="110 dB peaks is typical; above 120 dB harms hearing")
    source = resolve_source(source_text)
    result = feature("amp", "amp_check")(spec, source, target_spl_db=target_spl_db)
    return source, result


def score_upload(data: bytes, filename: str, form: str | None) -> dict[str, Any]:
    """Read an uploaded frequency-response file and return its score and tonality."""
    if len(data) > MAX_BODY_BYTES:
        raise InputTooLargeError(f"the file is over {MAX_BODY_BYTES // 1000} kB", field="file",
                                 hint="a frequency response is a few hundred rows")
    if not data.strip():
        raise HeadspecError("the uploaded file is empty", field="file",
                            hint="upload a CSV or REW .txt with frequency and SPL columns")
    fr = module("fr")
    safe_name = "".join(ch for ch in Path(filename or "upload.csv").name if ch.isalnum() or ch in " ._-()")
    safe_name = (safe_name.strip(" .") or "upload.csv")[:120]
    if not safe_name.lower().endswith((".csv", ".txt")):
        safe_name += ".csv"
    with tempfile.TemporaryDirectory(prefix="headspec-upload-") as tmp:
        path = Path(tmp) / safe_name
        path.write_bytes(data)
        try:
            curve = fr.read(path, name=Path(safe_name).stem, form=form or None)
        except HeadspecError as exc:
            exc.input = safe_name  # never leak the temporary directory
            exc.message = exc.message.replace(str(path), safe_name)
            exc.field = "file"
            raise
    result: dict[str, Any] = {"name": curve.name, "n_points": len(curve), "form": curve.form}
    if curve.form is None and not form:
        raise HeadspecError("say what kind of headphone this is", field="form",
                            hint="form: over-ear, on-ear, in-ear or earbud")
    result["score"] = fr.score(curve, form=form or None).to_dict()
    try:
        tonality = fr.describe(curve)
        result["tonality"] = tonality.to_dict() if hasattr(tonality, "to_dict") else _plain(tonality)
    except (AttributeError, ImportError, FeatureUnavailable):
        result["tonality"] = None
    result["curve"] = {"frequency_hz": [round(float(v), 2) for v in curve.frequency_hz],
                       "spl_db": [round(float(v), 2) for v in curve.spl_db]}
    return result


def _plain(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    return obj


plain = _plain


def verdict_for(model_or_spec: Any, source: str | None, use: str | None, catalog: Any = None,
                target_spl_db: float = 110.0) -> Any:
    """headspec's overall call on a catalog model (id/name, with `catalog`) or a decoded Spec."""
    return feature("verdict", "verdict")(model_or_spec, source or None, use or None, catalog=catalog,
                                         target_spl_db=target_spl_db)


def verdict_block(model_or_spec: Any, source: str | None, use: str | None = None, catalog: Any = None,
                  target_spl_db: float = 110.0) -> dict[str, Any]:
    """The verdict for a page, or the reason there is none (never raises a HeadspecError)."""
    try:
        return {"verdict": verdict_for(model_or_spec, source, use, catalog, target_spl_db), "error": None}
    except HeadspecError as exc:
        return {"verdict": None, "error": exc}


def needs_profile(data: dict[str, Any]) -> Any:
    """A `NeedsProfile` from form or JSON data; validation problems become an error naming the field."""
    from pydantic import ValidationError

    profile_cls = feature("recommend", "NeedsProfile")
    try:
        return profile_cls.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or None
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        if field is None:  # a whole-profile rule: name the field the message is about
            field = next((k for k in ("currency", "budget", "forms", "uses", "source") if k in message), None)
        raise HeadspecError(message, input=first.get("input") if first.get("loc") else None, field=field,
                            hint="see /docs for the accepted values") from None


def recommend(profile: Any, catalog: Any, top: int = 5) -> Any:
    """Ranked picks for `profile` from the catalog."""
    return feature("recommend", "recommend")(profile, catalog, top=top)
