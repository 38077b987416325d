"""Read frequency-response files: AutoEq CSV, REW / squig.link text, plain two-column tables.

Every problem raises `FrReadError` naming the file, the line (1-based) and what is
wrong, with a hint. Per-channel files (``Name L.txt``, ``Name R.txt``, ``L1``..``Ln``)
are combined the way AutoEq's squig.link crawler does it: each channel is
interpolated onto the AutoEq grid and set to 0 dB at 1 kHz, then the channels are
averaged; the spread between channels is kept as ``channel_imbalance_db``.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np

from headspec.errors import FrReadError
from headspec.fr.curve import FORMS, FrequencyResponse
from headspec.fr.grid import autoeq_grid, interpolate, normalize

MAX_BYTES = 20_000_000
MIN_POINTS = 10
REQUIRED_BAND_HZ = (100.0, 10000.0)
IMBALANCE_BAND_HZ = (100.0, 10000.0)

_CHANNEL = re.compile(r"^(?P<stem>.+?)\s+(?P<side>[LR])(?P<n>\d*)$")
_FREQ_NAME = re.compile(r"^(?:freq|frequency|hz|f)\b|^freq", re.IGNORECASE)
_SPL_NAME = re.compile(r"^(?:spl|db|raw|gain|ampl|magnitude|mag|level|response)", re.IGNORECASE)
_NUMERIC_START = re.compile(r"^\s*[-+]?(?:\d|\.\d|nan|inf)", re.IGNORECASE)
_COMMENT = ("*", "#", "//", ";")

PathArg = str | PathLike[str]


@dataclass(frozen=True)
class _Table:
    frequency_hz: np.ndarray
    spl_db: np.ndarray


def _split(line: str) -> list[str]:
    if "\t" in line:
        cells = line.split("\t")
    elif ";" in line:
        cells = line.split(";")
    elif "," in line:
        cells = line.split(",")
    else:
        cells = line.split()
    cells = [c.strip() for c in cells]
    if ("\t" in line or ";" in line) and any("," in c for c in cells):
        cells = [c.replace(",", ".") for c in cells]  # decimal commas (European REW exports)
    return [c for c in cells if c != ""]


def _header_columns(cells: list[str]) -> tuple[int | None, int | None]:
    fcol = next((i for i, c in enumerate(cells) if _FREQ_NAME.search(c)), None)
    scol = next((i for i, c in enumerate(cells) if _SPL_NAME.search(c)), None)
    return fcol, scol


def _parse_fast(text: str) -> _Table | None:
    """Vectorized parse of a clean table (header lines, then only numeric rows); None if not clean."""
    fcol, scol = 0, 1
    pos, size, start, first = 0, len(text), None, ""
    for _ in range(64):
        end = text.find("\n", pos)
        end = size if end == -1 else end
        line = text[pos:end].strip().lstrip("\ufeff")
        if line:
            if _NUMERIC_START.match(line):
                start, first = pos, line
                break
            f_i, s_i = _header_columns(_split(line.lstrip("*#/; ").strip()))
            if f_i is not None and s_i is not None:
                fcol, scol = f_i, s_i
        if end >= size:
            break
        pos = end + 1
    if start is None:
        return None
    body = text[start:].strip()
    sep = "\t" if "\t" in first else ";" if ";" in first else "," if "," in first else None
    if sep is not None:
        if sep != "," and "," in body:
            return None  # decimal commas: leave to the careful parser
        body = body.replace(sep, " ")
        first = first.replace(sep, " ")
    ncols = len(first.split())
    nrows = body.count("\n") + 1
    if ncols <= max(fcol, scol):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # older numpy warns when it stops early; size check below
            flat = np.fromstring(body, dtype=float, sep=" ")
    except ValueError:  # numpy 2 raises on text it cannot read to the end
        return None
    if flat.size != ncols * nrows:
        return None  # ragged rows, blank lines, '?' or text: the careful parser decides
    table = flat.reshape(nrows, ncols)
    f, y = table[:, fcol], table[:, scol]
    if f.size < MIN_POINTS or not (np.all(np.isfinite(table)) and np.all(np.diff(f) > 0)):
        return None
    return _Table(f, y)


def _parse_text(text: str, path: PathArg) -> _Table:
    table = _parse_fast(text)
    if table is not None:
        # Row numbers are only needed for messages; the careful parser recomputes them on failure.
        try:
            return _validate(table.frequency_hz, table.spl_db, range(len(table.frequency_hz)), path)
        except FrReadError:
            pass
    return _parse_slow(text, path)


def _parse_slow(text: str, path: PathArg) -> _Table:
    fcol, scol = 0, 1
    header_seen = False
    freqs: list[float] = []
    spls: list[float] = []
    lines: list[int] = []
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip().lstrip("\ufeff")
        if not line:
            continue
        if line.startswith(_COMMENT):
            body = line.lstrip("*#/; ").strip()
            if not header_seen and body and _FREQ_NAME.search(body):
                f_i, s_i = _header_columns(_split(body))
                if f_i is not None and s_i is not None:
                    fcol, scol, header_seen = f_i, s_i, True
            continue
        if not _NUMERIC_START.match(line):
            if freqs:
                raise FrReadError(
                    f"text {line[:40]!r} after the data started",
                    path=path,
                    line=lineno,
                    hint="data rows must be numbers: frequency, SPL",
                )
            cells = _split(line)
            f_i, s_i = _header_columns(cells)
            if f_i is not None and s_i is not None:
                fcol, scol, header_seen = f_i, s_i, True
            elif len(cells) == 2:
                fcol, scol, header_seen = 0, 1, True
            elif f_i is not None:
                raise FrReadError(
                    f"header {line[:60]!r} has no SPL/dB column",
                    path=path,
                    line=lineno,
                    hint="name the level column SPL, dB or raw",
                )
            continue
        cells = _split(line)
        if len(cells) <= max(fcol, scol):
            raise FrReadError(
                f"expected at least {max(fcol, scol) + 1} columns, found {len(cells)}",
                path=path,
                line=lineno,
                hint="rows must be: frequency, SPL [, phase]",
            )
        f_text, s_text = cells[fcol], cells[scol]
        if s_text == "?":  # REW writes '?' where it has no value
            continue
        try:
            f, s = float(f_text), float(s_text)
        except ValueError:
            raise FrReadError(
                f"{f_text!r}, {s_text!r} is not a number pair",
                path=path,
                line=lineno,
                hint="data rows must be numbers: frequency, SPL",
            ) from None
        if math.isnan(f) or math.isnan(s) or math.isinf(f) or math.isinf(s):
            raise FrReadError(
                "NaN or infinite value", path=path, line=lineno, hint="remove rows without a measured value"
            )
        if freqs and f <= freqs[-1]:
            raise FrReadError(
                f"frequency {f:g} Hz is not above the previous row's {freqs[-1]:g} Hz",
                path=path,
                line=lineno,
                hint="frequencies must increase row by row",
            )
        freqs.append(f)
        spls.append(s)
        lines.append(lineno)
    return _validate(freqs, spls, lines, path)


def _validate(freqs: Sequence[float], spls: Sequence[float], lines: Sequence[int], path: PathArg) -> _Table:
    """Whole-curve checks; ``lines`` maps each row to its line number in the file."""
    if len(freqs) == 0:
        raise FrReadError(
            "no numeric rows",
            path=path,
            hint="expected rows of 'frequency, SPL' (AutoEq CSV, REW or squig.link text)",
        )
    if len(freqs) < MIN_POINTS:
        raise FrReadError(
            f"only {len(freqs)} data points, need at least {MIN_POINTS}",
            path=path,
            line=lines[-1],
            hint="export the full measurement, e.g. at 1/48 octave",
        )
    f_arr, s_arr = np.asarray(freqs, dtype=float), np.asarray(spls, dtype=float)
    if f_arr[0] <= 0:
        raise FrReadError(
            f"frequency {f_arr[0]:g} Hz is not positive",
            path=path,
            line=lines[0],
            hint="the first column must be frequency in Hz",
        )
    lo, hi = REQUIRED_BAND_HZ
    if f_arr[0] > lo or f_arr[-1] < hi:
        raise FrReadError(
            f"covers {f_arr[0]:g}–{f_arr[-1]:g} Hz, which misses {lo:g} Hz–{hi / 1000:g} kHz",
            path=path,
            line=lines[0] if f_arr[0] > lo else lines[-1],
            hint="the curve must span at least 100 Hz to 10 kHz",
        )
    # Pressure in Pa is positive and mostly below 1 (94 dB SPL = 1 Pa) with a wide ratio; dB curves are not.
    if np.all(s_arr > 0) and np.median(s_arr) < 1.0 and s_arr.max() < 30 and s_arr.max() / s_arr.min() > 10:
        raise FrReadError(
            f"values {s_arr.min():.3g}–{s_arr.max():.3g} look like linear pressure, not dB",
            path=path,
            line=lines[int(np.argmin(s_arr))],
            hint="convert to dB first: 20*log10(p / 20e-6)",
        )
    big = np.abs(s_arr) > 200
    if big.any():
        raise FrReadError(
            f"level {s_arr[big][0]:g} dB is not a plausible SPL",
            path=path,
            line=lines[int(np.argmax(big))],
            hint="the second column must be SPL in dB",
        )
    return _Table(f_arr, s_arr)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FrReadError(
                f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit",
                path=path,
                hint="a frequency response is a few hundred rows",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise FrReadError("no such file", path=path, hint="check the path") from None
    except IsADirectoryError:
        raise FrReadError("is a directory, not a file", path=path, hint="give the CSV or TXT file") from None
    except OSError as exc:
        raise FrReadError(f"cannot read: {exc.strerror}", path=path, hint="check the path") from None
    if b"\x00" in data[:4096]:
        raise FrReadError(
            "binary data, not a text table",
            path=path,
            hint="export the measurement as text (CSV or REW .txt)",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # REW headers carry locale-encoded device names


def infer_layout(path: PathArg) -> tuple[str | None, str | None]:
    """(source, form) from an AutoEq-layout path ``<source>/[data/]<form>/<Name>.csv``."""
    p = Path(path)
    form = p.parent.name if p.parent.name in FORMS else None
    if form is None:
        return None, None
    up = p.parent.parent
    if up.name == "data":
        up = up.parent
    return (up.name or None), form


def split_channel(stem: str) -> tuple[str, str | None]:
    """``'Aoshida E20 L'`` -> ``('Aoshida E20', 'L')``; no channel suffix -> ``(stem, None)``."""
    m = _CHANNEL.match(stem)
    if not m:
        return stem, None
    return m["stem"], m["side"] + m["n"]


def read(
    path: PathArg | Sequence[PathArg],
    *,
    name: str | None = None,
    source: str | None = None,
    form: str | None = None,
    phone_book: dict[str, str] | None = None,
) -> FrequencyResponse:
    """Read one curve file, or several channel files of one headphone (averaged).

    The file's own frequency points are kept for a single file; channel sets come
    back on the AutoEq grid, 0 dB at 1 kHz. ``source`` and ``form`` default to what an
    AutoEq-layout path says; ``phone_book`` (from `read_phone_book`) maps file stems
    to display names.
    """
    if not isinstance(path, str | PathLike):
        paths = [Path(p) for p in path]
        if len(paths) == 1:
            return read(paths[0], name=name, source=source, form=form, phone_book=phone_book)
        return read_channels(paths, name=name, source=source, form=form, phone_book=phone_book)
    p = Path(path)
    table = _parse_text(_read_text(p), p)
    stem, channel = split_channel(p.stem)
    guess_source, guess_form = infer_layout(p)
    display = name or _display_name(stem, phone_book) or stem
    return FrequencyResponse(
        table.frequency_hz,
        table.spl_db,
        name=display,
        source=source or guess_source,
        form=form or guess_form,
        path=str(p),
        channels=(channel,) if channel else (),
    )


def _display_name(stem: str, phone_book: dict[str, str] | None) -> str | None:
    if not phone_book:
        return None
    return phone_book.get(stem) or phone_book.get(split_channel(stem)[0])


def channel_imbalance(frequency_hz: np.ndarray, channels: np.ndarray) -> float | None:
    """RMS over 100 Hz–10 kHz of the spread (max - min) between normalized channels, in dB."""
    if channels.shape[0] < 2:
        return None
    lo, hi = IMBALANCE_BAND_HZ
    band = (frequency_hz >= lo) & (frequency_hz <= hi)
    spread = channels[:, band].max(axis=0) - channels[:, band].min(axis=0)
    return float(np.sqrt(np.mean(spread**2)))


def read_channels(
    paths: Iterable[PathArg],
    *,
    name: str | None = None,
    source: str | None = None,
    form: str | None = None,
    phone_book: dict[str, str] | None = None,
) -> FrequencyResponse:
    """Average channel files (L, R, L1..Ln) into one curve on the AutoEq grid, 0 dB at 1 kHz."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise FrReadError("no channel files given", hint="give e.g. 'Name L.txt' 'Name R.txt'")
    grid = autoeq_grid()
    rows = []
    labels = []
    for p in paths:
        t = _parse_text(_read_text(p), p)
        rows.append(normalize(grid, interpolate(t.frequency_hz, t.spl_db, grid), 1000.0))
        stem, channel = split_channel(p.stem)
        labels.append(channel or p.stem)
    stack = np.vstack(rows)
    stems = {split_channel(p.stem)[0] for p in paths}
    stem = stems.pop() if len(stems) == 1 else paths[0].stem
    guess_source, guess_form = infer_layout(paths[0])
    return FrequencyResponse(
        grid,
        stack.mean(axis=0),
        name=name or _display_name(stem, phone_book) or stem,
        source=source or guess_source,
        form=form or guess_form,
        path=str(paths[0]),
        channels=tuple(labels),
        channel_imbalance_db=channel_imbalance(grid, stack),
    )


def find_channels(path: PathArg) -> list[Path]:
    """All channel files of the headphone ``path`` belongs to (``Name L.txt`` -> L, R, L1.. siblings)."""
    p = Path(path)
    stem, channel = split_channel(p.stem)
    if channel is None:
        return [p]
    found = []
    for sib in sorted(p.parent.glob(f"{glob_escape(stem)} *{p.suffix}")):
        s, c = split_channel(sib.stem)
        if s == stem and c is not None:
            found.append(sib)
    return found or [p]


def glob_escape(text: str) -> str:
    """`text` with glob metacharacters bracketed, so a file name like 'IE 900 [v2]' matches itself."""
    return re.sub(r"([*?\[\]])", r"[\1]", text)


def read_phone_book(path: PathArg) -> dict[str, str]:
    """Map file stems to "Brand Model [variant]" names from a squig.link ``phone_book.json``.

    Entries are ``{"name": brand, "phones": [{"name": model, "file": stem | [stems],
    "suffix": [variant, ...]}]}``; a variant's display name is brand, model and suffix.
    """
    p = Path(path)
    try:
        book = json.loads(_read_text(p))
    except json.JSONDecodeError as exc:
        raise FrReadError(
            f"not valid JSON: {exc.msg}",
            path=p,
            line=exc.lineno,
            hint="a squig.link phone_book.json is a list of brands",
        ) from None
    if not isinstance(book, list):
        raise FrReadError("expected a list of brands", path=p, hint="a squig.link phone_book.json")
    names: dict[str, str] = {}
    for brand in book:
        if not isinstance(brand, dict) or not isinstance(brand.get("phones"), list):
            continue
        brand_name = str(brand.get("name", "")).strip()
        for phone in brand["phones"]:
            if not isinstance(phone, dict):
                continue
            model = phone.get("name")
            model = " ".join(model) if isinstance(model, list) else str(model or "").strip()
            files = phone.get("file", [])
            files = [files] if isinstance(files, str) else [f for f in files if isinstance(f, str)]
            suffixes = phone.get("suffix")
            base = f"{brand_name} {model}".strip()
            for i, stem in enumerate(files):
                if isinstance(suffixes, list) and i < len(suffixes) and len(files) > 1:
                    names[stem] = f"{base} {suffixes[i]}".strip()
                else:
                    names[stem] = base
    return names
