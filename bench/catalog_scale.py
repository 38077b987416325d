"""Benchmark: catalog ingest and search at marketplace scale.

Generates a synthetic listing feed from the real shared listings (every record marked
`"synthetic": true`, source `synthetic:<original source>`): colour, bundle, condition and
pack variants, typos in descriptive words, and price changes. The feed is written to a
temporary folder and deleted afterwards; it is never part of the repository.

For each size it prints: ingest throughput (listings/s), wall time, database size, peak
memory of the ingesting process, and search latency p50/p95/p99 over a mix of text, facet
and text+facet queries (with facet counts, as the CLI and web run them).

    .venv/bin/python bench/catalog_scale.py            # 65,935 listings
    .venv/bin/python bench/catalog_scale.py --full     # also 1,000,000 listings (about 15 minutes)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared" / "data").resolve()
LISTINGS = SHARED / "specs" / "listings.jsonl"

COLOURS = ("Black", "White", "Blue", "Red", "Pink", "Silver", "Midnight Blue", "Sage Green", "Beige", "Grey")
BUNDLES = ("with Carrying Case", "+ Free USB-C Dongle", "with Extra Ear Tips", "Bundle with 3.5mm Cable")
CONDITIONS = ("(Renewed)", "(Used - Like New)", "(Refurbished)")
PACKS = ("2 Pack", "Pack of 3")
REGIONS = ("International Version", "US Version", "EU Version")
_WORD = re.compile(r"[A-Za-z]{6,}")


def _typo(text: str, rng: random.Random) -> str:
    """Swap two letters inside one long descriptive (all-letter) word."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(1, len(w) - 2)
    w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return text[: m.start()] + w + text[m.end() :]


def base_records() -> list[dict]:
    """The real listings as (title, body, price, currency, brand, source) seeds."""
    from headspec.catalog._records import normalize

    seeds = []
    with LISTINGS.open(encoding="utf-8") as f:
        for line in f:
            listing, _ = normalize(json.loads(line))
            if listing is None:
                continue
            head, _, body = listing.raw_text.partition("\n")
            if head.strip() != listing.title.strip():
                body = listing.raw_text
            seeds.append(
                {
                    "title": listing.title,
                    "body": body,
                    "price": listing.price,
                    "currency": listing.currency or "USD",
                    "brand": listing.brand,
                    "source": listing.source or "feed",
                }
            )
    return seeds


def generate(path: Path, n: int, seed: int = 7) -> None:
    """Write `n` synthetic listings to `path` (JSONL), streaming."""
    rng = random.Random(seed)
    seeds = base_records()
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            s = seeds[i % len(seeds)] if i < len(seeds) else rng.choice(seeds)
            title = s["title"]
            if i >= len(seeds):  # the first pass is the real feed itself; then variants
                roll = rng.random()
                if roll < 0.35:
                    title = f"{title} ({rng.choice(COLOURS)})"
                elif roll < 0.50:
                    title = f"{title} {rng.choice(BUNDLES)}"
                elif roll < 0.60:
                    title = f"{title} {rng.choice(CONDITIONS)}"
                elif roll < 0.66:
                    title = f"{rng.choice(PACKS)} {title}"
                elif roll < 0.72:
                    title = f"{title}, {rng.choice(REGIONS)}"
                elif roll < 0.85:
                    title = _typo(title, rng)
                # else: the same listing again with only a new price
            price = s["price"]
            if price is not None and i >= len(seeds):
                price = round(price * rng.uniform(0.8, 1.2), 2)
            raw = f"{title}\n{s['body']}" if s["body"] and s["body"] != s["title"] else title
            record = {
                "id": f"syn-{i}",
                "synthetic": True,
                "source": f"synthetic:{s['source']}",
                "title": title,
                "raw_text": raw,
                "price": price,
                "currency": s["currency"],
                "brand": s["brand"],
                "url": f"synthetic://listing/{i}",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def ingest_child(db: str, feed: str) -> None:
    """Run in a child process so its peak RSS is the ingest's alone."""
    from headspec.catalog import Catalog

    with Catalog(db) as cat:
        cat.ingest_fr(SHARED / "fr")
        start = time.perf_counter()
        summary = cat.ingest_listings(feed)
        seconds = time.perf_counter() - start
        stats = cat.stats()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"seconds": seconds, "summary": summary.model_dump(), "stats": stats, "peak_mb": peak_kb / 1024}
        )
    )


def queries(rng: random.Random, seeds: list[dict], k: int) -> list[dict]:
    words = [w for s in seeds[:1500] for w in re.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", s["title"])[:3]]
    brands = [s["brand"] for s in seeds if s["brand"]]
    forms = ("over-ear", "in-ear", "earbud", "on-ear")
    mix = []
    for i in range(k):
        kind = i % 6
        if kind == 0:
            mix.append({"text": rng.choice(words)})
        elif kind == 1:
            mix.append({"text": rng.choice(brands) + " " + rng.choice(words)[:3]})
        elif kind == 2:
            mix.append({"form": rng.choice(forms), "wireless": rng.random() < 0.5, "sort": "price"})
        elif kind == 3:
            mix.append({"back": rng.choice(("open", "closed")), "impedance_max": 64, "sensitivity_min": 90})
        elif kind == 4:
            mix.append({"text": rng.choice(brands), "anc": True, "price_max": 200.0, "currency": "USD"})
        else:
            mix.append({"measured": True, "sort": "score", "offset": rng.randrange(0, 40)})
    return mix


def search_latency(db: Path, k: int = 600) -> dict[str, float]:
    from headspec.catalog import Catalog

    rng = random.Random(11)
    mix = queries(rng, base_records(), k)
    times = []
    with Catalog(db, read_only=True) as cat:
        for q in mix[:20] + mix:  # the first 20 warm the page cache and are not timed
            text = q.get("text")
            filters = {k: v for k, v in q.items() if k != "text"}
            t = time.perf_counter()
            cat.search(text, **filters)
            times.append((time.perf_counter() - t) * 1000)
        times = times[20:]
    times.sort()
    pct = statistics.quantiles(times, n=100)
    return {"p50": pct[49], "p95": pct[94], "p99": pct[98], "n": len(times)}


def run(n: int, keep: Path | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="headspec-bench-") as tmp:
        feed = Path(tmp) / f"synthetic_{n}.jsonl"
        db = Path(tmp) / "catalog.sqlite3"
        t = time.perf_counter()
        generate(feed, n)
        gen_s = time.perf_counter() - t
        out = subprocess.run(
            [sys.executable, __file__, "--_ingest", str(db), str(feed)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            raise SystemExit(f"ingest of {n} listings failed")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        size = sum(p.stat().st_size for p in Path(tmp).glob("catalog.sqlite3*"))
        s = result["summary"]
        print(
            f"== {n:,} synthetic listings (feed {feed.stat().st_size / 1e6:.0f} MB, "
            f"generated in {gen_s:.1f} s)"
        )
        print(
            f"ingest: {result['seconds']:.1f} s, {n / result['seconds']:,.0f} listings/s; "
            f"added {s['added']:,}, merged {s['merged']:,}, rejected {s['rejected']:,} "
            f"{s['rejected_reasons']}"
        )
        print(
            f"catalog: {result['stats']['models']:,} models, {result['stats']['variants']:,} variants; "
            f"DB size {size / 1e6:.0f} MB; peak memory of the ingest process {result['peak_mb']:.0f} MB"
        )
        lat = search_latency(db)
        if keep is not None:
            import shutil

            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db, keep / f"catalog_{n}.sqlite3")
        print(
            f"search ({lat['n']} queries: text, facets, text+facets, all with facet counts): "
            f"p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--full", action="store_true", help="also run 1,000,000 listings")
    parser.add_argument("--size", type=int, action="append", help="run this size instead (repeatable)")
    parser.add_argument("--keep", type=Path, help="copy each built catalog into this folder")
    parser.add_argument("--_ingest", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._ingest:
        ingest_child(*args._ingest)
        return
    sizes = args.size or ([65_935, 1_000_000] if args.full else [65_935])
    for n in sizes:
        run(n, args.keep)


if __name__ == "__main__":
    main()
