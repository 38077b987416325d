"""Recommendations over the real catalog: hard constraints hold, preferences move the ranking."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from headspec import fr
from headspec.amp import amp_check
from headspec.catalog import Catalog
from headspec.recommend import (
    NeedsProfile,
    RecommendInputError,
    parse_budget,
    recommend,
    wanted_offsets,
)
from headspec.spec import Spec


def model_facts(catalog: Catalog, model_id: int) -> dict[str, object]:
    """What the catalog itself says about a model, read independently of the recommender."""
    row = catalog.store.query("SELECT form, back, wireless, anc, impedance_ohm, sensitivity_db_per_mw, "
                              "sensitivity_db_per_v FROM models WHERE id = ?", (model_id,))[0]
    forms = {r[0] for r in catalog.store.query("SELECT form FROM measurements WHERE model_id = ?",
                                               (model_id,))}
    prices = dict(catalog.store.query("SELECT currency, price_min FROM model_prices WHERE model_id = ?",
                                      (model_id,)))
    return {"form": row[0] or (forms.pop() if len(forms) == 1 else None), "back": row[1], "wireless": row[2],
            "anc": row[3], "impedance": row[4], "s_mw": row[5], "s_v": row[6], "prices": prices}


PROFILES = [
    NeedsProfile(forms=["in-ear"]),
    NeedsProfile(forms=["over-ear", "on-ear"], isolation=True),
    NeedsProfile(forms=["over-ear"], source="typical desktop amp", uses=["home"]),
    NeedsProfile(budget=100, currency="USD", uses=["commute"]),
    NeedsProfile(budget=5000, currency="INR"),
    NeedsProfile(source="typical phone", preference="less-bass"),
    NeedsProfile(forms=["earbud", "in-ear"], isolation=True, preference="more-bass", uses=["gym"]),
    NeedsProfile(wireless=False, forms=["over-ear"], source="typical phone", budget=300, currency="USD"),
]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: ",".join(p.active_constraints()) or "none")
def test_every_pick_satisfies_the_hard_constraints(catalog: Catalog, profile: NeedsProfile) -> None:
    rec = recommend(profile, catalog, top=10)
    assert rec.considered > 1000
    assert len(rec.picks) == min(10, rec.eligible)
    for p in rec.picks:
        facts = model_facts(catalog, p.model_id)
        if profile.forms:
            assert facts["form"] in profile.forms, p.name
        if profile.wireless is not None:
            assert facts["wireless"] == int(profile.wireless), p.name
        if profile.budget is not None:
            price = facts["prices"][profile.currency]
            assert price <= profile.budget and p.price == price, p.name
        if profile.anc:
            assert facts["anc"] == 1
        if profile.isolation:
            assert facts["form"] == "in-ear" or (facts["back"] == "closed" and facts["form"] in ("over-ear",
                                                                                                 "on-ear"))
        if profile.source:
            spec = Spec(impedance_ohm=facts["impedance"], sensitivity_db_per_mw=facts["s_mw"],
                        sensitivity_db_per_v=facts["s_v"], wireless=bool(facts["wireless"]))
            assert amp_check(spec, profile.source).verdict in ("enough", "marginal", "drives-itself"), p.name
        assert p.why and p.trade_off
    # Measured picks come first, best first.
    measured = [p.rank_score for p in rec.picks if p.preference_score is not None]
    assert measured == sorted(measured, reverse=True)
    assert [p.rank for p in rec.picks] == list(range(1, len(rec.picks) + 1))


def test_more_bass_preference_raises_bass_heavy_models(catalog: Catalog) -> None:
    plain = recommend(NeedsProfile(forms=["in-ear"]), catalog, top=400)
    more = recommend(NeedsProfile(forms=["in-ear"], preference="more-bass"), catalog, top=400)
    less = recommend(NeedsProfile(forms=["in-ear"], preference="less-bass"), catalog, top=400)
    rank = {name: {p.name: p.rank for p in r.picks if p.preference_score is not None}
            for name, r in (("plain", plain), ("more", more), ("less", less))}
    bass = {p.name: p.bass_db for p in plain.picks if p.bass_db is not None}
    heavy = [n for n, b in bass.items() if b >= 3.0]
    lean = sorted(bass, key=bass.get)[:10]  # few in-ears measure under target in the bass: take the leanest
    assert len(heavy) >= 5 and max(bass[n] for n in lean) < 1.0
    moved_up = [rank["plain"][n] - rank["more"][n] for n in heavy]
    assert statistics.mean(moved_up) > 5 and sum(d > 0 for d in moved_up) > 0.7 * len(heavy)
    assert statistics.mean(rank["plain"][n] - rank["more"][n] for n in lean) < 0
    assert statistics.mean(rank["plain"][n] - rank["less"][n] for n in lean) > 0
    # A bass-heavy model scores better against the +bass target than against the plain one.
    top_heavy = next(p for p in more.picks if p.name in heavy)
    assert top_heavy.preference_score > top_heavy.as_target_score
    assert "+5 dB bass" in top_heavy.why[0]


def test_nothing_fits_says_which_constraint_to_relax(catalog: Catalog) -> None:
    profile = NeedsProfile(wireless=False, forms=["over-ear"], source="typical phone", budget=30,
                           currency="USD")
    rec = recommend(profile, catalog)
    assert rec.picks == [] and rec.eligible == 0
    assert {r.constraint for r in rec.relaxations} == set(profile.active_constraints())
    for r in rec.relaxations:  # each count is what re-running without that constraint brings
        assert recommend(profile.without(r.constraint), catalog, top=1).eligible == r.would_fit
    assert rec.notes[0].startswith("Nothing in the catalog meets every constraint")
    assert any("never assumed to fit" in n for n in rec.notes)


def test_wanted_offsets_follow_the_listener_classes() -> None:
    more, less = wanted_offsets("more-bass"), wanted_offsets("less-bass")
    assert 4.0 <= more["sub-bass"] <= 6.0 and more["bass"] > 1.0 and abs(more["mids"]) < 0.2
    assert -2.5 <= less["sub-bass"] <= -1.5 and all(v == 0 for v in wanted_offsets("as-target").values())


@pytest.mark.parametrize(("text", "parsed"), [("300 USD", (300.0, "USD")), ("usd 300", (300.0, "USD")),
                                              ("$300", (300.0, "USD")), ("25 000 RUB", (25000.0, "RUB")),
                                              ("1,499.50 INR", (1499.5, "INR")), ("€89", (89.0, "EUR"))])
def test_parse_budget(text: str, parsed: tuple[float, str]) -> None:
    assert parse_budget(text) == parsed


@pytest.mark.parametrize("text", ["", "300", "cheap", "USD", "-5 USD", "0 USD"])
def test_bad_budget_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(RecommendInputError) as exc:
        parse_budget(text)
    assert exc.value.field == "budget" and exc.value.hint


@given(st.floats(0.01, 1e7, allow_nan=False), st.sampled_from(["USD", "EUR", "INR", "RUB", "GBP"]))
def test_budget_round_trips(amount: float, currency: str) -> None:
    got, cur = parse_budget(f"{amount:.2f} {currency}")
    assert cur == currency and got == pytest.approx(round(amount, 2))


def test_profile_validation_names_the_problem() -> None:
    with pytest.raises(ValidationError, match="unknown use 'jogging'"):
        NeedsProfile(uses=["jogging"])
    with pytest.raises(ValidationError, match="unknown form factor"):
        NeedsProfile(forms=["headband"])
    with pytest.raises(ValidationError, match="needs a currency"):
        NeedsProfile(budget=300)


def test_top_must_be_positive(catalog: Catalog) -> None:
    with pytest.raises(RecommendInputError, match="top must be at least 1"):
        recommend(NeedsProfile(), catalog, top=0)


def test_earbud_scores_use_the_in_ear_model(catalog: Catalog) -> None:
    rec = recommend(NeedsProfile(forms=["earbud"]), catalog, top=3)
    assert rec.picks and all(p.form == "earbud" for p in rec.picks)
    assert any("Earbuds are scored with the in-ear model" in n for n in rec.notes)
    best = rec.picks[0]
    mid = catalog.model(best.model_id).measurements[0].id
    assert fr.score(catalog.curve(mid), "earbud").model == "harman-in-ear-2019"


def test_profile_accepts_a_budget_text() -> None:
    p = NeedsProfile.model_validate({"budget": "300 USD"})
    assert (p.budget, p.currency) == (300.0, "USD")
    assert NeedsProfile.model_validate({"budget": "", "currency": ""}).budget is None
    assert NeedsProfile.model_validate({"budget": "80", "currency": "eur"}).currency == "EUR"
    with pytest.raises(ValidationError, match="cannot read budget"):
        NeedsProfile.model_validate({"budget": "cheap"})
    with pytest.raises(ValidationError, match="is in USD, but currency says EUR"):
        NeedsProfile.model_validate({"budget": "$300", "currency": "EUR"})
