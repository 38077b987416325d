"""`headspec amp` and `headspec sources`: do I need an amp, for my source, by physics."""

from __future__ import annotations

from pathlib import Path

import typer

from headspec.cli._app import app, fail, print_json, stdout
from headspec.errors import HeadspecError


@app.command("amp")
def amp_cmd(
    impedance: str | None = typer.Option(None, "--impedance", help="Headphone impedance in ohms, e.g. 300."),
    sensitivity: str | None = typer.Option(
        None, "--sensitivity", help="e.g. '97 dB/mW', '102 dB/V'; a bare '100 dB' means the basis is "
                                    "unknown."),
    spec_file: str | None = typer.Option(None, "--spec", help="Spec-sheet text file (or '-') instead of "
                                         "--impedance/--sensitivity."),
    source: str | None = typer.Option(
        None, "--source", help="Device name (see `headspec sources`) or figures: '2 Vrms, 1 ohm', "
        "'250 mW @ 32 ohm', '1.2 W into 32 ohm, 120 mW into 300 ohm'."),
    all_sources: bool = typer.Option(False, "--all-sources", help="Check every known source, sorted by "
                                                                  "headroom."),
    target_spl: str = typer.Option("110", "--target-spl", help="Target peak dB SPL (105 pop, 110 default, "
                                   "115 classical)."),
    curve: Path | None = typer.Option(None, "--impedance-curve", help="CSV of frequency, ohms[, phase]: "
                                                                      "shows "
                                      "how the source's output impedance reshapes the response."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """How loud a source drives a headphone, what 110 dB peaks need, and whether you need an amp.

    Verdict: enough (reaches the target), marginal (≤6 dB short), needs-amp (>6 dB short).
    """
    from headspec.amp import amp_check, check_target, read_impedance_curve
    from headspec.sources import list_sources, parse_source

    try:
        spec = _headphone(impedance, sensitivity, spec_file)
        target = check_target(target_spl)
        imp_curve = read_impedance_curve(curve) if curve is not None else None
        if all_sources:
            if source is not None:
                raise fail("give either --source or --all-sources, not both")
            results = sorted((amp_check(spec, s, target, imp_curve) for s in list_sources()),
                             key=lambda r: (r.headroom_db is None, -(r.headroom_db or 0.0)))
        else:
            if source is None:
                raise fail("no source given", hint="add --source 'typical phone' or --source '1 Vrms, 0.3 "
                                                   "ohm', "
                           "or --all-sources")
            results = [amp_check(spec, parse_source(source), target, imp_curve)]
    except HeadspecError as exc:
        raise fail(exc.message, exc.hint) from None
    if as_json:
        dumped = [r.model_dump(mode="json") for r in results]
        print_json(dumped if all_sources else dumped[0])
    elif all_sources:
        _render_table(results)
    else:
        _render_one(results[0])


def _headphone(impedance: str | None, sensitivity: str | None, spec_file: str | None):  # type: ignore[no-untyped-def]
    from headspec.amp import check_impedance, parse_sensitivity
    from headspec.errors import AmpInputError
    from headspec.spec import Spec

    if spec_file is not None:
        if impedance is not None or sensitivity is not None:
            raise AmpInputError("give either --spec or --impedance/--sensitivity, not both", field="spec",
                                hint="--spec reads both figures from the spec sheet")
        from headspec.cli._explain import read_spec_text
        from headspec.parse import parse_spec

        return parse_spec(read_spec_text(spec_file))
    if impedance is None:
        raise AmpInputError("the headphone's impedance is missing", field="impedance",
                            hint="add --impedance 32 (ohms), or --spec FILE")
    if sensitivity is None:
        raise AmpInputError("the headphone's sensitivity is missing", field="sensitivity",
                            hint="add --sensitivity '97 dB/mW' or '102 dB/V', or --spec FILE")
    z = check_impedance(impedance)
    value, basis = parse_sensitivity(sensitivity)
    return Spec(impedance_ohm=z, sensitivity_db=value, sensitivity_basis=basis)


_VERDICT_STYLE = {"enough": "green", "marginal": "yellow", "needs-amp": "bold red", "drives-itself": "cyan"}


def _fmt(x: float | None, spec: str = ".1f", unit: str = "") -> str:
    return "—" if x is None else f"{x:{spec}}{unit}"


def _render_one(r) -> None:  # type: ignore[no-untyped-def]
    from rich.markup import escape
    from rich.table import Table

    style = _VERDICT_STYLE[r.verdict]
    who = escape(r.headphone) + " on " if r.headphone else ""
    stdout.print(f"{who}[bold]{escape(r.source)}[/] ({escape(r.source_figures or '')}): "
                 f"[{style}]{r.verdict}[/]")
    if r.verdict != "drives-itself":
        t = Table(show_header=False, box=None, pad_edge=False)
        t.add_column(style="bold")
        t.add_column()
        t.add_row("sensitivity", f"{r.sensitivity_db_per_v:.1f} dB/V = {r.sensitivity_db_per_mw:.1f} dB/mW "
                  f"at {r.impedance_ohm:g} Ω")
        t.add_row(f"needed for {r.target_spl_db:g} dB", f"{r.required_vrms:.3g} Vrms, {r.required_mw:.3g} "
                                                        "mW, "
                  f"{r.required_ma:.3g} mA")
        t.add_row("source gives", f"{r.available_vrms:.3g} Vrms, {r.available_mw:.3g} mW, "
                  f"{r.available_ma:.3g} mA ({r.limiting}-limited)")
        t.add_row("max SPL", f"{r.max_spl_db:.1f} dB (headroom {r.headroom_db:+.1f} dB)")
        t.add_row("presets", ", ".join(f"{p.target_spl_db:g} dB: {p.verdict}" for p in r.presets))
        if r.output_impedance_ohm is None:
            zout_text = "not stated"
        else:
            rule = "met" if r.one_eighth_rule_ok else "broken"
            df_spec = ",.0f" if (r.damping_factor or 0) >= 100 else ".1f"
            zout_text = (f"{r.output_impedance_ohm:g} Ω, damping factor {_fmt(r.damping_factor, df_spec)}, "
                         f"level loss {_fmt(r.level_loss_db, '.2f', ' dB')}, 1/8 rule {rule}")
        t.add_row("output impedance", zout_text)
        if r.response_deviation is not None:
            d = r.response_deviation
            t.add_row("response change", f"{d.range_db:.2f} dB across {d.z_min_ohm:g}–{d.z_max_ohm:g} Ω")
        for reading in r.readings:
            t.add_row(f"if dB/{reading.basis}", f"{reading.sensitivity_db_per_v:.1f} dB/V → "
                      f"{reading.max_spl_db:.1f} dB, {reading.verdict}")
        stdout.print(t)
    for note in r.notes:
        stdout.print(f"• {escape(note)}")


def _render_table(results) -> None:  # type: ignore[no-untyped-def]
    from rich.markup import escape
    from rich.table import Table

    t = Table(title="Every known source, by headroom", header_style="bold")
    for col in ("source", "Vrms", "mW", "max SPL", "headroom", "limit", "Zout", "verdict"):
        t.add_column(col, justify="left" if col in ("source", "limit", "verdict") else "right")
    for r in results:
        style = _VERDICT_STYLE[r.verdict]
        t.add_row(escape(r.source), _fmt(r.available_vrms, ".3g"), _fmt(r.available_mw, ",.0f"),
                  _fmt(r.max_spl_db), _fmt(r.headroom_db, "+.1f"), r.limiting or "—",
                  _fmt(r.output_impedance_ohm, "g"), f"[{style}]{r.verdict}[/]")
    stdout.print(t)


@app.command("sources")
def sources_cmd(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the known source devices (phones, dongles, laptops, players, amps) with their figures."""
    from rich.markup import escape
    from rich.table import Table

    from headspec.sources import list_sources

    sources = list_sources()
    if as_json:
        print_json([s.model_dump(mode="json") for s in sources])
        return
    t = Table(title=f"{len(sources)} source devices", header_style="bold")
    for col in ("name", "kind", "figures", "into 32 Ω", "into 300 Ω", "basis"):
        t.add_column(col)
    for s in sources:
        a, b = s.load_voltage(32), s.load_voltage(300)
        t.add_row(escape(s.name), s.kind, escape(s.describe()), f"{a.vrms:.2f} V / {a.mw:.3g} mW",
                  f"{b.vrms:.2f} V / {b.mw:.3g} mW", s.basis)
    stdout.print(t)
