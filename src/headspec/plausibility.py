"""Implausible spec values (DOMAIN.md §4): signals of a typo, a wrong basis or a knock-off.

`check(spec)` returns warnings and never changes the spec; the parser attaches
them to every `Spec` it makes and the catalog reuses them on stored records.
"""

from __future__ import annotations

from headspec.spec import Spec, SpecWarning

__all__ = ["check"]

# thresholds, each with the reason a reader sees
SENS_MW_MAX = 130.0  # dB/mW: louder than any real headphone at 1 mW
SENS_MW_MIN = 75.0  # dB/mW: quieter than the least sensitive planars (~82 dB/mW)
FREQ_HIGH_MAX = 100_000.0  # Hz
FREQ_LOW_MIN = 1.0  # Hz
IMPEDANCE_MAX = 1000.0  # ohm; only a few electrostatic/vintage models go beyond
EARBUD_BATTERY_MAX = 20.0  # h on one charge for a true-wireless earbud
BATTERY_MAX = 200.0  # h on one charge for any headphone
WEIGHT_MAX = 1000.0  # g
DRIVER_IN_EAR_MAX = 16.0  # mm


def _w(field: str, message: str) -> SpecWarning:
    return SpecWarning(code="implausible", field=field, message=message)


def check(spec: Spec) -> list[SpecWarning]:
    """Warnings for values no real headphone has, or that contradict each other."""
    out: list[SpecWarning] = []
    s_mw = spec.sensitivity_db_per_mw
    if s_mw is not None and s_mw > SENS_MW_MAX:
        out.append(_w("sensitivity_db", f"{s_mw:g} dB/mW is above {SENS_MW_MAX:g} dB/mW; probably dB/V, "
                                        f"a typo or a made-up figure"))
    if s_mw is not None and s_mw < SENS_MW_MIN:
        out.append(_w("sensitivity_db", f"{s_mw:g} dB/mW is below {SENS_MW_MIN:g} dB/mW"))
    if spec.sensitivity_basis == "unknown" and spec.sensitivity_db is not None and \
            not 75.0 <= spec.sensitivity_db <= 140.0:
        out.append(_w("sensitivity_db", f"{spec.sensitivity_db:g} dB is outside 75-140 dB on either basis"))
    if spec.freq_high_hz is not None and spec.freq_high_hz > FREQ_HIGH_MAX:
        out.append(_w("freq_high_hz", f"a response to {spec.freq_high_hz:g} Hz is past 100 kHz"))
    if spec.freq_low_hz is not None and 0 < spec.freq_low_hz < FREQ_LOW_MIN:
        out.append(_w("freq_low_hz", f"a response from {spec.freq_low_hz:g} Hz is below 1 Hz"))
    low, high = spec.freq_low_hz, spec.freq_high_hz
    if low is not None and high is not None and low >= high:
        out.append(_w("freq_low_hz", "the low end of the frequency range is not below the high end"))
    if spec.thd_percent is not None and spec.thd_percent == 0:
        out.append(_w("thd_percent", "a THD of exactly 0 % is not measurable"))
    if spec.thd_percent is not None and spec.thd_percent > 10:
        out.append(_w("thd_percent", f"THD of {spec.thd_percent:g} % is far above any headphone's"))
    if spec.impedance_ohm is not None and spec.impedance_ohm > IMPEDANCE_MAX:
        out.append(_w("impedance_ohm", f"{spec.impedance_ohm:g} Ω is above {IMPEDANCE_MAX:g} Ω"))
    if spec.weight_g is not None and spec.weight_g > WEIGHT_MAX:
        out.append(_w("weight_g", f"{spec.weight_g:g} g is heavier than any headphone"))
    if spec.battery_h is not None and spec.battery_h > BATTERY_MAX:
        out.append(_w("battery_h", f"{spec.battery_h:g} h on one charge is beyond any headphone"))
    earbud = spec.true_wireless or spec.form_factor in ("earbud", "in-ear") and spec.wireless
    if earbud and spec.battery_h is not None and spec.battery_h > EARBUD_BATTERY_MAX \
            and spec.battery_total_h is None:
        out.append(_w("battery_h", f"{spec.battery_h:g} h for earbuds is likely the total with the case"))
    if spec.bluetooth_version and spec.bluetooth_version.startswith("6") and earbud and \
            spec.battery_h is not None and spec.battery_h >= 50:
        out.append(_w("bluetooth_version", "Bluetooth 6 with a 50 h earbud battery is a knock-off pattern"))
    if spec.driver_mm is not None and spec.form_factor in ("in-ear", "earbud") and \
            spec.driver_mm > DRIVER_IN_EAR_MAX:
        out.append(_w("driver_mm", f"a {spec.driver_mm:g} mm driver does not fit in an ear canal"))
    if spec.price_amount is not None and spec.price_amount == 0:
        out.append(_w("price_amount", "a price of 0 is not a price"))
    return out
