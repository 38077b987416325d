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
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path

import numpy as np

from headspec.errors import FrReadError
from headspec.fr._fastparse import parse_decimals
from headspec.fr.curve import FORMS, FrequencyResponse
from headspec.fr.grid import FloatArray, autoeq_grid, interpolate, normalize

MAX_BYTES = 20_000_000
MIN_POINTS = 10
REQUIRED_BAND_HZ = (100.0, 10000.0)
IMBALANCE_BAND_HZ = (100.0, 10000.0)

_CHANNEL = re.compile(r"^(?P<stem>.+?)\s+(?P<side>[LR])(?P<n>\d*)$")
_FREQ_NAME = re.compile(r"^(?:freq|frequency|hz|f)\b|^freq", re.IGNORECASE)
_SPL_NAME = re.compile(r"^(?:spl|db|raw|gain|ampl|magnitude|mag|level|response)", re.IGNORECASE)
_NUMERIC_START = re.compile(r"^\s*[-+]?(?:\d|\.\d|nan|inf)", re.IGNORECASE)
_COMMENT = ("*", "#", "//", ";")
_NUMERIC_START_BYTES = re.compile(rb"^\s*[-+]?(?:\d|\.\d|nan|inf)", re.IGNORECASE)
_BOM = b"\xef\xbb\xbf"
_SPLITS_ROW = re.compile(rb"\r[^\r\n]")  # a bare CR inside a row: a line break to the careful parser
# What a clean body may hold besides digits, '.', '-', '+' and line ends, by the first data line's separator.
_CLEAN_BODY = {b",": b",", b"\t": b"\t", b" ": b" "}
_DIGITS_SIGNS = b"0123456789.-+\r\n"
_GROUP_FILES = 512  # read_many reads this many files, then parses them, then reads on
_CHUNK_BYTES = 1 << 17  # batches of ~128 kB of text: enough to amortize numpy calls, small for the cache

PathArg = str | PathLike[str]


@dataclass(frozen=True)
class _Table:
    frequency_hz: np.ndarray
    spl_db: np.ndarray
    checked: bool = False  # read-only arrays that passed every check: no copy needed


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


@dataclass(frozen=True)
class _Clean:
    """A file the vectorized parser may take: its numeric body and the columns the header chose."""

    body: bytes
    fcol: int
    scol: int


def _clean_body(data: bytes) -> _Clean | None:
    """Split a clean file into header and numeric body, or None when only the careful parser may judge it.

    Clean means: at most 64 header lines, then rows of plain decimals separated by one kind
    of separator (comma, tab or spaces), nothing else, so that the careful parser would read
    exactly the same numbers from the same columns.
    """
    pos, size = 0, len(data)
    for _ in range(64):
        end = data.find(b"\n", pos)
        end = size if end == -1 else end
        line = data[pos:end].strip()
        if line.startswith(_BOM):
            line = line[3:]
        if _NUMERIC_START_BYTES.match(line):
            break
        if end >= size:
            return None
        pos = end + 1
    else:
        return None
    first, body = line, data[pos:]
    sep = b"\t" if b"\t" in first else b";" if b";" in first else b"," if b"," in first else b" "
    if (
        sep not in _CLEAN_BODY
        or body.translate(None, _DIGITS_SIGNS + _CLEAN_BODY[sep])
        or (b"\r" in body and body.count(b"\r") != body.count(b"\r\n") and _SPLITS_ROW.search(body))
        or body.startswith(sep)
    ):
        return None
    columns = _header_columns_cached(data[:pos])
    return None if columns is None else _Clean(body, *columns)


@lru_cache(maxsize=256)
def _header_columns_cached(header: bytes) -> tuple[int, int] | None:
    """(fcol, scol) the careful parser would take from these header lines; None if it would stop there.

    Cached: every AutoEq CSV has the same header, so it is judged once.
    """
    state = (0, 1, False)
    try:
        for lineno, raw in enumerate(_decode(header).splitlines(), start=1):
            text = raw.strip().lstrip("\ufeff")
            if not text:
                continue
            if not text.startswith(_COMMENT) and _NUMERIC_START.match(text):
                return None  # a line break the bytes scan did not see: let the careful parser decide
            state = _header_line(text, lineno, "", state)
    except FrReadError:
        return None
    return state[0], state[1]


def _parse_clean_many(cleans: Sequence[_Clean]) -> list[tuple[FloatArray, FloatArray] | None]:
    """(frequency, SPL) of each clean body, parsed in batches; None where a file is not clean after all.

    Every row must have as many numbers as the first, and the curve must pass all the
    checks of `_validate` (else None: the careful parser then reports the problem and line).
    """
    out: list[tuple[FloatArray, FloatArray] | None] = [None] * len(cleans)
    start = 0
    while start < len(cleans):
        stop, size = start, 0
        while stop < len(cleans) and (stop == start or size + len(cleans[stop].body) <= _CHUNK_BYTES):
            size += len(cleans[stop].body) + 1
            stop += 1
        _parse_chunk(cleans, start, stop, out)
        start = stop
    return out


def _parse_chunk(cleans: Sequence[_Clean], start: int, stop: int, out: list) -> None:
    bodies = [c.body for c in cleans[start:stop]]
    buf = b"\n".join(bodies) + b"\n"
    parsed = parse_decimals(buf, checked=True)
    if parsed is None:
        if stop - start > 1:  # one odd file spoils the batch: parse the files one by one
            for i in range(start, stop):
                _parse_chunk(cleans, i, i + 1, out)
        return
    values, starts, opens_line = parsed
    offsets = np.cumsum([0] + [len(b) + 1 for b in bodies])
    bounds = np.searchsorted(starts, offsets).tolist()
    row_starts = np.flatnonzero(opens_line)
    first_rows = np.searchsorted(row_starts, bounds).tolist()
    row_starts = row_starts.tolist() + [values.size]
    # Line ends per file (its own, plus the one joining it to the next): to find lines without numbers.
    line_ends = np.searchsorted(np.flatnonzero(np.frombuffer(buf, dtype=np.uint8) == 10), offsets).tolist()
    for k in range(stop - start):
        lo, hi = bounds[k], bounds[k + 1]
        nrows = first_rows[k + 1] - first_rows[k]
        if nrows < MIN_POINTS or row_starts[first_rows[k]] != lo:
            continue
        ncols = row_starts[first_rows[k] + 1] - lo
        c = cleans[start + k]
        # Every row must hold as many numbers as the first: nrows line openers, one every ncols numbers.
        if ncols <= max(c.fcol, c.scol) or nrows * ncols != hi - lo or not opens_line[lo:hi:ncols].all():
            continue
        # And every line must be a row: a blank line or one of only separators (',,' would be text
        # to the careful parser, a line opening with a separator is read differently) goes careful.
        if line_ends[k + 1] - line_ends[k] != nrows + bodies[k].endswith(b"\n"):
            continue
        f = _checked_frequencies(values[lo + c.fcol : hi : ncols])
        if f is None:
            continue
        y = values[lo + c.scol : hi : ncols].copy()
        low, high = y.min(), y.max()
        if (low > 0 and high < 30) or max(-low, high) > 200:
            continue  # might be linear pressure, or implausible: `_validate` on the careful path decides
        y.setflags(write=False)
        out[start + k] = (f, y)


_FREQ_CACHE: dict[bytes, FloatArray] = {}


def _checked_frequencies(column: np.ndarray) -> FloatArray | None:
    """The column as a read-only array if it passes `_validate`'s frequency checks, else None.

    At least ``MIN_POINTS``, positive, strictly increasing, covering ``REQUIRED_BAND_HZ``.
    Curves on one grid (every AutoEq CSV) get the same array object back, checked once.
    """
    f = np.ascontiguousarray(column)
    key = f.tobytes()
    hit = _FREQ_CACHE.get(key)
    if hit is not None:
        return hit
    lo, hi = REQUIRED_BAND_HZ
    if f.size < MIN_POINTS or not (0 < f[0] <= lo and f[-1] >= hi and np.all(f[1:] > f[:-1])):
        return None
    f.setflags(write=False)
    if len(_FREQ_CACHE) >= 64:
        _FREQ_CACHE.pop(next(iter(_FREQ_CACHE)))
    _FREQ_CACHE[key] = f
    return f


def _parse_many(datas: Sequence[bytes], paths: Sequence[PathArg]) -> list[_Table]:
    """Parse files' bytes: clean ones in batches, the rest (or any the batch refuses) carefully."""
    cleans = [_clean_body(d) for d in datas]
    idx = [i for i, c in enumerate(cleans) if c is not None]
    fast = _parse_clean_many([cleans[i] for i in idx])
    tables: list[_Table | None] = [None] * len(datas)
    for i, ft in zip(idx, fast, strict=True):
        if ft is not None:
            tables[i] = _Table(*ft, checked=True)  # passed every check of `_validate` (`_parse_chunk`)
    return [
        t if t is not None else _parse_slow(_decode(d), p)
        for t, d, p in zip(tables, datas, paths, strict=True)
    ]


def _header_line(
    line: str, lineno: int, path: PathArg, state: tuple[int, int, bool]
) -> tuple[int, int, bool]:
    """Apply a comment or header line to ``(fcol, scol, seen)``; fail on a header without a level column."""
    fcol, scol, seen = state
    if line.startswith(_COMMENT):
        body = line.lstrip("*#/; ").strip()
        if not seen and body and _FREQ_NAME.search(body):
            f_i, s_i = _header_columns(_split(body))
            if f_i is not None and s_i is not None:
                return f_i, s_i, True
        return state
    cells = _split(line)
    f_i, s_i = _header_columns(cells)
    if f_i is not None and s_i is not None:
        return f_i, s_i, True
    if len(cells) == 2:
        return 0, 1, True
    if f_i is not None:
        raise FrReadError(
            f"header {line[:60]!r} has no SPL/dB column",
            path=path,
            line=lineno,
            hint="name the level column SPL, dB or raw",
        )
    return state


def _parse_slow(text: str, path: PathArg) -> _Table:
    state = (0, 1, False)
    freqs: list[float] = []
    spls: list[float] = []
    lines: list[int] = []
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip().lstrip("\ufeff")
        if not line:
            continue
        if line.startswith(_COMMENT):
            state = _header_line(line, lineno, path, state)
            continue
        if not _NUMERIC_START.match(line):
            if freqs:
                raise FrReadError(
                    f"text {line[:40]!r} after the data started",
                    path=path,
                    line=lineno,
                    hint="data rows must be numbers: frequency, SPL",
                )
            state = _header_line(line, lineno, path, state)
            continue
        fcol, scol = state[0], state[1]
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
    return _decode(_read_bytes(path))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # REW headers carry locale-encoded device names


def _read_bytes(path: Path) -> bytes:
    # One open, fstat and read: Path.stat() + Path.read_bytes() cost twice as much per file.
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(fd).st_size
            if size > MAX_BYTES:
                raise FrReadError(
                    f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit",
                    path=path,
                    hint="a frequency response is a few hundred rows",
                )
            data = os.read(fd, size + 1)
            if len(data) != size:  # a short read, a pipe or a file still growing: read to the end
                parts = [data]
                while (part := os.read(fd, 1 << 20)) and sum(map(len, parts)) <= MAX_BYTES:
                    parts.append(part)
                data = b"".join(parts)
                if len(data) > MAX_BYTES:
                    raise FrReadError(
                        f"file is over the {MAX_BYTES / 1e6:.0f} MB limit",
                        path=path,
                        hint="a frequency response is a few hundred rows",
                    )
        finally:
            os.close(fd)
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
    return data


def infer_layout(path: PathArg) -> tuple[str | None, str | None]:
    """(source, form) from an AutoEq-layout path ``<source>/[data/]<form>/<Name>.csv``."""
    p = path if isinstance(path, Path) else Path(path)
    parts = p.parts
    first = 1 if p.anchor else 0  # the anchor ('/') is no directory name
    i = len(parts) - 2
    form = parts[i] if i >= first and parts[i] in FORMS else None
    if form is None:
        return None, None
    i -= 1
    if i >= first and parts[i] == "data":
        i -= 1
    return (parts[i] if i >= first else None), form


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
    return _curve(p, _parse_many([_read_bytes(p)], [p])[0], name, source, form, phone_book)


def read_many(
    paths: Iterable[PathArg],
    *,
    source: str | None = None,
    form: str | None = None,
    phone_book: dict[str, str] | None = None,
) -> list[FrequencyResponse]:
    """Read many single-curve files, the same as ``[read(p) for p in paths]`` but faster.

    Clean files (AutoEq CSV, REW text of plain decimals) are parsed together in
    vectorized batches; any other file, and any file that fails a check, goes through
    the careful parser, so a bad file raises the same `FrReadError` naming its line.
    Errors are raised for the first bad file in the order given. Files are read
    ``_GROUP_FILES`` at a time, so memory stays flat however many paths come in.
    """
    ps = [p if isinstance(p, Path) else Path(p) for p in paths]
    curves: list[FrequencyResponse] = []
    for g in range(0, len(ps), _GROUP_FILES):
        group = ps[g : g + _GROUP_FILES]
        datas: list[bytes] = []
        for i, p in enumerate(group):
            try:
                datas.append(_read_bytes(p))
            except FrReadError:
                _parse_many(datas, group[:i])  # an earlier file's content error comes first
                raise
        tables = _parse_many(datas, group)
        curves += [_curve(p, t, None, source, form, phone_book) for p, t in zip(group, tables, strict=True)]
    return curves


def _curve(
    p: Path,
    table: _Table,
    name: str | None,
    source: str | None,
    form: str | None,
    phone_book: dict[str, str] | None,
) -> FrequencyResponse:
    stem, channel = split_channel(p.stem)
    guess_source, guess_form = infer_layout(p)
    meta = {
        "name": name or _display_name(stem, phone_book) or stem,
        "source": source or guess_source,
        "form": form or guess_form,
        "path": str(p),
        "channels": (channel,) if channel else (),
    }
    if table.checked:
        return FrequencyResponse._from_checked(table.frequency_hz, table.spl_db, **meta)
    return FrequencyResponse(table.frequency_hz, table.spl_db, **meta)  # type: ignore[arg-type]


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
    tables = _parse_many([_read_bytes(p) for p in paths], paths)
    for p, t in zip(paths, tables, strict=True):
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
