"""Transcribe the published Harman target numbers into package data with an origin header.

Run once by hand (`python tools/transcribe_targets.py`); it reads AutoEq's target CSVs
from `../shared/data/fr/targets/` and writes `src/headspec/data/targets/*.csv`.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "fr" / "targets"
DST = ROOT / "src" / "headspec" / "data" / "targets"

HEADERS = {
    "Harman over-ear 2018.csv": (
        "harman_over_ear_2018.csv",
        [
            "Harman over-ear/on-ear target 2018 (Olive, Welti, Khonsaripour, AES 144th Convention 2018),",
            "including its bass shelf (about +6 dB); use as is, no extra bass boost.",
            "Numbers as published by AutoEq: jaakkopasanen/AutoEq targets/Harman over-ear 2018.csv,",
            "commit 8616bed4a616c4c0a2dbeb9ff67907cf2e521b39 (MIT licence).",
        ],
    ),
    "Harman in-ear 2019 without bass.csv": (
        "harman_in_ear_2019_without_bass.csv",
        [
            "Harman in-ear target 2019 (v2) (Olive et al., AES 143rd Convention 2017 / 2019 revision)",
            "with its bass shelf removed. The full target adds a +9.5 dB low shelf at 105 Hz, Q 0.7",
            "(biquad at 44.1 kHz, as AutoEq does); headspec.fr.targets applies it.",
            "Numbers as published by AutoEq:",
            "jaakkopasanen/AutoEq targets/Harman in-ear 2019 without bass.csv,",
            "commit 8616bed4a616c4c0a2dbeb9ff67907cf2e521b39 (MIT licence).",
        ],
    ),
}


def main() -> None:
    DST.mkdir(parents=True, exist_ok=True)
    for src_name, (dst_name, header) in HEADERS.items():
        rows = (SRC / src_name).read_text(encoding="utf-8").strip().splitlines()[1:]
        lines = [f"# {h}" for h in header]
        lines += [
            "# Format: frequency_hz,spl_db on AutoEq's grid 20*1.01^k Hz; 0 dB at 1 kHz.",
            "frequency_hz,spl_db",
        ]
        lines += rows
        (DST / dst_name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {DST / dst_name} ({len(rows)} points)")


if __name__ == "__main__":
    main()
