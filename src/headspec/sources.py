"""Source devices: what a phone, dongle, laptop, player or amp can put into a headphone.

A source is modelled as an open-circuit voltage V_oc behind an output impedance
Z_out, with a current limit I_max (DOMAIN.md §2):

    V_L = min(V_oc · Z / (Z + Z_out), I_max · Z)

Makers rarely state V_oc and I_max; they give power into one or more loads. A
rating P at load R means V = √(P·R) there; ratings at two or more loads tell a
voltage-limited output (same V at each load) from a current-limited one (same I).
Between rated loads the voltage is interpolated on log–log axes (exact for both
pure cases); above the highest rated load the output is voltage-limited, below
the lowest one it is assumed to give no more current than at that load.

Known devices live in `data/sources.csv` (origin per row); text such as
"2 Vrms, 1 ohm" or "1.2 W into 32 Ω, 120 mW into 300 Ω" is read by `parse_source`.
"""

from __future__ import annotations

import csv
import difflib
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from headspec.errors import NotFoundError, SourceSpecError

Limiting = Literal["voltage", "current", "power"]
SourceKind = Literal["phone", "usb_dongle", "laptop", "dap", "portable_amp", "desktop_amp", "typical",
                     "custom"]
Basis = Literal["rated", "measured", "claimed", "typical", "given"]

# Two rated voltages (or currents) within 10 % of each other count as "the same".
_SAME = math.log(1.10)


class PowerRating(BaseModel):
    """Power a source delivers into one stated load."""

    model_config = ConfigDict(frozen=True)

    load_ohm: float = Field(gt=0)
    mw: float = Field(gt=0)

    @property
    def vrms(self) -> float:
        """V = √(P·R)."""
        return math.sqrt(self.mw / 1000.0 * self.load_ohm)

    @property
    def ma(self) -> float:
        """I = √(P/R), in mA."""
        return 1000.0 * math.sqrt(self.mw / 1000.0 / self.load_ohm)


class LoadBand(BaseModel):
    """An adaptive output's voltage for loads in [lo_ohm, hi_ohm) (e.g. MacBooks since 2021)."""

    model_config = ConfigDict(frozen=True)

    lo_ohm: float = Field(ge=0)
    hi_ohm: float = Field(gt=0)
    vrms: float = Field(gt=0)


class LoadDrive(BaseModel):
    """What a source gives one load: voltage, current, power, and what limits it."""

    model_config = ConfigDict(frozen=True)

    load_ohm: float
    vrms: float
    ma: float
    mw: float
    limiting: Limiting
    extrapolated: bool = False  # outside the rated loads: a conservative model, not a rating


class Source(BaseModel):
    """A device's headphone output. Every figure keeps the basis and origin it came from."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: SourceKind = "custom"
    aliases: tuple[str, ...] = ()
    vrms: float | None = Field(default=None, gt=0)
    vrms_load_ohm: float | None = Field(default=None, gt=0)
    vrms_by_load: tuple[LoadBand, ...] = ()
    ratings: tuple[PowerRating, ...] = ()
    imax_ma: float | None = Field(default=None, gt=0)
    output_impedance_ohm: float | None = Field(default=None, ge=0)
    basis: Basis = "given"
    notes: str = ""
    origin: str = ""

    def has_output(self) -> bool:
        """True when any voltage or power figure is known."""
        return bool(self.vrms or self.vrms_by_load or self.ratings)

    @property
    def zout(self) -> float:
        """Output impedance, 0 Ω (ideal) when not stated."""
        return self.output_impedance_ohm or 0.0

    def open_circuit_vrms(self, load_ohm: float | None = None) -> float | None:
        """V_oc from a stated voltage (corrected for Z_out when stated at a load), or None."""
        if self.vrms_by_load:
            z = load_ohm if load_ohm is not None else math.inf
            for band in self.vrms_by_load:
                if band.lo_ohm <= z < band.hi_ohm:
                    return band.vrms
            last = self.vrms_by_load[-1]
            return last.vrms if z >= last.hi_ohm else self.vrms_by_load[0].vrms
        if self.vrms is None:
            return None
        if self.vrms_load_ohm:
            return self.vrms * (self.vrms_load_ohm + self.zout) / self.vrms_load_ohm
        return self.vrms

    def load_voltage(self, load_ohm: float) -> LoadDrive:
        """Voltage, current and power this source can put into `load_ohm`, and the limiting factor."""
        if not (load_ohm > 0 and math.isfinite(load_ohm)):
            raise SourceSpecError(f"load impedance must be a positive number of ohms, got {load_ohm!r}",
                                  input=load_ohm, field="impedance", hint="give e.g. 32 (ohms)")
        if not self.has_output():
            raise SourceSpecError(f"source {self.name!r} has no output figure", input=self.name,
                                  field="source", hint="give a voltage or a power into a load, "
                                  "e.g. '2 Vrms, 1 ohm' or '250 mW @ 32 ohm'")
        z, zout = load_ohm, self.zout
        candidates: list[tuple[float, Limiting, bool]] = []
        voc = self.open_circuit_vrms(z)
        if voc is not None:
            candidates.append((voc * z / (z + zout), "voltage", False))
        if self.ratings:
            candidates.append(self._from_ratings(z))
        if self.imax_ma is not None:
            candidates.append((self.imax_ma / 1000.0 * z, "current", False))
        vrms, limiting, extrapolated = min(candidates, key=lambda c: c[0])
        return LoadDrive(load_ohm=z, vrms=vrms, ma=1000.0 * vrms / z, mw=1000.0 * vrms * vrms / z,
                         limiting=limiting, extrapolated=extrapolated)

    def _from_ratings(self, z: float) -> tuple[float, Limiting, bool]:
        """Piecewise V_L = min(V_oc·Z/(Z+Z_out), I_max·Z): V_oc from the rating above z, I_max below."""
        pts = sorted(self.ratings, key=lambda r: r.load_ohm)
        zout = self.zout
        lo, hi = pts[0], pts[-1]

        def voc(p: PowerRating) -> float:
            return p.vrms * (p.load_ohm + zout) / p.load_ohm

        if z <= lo.load_ohm:
            # below the lowest rated load: no more current than there (conservative)
            return lo.ma / 1000.0 * z, "current", z < lo.load_ohm
        if z >= hi.load_ohm:
            stated = self.open_circuit_vrms(z)
            if stated is None or len(pts) > 1:
                return voc(hi) * z / (z + zout), "voltage", z > hi.load_ohm
            # one rating plus a stated voltage: the rating bounds the current, the voltage the rest
            v_volt, v_cur = stated * z / (z + zout), hi.ma / 1000.0 * z
            return (v_volt, "voltage", False) if v_volt <= v_cur else (v_cur, "current", True)
        for a, b in zip(pts, pts[1:], strict=False):
            if a.load_ohm <= z <= b.load_ohm:
                v_volt, v_cur = voc(b) * z / (z + zout), a.ma / 1000.0 * z
                pair = _classify(a, b)
                if pair == "power":
                    return min(v_volt, v_cur), "power", False
                return (v_volt, "voltage", False) if v_volt <= v_cur else (v_cur, "current", False)
        raise AssertionError("unreachable: z lies between the rated loads")  # pragma: no cover

    def limiting_between_ratings(self) -> Limiting | None:
        """With ratings at two or more loads: which factor limits between the lowest and highest."""
        if len(self.ratings) < 2:
            return None
        pts = sorted(self.ratings, key=lambda r: r.load_ohm)
        return _classify(pts[0], pts[-1])

    def describe(self) -> str:
        """A one-line summary of the figures, e.g. '2 Vrms, 1 Ω' or '1200 mW @ 32 Ω, 260 mW @ 300 Ω'."""
        parts: list[str] = []
        if self.vrms_by_load:
            parts += [f"{b.vrms:g} Vrms ({b.lo_ohm:g}–{b.hi_ohm:g} Ω)" for b in self.vrms_by_load]
        elif self.vrms is not None:
            at = f" @ {self.vrms_load_ohm:g} Ω" if self.vrms_load_ohm else ""
            parts.append(f"{self.vrms:g} Vrms{at}")
        parts += [f"{r.mw:g} mW @ {r.load_ohm:g} Ω" for r in sorted(self.ratings, key=lambda r: r.load_ohm)]
        if self.imax_ma is not None:
            parts.append(f"{self.imax_ma:g} mA max")
        parts.append(f"Zout {self.output_impedance_ohm:g} Ω" if self.output_impedance_ohm is not None
                     else "Zout not stated")
        return ", ".join(parts)


def _classify(a: PowerRating, b: PowerRating) -> Limiting:
    if abs(math.log(b.vrms / a.vrms)) <= _SAME:
        return "voltage"
    if abs(math.log(b.ma / a.ma)) <= _SAME:
        return "current"
    return "power"


# ---------------------------------------------------------------- the device table

def _floats(cell: str) -> float | None:
    cell = cell.strip()
    return float(cell) if cell else None


def _pairs(cell: str) -> list[tuple[str, float]]:
    out = []
    for item in filter(None, (p.strip() for p in cell.split(";"))):
        key, _, value = item.partition(":")
        out.append((key.strip(), float(value)))
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[Source, ...]:
    text = resources.files("headspec.data").joinpath("sources.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines):
        bands = []
        for span, volts in _pairs(row["vrms_by_load"]):
            lo, _, hi = span.partition("-")
            bands.append(LoadBand(lo_ohm=float(lo), hi_ohm=float(hi), vrms=volts))
        rows.append(Source(
            name=row["name"], kind=row["kind"],  # type: ignore[arg-type]
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
            vrms=_floats(row["vrms"]), vrms_load_ohm=_floats(row["vrms_load_ohm"]),
            vrms_by_load=tuple(bands),
            ratings=tuple(PowerRating(load_ohm=float(r), mw=mw) for r, mw in _pairs(row["power_mw_at_ohm"])),
            output_impedance_ohm=_floats(row["output_impedance_ohm"]),
            basis=row["basis"], notes=row["notes"], origin=row["origin"],  # type: ignore[arg-type]
        ))
    return tuple(rows)


def list_sources() -> list[Source]:
    """Every known source device and generic class, in file order."""
    return list(_table())


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def get_source(name: str) -> Source:
    """A known source by name or alias; close spellings match, ambiguity or no match raises NotFoundError."""
    query = _norm(name)
    if not query:
        raise NotFoundError("empty source name", input=name, field="source",
                            hint="give a device name from the list of sources, or figures like "
                                 "'2 Vrms, 1 ohm'")
    table = _table()
    keys: dict[str, Source] = {}
    for src in table:
        for key in (src.name, *src.aliases):
            keys.setdefault(_norm(key), src)
    if query in keys:
        return keys[query]
    words = query.split()
    containing = {src.name: src for key, src in keys.items() if all(w in key.split() for w in words)}
    if len(containing) == 1:
        return next(iter(containing.values()))
    if len(containing) > 1:
        names = sorted(containing)
        raise NotFoundError(f"source {name!r} matches several devices: {', '.join(names[:6])}",
                            input=name, field="source", hint=f"be more specific, e.g. {names[0]!r}")
    close = difflib.get_close_matches(query, list(keys), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(keys[c].name for c in close))
    scores = [difflib.SequenceMatcher(None, query, c).ratio() for c in close]
    if scores and scores[0] >= 0.85 and (len(scores) == 1 or scores[0] - scores[1] >= 0.1
                                         or keys[close[1]] is keys[close[0]]):
        return keys[close[0]]  # one clearly closest spelling
    hint = ("did you mean " + " or ".join(repr(s) for s in suggestions[:3]) + "?" if suggestions
            else "pick a device from the list of sources (`headspec sources` prints it), "
            "or give figures like '2 Vrms, 1 ohm'")
    raise NotFoundError(f"unknown source {name!r}", input=name, field="source", hint=hint)


# ---------------------------------------------------------------- figures as text

_NUM = r"(\d+(?:[.,]\d+)?)"
_OHM = r"(?:Ω|ω|ohms?)"
_LOAD = rf"\s*(?:@|at|into|/|per|in|on)?\s*{_NUM}\s*{_OHM}"
_POWER_RE = re.compile(rf"{_NUM}\s*(mW|W|mw|w)\b(?:\s*rms)?{_LOAD}", re.IGNORECASE)
_POWER_NOLOAD_RE = re.compile(rf"{_NUM}\s*(mW|W)\b", re.IGNORECASE)
# a voltage's load needs an explicit word ("2 V @ 32 ohm"); "0.5 V 2 ohm" is voltage and output impedance
_VOLT_RE = re.compile(rf"{_NUM}\s*(mV|V)(?:\s*rms|rms)?\b(?:\s*(?:@|at|into)\s*{_NUM}\s*{_OHM})?",
                      re.IGNORECASE)
_MA_RE = re.compile(rf"{_NUM}\s*mA\b", re.IGNORECASE)
_OHM_RE = re.compile(rf"{_NUM}\s*{_OHM}", re.IGNORECASE)
_NEGATIVE_RE = re.compile(r"(?<![\w.])[-\u2212]\s*\d")
_UNIT_HINT = re.compile(rf"\d\s*(?:mV|V|Vrms|mW|W|mA|{_OHM})(?![a-z])", re.IGNORECASE)


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def parse_source(text: str) -> Source:
    """A source from a known name ("typical phone", "Magni 2") or from figures.

    Figures: "2 Vrms, 1 ohm" (voltage and output impedance), "250 mW @ 32 Ω",
    "1.2 W into 32 Ω, 120 mW into 300 Ω" (two loads tell voltage- from current-limited),
    "1 Vrms, 0.3 ohm, 100 mA" (explicit current limit).
    """
    if not isinstance(text, str) or not text.strip():
        raise SourceSpecError("empty source", input=text, field="source",
                              hint="give a device name or figures like '2 Vrms, 1 ohm'")
    raw = text.strip()
    if len(raw) > 500:
        raise SourceSpecError("source text is too long (over 500 characters)", input=raw, field="source",
                              hint="give a device name or a few figures like '2 Vrms, 1 ohm'")
    if not _UNIT_HINT.search(raw):
        return get_source(raw)
    if (neg := _NEGATIVE_RE.search(raw)) is not None:
        # the figure patterns read digits only, so a minus would silently vanish
        raise SourceSpecError(f"negative figure {raw[neg.start():neg.end() + 8].strip()!r} in source {raw!r}",
                              input=raw, field="source",
                              hint="volts, milliwatts, milliamps and ohms are positive: e.g. '2 Vrms, 1 ohm'")
    rest = raw
    ratings: list[PowerRating] = []
    for m in _POWER_RE.finditer(raw):
        mw = _num(m.group(1)) * (1000.0 if m.group(2).lower() == "w" else 1.0)
        load = _num(m.group(3))
        ratings.append(_checked_rating(raw, mw, load))
        rest = rest.replace(m.group(0), " ", 1)
    if _POWER_NOLOAD_RE.search(rest):
        bad = _POWER_NOLOAD_RE.search(rest)
        raise SourceSpecError(f"power {bad.group(0)!r} has no load impedance", input=raw,  # type: ignore[union-attr]
                              field="source", hint="power only means something into a load: "
                              "write e.g. '250 mW @ 32 ohm'")
    vrms = vload = None
    volts = list(_VOLT_RE.finditer(rest))
    if len(volts) > 1:
        raise SourceSpecError("more than one output voltage given", input=raw, field="source",
                              hint="give one maximum voltage, e.g. '2 Vrms, 1 ohm'")
    if volts:
        m = volts[0]
        vrms = _num(m.group(1)) / (1000.0 if m.group(2).lower() == "mv" else 1.0)
        vload = _num(m.group(3)) if m.group(3) else None
        rest = rest.replace(m.group(0), " ", 1)
    imax = None
    if (m := _MA_RE.search(rest)) is not None:
        imax = _num(m.group(1))
        rest = rest.replace(m.group(0), " ", 1)
    ohms = list(_OHM_RE.finditer(rest))
    if len(ohms) > 1:
        raise SourceSpecError("more than one output impedance given", input=raw, field="source",
                              hint="write loads next to their power ('250 mW @ 32 ohm') and give one "
                              "output impedance ('1 ohm')")
    zout = _num(ohms[0].group(1)) if ohms else None
    if vrms is None and not ratings:
        raise SourceSpecError(f"source {raw!r} has no output figure (a voltage or a power into a load)",
                              input=raw, field="source",
                              hint="give e.g. '2 Vrms, 1 ohm' or '250 mW @ 32 ohm', or a device name")
    if vrms is not None and not (0 < vrms <= 200):
        raise SourceSpecError(f"output voltage {vrms:g} V is not plausible", input=raw, field="source",
                              hint="give the maximum output in Vrms, e.g. '2 Vrms'")
    if zout is not None and zout > 10000:
        raise SourceSpecError(f"output impedance {zout:g} ohm is not plausible", input=raw, field="source",
                              hint="headphone outputs are 0.1 to a few hundred ohms")
    return Source(name=raw, kind="custom", vrms=vrms, vrms_load_ohm=vload, ratings=tuple(ratings),
                  imax_ma=imax or None, output_impedance_ohm=zout, basis="given",
                  origin="given on the command line / by the caller")


def _checked_rating(raw: str, mw: float, load: float) -> PowerRating:
    if mw <= 0 or load <= 0:
        raise SourceSpecError(f"power and load must be positive in {raw!r}", input=raw, field="source",
                              hint="write e.g. '250 mW @ 32 ohm'")
    if mw > 100000:
        raise SourceSpecError(f"{mw / 1000:g} W is not a headphone output", input=raw, field="source",
                              hint="give the power per channel, e.g. '1.2 W @ 32 ohm'")
    return PowerRating(load_ohm=load, mw=mw)
