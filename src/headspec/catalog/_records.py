"""Streaming readers for listing feeds (JSONL, CSV) and the normalization of one record.

A record needs a `title` or a `raw_text`; it may carry `price`, `currency`, `url`, `source`, `brand`,
`id` and a `fields` object. The shared feed's own keys (`url_or_origin`, `fields.name`,
`fields.price_rub`, `fields.manufacturer`, ...) are understood too.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from headspec.errors import CatalogError

MAX_RECORD_CHARS = 200_000


@dataclass(slots=True)
class ListingIn:
    """One normalized listing record, ready to classify and store."""

    content_hash: bytes
    title: str
    raw_text: str
    source: str | None
    external_id: str | None
    url: str | None
    brand: str | None
    price: float | None
    currency: str | None
    fields: dict[str, Any] | None
    kind: str | None


def file_hash(path: Path) -> str:
    """BLAKE2b of the file's bytes (whole-file idempotency)."""
    h = hashlib.blake2b(digest_size=20)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_records(
    path: Path, tick: Callable[[int], None] | None = None
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, record or None, error or None) from a .jsonl/.json-lines or .csv file,
    streaming (memory stays bounded whatever the file size). `tick(bytes_read)` reports progress."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from _read_jsonl(path, tick)
    elif suffix in (".csv", ".tsv"):
        yield from _read_csv(path, tick, delimiter="\t" if suffix == ".tsv" else ",")
    else:
        raise CatalogError(
            f"cannot read listings from {path.name}: unknown file type {suffix!r}",
            input=str(path),
            hint="give a .jsonl (one JSON object per line) or .csv file",
        )


def _read_jsonl(
    path: Path, tick: Callable[[int], None] | None
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    done = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, 1):
            done += len(line)
            if tick is not None and number % 512 == 0:
                tick(done)
            if not line.strip():
                continue
            if len(line) > MAX_RECORD_CHARS:
                yield number, None, f"line {number}: record longer than {MAX_RECORD_CHARS} bytes"
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError) as exc:  # also >4300-digit numbers, deep nesting
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:120]
                yield number, None, f"line {number}: not JSON ({reason})"
                continue
            if not isinstance(record, dict):
                yield number, None, f"line {number}: a JSON {type(record).__name__}, not an object"
                continue
            yield number, record, None
    if tick is not None:
        tick(done)


class RawLines:
    """Line iterator over a binary file that remembers the verbatim lines of the current CSV row."""

    def __init__(self, raw: io.BufferedReader) -> None:
        self._raw = raw
        self.consumed: list[str] = []
        self.bytes_read = 0

    def __iter__(self) -> RawLines:
        return self

    def __next__(self) -> str:
        line = self._raw.readline()
        if not line:
            raise StopIteration
        self.bytes_read += len(line)
        text = line.decode("utf-8-sig" if self.bytes_read == len(line) else "utf-8", errors="replace")
        self.consumed.append(text)
        return text


def read_csv_rows(
    path: Path, tick: Callable[[int], None] | None = None, delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str], str, str]]:
    """Yield (row number, {header: cell}, header line, verbatim row text) from a CSV file.

    A row the csv module cannot split (a bare CR inside an unquoted field, a field over its size
    limit) raises CatalogError naming the file and line, so the ingest rolls back cleanly."""
    with path.open("rb") as raw:
        lines = RawLines(raw)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            yield from _csv_rows(reader, lines, tick)
        except csv.Error as exc:
            raise CatalogError(
                f"{path.name}, line {reader.line_num}: not readable as CSV ({exc})",
                input=str(path),
                field="line",
                hint="quote fields that hold line breaks or commas, and save the file with \\n line ends",
            ) from None


def _csv_rows(
    reader: Any, lines: RawLines, tick: Callable[[int], None] | None
) -> Iterator[tuple[int, dict[str, str], str, str]]:
    try:
        header = next(reader)
    except StopIteration:
        return
    header_text = "".join(lines.consumed).rstrip("\r\n")
    header = [h.strip() for h in header]
    lines.consumed.clear()
    for number, cells in enumerate(reader, 1):
        text = "".join(lines.consumed).rstrip("\r\n")
        lines.consumed.clear()
        if tick is not None and number % 512 == 0:
            tick(lines.bytes_read)
        if not any(c.strip() for c in cells):
            continue
        yield number, dict(zip(header, cells, strict=False)), header_text, text
    if tick is not None:
        tick(lines.bytes_read)


def _read_csv(
    path: Path, tick: Callable[[int], None] | None, delimiter: str
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    for number, row, _header, _text in read_csv_rows(path, tick, delimiter):
        record: dict[str, Any] = {k: v for k, v in row.items() if k}
        fields = record.pop("fields", None)
        if fields:
            try:
                record["fields"] = json.loads(fields)
            except json.JSONDecodeError:
                yield number, None, f"row {number}: column 'fields' is not JSON"
                continue
        yield number, record, None


_CURRENCY_SIGNS = (
    ("₹", "INR"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₽", "RUB"),
    ("руб", "RUB"),
    ("¥", "JPY"),
    ("US$", "USD"),
    ("$", "USD"),
)
_NUMBER = re.compile(r"\d[\d\s\u00a0\u202f.,']*")


def parse_price(value: Any, currency: str | None = None) -> tuple[float | None, str | None]:
    """(amount, ISO currency) from 19.99, "$32.99", "₹1,299", "24 340" (+ currency="RUB")."""
    if value is None or value == "" or isinstance(value, bool):
        return None, None
    cur = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    if isinstance(value, int | float):
        amount = float(value)
    else:
        text = str(value).strip()
        for sign, code in _CURRENCY_SIGNS:
            if sign in text:
                cur = cur or code
                break
        match = _NUMBER.search(text)
        if not match:
            return None, None
        number = re.sub(r"[\s\u00a0\u202f']", "", match.group()).rstrip(".,")
        if "," in number and "." in number:
            number = (
                number.replace(",", "")
                if number.rfind(".") > number.rfind(",")
                else number.replace(".", "").replace(",", ".")
            )
        elif "," in number:
            head, _, tail = number.rpartition(",")
            number = number.replace(",", "") if len(tail) == 3 else head.replace(",", "") + "." + tail
        try:
            amount = float(number)
        except ValueError:
            return None, None
    if not (amount > 0) or amount > 1e9:  # a zero price is a placeholder, not a price
        return None, None
    if cur is not None and not re.fullmatch(r"[A-Z]{3}", cur):
        cur = None
    return amount, cur


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def normalize(record: dict[str, Any]) -> tuple[ListingIn | None, str | None]:
    """A ListingIn from one feed record, or (None, reason) when it has no usable title or text."""
    fields = record.get("fields")
    if fields is not None and not isinstance(fields, dict):
        return None, "fields is not an object"
    f = fields or {}
    raw_text = _text(record.get("raw_text")) or _text(record.get("text")) or _text(record.get("description"))
    kind = _text(record.get("kind"))
    title = _text(record.get("title")) or _text(f.get("title")) or _text(f.get("name"))
    if title is None and kind == "structured_table_row" and f.get("model"):
        title = " ".join(str(p) for p in (f.get("brand"), f.get("model")) if p)
    if title is None and raw_text is not None:
        title = raw_text.splitlines()[0].strip()
    if not title:
        return None, "no title or raw_text"
    raw_text = raw_text or title
    brand = _text(record.get("brand")) or _text(f.get("brand")) or _text(f.get("manufacturer"))
    price, currency = parse_price(record.get("price"), _text(record.get("currency")))
    if price is None:
        for key, cur in (
            ("price", None),
            ("price_usd_approx", "USD"),
            ("price_rub", "RUB"),
            ("price_inr", "INR"),
            ("price_usd", "USD"),
        ):
            if f.get(key) not in (None, ""):
                price, currency = parse_price(f.get(key), cur)
                if price is not None:
                    break
    if price is not None and currency is None and str(f.get("marketplace", "")).endswith(".in"):
        currency = "INR"
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        encoded = canonical.encode("utf-8")
    except UnicodeEncodeError:  # JSON may escape a lone surrogate ("\\udcff"); SQLite cannot store it
        return None, "text holds an unpaired UTF-16 surrogate (not valid Unicode)"
    digest = hashlib.blake2b(encoded, digest_size=16).digest()
    return ListingIn(
        content_hash=digest,
        title=title[:500],
        raw_text=raw_text,
        source=_text(record.get("source")),
        external_id=_text(record.get("id")),
        url=_text(record.get("url")) or _text(record.get("url_or_origin")),
        brand=brand,
        price=price,
        currency=currency,
        fields=fields,
        kind=kind,
    ), None
