"""Source devices: the package table, the V_L = min(V_oc·Z/(Z+Z_out), I_max·Z) model, and text figures."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headspec.errors import NotFoundError, SourceSpecError
from headspec.sources import PowerRating, Source, get_source, list_sources, parse_source

REAL_KINDS = {"phone", "usb_dongle", "laptop", "dap", "portable_amp", "desktop_amp"}


def test_table_has_25_real_devices_each_with_origin_and_basis() -> None:
    real = [s for s in list_sources() if s.kind in REAL_KINDS]
    assert len(real) >= 25
    for src in real:
        assert src.origin.strip(), src.name
        assert src.basis in {"rated", "measured", "claimed"}, src.name
        assert src.has_output(), src.name
    kinds = {s.kind for s in real}
    assert kinds == REAL_KINDS


def test_generic_classes_exist() -> None:
    for name in ("typical phone", "typical dongle", "typical laptop", "typical portable amp",
                 "typical desktop amp"):
        src = get_source(name)
        assert src.kind == "typical" and src.basis == "typical"


def test_apple_us_dongle_is_louder_than_eu() -> None:
    us, eu = get_source("apple dongle us"), get_source("apple dongle eu")
    assert "A2049" in us.name and "A2155" in eu.name
    assert us.load_voltage(32).vrms > eu.load_voltage(32).vrms


def test_macbook_2021_adaptive_output() -> None:
    mac = get_source("MacBook Pro 2021")
    assert mac.load_voltage(32).vrms == pytest.approx(1.25)
    assert mac.load_voltage(149).vrms == pytest.approx(1.25)
    assert mac.load_voltage(150).vrms == pytest.approx(3.0)
    assert mac.load_voltage(300).vrms == pytest.approx(3.0)


def test_rated_points_are_reproduced_exactly() -> None:
    magni = get_source("Schiit Magni 2")
    for load, mw in [(16, 1800), (32, 1200), (50, 1000), (300, 260), (600, 130)]:
        assert magni.load_voltage(load).mw == pytest.approx(mw, rel=1e-9)


def test_two_loads_with_equal_voltage_are_voltage_limited() -> None:
    # 1.2 W into 32 Ω is 6.197 V, 120 mW into 300 Ω is 6.0 V: the same voltage within 10 %
    src = parse_source("1.2 W into 32 Ω, 120 mW into 300 Ω")
    assert src.limiting_between_ratings() == "voltage"
    drive = src.load_voltage(100)
    assert drive.limiting == "voltage"
    assert drive.vrms == pytest.approx(6.0, rel=1e-6)  # V_oc taken from the 300 Ω rating


def test_two_loads_with_equal_current_are_current_limited() -> None:
    # 50 mW/16 Ω and 100 mW/32 Ω are both 55.9 mA: current-limited, V = I·Z between them
    src = parse_source("50 mW @ 16 ohm, 100 mW @ 32 ohm")
    assert src.limiting_between_ratings() == "current"
    i = math.sqrt(0.05 / 16)
    drive = src.load_voltage(24)
    assert drive.limiting == "current"
    assert drive.vrms == pytest.approx(i * 24)
    assert drive.ma == pytest.approx(1000 * i)


def test_real_current_limited_player_into_low_impedance() -> None:
    # Questyle QP2R (Hi-Fi News): 1.87 V unloaded but only 40 mW into 25 Ω, i.e. 40 mA.
    qp2r = get_source("QP2R")
    drive = qp2r.load_voltage(16)
    assert drive.limiting == "current"
    assert drive.ma == pytest.approx(40.0)
    assert drive.vrms == pytest.approx(0.64)
    assert qp2r.load_voltage(600).vrms == pytest.approx(math.sqrt(0.0055 * 600))


def test_single_rating_is_read_cautiously_on_both_sides() -> None:
    src = parse_source("250 mW @ 32 Ω")
    v32 = math.sqrt(0.25 * 32)
    assert src.load_voltage(32).vrms == pytest.approx(v32)
    assert src.load_voltage(300).vrms == pytest.approx(v32)        # voltage-limited above
    assert src.load_voltage(300).limiting == "voltage"
    low = src.load_voltage(16)
    assert low.limiting == "current" and low.vrms == pytest.approx(v32 / 2)  # current-limited below
    assert low.extrapolated


@pytest.mark.parametrize(("text", "vrms", "zout", "ratings"), [
    ("2 Vrms, 1 ohm", 2.0, 1.0, []),
    ("1 Vrms, 0.3 ohm", 1.0, 0.3, []),
    ("0.5V 2Ω", 0.5, 2.0, []),
    ("700 mV, 10 ohms", 0.7, 10.0, []),
    ("250 mW @ 32 Ω", None, None, [(32, 250)]),
    ("1.2 W into 32 Ω, 120 mW into 300 Ω", None, None, [(32, 1200), (300, 120)]),
    ("1,5 W @ 32 ohm; 0.54 ohm", None, 0.54, [(32, 1500)]),
])
def test_parse_source_figures(text: str, vrms: float | None, zout: float | None,
                              ratings: list[tuple[float, float]]) -> None:
    src = parse_source(text)
    assert src.vrms == vrms
    assert src.output_impedance_ohm == zout
    assert [(r.load_ohm, r.mw) for r in src.ratings] == ratings


def test_parse_source_current_limit() -> None:
    src = parse_source("2 Vrms, 0.5 ohm, 50 mA")
    drive = src.load_voltage(16)
    assert drive.limiting == "current" and drive.vrms == pytest.approx(0.8)


@pytest.mark.parametrize(("text", "expected"), [
    ("Magni 2", "Schiit Magni 2"),
    ("magni", "Schiit Magni 2"),
    ("typical phone", "typical phone"),
    ("DragonFly Black", "AudioQuest DragonFly Black (v1.5)"),
    ("dragonfy black", "AudioQuest DragonFly Black (v1.5)"),
    ("Chord Mojo 2", "Chord Mojo 2"),
    ("qp2r", "Questyle QP2R (single-ended)"),
])
def test_get_source_by_name(text: str, expected: str) -> None:
    assert parse_source(text).name == expected


def test_ambiguous_name_lists_candidates() -> None:
    with pytest.raises(NotFoundError) as info:
        get_source("dragonfly")
    assert "DragonFly Red" in str(info.value) and "DragonFly Black" in str(info.value)


def test_unknown_name_suggests() -> None:
    with pytest.raises(NotFoundError) as info:
        get_source("Mojjo")
    assert "Mojo" in (info.value.hint or "")
    with pytest.raises(NotFoundError) as info:
        get_source("xyzzy plugh")
    assert info.value.status == 404 and "headspec sources" in (info.value.hint or "")


@pytest.mark.parametrize(("text", "needle"), [
    ("650 mW", "no load impedance"),
    ("1 ohm", "no output figure"),
    ("", "empty source"),
    ("2 V, 3 V", "more than one output voltage"),
    ("1 V, 1 ohm, 2 ohm", "more than one output impedance"),
    ("500 V", "not plausible"),
    ("-2 Vrms, 1 ohm", "negative figure"),
    ("2 Vrms, -1 ohm", "negative figure"),
    ("\u2212250 mW @ 32 ohm", "negative figure"),
])
def test_bad_source_text_names_the_problem(text: str, needle: str) -> None:
    with pytest.raises(SourceSpecError) as info:
        parse_source(text)
    assert needle in str(info.value)
    assert info.value.hint


def test_source_without_any_figure_refuses_to_compute() -> None:
    with pytest.raises(SourceSpecError, match="no output figure"):
        Source(name="mystery box").load_voltage(32)


def test_table_agrees_with_shared_reference_figures(shared_data) -> None:
    """Rows restated from ../shared/data/sources must keep the reference's power at 32 Ω and Zout."""
    checked = 0
    with open(shared_data / "sources" / "source_devices.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                ours = get_source(row["device"])
            except NotFoundError:
                continue
            if ours.basis != row["rated_or_measured"]:
                continue
            if row["mw_32"]:
                assert ours.load_voltage(32).mw == pytest.approx(float(row["mw_32"]), rel=0.01), row["device"]
                checked += 1
            if row["output_impedance_ohm"] and ours.output_impedance_ohm is not None:
                assert ours.output_impedance_ohm == pytest.approx(float(row["output_impedance_ohm"]))
    assert checked >= 5


@given(st.floats(0.01, 50), st.floats(0.0, 500))
def test_voltage_and_impedance_round_trip(v: float, z: float) -> None:
    v, z = round(v, 4), round(z, 3)
    src = parse_source(f"{v:.4f} Vrms, {z:.3f} ohm")
    assert src.vrms == pytest.approx(v) and src.output_impedance_ohm == pytest.approx(z)


@given(st.floats(1, 20000), st.floats(2, 1000))
def test_power_rating_round_trip(mw: float, load: float) -> None:
    mw, load = round(mw, 3), round(load, 3)
    src = parse_source(f"{mw:.3f} mW @ {load:.3f} ohm")
    assert src.load_voltage(load).mw == pytest.approx(mw, rel=1e-9)


@given(st.floats(0.05, 20), st.floats(0, 100), st.floats(1, 5000), st.floats(1.01, 10))
def test_voltage_limited_output_rises_with_load(voc: float, zout: float, z: float, k: float) -> None:
    src = Source(name="x", vrms=voc, output_impedance_ohm=zout)
    a, b = src.load_voltage(z), src.load_voltage(z * k)
    assert b.vrms >= a.vrms * (1 - 1e-12) and a.vrms <= voc * (1 + 1e-12)
    assert a.vrms == pytest.approx(voc * z / (z + zout))


@given(st.sampled_from([s.name for s in list_sources()]), st.floats(4, 2000), st.floats(1.01, 4))
def test_every_known_source_gives_more_voltage_into_higher_loads(name: str, z: float, k: float) -> None:
    src = get_source(name)
    assert src.load_voltage(z * k).vrms >= src.load_voltage(z).vrms * (1 - 1e-3)


@given(st.floats(1, 5000), st.floats(1, 5000), st.floats(1, 2000), st.floats(1, 2000))
def test_ratings_classify_consistently(mw_a: float, mw_b: float, ra: float, rb: float) -> None:
    if abs(ra - rb) < 1:
        return
    src = Source(name="x", ratings=(PowerRating(load_ohm=ra, mw=mw_a), PowerRating(load_ohm=rb, mw=mw_b)))
    for load, mw in ((ra, mw_a), (rb, mw_b)):
        assert src.load_voltage(load).mw == pytest.approx(mw, rel=1e-6)


def test_package_data_states_its_origin() -> None:
    from importlib import resources

    text = resources.files("headspec.data").joinpath("sources.csv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("origin" in line for line in header) and any("basis" in line for line in header)


def test_measured_phone_figures() -> None:
    v30 = get_source("LG V30")
    assert v30.basis == "measured" and v30.load_voltage(32).vrms == pytest.approx(1.04 * 32 / 33.5)
    nexus = get_source("Nexus 5X")
    # the hobbyist measured 261 mV into 35.9 Ω; the model with the stated 3.1 Ω gives 263 mV (the page's
    # formula (Vu−Vl)/Vu·R understates Zout slightly: R·(Vu/Vl − 1) would be 3.4 Ω)
    assert nexus.load_voltage(35.9).vrms == pytest.approx(0.261, abs=0.003)


def test_sources_round_trip_through_json() -> None:
    # the catalog caches sources as JSON (headspec.catalog.query); a round trip must not change them
    for src in list_sources():
        assert Source.model_validate_json(src.model_dump_json()) == src
