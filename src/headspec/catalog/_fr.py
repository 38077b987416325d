"""Frequency-response ingest: find curves, read them with `headspec.fr`, score, link to models."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from headspec.catalog import _links
from headspec.catalog.results import IngestSummary
from headspec.errors import HeadspecError

FORMS = ("over-ear", "on-ear", "in-ear", "earbud")


@dataclass(frozen=True)
class Item:
    """One measurement to load: one AutoEq CSV, or the channel files of one headphone."""

    paths: tuple[Path, ...]
    source: str | None
    form: str | None
    phone_book: Path | None = None


def discover(root: Path) -> Iterator[Item]:
    """AutoEq `<source>/<form>/<Name>.csv` files, then channel sets of folders with a phone_book.json."""
    from headspec.fr.readers import split_channel

    for path in sorted(root.rglob("*.csv")):
        if path.parent.name in FORMS and path.parent != root:
            source = path.parent.parent.name if path.parent.parent != path.parent else None
            yield Item((path,), source, path.parent.name)
    for book in sorted(root.rglob("phone_book.json")):
        groups: dict[str, list[Path]] = {}
        for path in sorted(book.parent.glob("*.txt")):
            stem, _channel = split_channel(path.stem)
            groups.setdefault(stem, []).append(path)
        for paths in groups.values():
            form = book.parent.parent.name if book.parent.parent.name in FORMS else None
            yield Item(tuple(paths), book.parent.name, form, book)


def _content_hash(item: Item) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for p in item.paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.digest()


def tree_hash(items: list[Item]) -> str:
    """Hash of every measurement file's name and bytes: same tree, same hash."""
    h = hashlib.blake2b(digest_size=20)
    for item in items:
        h.update(_content_hash(item))
    return h.hexdigest()


def store_measurements(
    writer, items: list[Item], summary: IngestSummary, progress: Callable[[int, int], None] | None
) -> None:
    """Read, score and store every new measurement; link each to its model by identity key."""
    from headspec import fr

    books: dict[Path, dict[str, str]] = {}
    curves = []
    for n, item in enumerate(items, 1):
        summary.read += 1
        if progress is not None:
            progress(n, len(items) * 2)
        digest = _content_hash(item)
        if writer.store.query("SELECT 1 FROM measurements WHERE content_hash = ?", (digest,)):
            summary.unchanged += 1
            continue
        try:
            book = None
            if item.phone_book is not None:
                if item.phone_book not in books:
                    books[item.phone_book] = fr.read_phone_book(item.phone_book)
                book = books[item.phone_book]
            curve = fr.read(list(item.paths), source=item.source, form=item.form, phone_book=book)
        except HeadspecError as exc:
            summary.reject("unreadable file")
            if len(summary.errors) < 20:
                summary.errors.append(str(exc))
            continue
        ident = _links.identify(curve.name, None)
        if ident.key is None:
            summary.reject("no model identified")
            continue
        curves.append((item, digest, curve, ident))
    forms: dict[int, str] = {}
    measured = {
        (r[0], (r[1] or "").lower()) for r in writer.store.query("SELECT model_id, source FROM measurements")
    }
    # converted AutoEq CSVs come first, so a reviewer's raw channel files of the same headphone are
    # recognised as the same measurement and not stored twice
    curves.sort(key=lambda c: c[0].phone_book is not None)
    for n, (item, digest, curve, ident) in enumerate(curves, 1):
        if progress is not None:
            progress(len(items) + n, len(items) + len(curves))
        known = writer.model_ids.get(ident.key or "")
        if item.phone_book is not None and (known, (curve.source or "").lower()) in measured:
            summary.reject("same headphone and source already measured")
            continue
        model_id, created = writer.model_for(ident)
        measured.add((model_id, (curve.source or "").lower()))
        if created:
            summary.added += 1
        else:
            summary.merged += 1
        form = curve.form or forms.get(model_id) or _model_form(writer, model_id)
        if form is not None:
            forms.setdefault(model_id, form)
        scored = None
        if form is not None:
            try:
                scored = fr.score(curve, form)
            except HeadspecError:
                scored = None
        components = {}
        if scored is not None:
            components = {k: v for k, v in scored.to_dict().items() if k not in ("name", "source", "score")}
        measurement_id = writer.new_measurement_id()
        rig = (
            curve.source + (" (raw channels)" if item.phone_book is not None else "")
            if curve.source
            else None
        )
        writer.add_measurement(
            (
                measurement_id,
                model_id,
                digest,
                writer.ingest_id,
                curve.name,
                curve.source,
                rig,
                form,
                str(item.paths[0]),
                len(curve),
                curve.frequency_hz.astype("<f4").tobytes(),
                curve.spl_db.astype("<f4").tobytes(),
                None if scored is None else round(scored.score, 2),
                None if scored is None else scored.model,
                json.dumps(components, ensure_ascii=False),
            )
        )
        writer.add_tokens(model_id, curve.name)
        if form is not None:
            writer.add_values(model_id, {"form_factor": form}, None, f"measurement {measurement_id}")
    if progress is not None:
        progress(1, 1)


def _model_form(writer, model_id: int) -> str | None:
    rows = writer.store.query("SELECT form FROM models WHERE id = ?", (model_id,))
    return rows[0][0] if rows and rows[0][0] else None


def decode_curve(frequency_blob: bytes, spl_blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The stored float32 arrays back as float64 numpy arrays."""
    return (
        np.frombuffer(frequency_blob, dtype="<f4").astype(float),
        np.frombuffer(spl_blob, dtype="<f4").astype(float),
    )
