"""Fuzzing the readers of untrusted text: spec sheets, source figures, frequency-response files.

Whatever arrives, each reader returns a result or raises a `HeadspecError` subclass that names the
input (its `input`, or for files the path) and says what is wrong: never any other exception.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from headspec.errors import FrReadError, HeadspecError, InputTooLargeError, SourceSpecError
from headspec.fr import read as read_fr
from headspec.parse import parse_spec
from headspec.sources import parse_source
from headspec.spec import Spec

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

UNITS = ["Ω", "ohm", "ohms", "kΩ", "dB", "dB/mW", "dB/V", "dB SPL", "mW", "W", "V", "Vrms", "mA", "Hz",
         "kHz", "mm", "g", "h", "%", "@", "into", "/", "±", "-", "~", "to"]
NUMBERS = ["0", "-1", "32", "1e308", "1e-320", "9" * 40, "NaN", "nan", "inf", "-Infinity", "1,5", "1.000.000",
           "0x1F", "٣٢", "３２", "1/0", ".", "..", "1e", "½"]
NOISE = ["\n", " ", "\t", "\r", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\u200b", "<script>", "'", '"', ";",
         "Impedance:", "Sensitivity:", "Frequency response:", "Импеданс", "インピーダンス", "阻抗", "🎧",
         "Sennheiser", "HD 600", "Bluetooth 5.3", "ANC", "2 Vrms", "typical phone"]
TOKENS = st.sampled_from(UNITS + NUMBERS + NOISE)
SPECISH = st.lists(TOKENS, max_size=60).map("".join)
REPEATED_UNITS = st.builds(lambda u, n, num: (num + " " + u + " ") * n, st.sampled_from(UNITS),
                           st.integers(1, 3000), st.sampled_from(NUMBERS))
ANY_TEXT = st.one_of(st.text(max_size=400), SPECISH, REPEATED_UNITS,
                     st.text(st.characters(codec="utf-8"), max_size=200))


def _names_input(exc: HeadspecError) -> None:
    assert str(exc), "an error must say what is wrong"
    assert exc.input is not None or exc.field is not None, f"{type(exc).__name__} names no input: {exc}"
    exc.to_dict()  # the web and --json forms must always serialize


# -- spec parser --------------------------------------------------------------------------------
@FUZZ
@given(text=ANY_TEXT, country=st.sampled_from([None, "US", "IN", "RU", "", "zz", "<b>"]))
@example(text="Impedance: " + "9" * 400 + " Ω", country=None)
@example(text="Sensitivity: NaN dB/mW\nImpedance: inf ohm", country=None)
@example(text="1e308 dB/mW 1e308 Ω 1e308 Hz - 1e308 kHz", country="US")
@example(text="\x00\x01\x02", country=None)
def test_parse_spec_returns_a_spec_or_a_named_error(text: str, country: str | None) -> None:
    try:
        spec = parse_spec(text, country=country)
    except HeadspecError as exc:
        _names_input(exc)
        return
    assert isinstance(spec, Spec)
    for name, value in spec.model_dump(exclude={"evidence"}).items():
        if isinstance(value, float):
            assert math.isfinite(value), (name, value)
    for ev in (spec.evidence or {}).values():
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("size", [1_000_001, 10_000_000])
def test_parse_spec_refuses_huge_text_with_413(size: int) -> None:
    with pytest.raises(InputTooLargeError) as info:
        parse_spec("Impedance 32 ohm " + "x" * size)
    assert info.value.status == 413 and info.value.input


def test_parse_spec_reads_a_sheet_with_a_10mb_line_limit_just_below() -> None:
    from headspec.parse._core import MAX_TEXT_CHARS

    text = "Impedance: 32 Ω\n" + "a" * (MAX_TEXT_CHARS - 100)
    assert parse_spec(text).impedance_ohm == 32


@FUZZ
@given(data=st.binary(max_size=300))
def test_parse_spec_given_bytes(data: bytes) -> None:
    try:
        parse_spec(data)  # type: ignore[arg-type]
    except HeadspecError as exc:
        _names_input(exc)


# -- source figures -----------------------------------------------------------------------------
@FUZZ
@given(text=ANY_TEXT)
@example(text="1e308 Vrms, 1e-308 ohm")
@example(text="nan Vrms, inf ohm")
@example(text="250 mW @ 0 Ω")
@example(text="-2 Vrms, -1 ohm, -100 mA")
@example(text="9" * 400 + " W into 32 Ω")
def test_parse_source_returns_a_source_or_a_named_error(text: str) -> None:
    try:
        source = parse_source(text)
    except HeadspecError as exc:
        _names_input(exc)
        return
    for name, value in source.model_dump().items():
        if isinstance(value, float):
            assert math.isfinite(value) and value >= 0, (name, value)


def test_parse_source_rejects_unusable_figures_by_name() -> None:
    for bad in ("nan Vrms, 1 ohm", "0 Vrms", "250 mW", "1e400 Vrms, 1 ohm"):
        with pytest.raises(SourceSpecError) as info:
            parse_source(bad)
        assert info.value.input == bad


# -- frequency-response readers -----------------------------------------------------------------
ROW = st.tuples(st.sampled_from(NUMBERS + ["20", "1000", "20000", "-3.5", "120"]),
                st.sampled_from(NUMBERS + ["85.2", "-1", "0"]),
                st.sampled_from([",", "\t", ";", " ", ", ", ",,"]))
FR_TEXT = st.one_of(
    st.lists(ROW, max_size=80).map(lambda rows: "frequency,raw\n" + "\n".join(a + s + b for a, b, s in rows)),
    st.lists(ROW, max_size=80).map(lambda rows: "* REW export\n" + "\n".join(a + s + b for a, b, s in rows)),
    st.text(max_size=500),
)
SUFFIXES = st.sampled_from([".csv", ".txt", ".CSV", ".dat", ""])


def _read_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory(prefix="headspec-fuzz-") as tmp:
        path = Path(tmp) / f"Fuzz Phone{suffix}"
        path.write_bytes(data)
        try:
            fr = read_fr(path)
        except FrReadError as exc:
            _names_input(exc)
            assert str(path) in str(exc), f"the error must name the file: {exc}"
            return
        f, y = fr.frequency_hz, fr.spl_db
        assert len(f) == len(y) >= 10
        assert all(math.isfinite(v) for v in f) and all(math.isfinite(v) for v in y)
        assert all(b > a for a, b in zip(f, f[1:], strict=False)), "frequencies must come out ascending"


@FUZZ
@given(text=FR_TEXT, suffix=SUFFIXES)
def test_fr_reader_given_text(text: str, suffix: str) -> None:
    _read_file(text.encode("utf-8", "surrogatepass"), suffix)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
@example(data=b"\xff\xfe" + "frequency,raw\n20,80\n".encode("utf-16-le"), suffix=".csv")
@example(data=b"frequency,raw\n" + b"20,80\xc3\x28\n" * 20, suffix=".csv")
def test_fr_reader_given_bytes(data: bytes, suffix: str) -> None:
    _read_file(data, suffix)


def test_fr_reader_names_the_line_of_a_bad_value(tmp_path: Path) -> None:
    rows = [f"{20 * 1.2 ** i:.2f},{80 + i % 3}" for i in range(40)]
    rows[7] = "123.4,abc"
    path = tmp_path / "Line Phone.csv"
    path.write_text("frequency,raw\n" + "\n".join(rows) + "\n", encoding="utf-8")
    try:
        read_fr(path)
    except FrReadError as exc:
        assert exc.path == path and str(path) in str(exc)
    # a reader may also skip one unreadable row; either way nothing but FrReadError escapes


def test_fr_reader_refuses_an_oversized_file(tmp_path: Path) -> None:
    from headspec.fr.readers import MAX_BYTES

    path = tmp_path / "Huge.csv"
    with path.open("wb") as f:
        f.write(b"frequency,raw\n")
        f.seek(MAX_BYTES + 10)
        f.write(b"\n")
    with pytest.raises(FrReadError) as info:
        read_fr(path)
    assert "MB" in str(info.value) and info.value.path == path
