"""Loading data into the catalog: listing feeds, spec tables, frequency-response folders.

Every ingest streams its input (memory stays bounded for millions of records), runs in ONE
transaction (a failure or a kill midway leaves the database exactly as it was), and is idempotent:
a file already loaded (same bytes) is skipped, and any record already stored (same content hash) is
counted as `unchanged` rather than added again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from headspec.catalog import _links
from headspec.catalog._fields import values_from_fields
from headspec.catalog._records import ListingIn, file_hash, normalize, read_csv_rows, read_records
from headspec.catalog._writer import Writer
from headspec.catalog.results import IngestSummary
from headspec.catalog.store import Store
from headspec.errors import CatalogError, NotFoundError

Progress = Callable[[int, int], None]
"""progress(done, total): bytes (listings, specs) or files (fr) handled so far."""

BATCH = 1000
MAX_ERRORS_SHOWN = 20
SPEC_TABLE_REASON = "row of a headphone spec table"


def _check_file(path: str | Path) -> Path:
    p = Path(path)
    if not p.is_file():
        raise NotFoundError(f"no such file: {p}", input=str(p), hint="check the path")
    return p


def _previous(store: Store, kind: str, digest: str, path: Path) -> IngestSummary | None:
    rows = store.query("SELECT n_read FROM ingests WHERE kind = ? AND file_hash = ?", (kind, digest))
    if not rows:
        return None
    n = int(rows[0][0])
    return IngestSummary(kind=kind, path=str(path), read=n, unchanged=n, already_ingested=True)  # type: ignore[arg-type]


def _begin(store: Store, kind: str, path: Path, digest: str) -> int:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    cur = store.execute(
        "INSERT INTO ingests (kind, path, file_hash, started_at, finished_at, n_read, n_added, "
        "n_merged, n_rejected, n_unchanged, rejected_reasons) "
        "VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '{}')",
        (kind, str(path), digest, now, now),
    )
    return int(cur.lastrowid)


def _end(store: Store, ingest_id: int, summary: IngestSummary) -> None:
    store.execute(
        "UPDATE ingests SET finished_at = ?, n_read = ?, n_added = ?, n_merged = ?, n_rejected = ?, "
        "n_unchanged = ?, rejected_reasons = ? WHERE id = ?",
        (
            datetime.now(UTC).isoformat(timespec="seconds"),
            summary.read,
            summary.added,
            summary.merged,
            summary.rejected,
            summary.unchanged,
            json.dumps(summary.rejected_reasons),
            ingest_id,
        ),
    )


def _existing_hashes(store: Store, hashes: list[bytes]) -> set[bytes]:
    found: set[bytes] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        rows = store.query(
            f"SELECT content_hash FROM listings WHERE content_hash IN ({','.join('?' * len(chunk))})", chunk
        )
        found.update(bytes(r[0]) for r in rows)
    return found


def _optimize(store: Store) -> None:
    """Refresh the planner's statistics after a load (cheap; keeps facet queries on their indexes)."""
    store.analyze()


def _ticker(progress: Progress | None, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    return lambda done: progress(done, total)


# -- listings --------------------------------------------------------------------------------------
def ingest_listings(store: Store, path: str | Path, *, progress: Progress | None = None) -> IngestSummary:
    """Load a JSONL or CSV listing feed: classify, identify, merge into models, keep raw text."""
    p = _check_file(path)
    started = time.perf_counter()
    digest = file_hash(p)
    previous = _previous(store, "listings", digest, p)
    if previous is not None:
        return previous
    summary = IngestSummary(kind="listings", path=str(p))
    total = p.stat().st_size
    with store.transaction():
        ingest_id = _begin(store, "listings", p, digest)
        writer = Writer(store, ingest_id)
        batch: list[ListingIn] = []
        for number, record, error in read_records(p, _ticker(progress, total)):
            summary.read += 1
            listing = None
            if record is not None:
                listing, error = normalize(record)
                if error:
                    error = f"line {number}: {error}"
            if listing is None:
                summary.reject("unreadable record")
                if len(summary.errors) < MAX_ERRORS_SHOWN:
                    summary.errors.append(error or f"line {number}: unreadable")
                continue
            batch.append(listing)
            if len(batch) >= BATCH:
                _store_listings(writer, batch, summary)
                batch = []
        _store_listings(writer, batch, summary)
        writer.finish()
        summary.seconds = round(time.perf_counter() - started, 3)
        _end(store, ingest_id, summary)
    _optimize(store)
    return summary


def _new_only(writer: Writer, batch: list[ListingIn], summary: IngestSummary) -> Iterator[ListingIn]:
    seen = _existing_hashes(writer.store, [b.content_hash for b in batch])
    for listing in batch:
        if listing.content_hash in seen:
            summary.unchanged += 1
            continue
        seen.add(listing.content_hash)
        yield listing


def _store_listings(writer: Writer, batch: list[ListingIn], summary: IngestSummary) -> None:
    for listing in _new_only(writer, batch, summary):
        table_row = listing.kind == "structured_table_row"
        if table_row:
            label, reason = "headphone", SPEC_TABLE_REASON
        else:
            label, reason = _links.classify(listing.title, listing.raw_text)
        store_listing(
            writer,
            listing,
            label,
            reason,
            summary,
            structured=values_from_fields(listing.fields),
            origin="spec-table" if table_row else "fields",
            parse_text=not table_row,
        )


def store_listing(
    writer: Writer,
    listing: ListingIn,
    label: str,
    reason: str,
    summary: IngestSummary,
    *,
    structured: dict[str, Any],
    origin: str,
    parse_text: bool,
) -> None:
    """Classify-merge-store one new listing (shared by listing feeds and spec tables)."""
    listing_id = writer.new_listing_id()
    model_id = variant_id = None
    flags: tuple[str, ...] = ()
    warnings: list[dict[str, Any]] = []
    if label != "headphone":
        summary.reject(label)
    else:
        ident = _links.identify(listing.title, listing.brand)
        flags = ident.flags
        if ident.key is None:
            summary.reject("no model identified")
        else:
            model_id, created = writer.model_for(ident)
            if created:
                summary.added += 1
            else:
                summary.merged += 1
            variant_id = writer.variant_for(model_id, ident)
            writer.add_tokens(model_id, listing.title)
            if parse_text:
                values, warnings = _links.parse_values(listing.raw_text, listing.title)
                writer.add_values(model_id, values, listing_id, "text")
            writer.add_values(model_id, structured, listing_id, origin)
    writer.add_listing(
        (
            listing_id,
            listing.content_hash,
            writer.ingest_id,
            listing.source,
            listing.external_id,
            listing.url,
            listing.title,
            listing.raw_text,
            listing.brand,
            listing.price,
            listing.currency,
            json.dumps(listing.fields, ensure_ascii=False) if listing.fields is not None else None,
            label,
            reason,
            json.dumps(list(flags)),
            json.dumps(warnings, ensure_ascii=False),
            model_id,
            variant_id,
        )
    )


# -- spec tables -----------------------------------------------------------------------------------
def _form_from_name(name: str) -> str | None:
    lowered = name.lower().replace("-", "_").replace(" ", "_")
    for marker, form in (
        ("over_ear", "over-ear"),
        ("on_ear", "on-ear"),
        ("in_ear", "in-ear"),
        ("iem", "in-ear"),
        ("earbud", "earbud"),
    ):
        if marker in lowered:
            return form
    return None


def ingest_specs(
    store: Store, path: str | Path, *, form: str | None = None, progress: Progress | None = None
) -> IngestSummary:
    """Load a structured spec table (CSV with brand and model columns, e.g. Sound-Library's).

    Each row is kept verbatim as a listing of the model it names (so every value has a listing id as
    provenance) and its columns become spec values that outweigh values parsed from free text.
    `form` applies to every row; by default it is read from the file name ("over_ear" -> over-ear).
    """
    import hashlib

    p = _check_file(path)
    started = time.perf_counter()
    digest = file_hash(p)
    previous = _previous(store, "specs", digest, p)
    if previous is not None:
        return previous
    form = form or _form_from_name(p.name)
    summary = IngestSummary(kind="specs", path=str(p))
    with store.transaction():
        ingest_id = _begin(store, "specs", p, digest)
        writer = Writer(store, ingest_id)
        batch: list[tuple[ListingIn, dict[str, Any]]] = []
        rows = read_csv_rows(p, _ticker(progress, p.stat().st_size))
        for number, row, header, text in rows:
            summary.read += 1
            cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            if "model" not in cells:
                raise CatalogError(
                    f"{p.name} has no 'model' column",
                    input=str(p),
                    hint="a spec table needs brand and model columns (header line first)",
                )
            title = " ".join(c for c in (cells.get("brand"), cells.get("model")) if c)
            if not cells.get("model"):
                summary.reject("row without a model")
                continue
            raw_text = f"{header}\n{text}"
            listing = ListingIn(
                content_hash=hashlib.blake2b(f"spec-table\n{raw_text}".encode(), digest_size=16).digest(),
                title=title,
                raw_text=raw_text,
                source=f"spec-table:{p.name}",
                external_id=f"{p.name}#row{number}",
                url=None,
                brand=cells.get("brand") or None,
                price=None,
                currency=None,
                fields=row,
                kind="structured_table_row",
            )
            batch.append((listing, values_from_fields(row, form=form)))
            if len(batch) >= BATCH:
                _store_spec_rows(writer, batch, summary)
                batch = []
        _store_spec_rows(writer, batch, summary)
        writer.finish()
        summary.seconds = round(time.perf_counter() - started, 3)
        _end(store, ingest_id, summary)
    _optimize(store)
    return summary


def _store_spec_rows(
    writer: Writer, batch: list[tuple[ListingIn, dict[str, Any]]], summary: IngestSummary
) -> None:
    values = {id(listing): v for listing, v in batch}
    for listing in _new_only(writer, [b[0] for b in batch], summary):
        store_listing(
            writer,
            listing,
            "headphone",
            SPEC_TABLE_REASON,
            summary,
            structured=values[id(listing)],
            origin="spec-table",
            parse_text=False,
        )


# -- frequency response ----------------------------------------------------------------------------
FORMS = ("over-ear", "on-ear", "in-ear", "earbud")


def find_fr_files(root: Path) -> list[tuple[Path, str, str]]:
    """(csv path, source, form) for AutoEq's `<source>/<form>/<Name>.csv` layout under `root`."""
    found = []
    for path in sorted(root.rglob("*.csv")):
        rel = path.relative_to(root).parts
        if len(rel) >= 3 and rel[-2] in FORMS:
            found.append((path, rel[-3], rel[-2]))
    return found


def ingest_fr(store: Store, root: str | Path, *, progress: Progress | None = None) -> IngestSummary:
    """Load measurements under `root` and link each to its model by normalized name.

    Reads AutoEq's layout `<source>/<form>/<Name>.csv` and, for folders with a squig.link
    `phone_book.json`, raw per-channel files (`<Name> L.txt`, `<Name> R.txt`) averaged by
    `headspec.fr`. A model the catalog does not know yet is created from the measurement's name.
    """
    from headspec.catalog import _fr

    r = Path(root)
    if not r.is_dir():
        raise NotFoundError(
            f"no such folder: {r}", input=str(r), hint="give a folder laid out as <source>/<form>/<Name>.csv"
        )
    started = time.perf_counter()
    items = list(_fr.discover(r))
    if not items:
        raise CatalogError(
            f"no measurements found under {r}",
            input=str(r),
            hint="expected <source>/<form>/<Name>.csv files or a phone_book.json folder",
        )
    digest = _fr.tree_hash(items)
    previous = _previous(store, "fr", digest, r)
    if previous is not None:
        return previous
    summary = IngestSummary(kind="fr", path=str(r))
    with store.transaction():
        ingest_id = _begin(store, "fr", r, digest)
        writer = Writer(store, ingest_id)
        _fr.store_measurements(writer, items, summary, progress)
        writer.finish()
        summary.seconds = round(time.perf_counter() - started, 3)
        _end(store, ingest_id, summary)
    _optimize(store)
    return summary


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
