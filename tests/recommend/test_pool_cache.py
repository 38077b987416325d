"""The cached candidate pool: repeated and per-request calls give what an uncached run gives,
and an ingest invalidates it."""

from __future__ import annotations

from pathlib import Path

from headspec.catalog import Catalog
from headspec.recommend import NeedsProfile, load_candidates, recommend, recommend_candidates


def test_cached_recommend_equals_a_fresh_computation_whatever_the_order(catalog: Catalog) -> None:
    cands, excluded = load_candidates(catalog)
    profiles = [NeedsProfile(forms=["over-ear"], source="typical phone", target_spl_db=120.0),
                NeedsProfile(forms=["over-ear"], source="typical phone", target_spl_db=95.0),
                NeedsProfile(forms=["in-ear"], preference="more-bass"),
                NeedsProfile(forms=["over-ear"], source="typical phone", target_spl_db=120.0)]
    for profile in profiles:
        got = recommend(profile, catalog, top=8)
        fresh = recommend_candidates(profile, cands, top=8)
        if excluded:
            fresh.notes.append(f"{excluded} models flagged as knock-offs or compatibles were not considered.")
        assert got.model_dump() == fresh.model_dump()
    # the amp verdict follows the target level, never a cached earlier one
    loud = recommend(profiles[0], catalog, top=50)
    quiet = recommend(profiles[1], catalog, top=50)
    assert quiet.eligible > loud.eligible
    with Catalog(catalog.path, read_only=True) as again:  # a web request opens its own catalog
        assert recommend(profiles[2], again).model_dump() == recommend(profiles[2], catalog).model_dump()


def test_an_ingest_refreshes_the_pool(shared_data: Path, tmp_path: Path) -> None:
    profile = NeedsProfile(forms=["over-ear"])
    with Catalog(tmp_path / "c.sqlite3") as cat:
        cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
        before = recommend(profile, cat, top=3)
        assert before.picks and all(p.preference_score is None for p in before.picks)
        cat.ingest_fr(shared_data / "fr")
        after = recommend(profile, cat, top=3)
        assert after.considered > before.considered
        assert all(p.preference_score is not None for p in after.picks)
