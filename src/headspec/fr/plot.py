"""Publication-quality plots of curves against a target, with an error panel below."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from headspec.errors import HeadspecError
from headspec.fr.curve import FrequencyResponse
from headspec.fr.grid import autoeq_grid, interpolate, normalize, smooth
from headspec.fr.targets import Target, for_form, get_target

if TYPE_CHECKING:
    from matplotlib.figure import Figure

AUDIO_TICKS_HZ = (20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000)
COLORS = ("#1f5fa8", "#d1495b", "#2a9d5c", "#e69f00", "#7b4fa0", "#00a0b0", "#8c6d31", "#555555")


def _tick_label(f: float) -> str:
    return f"{f / 1000:g}k" if f >= 1000 else f"{f:g}"


def plot(
    frs: FrequencyResponse | Sequence[FrequencyResponse],
    target: str | Target | None = None,
    path: str | PathLike[str] | None = None,
    *,
    title: str | None = None,
    smoothing: int | None = 12,
    dpi: int = 150,
) -> Figure:
    """Plot curves (0 dB at 1 kHz, 1/``smoothing``-octave) against a target, error panel below.

    Saves to ``path`` (``.png`` or ``.svg``) when given; returns the matplotlib Figure.
    Uses the Agg backend and never opens a window.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    curves = [frs] if isinstance(frs, FrequencyResponse) else list(frs)
    if not curves:
        raise HeadspecError("nothing to plot", hint="give at least one frequency response")
    if path is not None and Path(path).suffix.lower() not in (".png", ".svg"):
        raise HeadspecError(
            f"cannot write {Path(path).name}: use .png or .svg", input=str(path), field="path"
        )
    if isinstance(target, Target):
        t = target
    elif target:
        t = get_target(target)
    else:
        t = for_form(curves[0].form or "over-ear")

    grid = autoeq_grid()
    tgt = t.on_grid()
    fig = Figure(figsize=(10, 7), dpi=dpi, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2.4, 1]})
    top.plot(grid, tgt, color="#222222", lw=1.6, ls="--", label=f"Target: {t.label}", zorder=3)
    lows, highs = [tgt.min()], [tgt.max()]
    err_max = 3.0
    for i, fr in enumerate(curves):
        y = normalize(grid, interpolate(fr.frequency_hz, fr.spl_db, grid), 1000.0)
        if smoothing:
            y = smooth(grid, y, smoothing)
        color = COLORS[i % len(COLORS)]
        rig = fr.source or "unknown rig"
        top.plot(grid, y, color=color, lw=1.8, label=f"{fr.name} — {rig}")
        err = y - tgt
        bottom.plot(grid, err, color=color, lw=1.5)
        band = grid <= 10000
        lows.append(y[band].min())
        highs.append(y[band].max())
        err_max = max(err_max, float(np.abs(err[band]).max()))
    lo = 5 * np.floor((min(lows) - 3) / 5)
    hi = 5 * np.ceil((max(highs) + 3) / 5)
    top.set_ylim(max(lo, -40), min(hi, 30))
    e = min(5 * np.ceil((err_max + 1) / 5), 25)
    bottom.set_ylim(-e, e)
    bottom.axhline(0, color="#222222", lw=1.0, ls="--")
    for ax in (top, bottom):
        ax.set_xscale("log")
        ax.set_xlim(20, 20000)
        ax.xaxis.set_major_locator(FixedLocator(AUDIO_TICKS_HZ))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.grid(True, which="major", color="#d0d0d0", lw=0.7)
        ax.tick_params(labelsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    top.xaxis.set_major_formatter(NullFormatter())
    bottom.set_xticks(AUDIO_TICKS_HZ, [_tick_label(f) for f in AUDIO_TICKS_HZ])
    top.set_ylabel("SPL (dB, 0 dB at 1 kHz)", fontsize=11)
    bottom.set_ylabel("Error (dB)", fontsize=11)
    bottom.set_xlabel("Frequency (Hz)", fontsize=11)
    bottom.set_title("Curve − target", fontsize=10, loc="left", color="#444444")
    smooth_note = f", 1/{smoothing}-octave smoothed" if smoothing else ""
    if len({fr.source for fr in curves}) > 1:
        smooth_note += "; different rigs: compare shapes with care"
    if title is None:
        names = list(dict.fromkeys(fr.name for fr in curves))
        if len(names) == 1 and len(curves) > 1:
            title = f"{names[0]} on {len(curves)} rigs vs {t.name}"
        else:
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            title = f"{shown} vs {t.name}"
    import textwrap

    fig.suptitle("\n".join(textwrap.wrap(title, 90)), fontsize=14, fontweight="bold")
    top.set_title(
        f"Frequency response, normalized at 1 kHz{smooth_note}", fontsize=10, loc="left", color="#444444"
    )
    ncol = 1 if len(curves) < 2 else 2
    fig.legend(loc="outside lower center", ncols=ncol, fontsize=9, frameon=False)
    if path is not None:
        fig.savefig(path, dpi=dpi)
    return fig
