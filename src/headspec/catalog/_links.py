"""The catalog's calls into other areas (classify, identity, parse, plausibility, fr), adapted to
small internal records so that the store never depends on another module's object layout."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

# Spec fields merged per model (listing-level facts such as price and condition live on listings).
SPEC_FIELDS: tuple[str, ...] = (
    "impedance_ohm",
    "sensitivity_db_per_mw",
    "sensitivity_db_per_v",
    "freq_low_hz",
    "freq_high_hz",
    "thd_percent",
    "driver_mm",
    "driver_type",
    "driver_count",
    "form_factor",
    "true_wireless",
    "back",
    "anc",
    "wireless",
    "bluetooth_version",
    "bluetooth_codecs",
    "weight_g",
    "battery_h",
    "battery_total_h",
)


_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Ident:
    """What identity says about a title: the model it names and the variant it describes."""

    key: str | None
    brand: str | None
    name: str
    colour: str | None = None
    bundle: str | None = None
    condition: str | None = None
    pack: int | None = None
    region: str | None = None
    flags: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    title: str = ""

    @property
    def group(self) -> str:
        """The key's part before the model words (brand family, with compatible/knock-off marks)."""
        return (self.key or "").rpartition("|")[0]

    @property
    def variant_key(self) -> str:
        return json.dumps([self.colour, self.bundle, self.condition, self.pack, self.region])


def classify(title: str, raw_text: str | None) -> tuple[str, str]:
    """(label, reason) from headspec.classify."""
    from headspec.classify import classify as _classify

    result = _classify(title, raw_text)
    return str(result.label), str(result.reason)


def identify(title: str, brand: str | None) -> Ident:
    """The model key and variant attributes of a title, from headspec.identity."""
    return _identify_cached(title, brand)


@lru_cache(maxsize=16384)
def _identify_cached(title: str, brand: str | None) -> Ident:
    from headspec.identity import identify as _identify

    ident = _identify(title, brand)
    flags = tuple(
        flag for flag, on in (("compatible", ident.compatible), ("knockoff", ident.knockoff_suspect)) if on
    )
    key = ident.key or None
    if key is not None and key.startswith("~"):
        # identity's own generic key (no maker model code): keep its merging, name it by its title
        flags = (*flags, "generic")
    elif key is None and title.strip():
        # a generic title (no maker model): merges only with the same words, variant words removed
        words = [w for w in _WORD.findall(title.lower()) if w != (ident.colour or "").lower()]
        key = "generic|" + " ".join(words)[:200]
        flags = (*flags, "generic")
    marks = [f for f in flags if f != "generic"]
    if key is not None and marks:
        key = "+".join(marks) + ":" + key  # a compatible or knock-off never merges into the genuine model
    name = " ".join(p for p in (ident.brand, ident.model) if p) if "generic" not in flags else ""
    name = name or " ".join(title.split())[:100]
    return Ident(
        key=key,
        brand=ident.brand,
        name=name,
        colour=ident.colour,
        bundle=ident.bundle,
        condition=ident.condition,
        pack=ident.pack if ident.pack and ident.pack > 1 else None,
        region=ident.region,
        flags=flags,
        codes=tuple(dict.fromkeys((*ident.codes, *ident.part_numbers))),
        title=title,
    )


@lru_cache(maxsize=16384)
def same_model(a_title: str, b_title: str) -> bool:
    """Whether headspec.identity judges two titles to name one model."""
    from headspec.identity import same_model as _same_model

    return bool(_same_model(a_title, b_title)[0])


def parse_values(raw_text: str, title: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Spec values and plausibility warnings of one listing text.

    When the text starts with its title line, title and body are parsed apart and each result is
    cached per identical text: the colour, bundle and price variants of one product share a body, so
    only the short title is parsed again. Body values win over title values.
    """
    from headspec.plausibility import check

    head, _, body = raw_text.partition("\n")
    if title and body.strip() and head.strip() == title.strip():
        values = dict(_parse_cached(title))
        values.update(_parse_cached(body))
    else:
        values = dict(_parse_cached(raw_text))
    if not values:
        return values, []
    # check() only reads attributes: a plain namespace avoids building a pydantic Spec per listing
    view = SimpleNamespace(**{**_blank_spec(), **values})
    warnings = [{"code": w.code, "field": w.field, "message": w.message} for w in check(view)]  # type: ignore[arg-type]
    return values, warnings


@lru_cache(maxsize=1)
def _blank_spec() -> dict[str, Any]:
    from headspec.spec import Spec

    return {name: None for name in Spec.model_fields}


@lru_cache(maxsize=16384)
def _parse_cached(text: str) -> dict[str, Any]:
    from headspec.parse import parse_spec

    try:
        spec = parse_spec(text)
    except ValueError:
        return {}
    return {name: getattr(spec, name) for name in SPEC_FIELDS if getattr(spec, name) is not None}


def json_value(value: Any) -> str:
    """Canonical JSON of a spec value, so equal values merge (32 and 32.0 are one value)."""
    if isinstance(value, float) and math.isfinite(value):
        value = round(value, 3)
        if value == int(value):
            value = int(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
