"""explain() and amp_check() over real listing and spec-sheet texts: no crash, consistent physics."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest

from headspec.amp import amp_check
from headspec.errors import HeadspecError
from headspec.explain import explain
from headspec.parse import parse_spec
from headspec.sources import get_source


@pytest.fixture(scope="module")
def listings(shared_data) -> list[dict]:
    with open(shared_data / "specs" / "listings.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    return records[::3]  # every third record keeps the test fast and still covers every source


def test_every_listing_is_explained_and_checked(listings: list[dict]) -> None:
    phone = get_source("typical phone")
    seen: Counter[str] = Counter()
    for rec in listings:
        spec = parse_spec(rec["raw_text"])
        report = explain(spec)
        assert report.summary.endswith(".")
        assert all(f.verdict for f in report.findings)
        try:
            r = amp_check(spec, phone)
        except HeadspecError as exc:  # missing impedance or sensitivity: named, never a crash
            assert exc.field in ("impedance", "sensitivity") and exc.hint
            seen["missing:" + str(exc.field)] += 1
            continue
        seen[r.verdict] += 1
        if r.verdict == "drives-itself":
            assert spec.wireless and report.by_field("drive").verdict.startswith("Drives itself")  # type: ignore[union-attr]
            continue
        # the verdict follows from the numbers
        assert r.max_spl_db == pytest.approx(r.sensitivity_db_per_v + 20 * math.log10(r.available_vrms))
        assert (r.available_vrms >= r.required_vrms * (1 - 1e-9)) == (r.verdict == "enough")
        assert report.drive is not None
        assert report.drive.required_vrms == pytest.approx(r.required_vrms)
    assert seen["drives-itself"] > 100 and seen["needs-amp"] > 20 and seen["enough"] > 5
