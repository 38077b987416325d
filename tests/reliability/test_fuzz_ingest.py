"""Fuzzing the listing ingest with hostile feeds (JSONL and CSV).

A feed of strangers' records may hold anything: broken JSON, numbers past float range, NaN and
Infinity literals, deep nesting, 10 MB lines, invalid UTF-8, escaped lone surrogates, control
characters, mixed scripts. The ingest must finish, store the good records, count every bad one as
rejected with its line number, and leave a consistent database; the only exceptions allowed are
`HeadspecError`s that name the input.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from headspec.catalog import Catalog
from headspec.catalog._records import MAX_RECORD_CHARS
from headspec.errors import HeadspecError

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HOSTILE_STRINGS = st.sampled_from([
    "Sony WH-1000XM5 Wireless Noise Cancelling Headphones", "Sennheiser HD 600 Open Back 300 Ω",
    "<script>window.__pwned=1</script>", '"><img src=x onerror=alert(1)>', "'; DROP TABLE listings; --",
    "Robert'); DELETE FROM models;--", "\x00\x01\x07\x1b[2J", "\u202eenohpdaeH", "Наушники Sony 32 Ом",
    "ヘッドホン 32Ω 105dB", "耳机 蓝牙5.3", "🎧" * 50, "32 Ω " * 500, "dB/mW " * 2000, "NaN", "Infinity",
    "1e309", "-0", "", " ", "\ufeff", "\\udcff",
])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(10**30), 10**30),
                    st.floats(allow_nan=True, allow_infinity=True), HOSTILE_STRINGS,
                    st.text(max_size=80))
FIELDS = st.dictionaries(st.sampled_from(["name", "title", "price", "price_rub", "price_inr", "brand",
                                          "manufacturer", "marketplace", "model", "impedance", "x"]),
                         SCALARS, max_size=5)
RECORD = st.fixed_dictionaries(
    {},
    optional={"title": st.one_of(HOSTILE_STRINGS, st.text(max_size=120)), "raw_text": SCALARS,
              "price": SCALARS, "currency": SCALARS, "brand": SCALARS, "id": SCALARS, "url": SCALARS,
              "source": SCALARS, "kind": st.sampled_from(["listing_title", "structured_table_row", "x"]),
              "fields": st.one_of(FIELDS, SCALARS)},
)


def _json_line(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


RAW_LINES = st.sampled_from([
    b"{not json", b"[1, 2, 3]", b"null", b'"a string"', b"{}", b'{"title": NaN}', b'{"price": 1e999}',
    b'{"title": "Koss Porta Pro", "price": ' + b"9" * 5000 + b"}",
    b"[" * 5000 + b"]" * 5000, b'{"fields": ' + b'{"a": ' * 3000 + b"1" + b"}" * 3001,
    b'{"title": "\xff\xfe bad utf-8"}', b'{"title": "\\udcff lone surrogate"}',
    b'{"title": "\xed\xb3\xbf raw surrogate"}', b"\x00\x00\x00", b"\xef\xbb\xbf{}", b"   ", b"",
    b'{"title": "A", "title": "B"}', b'{"title": "Audio-Technica ATH-M50x"}\r',
])
LINE = st.one_of(RECORD.map(_json_line), RAW_LINES,
                 st.binary(max_size=200).map(lambda b: b.replace(b"\n", b"")))


def _fresh() -> tuple[tempfile.TemporaryDirectory, Path]:
    tmp = tempfile.TemporaryDirectory(prefix="headspec-ingest-fuzz-")
    return tmp, Path(tmp.name)


def _check_consistent(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = con.execute("SELECT count(*) FROM listings WHERE model_id IS NOT NULL AND model_id NOT IN "
                              "(SELECT id FROM models)").fetchone()[0]
        assert orphans == 0
    finally:
        con.close()


def _ingest(lines: list[bytes], suffix: str = ".jsonl") -> None:
    tmp, root = _fresh()
    with tmp:
        feed = root / f"feed{suffix}"
        feed.write_bytes(b"\n".join(lines) + b"\n")
        db = root / "c.sqlite3"
        with Catalog(db) as cat:
            try:
                summary = cat.ingest_listings(feed)
            except HeadspecError as exc:
                assert exc.input is not None, exc
                assert cat.stats()["listings"] == cat.stats()["ingests"] == 0  # rolled back whole
                return
            assert summary.added + summary.merged + summary.rejected + summary.unchanged == summary.read
            assert summary.read <= len(lines) + sum(line.count(b"\r") for line in lines)
            for error in summary.errors:
                assert error.startswith(("line ", "row ")), error
            stored = cat.stats()["listings"]
            unreadable = summary.rejected_reasons.get("unreadable record", 0)
            assert stored == summary.read - unreadable - summary.unchanged
            again = cat.ingest_listings(feed)
            assert again.already_ingested and again.added == 0
            # the catalog answers queries over whatever got in
            cat.search("sony")
            cat.search(None, form="in-ear", sort="price")
        _check_consistent(db)


@FUZZ
@given(lines=st.lists(LINE, min_size=1, max_size=25))
@example(lines=[b'{"title": "Koss Porta Pro", "price": ' + b"9" * 5000 + b"}"])
@example(lines=[b'{"title": "\\udcff lone surrogate headphones"}'])
@example(lines=[b"[" * 100_000 + b"]" * 100_000, b'{"title": "Sony MDR-7506 Headphones"}'])
def test_hostile_jsonl_feed_is_ingested_without_crashing(lines: list[bytes]) -> None:
    _ingest(lines)


CSV_CELL = st.one_of(HOSTILE_STRINGS, st.text(max_size=40), st.sampled_from(['"', '""', ',', '"a,b"', "\r"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CSV_CELL, min_size=1, max_size=6), max_size=15),
       header=st.sampled_from(["title,price,currency,brand,fields", "raw_text,price", "x,y", "title"]),
       junk=st.binary(max_size=100))
def test_hostile_csv_feed_is_ingested_without_crashing(rows: list[list[str]], header: str,
                                                       junk: bytes) -> None:
    body = [header.encode()] + [",".join(r).encode("utf-8", "surrogatepass") for r in rows] + [junk]
    _ingest(body, suffix=".csv")


def test_a_10mb_line_is_rejected_by_number_and_the_rest_loads(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    with feed.open("wb") as f:
        f.write(_json_line({"title": "Sennheiser HD 600 Open Back Headphones", "price": 299}) + b"\n")
        f.write(b'{"title": "' + b"Headphones " * 1_000_000 + b'"}\n')  # an 11 MB record
        f.write(_json_line({"title": "Koss Porta Pro On-Ear Headphones", "price": 49}) + b"\n")
    with Catalog(tmp_path / "c.sqlite3") as cat:
        summary = cat.ingest_listings(feed)
        assert summary.read == 3
        assert summary.rejected_reasons.get("unreadable record") == 1
        assert summary.errors == [f"line 2: record longer than {MAX_RECORD_CHARS} bytes"]
        assert cat.stats()["listings"] == 2
        assert cat.search("porta").total >= 1


def test_an_unknown_feed_type_is_a_named_error(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text("<listings/>", encoding="utf-8")
    with Catalog(tmp_path / "c.sqlite3") as cat:
        try:
            cat.ingest_listings(feed)
        except HeadspecError as exc:
            assert exc.input == str(feed) and exc.hint
        else:
            raise AssertionError("an XML feed must be refused")
        assert cat.stats()["ingests"] == 0  # the refused ingest left nothing behind


FR_BODY = st.one_of(
    st.binary(max_size=600),
    st.lists(st.tuples(st.sampled_from(["20", "1000", "20000", "nan", "inf", "-5", "1e308", "x", ""]),
                       st.sampled_from(["80", "-1", "nan", "1e999", "", "abc"])), max_size=60)
    .map(lambda rows: ("frequency,raw\n" + "\n".join(f"{a},{b}" for a, b in rows)).encode()),
)
FILE_NAME = st.sampled_from(["Sony WH-1000XM4", "<script>x</script>", "Name L", "Ünïcødé 耳机", "..",
                             "a" * 120])
FORM_DIR = st.sampled_from(["over-ear", "in-ear", "earbud", "bogus"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(FORM_DIR, FILE_NAME, FR_BODY), min_size=1, max_size=6))
def test_hostile_measurement_folder_is_ingested_without_crashing(files: list[tuple[str, str, bytes]]) -> None:
    tmp, root = _fresh()
    with tmp:
        tree = root / "fr"
        for i, (form, name, body) in enumerate(files):
            folder = tree / "Fuzz Lab" / form
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name.replace('/', '_')} {i}.csv").write_bytes(body)
        with Catalog(root / "c.sqlite3") as cat:
            try:
                summary = cat.ingest_fr(tree)
            except HeadspecError as exc:
                assert exc.input is not None, exc
                return
            assert summary.added + summary.merged + summary.rejected + summary.unchanged == summary.read
            assert cat.stats()["measurements"] == summary.added + summary.merged
            for error in summary.errors:
                assert "Fuzz Lab" in error, error  # names the file
        _check_consistent(root / "c.sqlite3")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CSV_CELL, min_size=1, max_size=5), max_size=12),
       header=st.sampled_from(["brand,model,impedance,sensitivity", "Brand,Model,Impedance (ohm)", "x", ""]))
def test_hostile_spec_table_is_ingested_without_crashing(rows: list[list[str]], header: str) -> None:
    tmp, root = _fresh()
    with tmp:
        table = root / "over_ear_specs.csv"
        table.write_bytes("\n".join([header, *(",".join(r) for r in rows)]).encode("utf-8", "surrogatepass"))
        with Catalog(root / "c.sqlite3") as cat:
            try:
                summary = cat.ingest_specs(table)
            except HeadspecError as exc:
                assert exc.input is not None, exc
                assert cat.stats()["ingests"] == 0
                return
            assert summary.added + summary.merged + summary.rejected + summary.unchanged == summary.read
        _check_consistent(root / "c.sqlite3")
