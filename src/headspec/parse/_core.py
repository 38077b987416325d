"""`parse_spec`: run every extractor over one text and settle on one typed `Spec`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from headspec.errors import InputTooLargeError, SpecParseError
from headspec.parse import commerce, driver, electrical, features, product
from headspec.parse._context import ASCII, PROSE, Candidate, Context, want_heads
from headspec.parse.csvrow import sound_library
from headspec.parse.labels import label_family
from headspec.parse.layout import CsvRow, Field, find_fields, read_csv_row
from headspec.parse.numbers import normalize, round_db, shift_reference
from headspec.plausibility import check
from headspec.spec import CODECS, Spec, SpecWarning

__all__ = ["MAX_TEXT_CHARS", "parse_spec"]

#: Texts longer than this are refused (a spec sheet or listing is a few KB; 1 MB is a pasted dump).
MAX_TEXT_CHARS = 1_000_000

_CYRILLIC = re.compile(r"[а-яё]")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# the bytes of a UTF-8 text that are not a control character _BINARY finds (every non-ASCII
# character is bytes >= 0x80, so all of those are in; the one non-ASCII _BINARY finds is U+FFFD)
_NOT_BINARY_BYTES = bytes(b for b in range(256) if _BINARY.match(chr(b)) is None)

_EXTRACTORS: tuple[Callable[[Context], None], ...] = (
    sound_library,
    electrical.impedance, electrical.sensitivity, electrical.frequency, electrical.thd,
    driver.driver,
    features.form, features.back, features.anc, features.wireless,
    commerce.weight, commerce.battery, commerce.price, commerce.condition,
    product.brand_and_model, product.is_headphone,
)
# a CSV row's columns say what they hold; only these also read its free-text cells ("35±3Ω", "wireless")
_CSV_EXTRACTORS: tuple[Callable[[Context], None], ...] = (
    sound_library, electrical.impedance, electrical.sensitivity, driver.driver, features.back,
    features.wireless, product.brand_and_model,
)
_SOUND_LIBRARY_HEADERS = frozenset({"db/mw", "db/vrms", "94db voltage"})


# header name -> its label family: a CSV file repeats one header over every row (bounded: cleared when full)
_HEADER_FAMILIES: dict[str, tuple[str, int] | None] = {}


def _csv_fields(csv: CsvRow) -> list[Field]:
    """A CSV row's cells as labelled fields, the header naming each cell's family."""
    out = []
    families = _HEADER_FAMILIES
    for header, (cell, start, end) in csv.cells.items():
        if header in families:
            found = families[header]
        else:
            if len(families) >= 4096:
                families.clear()
            found = families[header] = label_family(header)
        if found is not None and cell.strip():
            out.append(Field(found[0], header, start, end))
    return sorted(out, key=lambda f: f.start)


# fields whose competing values are worth a conflict warning
_CONFLICT_FIELDS = frozenset({"impedance_ohm", "sensitivity_db", "freq_low_hz", "freq_high_hz", "driver_mm"})
_BASE_TYPES = {"dynamic", "planar", "balanced_armature", "electrostatic"}


def _check_input(text: object) -> str:
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SpecParseError(f"spec text is not valid UTF-8 (byte {exc.start})", input=text[:40],
                                 hint="save the text as UTF-8") from None
    if not isinstance(text, str):
        raise SpecParseError(f"spec text must be a string, not {type(text).__name__}", input=text)
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLargeError(
            f"spec text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}",
            input=text[:80], hint="pass one product's spec sheet or listing, not a whole dump")
    if not text or text.isspace():  # `not text.strip()` without copying the text
        raise SpecParseError("spec text is empty", input=text,
                             hint="give the text of a spec sheet or listing")
    if _binary_count(text[:20_000]) > max(3, len(text[:20_000]) // 100) or "\x00" in text:
        raise SpecParseError("spec text looks binary (control characters or undecodable bytes)",
                             input=text[:80], hint="pass plain text, not a PDF or an image")
    return text


def _binary_count(head: str) -> int:
    """`len(_BINARY.findall(head))`, counted by C byte loops: ~3x fewer instructions than the regex."""
    utf8 = head.encode("utf-8", "surrogatepass")  # a lone surrogate is 3 bytes >= 0x80, like any non-ASCII
    return len(utf8.translate(None, _NOT_BINARY_BYTES)) + head.count("\ufffd")


def make_context(text: str, *, country: str | None = None) -> Context:
    """The checked, normalized text with its layout, before any extractor ran (tests build theirs so)."""
    text = _check_input(text)
    norm = normalize(text)
    nl = norm.find("\n")
    low = norm.lower()
    if len(low) != len(norm):  # "İ" lower-cases to two characters
        low = "".join(ch if len(ch) == 1 else ch[0] for ch in (c.lower() for c in norm))
    csv = read_csv_row(norm)
    fields = find_fields(norm) if csv is None else _csv_fields(csv)
    ctx = Context(text=text, norm=norm, fields=fields, csv=csv,
                  title_end=len(norm) if nl < 0 else nl, country=country, low=low,
                  cyrillic=not norm.isascii() and _CYRILLIC.search(low) is not None)
    if csv is not None and csv.missing:
        ctx.warn("csv-short-row", None, f"the CSV row has {len(csv.missing)} cell(s) fewer than its header; "
                                        f"read it from the left, leaving {', '.join(csv.missing)} empty")
    return ctx


def parse_spec(text: str, *, country: str | None = None) -> Spec:
    """Read any headphone spec text into a typed, unit-normalized `Spec`.

    Every value carries its evidence (exact substring and offsets in `text`);
    ambiguities, conflicts and implausible values become warnings. `country`
    (ISO 3166 code) decides which dollar a bare "$" is.

    >>> parse_spec("Impedance: 32Ω±15%\\nSensitivity: 105 dB/mW").sensitivity_db_per_v
    119.9
    """
    ctx = make_context(text, country=country)
    csv = ctx.csv
    sound_library_row = csv is not None and not _SOUND_LIBRARY_HEADERS.isdisjoint(csv.cells)
    for extract in _CSV_EXTRACTORS if sound_library_row else _EXTRACTORS:
        extract(ctx)
    return _settle(ctx)


def _rank_key(c: Candidate) -> tuple[int, int]:
    return -c.rank, c.start


def _best(cands: list[Candidate]) -> list[Candidate]:
    """Candidates best first: highest rank, then earliest (a lone candidate's list itself: none mutate it)."""
    if len(cands) == 1:
        return cands
    return sorted(cands, key=_rank_key)


_SPEC_FIELDS = frozenset(Spec.model_fields)


def _evidence(ctx: Context, c: Candidate) -> dict[str, Any]:
    """The candidate's span without its surrounding white space (validated into Evidence by Spec)."""
    start = c.start
    span = ctx.text[start:c.end]
    text = span.strip()  # str.strip() drops exactly the characters str.isspace() is true for
    if len(text) != len(span):
        start += len(span) - len(span.lstrip())
    return {"text": text, "start": start, "end": start + len(text)}


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) > 0.005 * max(abs(a), abs(b))
    return bool(a != b)


def _settle(ctx: Context) -> Spec:
    values: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    warnings: list[SpecWarning] = []
    for code, field_name, message in ctx.notes:  # a loop: a comprehension costs a call even when empty
        warnings.append(SpecWarning(code=code, field=field_name, message=message))
    found = _drop_rivals(ctx)

    for name, cands in found.items():
        if name in ("bluetooth_codecs", "driver_type"):
            continue
        ranked = cands if len(cands) == 1 else sorted(cands, key=_rank_key)  # _best, inlined
        top = ranked[0]
        values[name] = top.value
        evidence[name] = _evidence(ctx, top)
        if top.extra:
            for key, extra_value in top.extra.items():
                if key in _SPEC_FIELDS and extra_value is not None:
                    values[key] = extra_value
                    evidence[key] = evidence[name]
        if name in _CONFLICT_FIELDS and len(ranked) > 1:  # a lone candidate has no rival
            rivals = sorted({c.value for c in ranked[1:]
                             if c.rank == top.rank and _differs(c.value, top.value)})
            if rivals:
                shown = ", ".join(f"{v:g}" for v in rivals)
                warnings.append(SpecWarning(code="conflict", field=name,
                                            message=f"text gives {name} {top.value:g} and also {shown}; "
                                                    f"kept the first"))

    if "driver_type" in found:
        ranked = _best(found["driver_type"])
        top_rank = ranked[0].rank
        kinds = [c.value for c in ranked if c.rank == top_rank]
        kind = kinds[0]
        if "hybrid" in kinds or len(_BASE_TYPES.intersection(kinds)) >= 2:
            kind = "hybrid"
        chosen = next(c for c in ranked if c.value == kind) if kind in kinds else ranked[0]
        values["driver_type"] = kind
        evidence["driver_type"] = _evidence(ctx, chosen)

    if "bluetooth_codecs" in found:
        names = {c.value for c in found["bluetooth_codecs"]}
        values["bluetooth_codecs"] = [c for c in CODECS if c in names]
        evidence["bluetooth_codecs"] = _evidence(ctx, min(found["bluetooth_codecs"], key=lambda c: c.start))

    if "sensitivity_db" in values:  # each helper below does nothing without its field
        _sensitivity(values, found, warnings)
        for name in ("sensitivity_db_per_mw", "sensitivity_db_per_v"):
            if name in values:
                evidence[name] = evidence["sensitivity_db"]
    if "battery_h" in ctx.found:
        _battery(ctx, values, evidence)
    if values.get("wireless") is not True:
        _wireless(values, evidence)
    if "price_amount" in values:
        _price(ctx, values, warnings)

    spec = _build(values, evidence, warnings)
    spec.warnings.extend(check(spec))  # a list of its own: Spec validation copied `warnings` into it
    return spec


# a comparison that introduces another product's figures ("compared with the HD 600 (300 ohms)")
_COMPARE = re.compile(r"\b(?:compared\s+(?:with|to)|vs\.?|versus|unlike|like\s+the|rivals?|competitors?|"
                      r"im\s+vergleich\s+zu|verglichen\s+mit|par\s+rapport\s+(?:au|à)|rispetto\s+a|"
                      r"по\s+сравнению\s+с|в\s+отличие\s+от)\b|\bthan\s+(?:the\s+|its\s+|a\s+)?(?=[A-Z])",
                      re.IGNORECASE)
# a sentence also starts after a full stop glued to it ("phones.Equipped"); one alternative per
# mark, each starting with its literal, lets re skip to the marks (a leading [.!?] turns that off)
_SENTENCE_START = re.compile("|".join(rf"\{mark}(?:(?=\s)|(?<=[a-z]{{2}}\{mark})(?=[A-Z][a-z]))"
                                      for mark in ".!?") + r"|\n|\|")
# a word every _COMPARE alternative holds, found case-sensitively in the lower-cased text: where
# it is absent, _COMPARE cannot match, unless the text has a letter that case-folds to a Latin or
# Cyrillic one without lower-casing to it (FOLDS, see Context.may_mention)
_COMPARE_WORD = re.compile("compared|vs|versus|like|rival|competitor|vergleich|verglichen|rapport|rispetto|"
                           "сравнению|отличие|than")
_NO_RIVAL_CHECK = frozenset({"brand", "model", "is_headphone", "condition", "price_amount"})
# the word heads (`Context.heads`) of every _COMPARE alternative: on an ASCII text (no FOLDS letter,
# no Cyrillic) _COMPARE matches only where a word starts with one ("vs" and "im" as whole words)
_COMPARE_HEADS = frozenset({b"com", b"vs", b"ver", b"unl", b"lik", b"riv", b"im", b"par", b"ris", b"tha"})
_COMPARE_VERSION = want_heads(*_COMPARE_HEADS)


def _in_comparison(norm: str, pos: int, low: str | None) -> bool:
    """True when `pos` sits in a clause giving a rival's figures (after "compared with", "vs", "than X").

    `low` is the lower-cased text when it has no FOLDS letter (for the `_COMPARE_WORD` gate), else None.
    """
    lo = max(0, pos - 300)
    start = lo
    for m in _SENTENCE_START.finditer(norm, lo, pos):
        start = m.end()
    if low is not None and _COMPARE_WORD.search(low, start, pos) is None:
        return False
    last = None
    for m in _COMPARE.finditer(norm, start, pos):
        last = m
    if last is None:
        return False
    tail = norm[last.end():pos]
    if tail.count("(") > tail.count(")"):
        return True  # "compared with the HD 600 (300 ohms, ..."
    return not any(ch in tail for ch in ",;)")


def _drop_rivals(ctx: Context) -> dict[str, list[Candidate]]:
    """The candidates without prose figures that belong to a product the text compares with."""
    found = ctx.found
    for name, cands in found.items():
        if name not in _NO_RIVAL_CHECK and any(c.rank <= PROSE for c in cands):
            break
    else:
        return found  # nothing it could drop: skip the keyword searches
    heads = ctx.heads_for(_COMPARE_VERSION)
    if ctx.mode == ASCII and heads is not None and heads.isdisjoint(_COMPARE_HEADS):
        return found  # no word a _COMPARE alternative starts with: no figure sits in a comparison
    if not ctx.mentions("compar", "vs", "versus", "unlike", "like the", "rival", "competitor", "than",
                        "vergleich", "rapport", "rispetto", "сравнени", "отличие"):
        return ctx.found
    kept: dict[str, list[Candidate]] = {}
    low = None if ctx.may_mention() else ctx.low  # may_mention() without words: the text has a FOLDS letter
    for name, cands in ctx.found.items():
        if name in _NO_RIVAL_CHECK:
            kept[name] = cands
            continue
        rest = [c for c in cands if c.rank > PROSE or not _in_comparison(ctx.norm, c.start, low)]
        if rest:
            kept[name] = rest
    return kept


def _build(values: dict[str, Any], evidence: dict[str, Any], warnings: list[SpecWarning]) -> Spec:
    """The Spec with `warnings`; a value it refuses (a 0 count, a negative figure) is dropped with a warning.

    The warnings go in at construction: setting them afterwards costs a pydantic __setattr__.
    """
    fields = values  # only `values` is changed below, and the caller is done with it
    if not _SPEC_FIELDS.issuperset(values):
        fields = {k: v for k, v in values.items() if k in _SPEC_FIELDS}
    for _ in range(len(fields) + 1):
        try:
            return Spec(**fields, evidence=evidence, warnings=warnings)
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else ""
                if name in fields:
                    warnings.append(SpecWarning(code="implausible", field=name,
                                                message=f"dropped {name}={fields[name]!r}: {err['msg']}"))
                    fields.pop(name)
                    evidence.pop(name, None)
                elif name == "evidence":
                    evidence.clear()
    return Spec(warnings=warnings)


def _sensitivity(values: dict[str, Any], found: dict[str, list[Candidate]],
                 warnings: list[SpecWarning]) -> None:
    if "sensitivity_db" not in values:
        return
    top = _best(found["sensitivity_db"])[0]
    extra = top.extra or {}
    basis = extra.get("sensitivity_basis") or "unknown"
    db = values["sensitivity_db"]
    z = values.get("impedance_ohm")
    ref_value = extra.get("ref_value") or 1.0
    values["sensitivity_basis"] = basis
    if basis == "unknown":
        warnings.append(SpecWarning(code="sensitivity-basis-unknown", field="sensitivity_db",
                                    message=f"sensitivity {db:g} dB does not say per mW or per V; "
                                            f"not converted"))
        return
    shifted = shift_reference(db, basis=basis, ref_value=ref_value)
    if basis == "mW":
        values["sensitivity_db_per_mw"] = round_db(shifted)
        if z:
            values["sensitivity_db_per_v"] = round_db(shifted + 10.0 * math.log10(1000.0 / z))
        if extra.get("given_per_v") is not None:
            values["sensitivity_db_per_v"] = round_db(extra["given_per_v"])
    else:
        values["sensitivity_db_per_v"] = round_db(shifted)
        if z:
            values["sensitivity_db_per_mw"] = round_db(shifted - 10.0 * math.log10(1000.0 / z))


# hours of one charge beyond which a true-wireless figure not said to be per charge is the case total
_TWS_MAX_ONE_CHARGE_H = 15.0


def _battery(ctx: Context, values: dict[str, Any], evidence: dict[str, Any]) -> None:
    ones = ctx.found.get("battery_h", [])
    totals = ctx.found.get("battery_total_h", [])
    if ones and totals:
        # a title's "50H Playtime" is the case total stated again in the bullets
        total_values = [c.value for c in totals]
        rest = [c for c in ones if not any(abs(c.value - t) < 1e-9 for t in total_values)]
        if rest:
            best = _best(rest)[0]
            values["battery_h"], evidence["battery_h"] = best.value, _evidence(ctx, best)
        else:
            values.pop("battery_h", None)
            evidence.pop("battery_h", None)
    elif ones and (values.get("true_wireless") or values.get("form_factor") in ("earbud", "in-ear")
                   or ctx.mentions("charging case", "charging box")):
        # earbuds quoted with two figures far apart: the small one is a charge, the big one includes the case
        low = min(ones, key=lambda c: c.value)
        high = max(ones, key=lambda c: c.value)
        if high.value >= 2.5 * low.value:
            values["battery_h"], evidence["battery_h"] = low.value, _evidence(ctx, low)
            values["battery_total_h"], evidence["battery_total_h"] = high.value, _evidence(ctx, high)
        elif values.get("true_wireless") and low.value >= _TWS_MAX_ONE_CHARGE_H and \
                all(c.rank == PROSE and c.start < ctx.title_end for c in ones):
            # true-wireless buds whose title alone quotes one long figure ("32H Playtime"): the case total
            values["battery_total_h"], evidence["battery_total_h"] = values.pop("battery_h"), evidence.pop(
                "battery_h")
    one, total = values.get("battery_h"), values.get("battery_total_h")
    if one is not None and total is not None and total <= one:
        del values["battery_total_h"]
        evidence.pop("battery_total_h", None)


def _wireless(values: dict[str, Any], evidence: dict[str, Any]) -> None:
    for name in ("true_wireless", "bluetooth_version", "bluetooth_codecs"):
        if values.get(name) and values.get("wireless") is not True:
            values["wireless"] = True
            evidence["wireless"] = evidence[name]
            break


def _price(ctx: Context, values: dict[str, Any], warnings: list[SpecWarning]) -> None:
    if "price_amount" not in values:
        return
    top = _best(ctx.found["price_amount"])[0]
    extra = top.extra or {}
    if values.get("price_currency") is None and extra.get("symbol") == "$":
        warnings.append(SpecWarning(code="currency-ambiguous", field="price_currency",
                                    message="'$' without a country could be USD, CAD, AUD, ...; "
                                            "pass country= to decide"))
