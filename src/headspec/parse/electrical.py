"""Impedance, sensitivity (with its basis and reference), frequency range and THD."""

from __future__ import annotations

import re

from headspec.parse._context import LABELLED, PROSE, Context
from headspec.parse._digits import NUM_FIRM, digit_scan, number_found, number_matches
from headspec.parse._twins import folded, rx
from headspec.parse._util import clause_after, clause_before, in_foreign
from headspec.parse.numbers import NUM, RANGE_SEP, to_float

# The numbers of the whole-text patterns are NUM_FIRM (possessive, see _digits): each is followed
# by spaces and then a unit, a tolerance sign, a range separator or only optional parts, so no
# continuation can start with a digit or "."/"," before a digit, and giving digits back never helps.
_TOL = r"(?:±|\+\s*/\s*-|\+-|\+/−)\s*"
_OHM = r"(?:Ω|ohms?\b|ом\b|Ом\b)"

IMPEDANCE = re.compile(
    rf"(?P<v>{NUM_FIRM})\s*(?:{_TOL}(?P<t1>{NUM_FIRM})\s*(?P<u1>%|Ω|ohms?)?\s*)?{_OHM}"
    rf"(?:\s*{_TOL}(?P<t2>{NUM_FIRM})\s*(?P<u2>%|Ω|ohms?)?)?",
    re.IGNORECASE,
)
_IMP_BARE = re.compile(rf"^\s*(?P<v>{NUM})(?:\s*{_TOL}(?P<t2>{NUM})\s*(?P<u2>%)?)?(?!\s*[\w%])",
                       re.IGNORECASE)
_NOT_SENS = re.compile(r"nois|anc\b|cancel|limit|safe|volume|snr|s/n|isolat|reduc|nrr", re.I)
_IMP_NOT_NOMINAL_BEFORE = re.compile(
    r"(?:rises?|drops?|falls?|reach(?:es)?|peaks?|dips?|into|load|loads|@|(?<!rated\s)\bat|min(?:imum)?|max(?:imum)?|"
    r"up to|down to|over|from|between|to|per|amp|output|source|ratings?|\d\s*(?:-|~|to))\s*$",
    re.IGNORECASE,
)
_IMP_AT_FREQ_AFTER = re.compile(rf"^\s*(?:in|at|@)\s*(?P<f>{NUM})\s*(?P<u>k?hz)", re.IGNORECASE)

_DB = r"(?:dB|дБ)"
_REF_UNIT = r"(?P<ru>mW|мВт|Vrms|V\s*rms|V|В)(?![a-zа-я])"
_REF_NUM = r"(?P<rn>\d+(?:[.,]\d+)?)?"
# what every sensitivity figure starts with; the rest of SENSITIVITY is optional
_SENS_HEAD = rf"(?P<v>{NUM_FIRM})\s*(?:{_TOL}{NUM_FIRM}\s*(?:{_DB})?\s*)?{_DB}"
SENSITIVITY = re.compile(
    rf"{_SENS_HEAD}\s*(?:{_TOL}{NUM_FIRM}\s*(?:{_DB})?\s*)?"
    rf"(?:\s*\(?\s*(?:SPL|S\.P\.L\.?)\)?\s*)?(?:\(\s*(?:1\s*kHz|1000\s*Hz)\s*\)\s*)?"
    rf"(?:(?:/|\bper\b|@|\bat\b|\bfor\b|\bwith\b|\bпри\b|\bà\b|\bbei\b|\(|,)\s*(?:(?:1|500)\s*k?Hz\s*[,/;]?\s*)?"
    rf"\s*{_REF_NUM}\s*{_REF_UNIT}"
    rf"|\s*(?:@|\bat\b)\s*(?P<khz>1\s*kHz|1000\s*Hz|500\s*Hz))?",
    re.IGNORECASE,
)
_LABEL_REF = re.compile(rf"(?:/|\bper\b|,|\(|@)\s*{_REF_NUM}\s*{_REF_UNIT}", re.IGNORECASE)
_DB_FIGURE = re.compile(r"\d\s*(?:db|дб)")  # on the lower-cased text: a number then dB, as every match has
# "\d\d*+" is "\d+" with a first character the regex engine can skip to (it had none and tried every
# position); possessive, as a unit follows
SENSITIVITY_REVERSED = re.compile(
    rf"(?P<rn>\d\d*+(?:[.,]\d+)?+)\s*(?P<ru>mW|Vrms|V)\s*(?:for|=|->|→|:|gives)\s*(?P<v>{NUM_FIRM})\s*{_DB}",
    re.IGNORECASE,
)
_SENS_WORD = re.compile(r"sensitiv|sensibilit|empfindlich|чувствительн|efficiency|spl\b|kennschall", re.I)
_MIC_WORD = re.compile(r"\bmic|microphone|микрофон|mikrofon", re.IGNORECASE)

_HZ = r"(?:k\s?hz|hz|кгц|к\s?гц|гц)"
FREQ_RANGE = re.compile(
    rf"(?P<a>{NUM_FIRM})\s*(?P<ua>{_HZ})?"
    rf"(?:{RANGE_SEP})(?P<b>{NUM_FIRM})\s*(?P<ub>{_HZ})(?!(?-i:[a-zа-я]))",
    re.IGNORECASE,
)
# "20 - 20000", "20Hz-20K" under a frequency label
_FREQ_BARE_RANGE = re.compile(
    rf"^\s*(?P<a>{NUM})\s*(?P<ua>hz|гц)?(?:{RANGE_SEP})(?P<b>{NUM})\s*(?P<ub>k)?\s*(?:$|\(|,|;)",
    re.IGNORECASE)
_FREQ_UPPER = re.compile(rf"(?:^|\s)(?:до|up\s+to|bis|jusqu'à|fino\s+a)\s*(?P<b>{NUM})\s*(?P<ub>{_HZ})",
                         re.IGNORECASE)
_FREQ_LOWER_ONLY = re.compile(rf"^\s*(?:от|from|ab|à\s+partir\s+de)\s*(?P<a>{NUM})\s*(?P<ua>{_HZ})\s*$",
                              re.IGNORECASE)

_THD_VALUE = re.compile(rf"(?P<bound>[<>]|less\s+than|under|below|менее|max\.?)?\s*(?P<v>{NUM})\s*%",
                        re.IGNORECASE)
_THD_PROSE = re.compile(
    rf"(?:\bTHD(?:\+N)?|harmonic\s+distortion|\bdistortion|КНИ|искажени\w*)[^%\d\n|]{{0,25}}?"
    rf"(?P<bound>[<>]|less\s+than|under|below|менее)?\s*(?P<v>{NUM})\s*%"
    rf"|(?P<v2>{NUM})\s*%\s*(?:THD|total\s+harmonic|harmonic\s+distortion|distortion)",
    re.IGNORECASE,
)


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_LOAD_AFTER = re.compile(r"\s*(?:load|loads)\b", re.I)
_SPACES = re.compile(r"\s+")
_BARE_SENS = re.compile(rf"^\s*(?P<v>{NUM})(?!\s*[\w%])")
_SENS_AFTER = re.compile(r"\s*(?:SPL\s*)?sensitiv", re.I)

# the whole-text scans, digit-blind on a plain text (see _digits.digit_scan)
_IMPEDANCE_SCAN = digit_scan(IMPEDANCE)
_DB_FIGURE_SCAN = digit_scan(_DB_FIGURE, low=True)
_REVERSED_SCAN = digit_scan(SENSITIVITY_REVERSED)
# SENSITIVITY names digits ("1 kHz"), so its head, which matches exactly where it does, locates it
_SENSITIVITY_SCAN = digit_scan(SENSITIVITY, locator=re.compile(_SENS_HEAD, re.IGNORECASE))
_FREQ_SCAN = digit_scan(FREQ_RANGE)


def _is_khz(unit: str | None) -> bool:
    return bool(unit) and unit.lower().replace(" ", "") in ("khz", "кгц", "k")


def _hz(value: float, unit: str | None) -> float:
    return value * 1000.0 if _is_khz(unit) else value


def _freq_number(token: str, unit: str | None) -> float:
    """A frequency figure: "20,000 Hz" is grouped, but "40,5 kHz" and "1,001 kHz" are decimals."""
    return to_float(token, thousands=not _is_khz(unit))


def _tolerance_pct(nominal: float, tol: str | None, unit: str | None) -> float | None:
    if not tol:
        return None
    t = to_float(tol, thousands=False)
    if unit and unit.strip() == "%":
        return t
    return round(100.0 * t / nominal, 1) if nominal else None


def impedance(ctx: Context) -> None:
    """Nominal impedance in ohms (and its stated tolerance)."""
    norm = ctx.norm
    for f in ctx.labelled("impedance"):
        value = norm[f.start:f.end]
        m = IMPEDANCE.search(value) or _IMP_BARE.match(value)
        if m is None:
            continue
        _add_impedance(ctx, m, f.start, LABELLED)
    for m in number_matches(ctx, _IMPEDANCE_SCAN) if ctx.mentions("ω", "ohm", "ом") else ():
        if in_foreign(ctx, m.start()):
            continue
        before = clause_before(norm, m.start(), 40)
        if _IMP_NOT_NOMINAL_BEFORE.search(before):
            continue
        if _LOAD_AFTER.match(norm[m.end():m.end() + 8]):
            continue
        after = _IMP_AT_FREQ_AFTER.match(norm, m.end())
        if after and _hz(to_float(after["f"]), after["u"]) != 1000.0:
            continue
        _add_impedance(ctx, m, 0, PROSE)


def _add_impedance(ctx: Context, m: re.Match[str], offset: int, rank: int) -> None:
    ohm = to_float(m["v"])
    if not 0.5 <= ohm <= 100_000:
        return
    groups = m.groupdict()
    tol = groups.get("t1") or groups.get("t2")
    unit = groups.get("u1") if groups.get("t1") else groups.get("u2")
    if tol and unit is None and "%" in m.group(0)[m.group(0).find(tol):]:
        unit = "%"
    if tol and unit is None and rank == LABELLED and not groups.get("t1"):
        unit = "%" if "%" in m.group(0) else None
    start, end = offset + m.start(), offset + m.end()
    ctx.add("impedance_ohm", ohm, start, end, rank,
            {"impedance_tolerance_pct": _tolerance_pct(ohm, tol, unit)})


def _ref_from(match: re.Match[str]) -> tuple[str, str | None, float | None]:
    """(basis, reference as written, reference value) of a sensitivity match."""
    groups = match.groupdict()
    unit = groups.get("ru")
    if unit:
        unit_l = folded(unit).replace(" ", "")
        basis = "mW" if unit_l in ("mw", "мвт") else "V"
        shown = {"mw": "mW", "мвт": "mW", "vrms": "Vrms", "v": "V", "в": "V"}[unit_l]
        num = groups.get("rn")
        ref_value = to_float(num, thousands=False) if num else 1.0
        text_num = num.replace(",", ".") if num else "1"
        return basis, f"{text_num} {shown}", ref_value
    if groups.get("khz"):
        khz = _SPACES.sub(" ", groups["khz"]).lower()
        shown = "1 kHz" if khz.startswith("1") and "k" in khz or khz.startswith("1000") else "500 Hz"
        return "unknown", shown, None
    return "unknown", None, None


def _add_sensitivity(ctx: Context, m: re.Match[str], offset: int, rank: int, label: str = "") -> None:
    db = to_float(m["v"], thousands=False)
    if not 50.0 <= db <= 160.0:
        return
    basis, ref, ref_value = _ref_from(m)
    if basis == "unknown" and label:
        in_label = _LABEL_REF.search(label)  # "Sensitivity (dB SPL/mW): 105", "Sensitivity (1 kHz, 1 mW)"
        if in_label is not None:
            basis, ref, ref_value = _ref_from(in_label)
    ctx.add("sensitivity_db", db, offset + m.start(), offset + m.end(), rank,
            {"sensitivity_basis": basis, "sensitivity_ref": ref, "ref_value": ref_value})


def sensitivity(ctx: Context) -> None:
    """Sensitivity as written, with its basis (mW, V or unknown) and reference."""
    norm = ctx.norm
    for f in ctx.labelled("sensitivity"):
        if _MIC_WORD.search(f.label):
            continue
        value = norm[f.start:f.end]
        m = SENSITIVITY_REVERSED.search(value) or SENSITIVITY.search(value)
        if m is None:
            bare = _BARE_SENS.match(value)
            if bare:
                _add_sensitivity(ctx, bare, f.start, LABELLED, f.label)
            continue
        _add_sensitivity(ctx, m, f.start, LABELLED, f.label)
    low = ctx.low  # the literals first: a str.find is far cheaper than the regex pass
    if ("db" not in low and "дб" not in low or not number_found(ctx, _DB_FIGURE_SCAN)) and \
            not ctx.may_mention():
        return  # both prose patterns need a figure right before "dB" ("db" alone is in "headband")
    for m in number_matches(ctx, _REVERSED_SCAN):
        if not in_foreign(ctx, m.start()):
            _add_sensitivity(ctx, m, 0, PROSE)
    for m in number_matches(ctx, _SENSITIVITY_SCAN):
        if in_foreign(ctx, m.start()) or m.start() > 0 and norm[m.start() - 1] in "-−":
            continue
        before = clause_before(norm, m.start(), 60)
        if _MIC_WORD.search(before):
            continue
        explicit = m.groupdict().get("ru") is not None
        if not explicit:
            after = clause_after(norm, m.end(), 30)
            if not (_SENS_WORD.search(before) or _SENS_AFTER.match(after)):
                continue
            if _NOT_SENS.search(before + after):
                continue
        _add_sensitivity(ctx, m, 0, PROSE)


def frequency(ctx: Context) -> None:
    """Frequency range in Hz (low and high ends)."""
    norm = ctx.norm
    for f in ctx.labelled("frequency"):
        if _MIC_WORD.search(f.label):
            continue
        value = norm[f.start:f.end]
        m = FREQ_RANGE.search(value)
        if m:
            _add_range(ctx, m, f.start, LABELLED)
            continue
        m = _FREQ_BARE_RANGE.match(value)
        if m:
            _add_range(ctx, m, f.start, LABELLED)
            continue
        m = _FREQ_UPPER.search(value)
        if m:
            high = _hz(_freq_number(m["b"], m["ub"]), m["ub"])
            ctx.add("freq_high_hz", high, f.start + m.start("b"), f.start + m.end(), LABELLED)
            continue
        m = _FREQ_LOWER_ONLY.match(value)
        if m:
            low = _hz(_freq_number(m["a"], m["ua"]), m["ua"])
            ctx.add("freq_low_hz", low, f.start + m.start("a"), f.start + m.end(), LABELLED)
    for m in number_matches(ctx, _FREQ_SCAN) if ctx.mentions("hz", "гц") else ():
        if in_foreign(ctx, m.start()) or rx(_MIC_WORD, norm).search(clause_before(norm, m.start(), 40)):
            continue
        _add_range(ctx, m, 0, PROSE)


def _add_range(ctx: Context, m: re.Match[str], offset: int, rank: int) -> None:
    groups = m.groupdict()
    ub = groups.get("ub")
    ua = groups.get("ua")
    a, b = _freq_number(m["a"], ua or ub), _freq_number(m["b"], ub)
    high = _hz(b, ub)
    if ua:
        low = _hz(a, ua)
    elif _is_khz(ub) and a < 1 and ("." in m["a"] or "," in m["a"]):
        low = a * 1000.0  # "0.02-20 kHz"
    else:
        low = a
    if not (0 <= low < high) or high < 1000 and rank == PROSE:
        return
    start, end = offset + m.start(), offset + m.end()
    ctx.add("freq_low_hz", low, start, end, rank)
    ctx.add("freq_high_hz", high, start, end, rank)


def thd(ctx: Context) -> None:
    """Total harmonic distortion in percent (a "<0.1 %" bound is 0.1)."""
    norm = ctx.norm
    for f in ctx.labelled("thd"):
        m = _THD_VALUE.search(norm, f.start, f.end)
        if m:
            ctx.add("thd_percent", to_float(m["v"], thousands=False), m.start(), m.end(), LABELLED)
    gate = "%" in norm and ctx.mentions("thd", "distortion", "кни", "искаж", "klirr", "distors")
    for m in rx(_THD_PROSE, norm).finditer(norm) if gate else ():
        if in_foreign(ctx, m.start()):
            continue
        v = m["v"] or m["v2"]
        ctx.add("thd_percent", to_float(v, thousands=False), m.start(), m.end(), PROSE)
