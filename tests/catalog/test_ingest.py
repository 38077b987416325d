"""Ingest on the real shared data: counts, idempotency, atomicity (exception and SIGKILL), bad input."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from headspec.catalog import Catalog
from headspec.errors import CatalogError, NotFoundError


def snapshot(path: Path) -> str:
    """A digest of every row of every table (what 'the database is unchanged' means)."""
    import sqlite3

    conn = sqlite3.connect(path)
    digest = hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    conn.close()
    return digest


def test_every_record_is_accounted_for(built) -> None:
    for s in (built.listings, built.specs, built.fr):
        assert s.read == s.added + s.merged + s.rejected + s.unchanged, s
    assert built.listings.read == 2028
    assert built.fr.read >= 303  # 303 AutoEq curves + the raw Harpo channel sets
    stats = built.catalog.stats()
    assert stats["listings"] == 2028 + built.specs.added + built.specs.merged
    assert stats["measurements"] == built.fr.added + built.fr.merged


def test_spec_table_rows_already_in_the_feed_add_no_model(built) -> None:
    # listings.jsonl holds the same Sound-Library rows, so the CSV only adds provenance
    assert built.specs.read == 356 and built.specs.added == 0


def test_same_file_twice_adds_nothing(built, shared_data: Path) -> None:
    before = snapshot(built.path)
    again = built.catalog.ingest_listings(shared_data / "specs" / "listings.jsonl")
    assert again.already_ingested and again.added == again.merged == 0 and again.unchanged == 2028
    assert built.catalog.ingest_fr(shared_data / "fr").already_ingested
    assert snapshot(built.path) == before


def test_records_already_stored_count_as_unchanged(tmp_path: Path, shared_data: Path) -> None:
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    amazon = [ln for ln in lines if '"amazon-search-titles"' in ln][:60]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(amazon[:40]) + "\n", encoding="utf-8")
    second.write_text("\n".join(amazon[20:]) + "\n", encoding="utf-8")  # 20 old + 20 new records
    with Catalog(tmp_path / "c.db") as cat:
        a = cat.ingest_listings(first)
        b = cat.ingest_listings(second)
        assert a.read == 40 and a.unchanged == 0
        assert b.read == 40 and b.unchanged == 20 and b.added + b.merged + b.rejected == 20
        assert cat.stats()["listings"] == 60


def test_an_ingest_that_fails_midway_leaves_the_database_unchanged(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "c.db"
    with Catalog(path) as cat:
        cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
    before = snapshot(path)
    calls = []

    def explode(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 3:  # after more than 1,000 records have been written in this transaction
            raise RuntimeError("disk on fire")

    with Catalog(path) as cat:
        with pytest.raises(RuntimeError, match="disk on fire"):
            cat.ingest_listings(shared_data / "specs" / "listings.jsonl", progress=explode)
        assert cat.stats()["listings"] == 356
    assert snapshot(path) == before
    with Catalog(path) as cat:  # and the same file then loads normally
        assert cat.ingest_listings(shared_data / "specs" / "listings.jsonl").read == 2028


KILLER = """
import os, signal, sys
from headspec.catalog import Catalog
calls = []
def tick(done, total):
    calls.append(done)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
Catalog(sys.argv[1]).ingest_listings(sys.argv[2], progress=tick)
"""


def test_sigkill_midway_leaves_the_database_as_before(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "c.db"
    with Catalog(path) as cat:
        cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
    before = snapshot(path)
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(path), str(shared_data / "specs" / "listings.jsonl")],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(path) == before
    with Catalog(path) as cat:
        assert cat.stats()["listings"] == 356 and cat.stats()["ingests"] == 1


def test_bad_records_are_rejected_by_line_and_the_rest_load(tmp_path: Path, shared_data: Path) -> None:
    real = [
        ln
        for ln in (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
        if '"ru-retailer-titles"' in ln
    ][:3]
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join([real[0], "{not json", "[1, 2]", json.dumps({"price": 3}), real[1], real[2]]) + "\n",
        encoding="utf-8",
    )
    with Catalog(tmp_path / "c.db") as cat:
        s = cat.ingest_listings(feed)
    assert s.read == 6 and s.rejected_reasons.get("unreadable record") == 3
    assert any(e.startswith("line 2:") and "JSON" in e for e in s.errors)
    assert any(e.startswith("line 3:") for e in s.errors)
    assert any(e.startswith("line 4:") and "title" in e for e in s.errors)
    assert s.added + s.merged + s.rejected - 3 == 3


def test_csv_feed_with_prices_and_currency(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_text(
        "title,price,currency,brand,url\n"
        '"Sony WH-CH520 Wireless Headphones Bluetooth On-Ear Headset with Microphone","$38.12",,Sony,u1\n'
        '"Sony WH-CH520 Wireless Bluetooth Headphones On Ear with Mic, Customized EQ-Blue","3,979",INR,,u2\n',
        encoding="utf-8",
    )
    with Catalog(tmp_path / "c.db") as cat:
        s = cat.ingest_listings(feed)
        assert s.read == 2 and s.added + s.merged == 2
        rows = cat.store.query("SELECT price, currency, url FROM listings ORDER BY id")
        assert [tuple(r) for r in rows] == [(38.12, "USD", "u1"), (3979.0, "INR", "u2")]


def test_wrong_paths_and_types_raise_clear_errors(tmp_path: Path) -> None:
    with Catalog(tmp_path / "c.db") as cat:
        with pytest.raises(NotFoundError, match="no such file"):
            cat.ingest_listings(tmp_path / "nope.jsonl")
        odd = tmp_path / "feed.xml"
        odd.write_text("<x/>")
        with pytest.raises(CatalogError, match="unknown file type") as err:
            cat.ingest_listings(odd)
        assert err.value.hint and "jsonl" in err.value.hint
        with pytest.raises(NotFoundError):
            cat.ingest_fr(tmp_path / "no-dir")
        empty = tmp_path / "empty"
        empty.mkdir()
        with pytest.raises(CatalogError, match="no measurements"):
            cat.ingest_fr(empty)
        assert cat.stats()["ingests"] == 0


def test_price_parsing_on_real_formats() -> None:
    from headspec.catalog._records import parse_price

    assert parse_price("$32.99") == (32.99, "USD")
    assert parse_price("₹1,299") == (1299.0, "INR")
    assert parse_price("24 340", "RUB") == (24340.0, "RUB")
    assert parse_price("1.299,50 €") == (1299.5, "EUR")
    assert parse_price("$0.00") == (None, None)
    assert parse_price("call us") == (None, None)
    assert parse_price(19.5, "usd") == (19.5, "USD")


def test_the_reader_streams_records(tmp_path: Path, shared_data: Path) -> None:
    """Records are streamed: the reader yields one at a time (a generator), never a list."""
    from headspec.catalog._records import read_records

    records = read_records(shared_data / "specs" / "listings.jsonl")
    assert iter(records) is records
    number, record, error = next(records)
    records.close()
    assert number == 1 and error is None and record["id"] == "S00001"


def test_non_headphones_are_kept_with_their_reason_but_make_no_model(built) -> None:
    rows = built.catalog.store.query(
        "SELECT label, label_reason, model_id FROM listings WHERE label != 'headphone'"
    )
    assert rows and all(r[2] is None and r[1] for r in rows)
    labels = {r[0] for r in rows}
    assert labels <= {"accessory", "not-headphone"}
    for label in labels:
        assert built.listings.rejected_reasons[label] == sum(1 for r in rows if r[0] == label)
    dvd = built.catalog.store.query("SELECT label FROM listings WHERE title LIKE '%Portable DVD Player%'")
    assert dvd and all(r[0] == "not-headphone" for r in dvd)


def test_raw_text_is_kept_verbatim(built, shared_data: Path) -> None:
    with (shared_data / "specs" / "listings.jsonl").open(encoding="utf-8") as f:
        first = json.loads(f.readline())
    stored = built.catalog.store.query(
        "SELECT raw_text, fields FROM listings WHERE external_id = ?", (first["id"],)
    )
    assert stored[0][0] == first["raw_text"] and json.loads(stored[0][1]) == first["fields"]


def test_implausible_specs_are_flagged_on_the_listing(built) -> None:
    rows = built.catalog.store.query("SELECT plausibility FROM listings WHERE plausibility != '[]'")
    assert rows
    for (warnings,) in rows:
        for w in json.loads(warnings):
            assert w["code"] and w["message"]


def test_raw_channel_files_load_alone_and_are_not_doubled_beside_converted_curves(
    built, tmp_path: Path, shared_data: Path
) -> None:
    assert built.fr.rejected_reasons == {"same headphone and source already measured": 35}
    with Catalog(tmp_path / "raw.db") as cat:
        s = cat.ingest_fr(shared_data / "fr" / "raw")
        assert s.read == 35 and s.added + s.merged == 35
        rows = cat.store.query("SELECT name, rig, n_points FROM measurements ORDER BY name")
        assert all(r[1] == "harpo (raw channels)" and r[2] > 400 for r in rows)
        assert "Aoshida E20" in {r[0] for r in rows}  # display name from phone_book.json


def test_a_spec_table_without_a_model_column_is_refused_unchanged(tmp_path: Path) -> None:
    table = tmp_path / "table.csv"
    table.write_text("brand,impedance\nsennheiser,300\n", encoding="utf-8")
    with Catalog(tmp_path / "c.db") as cat:
        with pytest.raises(CatalogError, match="no 'model' column"):
            cat.ingest_specs(table)
        assert cat.stats()["ingests"] == 0
