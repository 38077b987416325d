"""Explain a spec sheet to its buyer, field by field, in plain words (DOMAIN.md §1–2).

Each `Finding` gives the value with its unit, a severity (info, good, caution,
warning), a one-line verdict and a short explanation. Where the rule of thumb in
the guide this project started from misleads for this headphone, `guide_note`
says so and why: impedance tiers that ignore sensitivity, a basis-blind
"86 dB low / 110 dB high", "humans hear to 17.4 kHz" (young ears reach about
20 kHz), "open-back ... good isolation", and "bigger drivers, more bass".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from headspec.spec import Spec, db_per_mw_from_db_per_v, db_per_v_from_db_per_mw

Severity = Literal["info", "good", "caution", "warning"]

# Phones give 0.3–1 Vrms (DOMAIN.md §2); the summary compares the headphone's need with this range.
PHONE_VRMS_LOW = 0.3
PHONE_VRMS_HIGH = 1.0
TARGET_SPL_DB = 110.0


class Finding(BaseModel):
    """What one spec means for the buyer."""

    field: str
    label: str
    value: str  # the value with its unit, as shown
    severity: Severity
    verdict: str  # one line
    explanation: str
    guide_note: str | None = None  # where the guide's rule of thumb misleads here, and why


class DriveNeed(BaseModel):
    """Voltage needed for the target peak level, and what a phone gives."""

    target_spl_db: float
    sensitivity_db_per_v: float
    required_vrms: float
    required_mw: float
    phone: Literal["any phone", "a strong phone", "more than a phone gives"]
    alternate_required_vrms: float | None = None  # the other reading of a basis-less sensitivity


class Report(BaseModel):
    """Findings for every stated spec plus a summary of what the headphone is for."""

    headphone: str | None = None
    summary: str
    findings: list[Finding]
    drive: DriveNeed | None = None

    def by_field(self, field: str) -> Finding | None:
        """The first finding about a field, or None."""
        return next((f for f in self.findings if f.field == field), None)


def _after_colon(text: str) -> str:
    rest = text.split(":", 1)[1].strip()
    return rest[0].upper() + rest[1:]


def _g(x: float) -> str:
    return f"{x:.10g}" if x == int(x) else f"{x:.3g}" if abs(x) < 10 else f"{x:.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- sensitivity and drive

def _sv_readings(spec: Spec) -> list[tuple[str, float]]:
    """(basis, dB/V) readings: one when the basis is known, two when it is not, none when unusable."""
    from headspec.amp import sensitivity_readings
    from headspec.errors import AmpInputError

    try:
        return list(sensitivity_readings(spec)[0])
    except AmpInputError:
        return []


def drive_need(spec: Spec, target_spl_db: float = TARGET_SPL_DB) -> DriveNeed | None:
    """Voltage and power a wired headphone needs for `target_spl_db`, or None when specs are missing."""
    if spec.wireless or spec.impedance_ohm is None:
        return None
    readings = _sv_readings(spec)
    if not readings:
        return None
    s_v = min(s for _, s in readings)  # the cautious reading
    v = 10 ** ((target_spl_db - s_v) / 20)
    other = max(s for _, s in readings) if len(readings) > 1 else None
    phone = ("any phone" if v <= PHONE_VRMS_LOW else "a strong phone" if v <= PHONE_VRMS_HIGH
             else "more than a phone gives")
    return DriveNeed(target_spl_db=target_spl_db, sensitivity_db_per_v=s_v, required_vrms=v,
                     required_mw=1000 * v * v / spec.impedance_ohm, phone=phone,
                     alternate_required_vrms=None if other is None else 10 ** ((target_spl_db - other) / 20))


# ---------------------------------------------------------------- field by field

def _identity(spec: Spec) -> list[Finding]:
    out = []
    name = " ".join(p for p in (spec.brand, spec.model) if p)
    if name:
        out.append(Finding(field="model", label="Model", value=name, severity="info",
                           verdict=f"{name}.", explanation="The maker and model named in the text."))
    if spec.is_headphone is False:
        out.append(Finding(field="is_headphone", label="Product", value="not a headphone", severity="warning",
                           verdict="This listing does not look like a headphone.",
                           explanation="It reads like an accessory or another product; the specs below may "
                                       "belong to something else."))
    return out


def _impedance(spec: Spec, need: DriveNeed | None) -> list[Finding]:
    z = spec.impedance_ohm
    if z is None:
        if spec.wireless:
            return []
        return [Finding(field="impedance_ohm", label="Impedance", value="not stated", severity="caution",
                        verdict="Impedance not stated.",
                        explanation="Without impedance and sensitivity nobody can say how much voltage or "
                                    "power this headphone needs.")]
    tol = f" ±{_g(spec.impedance_tolerance_pct)} %" if spec.impedance_tolerance_pct is not None else ""
    value = f"{_g(z)} Ω{tol}"
    tier = ("≤32 Ω: 'fine on a phone'" if z <= 32 else "33–100 Ω: 'grey area'" if z <= 100
            else ">100 Ω: 'needs an amp'")
    explanation = ("The electrical load at (usually) 1 kHz. With sensitivity it sets the voltage and "
                   "current a "
                   f"source must give: {_g(z)} Ω draws {1000 / z:.2g} mA per volt.")
    if spec.driver_type in ("balanced_armature", "hybrid"):
        explanation += (" Balanced-armature designs swing in impedance with frequency, so a source with a "
                        "low output impedance (≤1/8 of the lowest impedance) keeps the tuning intact.")
    if spec.wireless:
        return [Finding(field="impedance_ohm", label="Impedance", value=value, severity="info",
                        verdict="Matters only for wired use.",
                        explanation=explanation + " A wireless headphone drives itself from its own amp.")]
    note = None
    severity: Severity = "info"
    if need is None:
        verdict = "Says little on its own: sensitivity is needed too."
        severity = "caution"
        note = (f"The guide's impedance tiers would file this under {tier}, but impedance alone cannot tell "
                "whether you need an amp: a 50 Ω planar at 83.5 dB/mW needs far more power than a 250 Ω "
                "dynamic at 105 dB/mW.")
    else:
        tier_fine = z <= 100
        phone_ok = need.phone != "more than a phone gives"
        verdict = (f"Needs about {need.required_vrms:.2g} Vrms for {_g(need.target_spl_db)} dB peaks: "
                   f"{'within' if phone_ok else 'beyond'} what a phone gives.")
        if tier_fine != phone_ok:
            severity = "warning" if not phone_ok else "good"
            note = (f"The guide's tiers put {_g(z)} Ω under {tier}, but with its sensitivity it needs "
                    f"{need.required_vrms:.2g} Vrms for {_g(need.target_spl_db)} dB — "
                    f"{'more than a phone' if not phone_ok else 'which a phone can give'}. The tiers ignore "
                    "sensitivity.")
    return [Finding(field="impedance_ohm", label="Impedance", value=value, severity=severity, verdict=verdict,
                    explanation=explanation, guide_note=note)]


def _sensitivity(spec: Spec) -> list[Finding]:
    z = spec.impedance_ohm
    readings = _sv_readings(spec)
    if all(x is None for x in (spec.sensitivity_db, spec.sensitivity_db_per_mw, spec.sensitivity_db_per_v)):
        if spec.wireless:
            return []
        return [Finding(field="sensitivity_db", label="Sensitivity", value="not stated", severity="caution",
                        verdict="Sensitivity not stated.",
                        explanation="Sensitivity says how loud a given drive plays; without it the drive a "
                                    "headphone needs is unknown.")]
    basis = spec.sensitivity_basis or ("V" if spec.sensitivity_db_per_v is not None and
                                       spec.sensitivity_db_per_mw is None else "mW"
                                       if spec.sensitivity_db_per_mw is not None else "unknown")
    raw = spec.sensitivity_db if spec.sensitivity_db is not None else (
        spec.sensitivity_db_per_mw if basis == "mW" else spec.sensitivity_db_per_v)
    assert raw is not None
    unit = {"mW": "dB SPL/mW", "V": "dB SPL/V", "unknown": "dB (basis not stated)"}[basis]
    ref_text = spec.sensitivity_ref or ""
    ref = f" at {ref_text}" if "hz" in ref_text.lower() else ""
    value = f"{_g(raw)} {unit}{ref}"
    severity: Severity = "info"
    note = None
    if basis == "unknown":
        severity = "caution"
        if z is not None and len(readings) == 2:
            as_mw, as_v = readings[0][1], readings[1][1]
            verdict = (f"Basis not stated: as dB/mW it is {as_mw:.1f} dB/V, as dB/V only {as_v:.1f} — "
                       f"{abs(as_mw - as_v):.1f} dB apart at {_g(z)} Ω.")
        else:
            verdict = "Basis not stated, and without impedance the two readings cannot be told apart."
        explanation = ("Sensitivity is the level from 1 mW (dB/mW, IEC 60268-7) or from 1 Vrms (dB/V). A "
                       "bare "
                       "'dB' could be either; the bases differ by 10·log10(1000/Z) dB.")
        note = ("The guide's '86 dB is low, 110 dB is high' scale ignores the basis, so it cannot be "
                "applied to "
                "a bare 'dB' figure.")
    else:
        s_mw = (raw if basis == "mW" else db_per_mw_from_db_per_v(raw, z) if z else None)
        s_v = (raw if basis == "V" else db_per_v_from_db_per_mw(raw, z) if z else None)
        both = []
        if s_mw is not None:
            both.append(f"{s_mw:.1f} dB/mW")
        if s_v is not None:
            both.append(f"{s_v:.1f} dB/V")
        verdict = (f"{' = '.join(both)} at {_g(z)} Ω." if z else
                   f"{_g(raw)} {unit}; give the impedance to convert it.")
        explanation = ("How loud the headphone plays for a given drive. Per milliwatt suits comparing power; "
                       "per volt tells directly what a source's voltage achieves. Samples vary by about "
                       "±3 dB.")
        if s_mw is not None and (s_mw > 130 or s_mw < 75):
            severity = "warning"
            verdict += " Outside the plausible 75–130 dB/mW."
        if basis == "V" and s_mw is not None:
            note = (f"The guide's '86 low / 110 high' scale is per milliwatt; {_g(raw)} dB/V is "
                    f"{s_mw:.1f} dB/mW at {_g(z)} Ω, so the scale misreads this figure by "
                    f"{abs(raw - s_mw):.1f} dB.")
        elif basis == "mW" and z is not None and z >= 150 and s_mw is not None and s_mw >= 100:
            note = (f"By the guide's scale {s_mw:.0f} dB/mW looks sensitive, but at {_g(z)} Ω a volt "
                    "gives only "
                    f"{s_v:.1f} dB: high impedance needs voltage the scale does not show.")
    return [Finding(field="sensitivity_db", label="Sensitivity", value=value, severity=severity,
                    verdict=verdict, explanation=explanation, guide_note=note)]


def _drive(spec: Spec, need: DriveNeed | None) -> list[Finding]:
    if spec.wireless:
        return [Finding(field="drive", label="Drive", value="built-in amplifier", severity="good",
                        verdict="Drives itself: built-in amplifier.",
                        explanation="A wireless headphone powers its own drivers; impedance and "
                                    "sensitivity do "
                                    "not decide whether you need an amp.")]
    if need is None:
        return []
    v = need.required_vrms
    severity: Severity = "good" if need.phone == "any phone" else "info" if need.phone == "a strong phone" \
        else "caution" if v <= 3 else "warning"
    phone_text = {"any phone": "any phone gives that (phones give 0.3–1 Vrms)",
                  "a strong phone": "a strong phone or a USB-C dongle (about 1 Vrms) gives that; weak phones "
                                    "(0.3–0.5 Vrms) may not",
                  "more than a phone gives": "more than a phone gives (0.3–1 Vrms): use a dongle, player or "
                                             "amp with enough voltage"}[need.phone]
    alt = ""
    if need.alternate_required_vrms is not None:
        alt = (f" If the sensitivity is per mW it needs only {need.alternate_required_vrms:.2g} Vrms; the "
               "cautious per-volt reading is shown.")
    return [Finding(field="drive", label="Drive for 110 dB peaks",
                    value=f"{v:.2g} Vrms, {need.required_mw:.3g} mW", severity=severity,
                    verdict=f"Needs about {v:.2g} Vrms for {_g(need.target_spl_db)} dB peaks: {phone_text}.",
                    explanation="110 dB SPL peaks cover most music at a loud listening level (105 dB for "
                                "compressed pop, 115 dB for wide-dynamic classical). The amp check with "
                                "your source gives its exact headroom." + alt)]


def _frequency(spec: Spec) -> list[Finding]:
    lo, hi = spec.freq_low_hz, spec.freq_high_hz
    if lo is None and hi is None:
        return []
    low = f"{_g(lo)} Hz" if lo is not None else "?"
    high = "?" if hi is None else f"{_g(hi / 1000)} kHz" if hi >= 1000 else f"{_g(hi)} Hz"
    value = f"{low} – {high}"
    problems = []
    severity: Severity = "info"
    if (lo is not None and lo > 30) or (hi is not None and hi < 16000):
        severity = "warning"
        problems.append("narrower than about 30 Hz–16 kHz, a sign the headphone cannot do its job")
    parts = []
    if hi is not None and hi > 20000:
        parts.append(f"the extension to {_g(hi / 1000)} kHz is inaudible (young ears reach about 20 kHz)")
    if hi is not None and 16000 <= hi < 19500:
        parts.append(f"the top ({_g(hi / 1000)} kHz) stops short of what young ears hear (about 20 kHz), "
                     "a loss most adults will not notice")
    if lo is not None and lo < 20:
        parts.append(f"below 20 Hz ({_g(lo)} Hz) is felt rather than heard")
    verdict = ("Claimed range: " + "; ".join(problems + parts) + "." if problems or parts
               else "A normal claimed range.")
    explanation = ("The band the maker claims, with no tolerance: without e.g. '±3 dB' it says nothing "
                   "about how "
                   "evenly the headphone plays that band. A measured frequency-response curve tells far "
                   "more.")
    note = None
    if hi is not None and hi >= 17000:
        note = ("The guide says humans hear only to 17.4 kHz; young listeners reach about 20 kHz, falling "
                "with "
                "age. The range above 20 kHz is inaudible, but 17.4–20 kHz is not.")
    return [Finding(field="freq_range", label="Frequency range", value=value, severity=severity,
                    verdict=verdict[0].upper() + verdict[1:], explanation=explanation, guide_note=note)]


def _thd(spec: Spec) -> list[Finding]:
    t = spec.thd_percent
    if t is None:
        return []
    if t == 0:
        sev: Severity = "warning"
        verdict = "0 % distortion is not a real measurement."
    elif t < 0.5:
        sev, verdict = "good", "Low distortion, normal for a decent headphone today."
    elif t <= 1:
        sev, verdict = "info", "Acceptable, if this is at a loud level or in the bass."
    else:
        sev, verdict = "caution", "High for a headphone, unless it is bass distortion at a very loud level."
    return [Finding(field="thd_percent", label="THD", value=f"{_g(t)} %", severity=sev, verdict=verdict,
                    explanation="Harmonic distortion, usually at 1 kHz and an unstated level. Under 0.5 % "
                                "in the "
                                "midrange is normal; headphones differ mostly in bass distortion at high "
                                "levels, "
                                "which a single number hides.")]


_DRIVER_TEXT = {
    "dynamic": ("Dynamic: the most common driver; good bass, drives easily as a rule.", "info"),
    "planar": ("Planar magnetic: low distortion and accurate, but often power-hungry — check the drive "
               "needed.",
               "info"),
    "balanced_armature": ("Balanced armature: small IEM drivers, often several per side; their impedance "
                          "swings with frequency, so the source's output impedance matters.", "info"),
    "electrostatic": ("Electrostatic: needs a dedicated energizer amplifier; no phone or ordinary headphone "
                      "amp can drive it.", "warning"),
    "hybrid": ("Hybrid: a dynamic driver for bass plus balanced armatures; impedance varies with frequency.",
               "info"),
    "bone_conduction": ("Bone conduction: vibrates the skull and leaves the ears open; safe awareness, "
                        "limited "
                        "bass and fidelity.", "info"),
}


def _driver(spec: Spec) -> list[Finding]:
    out = []
    if spec.driver_mm is not None:
        mm = spec.driver_mm
        out.append(Finding(
            field="driver_mm", label="Driver size", value=f"{_g(mm)} mm", severity="info",
            verdict="Says almost nothing about the sound on its own.",
            explanation="The diaphragm diameter: 6–12 mm in earbuds and IEMs, 40–100+ mm in over-ears. "
                        "Driver "
                        "type, tuning and fit predict the sound far better.",
            guide_note="The belief the guide quotes — bigger drivers mean more bass — does not hold: its own "
                       "example is a 100 mm planar with unremarkable bass."))
    if spec.driver_type is not None:
        text, sev = _DRIVER_TEXT[spec.driver_type]
        count = f"{spec.driver_count} × " if spec.driver_count and spec.driver_count > 1 else ""
        out.append(Finding(field="driver_type", label="Driver type",
                           value=count + spec.driver_type.replace("_", " "), severity=sev,  # type: ignore[arg-type]
                           verdict=text.split(":")[0] + ".", explanation=_after_colon(text)))
    elif spec.driver_count is not None:
        out.append(Finding(field="driver_count", label="Drivers", value=f"{spec.driver_count} per side",
                           severity="info", verdict=f"{spec.driver_count} driver(s) per side.",
                           explanation="More drivers is not better by itself; the crossover and tuning "
                                       "decide."))
    return out


_FORM_TEXT = {
    "over-ear": "Over-ear (circumaural): cups surround the ears; comfortable for long sessions, bulkier.",
    "on-ear": "On-ear (supra-aural): pads press on the ears; compact, can tire the ears, leaks more than "
              "over-ear.",
    "in-ear": "In-ear (IEM): sealed in the ear canal; the fit decides isolation and bass.",
    "earbud": "Earbud: rests in the outer ear without a seal; light, little isolation or deep bass.",
    "bone-conduction": "Bone conduction: sits on the cheekbones, ears stay open.",
}


def _form(spec: Spec) -> list[Finding]:
    out = []
    if spec.form_factor is not None:
        out.append(Finding(field="form_factor", label="Form factor", value=spec.form_factor, severity="info",
                           verdict=_FORM_TEXT[spec.form_factor].split(":")[0] + ".",
                           explanation=_after_colon(_FORM_TEXT[spec.form_factor])))
    if spec.true_wireless:
        out.append(Finding(field="true_wireless", label="True wireless", value="yes", severity="info",
                           verdict="Separate earbuds with a charging case.",
                           explanation="No cable between the buds; battery life per charge and the case "
                                       "total "
                                       "are separate figures."))
    if spec.back is not None:
        if spec.back == "open":
            out.append(Finding(
                field="back", label="Back", value="open", severity="caution",
                verdict="Open-back: spacious, leaks sound both ways, isolates almost nothing.",
                explanation="Open cups let sound pass freely: a wide, natural presentation for quiet "
                            "rooms, but "
                            "people nearby hear your music and you hear the room.",
                guide_note="The guide's worked example credits an open-back with 'good isolation': it has "
                           "almost none — open backs leak by design."))
        elif spec.back == "closed":
            out.append(Finding(field="back", label="Back", value="closed", severity="good",
                               verdict="Closed-back: isolates and keeps your music in.",
                               explanation="Sealed cups block outside noise and leak little; the sound is "
                                           "often "
                                           "less spacious than open-backs."))
        else:
            out.append(Finding(field="back", label="Back", value="semi-open", severity="info",
                               verdict="Semi-open: between open and closed; leaks and isolates partly.",
                               explanation="Some venting for a more open sound at the cost of isolation."))
    out.append(_isolation(spec))
    return [f for f in out if f is not None]


def _isolation(spec: Spec) -> Finding | None:
    if spec.anc:
        return Finding(field="anc", label="Noise cancelling", value="active (ANC)", severity="good",
                       verdict="Active noise cancelling: good for commutes, flights and offices.",
                       explanation="Microphones and anti-noise cancel steady low-frequency noise; a good "
                                   "seal still "
                                   "matters for voices and higher sounds.")
    if spec.back == "open":
        return Finding(field="anc", label="Isolation", value="almost none", severity="caution",
                       verdict="Not for noisy places or quiet shared rooms.",
                       explanation="An open back isolates almost nothing and leaks to people nearby.")
    if spec.anc is False or spec.back == "closed" or spec.form_factor in ("in-ear",):
        passive = ("a sealed in-ear isolates well when it fits" if spec.form_factor == "in-ear"
                   else "a closed back isolates passively" if spec.back == "closed" else "passive only")
        return Finding(field="anc", label="Isolation", value="passive", severity="info",
                       verdict=f"No active cancelling; {passive}.",
                       explanation="'Noise isolating' means a passive seal, not active cancelling.")
    return None


def _wireless(spec: Spec) -> list[Finding]:
    out = []
    if spec.wireless is not None:
        if spec.wireless:
            out.append(Finding(field="wireless", label="Connection", value="wireless", severity="info",
                               verdict="Wireless: convenient; its own amp drives it.",
                               explanation="Bluetooth headphones carry their own DAC and amplifier, so no "
                                           "external amp is needed; quality depends on codec, tuning and the "
                                           "Bluetooth link."))
        else:
            out.append(Finding(field="wireless", label="Connection", value="wired", severity="info",
                               verdict="Wired: needs a source with enough voltage.",
                               explanation="The phone, dongle or amp it plugs into drives it; see the "
                                           "drive need."))
    if spec.bluetooth_version:
        out.append(Finding(field="bluetooth_version", label="Bluetooth", value=spec.bluetooth_version,
                           severity="info", verdict=f"Bluetooth {spec.bluetooth_version}.",
                           explanation="Newer versions improve range and power use; sound quality depends on "
                                       "the codec, not the version. LE Audio (LC3) needs 5.2 or later."))
    if spec.bluetooth_codecs:
        codecs = spec.bluetooth_codecs
        hi_res = [c for c in codecs if c in ("LDAC", "aptX HD", "aptX Adaptive", "aptX Lossless", "LHDC")]
        out.append(Finding(field="bluetooth_codecs", label="Codecs", value=", ".join(codecs),
                           severity="good" if hi_res else "info",
                           verdict=(f"Higher-bitrate codecs: {', '.join(hi_res)}." if hi_res
                                    else "Standard codecs only."),
                           explanation="A codec works only when the phone supports it too: iPhones use AAC; "
                                       "LDAC and aptX need a supporting Android phone."))
    return out


def _battery(spec: Spec) -> list[Finding]:
    out = []
    if spec.battery_h is not None:
        h = spec.battery_h
        small = spec.form_factor in ("in-ear", "earbud") or spec.true_wireless
        good = h >= (6 if small else 20)
        out.append(Finding(field="battery_h", label="Battery", value=f"{_g(h)} h", severity="good" if good
                           else "info", verdict=f"{_g(h)} hours per charge{' — good' if good else ''}.",
                           explanation="Makers measure at moderate volume, often with ANC off; expect less."))
        if h > 100 and small:
            out[-1] = out[-1].model_copy(update={"severity": "warning",
                                                 "verdict": f"{_g(h)} hours per charge is implausible for "
                                                            "earbuds."})
    if spec.battery_total_h is not None:
        total = _g(spec.battery_total_h)
        out.append(Finding(field="battery_total_h", label="Battery with case", value=f"{total} h",
                           severity="info", verdict=f"{_g(spec.battery_total_h)} hours including case "
                                                    "recharges.",
                           explanation="The case total is not continuous listening time."))
    return out


def _weight_price(spec: Spec) -> list[Finding]:
    out = []
    if spec.weight_g is not None:
        w = spec.weight_g
        heavy = spec.form_factor in ("over-ear", "on-ear", None) and w > 400
        out.append(Finding(field="weight_g", label="Weight", value=f"{_g(w)} g",
                           severity="caution" if heavy else "info",
                           verdict="Heavy: check clamp and padding for long sessions." if heavy
                           else "Weight is within the usual range.",
                           explanation="Over-ears weigh about 200–400 g; in-ears a few grams per bud."))
    if spec.price_amount is not None:
        cur = spec.price_currency or ""
        out.append(Finding(field="price", label="Price", value=f"{spec.price_amount:,.2f} {cur}".strip(),
                           severity="info", verdict="Listed price.",
                           explanation="Price says little about sound; compare measured response and fit."))
    if spec.condition in ("used", "refurbished"):
        out.append(Finding(field="condition", label="Condition", value=spec.condition, severity="caution",
                           verdict=f"{spec.condition.capitalize()}: check pads, warranty and return terms.",
                           explanation="Ear pads wear and change the sound; a refurbished unit should "
                                       "carry a "
                                       "warranty."))
    return out


def _summary(spec: Spec, need: DriveNeed | None) -> str:
    form = spec.form_factor
    back = spec.back
    noun = {"over-ear": "over-ear", "on-ear": "on-ear", "in-ear": "in-ear monitor", "earbud": "earbud",
            "bone-conduction": "bone-conduction headphone"}.get(form or "", "headphone")
    lead = (f"{back.capitalize()}-back {noun}" if back else noun[0].upper() + noun[1:])
    if spec.wireless:
        lead = ("Wireless " + lead[0].lower() + lead[1:]) if not lead.lower().startswith("wireless") else lead
    if back == "open":
        use, traits = "for quiet rooms", "spacious, leaks sound, isolates almost nothing"
    elif spec.anc:
        use, traits = "for commuting, flights and offices", "active noise cancelling"
    elif back == "closed":
        use, traits = "for noisy or shared places", "isolates and keeps sound in"
    elif form == "in-ear":
        use, traits = "for travel and on the go", "isolates well when the tips seal"
    elif form == "earbud":
        use, traits = "for casual listening", "light, little isolation"
    else:
        use, traits = "for general listening", "the spec sheet does not say how it isolates"
    name = " ".join(p for p in (spec.brand, spec.model) if p)
    head = f"{name}: " if name else ""
    text = f"{head}{lead} {use}: {traits}"
    if spec.wireless:
        text += "; drives itself from its built-in amplifier, so no amp is needed"
    elif need is not None:
        where = {"any phone": "which any phone gives",
                 "a strong phone": "which a strong phone or a USB-C dongle gives",
                 "more than a phone gives": "more than a phone gives"}[need.phone]
        text += f"; needs about {need.required_vrms:.2g} Vrms for 110 dB peaks, {where}"
    else:
        text += "; the drive it needs is unknown without impedance and sensitivity"
    if spec.driver_type == "electrostatic":
        text += "; needs an electrostatic energizer"
    return text + "."


def explain(spec: Spec) -> Report:
    """Explain every stated spec of `spec` to a buyer, with a summary of what the headphone is for."""
    need = drive_need(spec)
    findings: list[Finding] = []
    findings += _identity(spec)
    findings += _form(spec)
    findings += _driver(spec)
    findings += _impedance(spec, need)
    findings += _sensitivity(spec)
    findings += _drive(spec, need)
    findings += _frequency(spec)
    findings += _thd(spec)
    findings += _wireless(spec)
    findings += _battery(spec)
    findings += _weight_price(spec)
    for w in spec.warnings:
        if w.code == "sensitivity-basis-unknown" and spec.impedance_ohm is not None:
            continue  # the sensitivity finding explains it with both readings
        findings.append(Finding(field=w.field or "spec", label="Note", value=w.code, severity="caution",
                                verdict=w.message, explanation="Raised while reading the spec text."))
    name = " ".join(p for p in (spec.brand, spec.model) if p) or None
    return Report(headphone=name, summary=_summary(spec, need), findings=findings, drive=need)
