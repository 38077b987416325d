"""Do I need an amp? Decided by physics for the buyer's actual source (DOMAIN.md §2).

    SPL = S_V + 20·log10(V),   S_V = S_mW + 10·log10(1000 / Z)
    needed for a target SPL:  V = 10^((SPL_t − S_V)/20),  P = V²/Z,  I = V/Z

Verdicts compare the loudest level the source reaches in this headphone with the
target peak level (110 dB SPL by default):

    headroom_db = max_spl_db − target_spl_db
    "enough"     headroom_db ≥ 0
    "marginal"   −6 dB ≤ headroom_db < 0   (the source falls short by at most 6 dB)
    "needs-amp"  headroom_db < −6 dB

A wireless headphone has its own amplifier: its verdict is "drives-itself".
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from headspec.errors import AmpInputError, FrReadError
from headspec.sources import Limiting, Source, parse_source
from headspec.spec import Spec, db_per_mw_from_db_per_v, db_per_v_from_db_per_mw

Verdict = Literal["enough", "marginal", "needs-amp", "drives-itself"]

DEFAULT_TARGET_SPL_DB = 110.0
MARGINAL_DB = 6.0
# Music peaks sit well above the average level; 20 dB of peak headroom keeps dynamic music unclipped.
CREST_FACTOR_DB = 20.0
SPL_PRESETS: dict[str, float] = {
    "compressed pop (105 dB peaks)": 105.0,
    "default (110 dB peaks)": 110.0,
    "wide-dynamic classical (115 dB peaks)": 115.0,
}
HARMFUL_SPL_DB = 120.0
DRIVES_ITSELF = ("drives itself: built-in amplifier. A wireless headphone's own amp drives its drivers, so "
                 "impedance and sensitivity do not decide whether you need an amp.")


# ---------------------------------------------------------------- inputs

_SENS_RE = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*(?:(?:±|\+/-)\s*\d+(?:[.,]\d+)?\s*)?(?:dB)?(.*)$",
                      re.IGNORECASE)


def parse_sensitivity(text: str) -> tuple[float, Literal["mW", "V", "unknown"]]:
    """Read "97 dB/mW", "102 dB/V", "105 dB SPL/V", "110dB/Vrms(@1kHz)" or a bare "100 dB" (basis unknown)."""
    raw = str(text).strip()
    m = _SENS_RE.match(raw)
    if not raw or m is None:
        raise AmpInputError(f"sensitivity {raw!r} is not a number of dB", input=raw, field="sensitivity",
                            hint="give e.g. '97 dB/mW' or '102 dB/V' "
                                 "(a bare '100 dB' means the basis is unknown)")
    value = float(m.group(1).replace(",", "."))
    tail = m.group(2).lower()
    if re.search(r"m\s*w|milliwatt", tail):
        basis: Literal["mW", "V", "unknown"] = "mW"
    elif re.search(r"\d?\s*v(?:rms)?\b|volt", tail):
        basis = "V"
    elif re.sub(r"\d+(?:[.,]\d+)?\s*k?hz|\bat\b|[@/()\s.,:±]|\d|sensitivity|front",
                "", re.sub(r"s\.?\s*p\.?\s*l\.?", "", tail)):
        raise AmpInputError(f"cannot read the sensitivity basis in {raw!r}", input=raw, field="sensitivity",
                            hint="write the basis as 'dB/mW' or 'dB/V'")
    else:
        basis = "unknown"
    if not 60.0 <= value <= 150.0:
        raise AmpInputError(f"sensitivity {value:g} dB is outside 60-150 dB", input=raw, field="sensitivity",
                            hint="headphones are about 80-130 dB/mW or 90-140 dB/V; check the figure")
    return value, basis


def check_impedance(z: object) -> float:
    """Nominal impedance in ohms from a number or text, refused when it cannot be a headphone's."""
    try:
        value = float(z)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AmpInputError(f"impedance {z!r} is not a number", input=z, field="impedance",
                            hint="give the impedance in ohms, e.g. 32") from None
    if not math.isfinite(value) or value <= 0:
        raise AmpInputError(f"impedance must be a positive number of ohms, got {z!r}", input=z,
                            field="impedance", hint="give the nominal impedance in ohms, e.g. 32 or 300")
    if value > 100_000:
        raise AmpInputError(f"impedance {value:g} ohm is not a headphone", input=z, field="impedance",
                            hint="dynamic and planar headphones are 8-600 ohm")
    return value


def check_target(target: object) -> float:
    """Target peak level in dB SPL from a number or text, refused outside 60–140 dB."""
    try:
        value = float(target)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AmpInputError(f"target SPL {target!r} is not a number", input=target, field="target_spl",
                            hint="give peak dB SPL, e.g. 105, 110 or 115") from None
    if not 60.0 <= value <= 140.0:
        raise AmpInputError(f"target SPL {value:g} dB is outside 60-140 dB", input=target, field="target_spl",
                            hint="give peak dB SPL, e.g. 105, 110 or 115")
    return value


class ImpedanceCurve(BaseModel):
    """Impedance magnitude (and optional phase) against frequency."""

    model_config = ConfigDict(frozen=True)

    frequency_hz: tuple[float, ...]
    ohms: tuple[float, ...]
    phase_deg: tuple[float, ...] | None = None
    name: str | None = None

    def at(self, frequency_hz: float) -> complex:
        """Complex impedance at a frequency (log-frequency interpolation, clamped at the ends)."""
        import numpy as np

        lf = np.log(np.asarray(self.frequency_hz))
        x = math.log(frequency_hz)
        mag = float(np.interp(x, lf, np.asarray(self.ohms)))
        ph = float(np.interp(x, lf, np.asarray(self.phase_deg))) if self.phase_deg else 0.0
        return mag * complex(math.cos(math.radians(ph)), math.sin(math.radians(ph)))


def read_impedance_curve(source: str | Path | Sequence[Sequence[float]]) -> ImpedanceCurve:
    """An impedance curve from a CSV path (frequency, ohms[, phase_deg]) or from (f, ohms) pairs."""
    if isinstance(source, ImpedanceCurve):
        return source
    name = None
    if isinstance(source, str | Path):
        path = Path(source)
        name = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise FrReadError(f"cannot read impedance curve: {exc.__class__.__name__}", path=path,
                              hint="give a CSV file with columns frequency, ohms") from None
        rows = _csv_rows(text, path)
    else:
        rows = []
        for i, pair in enumerate(source, start=1):
            if len(pair) < 2:
                raise FrReadError("each point needs a frequency and an impedance", path="<curve>", line=i,
                                  hint="give (frequency_hz, ohms) pairs")
            try:
                rows.append((i, [float(v) for v in pair]))
            except (TypeError, ValueError):
                raise FrReadError(f"point {pair!r} is not numbers", path="<curve>", line=i,
                                  hint="give (frequency_hz, ohms) pairs") from None
    if len(rows) < 2:
        raise FrReadError("an impedance curve needs at least two points", path=name or "<curve>",
                          hint="give rows of frequency, ohms")
    has_phase = all(len(v) >= 3 for _, v in rows)
    points: dict[float, tuple[float, float]] = {}
    for line, values in rows:
        f, z = values[0], values[1]
        if not (math.isfinite(f) and f > 0):
            raise FrReadError(f"frequency {f:g} is not a positive number of Hz", path=name or "<curve>",
                              line=line, hint="frequencies are in Hz, e.g. 20 to 20000")
        if not (math.isfinite(z) and z > 0):
            raise FrReadError(f"impedance {z:g} is not a positive number of ohms", path=name or "<curve>",
                              line=line, hint="impedance magnitudes are positive ohms")
        points[f] = (z, values[2] if has_phase else 0.0)
    freqs = sorted(points)
    return ImpedanceCurve(frequency_hz=tuple(freqs), ohms=tuple(points[f][0] for f in freqs),
                          phase_deg=tuple(points[f][1] for f in freqs) if has_phase else None, name=name)


def _csv_rows(text: str, path: Path) -> list[tuple[int, list[float]]]:
    rows: list[tuple[int, list[float]]] = []
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ("\t" if "\t" in sample else ",")
    for line_no, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [c.strip() for c in cells if c.strip()]
        if len(cells) == 1 and " " in cells[0]:
            cells = cells[0].split()
        if not cells or cells[0].startswith("#"):
            continue
        try:
            values = [float(c) for c in cells[:3]]
        except ValueError:
            if not rows:  # a header line
                continue
            raise FrReadError(f"not a number in {','.join(cells)[:60]!r}", path=path, line=line_no,
                              hint="each row is frequency, ohms (optionally phase in degrees)") from None
        if len(values) < 2:
            raise FrReadError("row has one value; need frequency and ohms", path=path, line=line_no,
                              hint="each row is frequency, ohms")
        rows.append((line_no, values))
    return rows


# ---------------------------------------------------------------- result

class ResponseDeviation(BaseModel):
    """ΔdB(f) = 20·log10(|Z(f)|/|Z(f)+Z_out|) − 20·log10(|Z_ref|/|Z_ref+Z_out|)."""

    frequency_hz: list[float]
    deviation_db: list[float]
    range_db: float  # max − min: how much the output impedance reshapes the response
    z_ref_ohm: float
    z_min_ohm: float
    z_max_ohm: float


class PresetCheck(BaseModel):
    name: str
    target_spl_db: float
    headroom_db: float
    verdict: Verdict


class SensitivityReading(BaseModel):
    """One reading of an ambiguous bare-'dB' sensitivity."""

    basis: Literal["mW", "V"]
    sensitivity_db_per_v: float
    max_spl_db: float
    required_vrms: float
    headroom_db: float
    verdict: Verdict


class AmpResult(BaseModel):
    """Everything the amp check found; see the module docstring for the verdict rule."""

    headphone: str | None = None
    source: str
    source_figures: str | None = None
    target_spl_db: float
    verdict: Verdict
    impedance_ohm: float | None = None
    sensitivity_db_per_v: float | None = None
    sensitivity_db_per_mw: float | None = None
    sensitivity_basis: Literal["mW", "V", "unknown"] | None = None
    max_spl_db: float | None = None
    required_vrms: float | None = None
    required_mw: float | None = None
    required_ma: float | None = None
    available_vrms: float | None = None
    available_mw: float | None = None
    available_ma: float | None = None
    headroom_db: float | None = None
    limiting: Limiting | None = None
    output_impedance_ohm: float | None = None
    damping_factor: float | None = None
    level_loss_db: float | None = None
    one_eighth_rule_ok: bool | None = None
    max_output_impedance_ohm: float | None = None
    sustainable_spl_db: float | None = None
    presets: list[PresetCheck] = []
    readings: list[SensitivityReading] = []
    response_deviation: ResponseDeviation | None = None
    notes: list[str] = []


def verdict_for(headroom_db: float) -> Verdict:
    """enough (≥ 0 dB), marginal (−6 ≤ h < 0), needs-amp (< −6 dB)."""
    if headroom_db >= 0:
        return "enough"
    if headroom_db >= -MARGINAL_DB:
        return "marginal"
    return "needs-amp"


def required_drive(sensitivity_db_per_v: float, impedance_ohm: float, target_spl_db: float) -> tuple[
        float, float, float]:
    """(Vrms, mW, mA) a headphone needs for a target SPL."""
    v = 10.0 ** ((target_spl_db - sensitivity_db_per_v) / 20.0)
    return v, 1000.0 * v * v / impedance_ohm, 1000.0 * v / impedance_ohm


Reading = tuple[Literal["mW", "V"], float]


def sensitivity_readings(spec: Spec) -> tuple[list[Reading], Literal["mW", "V", "unknown"]]:
    """The dB/V sensitivity (one, or two readings when the basis is unknown) and the stated basis.

    The stated figure and basis are converted exactly; the parser's rounded `sensitivity_db_per_v` /
    `sensitivity_db_per_mw` are used only when no stated figure is present.
    """
    z = spec.impedance_ohm
    basis = spec.sensitivity_basis or ("unknown" if spec.sensitivity_db is not None else None)
    if spec.sensitivity_db is not None and basis == "V":
        return [("V", spec.sensitivity_db)], "V"
    if spec.sensitivity_db is not None and basis in ("mW", "unknown"):
        if z is None:
            raise _no_impedance()
        as_mw: Reading = ("mW", db_per_v_from_db_per_mw(spec.sensitivity_db, z))
        if basis == "mW":
            return [as_mw], "mW"
        return [as_mw, ("V", spec.sensitivity_db)], "unknown"
    if spec.sensitivity_db_per_v is not None:
        return [("V", spec.sensitivity_db_per_v)], "V"
    if spec.sensitivity_db_per_mw is not None:
        if z is None:
            raise _no_impedance()
        return [("mW", db_per_v_from_db_per_mw(spec.sensitivity_db_per_mw, z))], "mW"
    raise AmpInputError("the headphone's sensitivity is missing", input=None, field="sensitivity",
                        hint="give the sensitivity with its basis, e.g. 97 dB/mW or 102 dB/V")


def _no_impedance() -> AmpInputError:
    return AmpInputError("the headphone's impedance is missing", input=None, field="impedance",
                         hint="give the impedance in ohms, e.g. 32")


def _name(spec: Spec) -> str | None:
    parts = [p for p in (spec.brand, spec.model) if p]
    return " ".join(parts) or None


# ---------------------------------------------------------------- the check

CurveInput = ImpedanceCurve | str | Path | Sequence[Sequence[float]]


def amp_check(headphone: Spec, source: Source | str, target_spl_db: float = DEFAULT_TARGET_SPL_DB,
              impedance_curve: CurveInput | None = None) -> AmpResult:
    """How loud `source` drives `headphone`, what the target needs, and whether an amp is needed."""
    target = check_target(target_spl_db)
    src = parse_source(source) if isinstance(source, str) else source
    if headphone.wireless:
        return AmpResult(headphone=_name(headphone), source=src.name, source_figures=src.describe(),
                         target_spl_db=target, verdict="drives-itself",
                         notes=[DRIVES_ITSELF])
    if headphone.impedance_ohm is None:
        raise _no_impedance()
    z = check_impedance(headphone.impedance_ohm)
    readings, basis = sensitivity_readings(headphone)
    drive = src.load_voltage(z)
    curve = read_impedance_curve(impedance_curve) if impedance_curve is not None else None

    results = []
    for rbasis, s_v in readings:
        max_spl = s_v + 20.0 * math.log10(drive.vrms)
        v, _, _ = required_drive(s_v, z, target)
        results.append(SensitivityReading(basis=rbasis, sensitivity_db_per_v=s_v, max_spl_db=max_spl,
                                          required_vrms=v, headroom_db=max_spl - target,
                                          verdict=verdict_for(max_spl - target)))
    # the main figures use the reading that needs more drive (the cautious one)
    main = min(results, key=lambda r: r.sensitivity_db_per_v)
    s_v = main.sensitivity_db_per_v
    req_v, req_mw, req_ma = required_drive(s_v, z, target)
    max_spl = main.max_spl_db
    headroom = max_spl - target

    zout = src.output_impedance_ohm
    notes: list[str] = []
    damping = level_loss = None
    rule_ok = None
    max_zout = None
    z_min = z
    deviation = None
    if curve is not None:
        deviation = _deviation(curve, zout or 0.0, z)
        z_min = deviation.z_min_ohm
    if zout is not None:
        damping = z / zout if zout > 0 else math.inf
        level_loss = 20.0 * math.log10(z / (z + zout))
        max_zout = z_min / 8.0
        rule_ok = zout <= max_zout
    else:
        notes.append("The source's output impedance is not stated: level loss, damping and tonal colouring "
                     "are unknown (figures assume an ideal 0 Ω output).")

    result = AmpResult(
        headphone=_name(headphone), source=src.name, source_figures=src.describe(), target_spl_db=target,
        verdict=verdict_for(headroom), impedance_ohm=z, sensitivity_db_per_v=s_v,
        sensitivity_db_per_mw=db_per_mw_from_db_per_v(s_v, z), sensitivity_basis=basis,
        max_spl_db=max_spl, required_vrms=req_v, required_mw=req_mw, required_ma=req_ma,
        available_vrms=drive.vrms, available_mw=drive.mw, available_ma=drive.ma, headroom_db=headroom,
        limiting=drive.limiting, output_impedance_ohm=zout,
        damping_factor=None if damping is None or math.isinf(damping) else damping,
        level_loss_db=level_loss, one_eighth_rule_ok=rule_ok, max_output_impedance_ohm=max_zout,
        sustainable_spl_db=max_spl - CREST_FACTOR_DB,
        presets=[PresetCheck(name=n, target_spl_db=t, headroom_db=max_spl - t,
                             verdict=verdict_for(max_spl - t)) for n, t in SPL_PRESETS.items()],
        readings=results if len(results) > 1 else [],
        response_deviation=deviation,
    )
    result.notes = notes + _notes(result, drive.extrapolated, results, src)
    return result


def _deviation(curve: ImpedanceCurve, zout: float, nominal: float) -> ResponseDeviation:
    lo, hi = curve.frequency_hz[0], curve.frequency_hz[-1]
    z_ref = curve.at(1000.0) if lo <= 1000.0 <= hi else complex(nominal, 0.0)
    ref = 20.0 * math.log10(abs(z_ref) / abs(z_ref + zout))
    devs = []
    for f in curve.frequency_hz:
        zf = curve.at(f)
        devs.append(20.0 * math.log10(abs(zf) / abs(zf + zout)) - ref)
    return ResponseDeviation(frequency_hz=list(curve.frequency_hz), deviation_db=devs,
                             range_db=max(devs) - min(devs), z_ref_ohm=abs(z_ref),
                             z_min_ohm=min(curve.ohms), z_max_ohm=max(curve.ohms))


def _notes(r: AmpResult, extrapolated: bool, readings: list[SensitivityReading], src: Source) -> list[str]:
    assert r.max_spl_db is not None and r.required_vrms is not None and r.headroom_db is not None
    assert r.available_vrms is not None and r.impedance_ohm is not None
    notes = []
    z = r.impedance_ohm
    if r.verdict == "enough":
        notes.append(f"Reaches {r.max_spl_db:.1f} dB SPL, {r.headroom_db:.1f} dB above the "
                     f"{r.target_spl_db:g} dB target: no amp needed for level.")
    elif r.verdict == "marginal":
        notes.append(f"Reaches {r.max_spl_db:.1f} dB SPL, {-r.headroom_db:.1f} dB short of the "
                     f"{r.target_spl_db:g} dB target: loud enough for most music, but peaks may clip.")
    else:
        notes.append(f"Reaches only {r.max_spl_db:.1f} dB SPL, {-r.headroom_db:.1f} dB short of the "
                     f"{r.target_spl_db:g} dB target: it needs {r.required_vrms:.2f} Vrms and the source "
                     f"gives {r.available_vrms:.2f} V into {z:g} Ω — get an amp.")
    if r.limiting == "current":
        notes.append(f"The source is current-limited into {z:g} Ω ({r.available_ma:.0f} mA): a lower "
                     f"impedance gets less voltage, not more power.")
    elif r.limiting == "power":
        notes.append("Between its rated loads the source is limited by power (neither a fixed voltage nor a "
                     "fixed current).")
    if extrapolated:
        notes.append("The load lies outside the source's rated loads: the figure is a cautious "
                     "extrapolation.")
    if src.basis in ("claimed", "typical"):
        what = "an unsourced claim" if src.basis == "claimed" else "a class estimate"
        notes.append(f"The source figures are {src.basis} ({what}), not a measurement.")
    if r.output_impedance_ohm is not None and r.one_eighth_rule_ok is False:
        d = r.response_deviation
        extra = (f"; with this impedance curve the response shifts by up to {d.range_db:.1f} dB"
                 if d is not None else "; any impedance swing of the headphone will colour the sound")
        df = z / max(r.output_impedance_ohm, 1e-9)
        notes.append(f"Output impedance {r.output_impedance_ohm:g} Ω is more than 1/8 of the headphone's "
                     f"{(d.z_min_ohm if d else z):g} Ω minimum (damping factor {df:.1f}){extra}. "
                     "Loud enough is not the same as accurate.")
    elif r.response_deviation is not None:
        notes.append(f"With this impedance curve the output impedance shifts the response by "
                     f"{r.response_deviation.range_db:.2f} dB at most.")
    if len(readings) > 1:
        a, b = readings
        if a.verdict != b.verdict:
            notes.append(f"The sensitivity has no basis: read as dB/mW the verdict is '{a.verdict}', read as "
                         f"dB/V it is '{b.verdict}'. The assumption decides the verdict; the cautious "
                         "reading is used above. Check the maker's spec sheet for 'dB/mW' or 'dB/V'.")
        else:
            notes.append(f"The sensitivity has no basis, but both readings (dB/mW and dB/V) give "
                         f"'{a.verdict}'.")
    tier = ("fine on a phone" if z <= 32 else "a grey area where a phone probably gets loud enough"
            if z <= 100 else "needs an amp")
    phone_like = (src.open_circuit_vrms(z) or r.available_vrms) <= 1.3
    if phone_like and ((z <= 100 and r.verdict == "needs-amp") or (z > 100 and r.verdict == "enough")):
        notes.append("The guide's impedance tiers (≤32 Ω phone-fine, 33–100 Ω grey, >100 Ω needs an amp) "
                     f"put {z:g} Ω in '{tier}'; physics says '{r.verdict}' because the tiers ignore "
                     f"sensitivity ({r.sensitivity_db_per_v:.1f} dB/V, "
                     f"{r.sensitivity_db_per_mw:.1f} dB/mW here).")
    if r.target_spl_db > HARMFUL_SPL_DB:
        notes.append(f"Peaks above {HARMFUL_SPL_DB:g} dB SPL harm hearing even briefly.")
    notes.append(f"Sustainable listening level: about {r.sustainable_spl_db:.0f} dB SPL average, keeping "
                 f"{CREST_FACTOR_DB:g} dB for peaks.")
    return notes
