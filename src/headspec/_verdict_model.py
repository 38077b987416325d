"""The verdict's data: the evidence it is built from and the verdict it returns.

The evidence inputs are plain dataclasses, so the core (`headspec.verdict.assemble`) can be
tested with evidence built by hand; the results are pydantic models, because the CLI and the
web serve them as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from headspec.spec import Spec

Stance = Literal["pro", "con", "neutral"]
Topic = Literal["sound", "drive", "plausibility", "price", "fit", "spec"]
Rating = Literal["strong-buy", "buy", "decent", "weak", "needs-amp", "poor-fit", "avoid",
                 "not-enough-evidence", "on-paper"]
Use = Literal["commute", "office", "home", "studio", "gym", "sleep", "gaming", "calls"]


# --- result objects -------------------------------------------------------------------------------


class EvidenceRef(BaseModel):
    """One piece of evidence behind a claim.

    `kind` says where it comes from; `ref` names it (a spec field, a measurement's
    reviewer/rig, a listing id, a catalog query); `value` is the human-readable value;
    `data` holds the numbers the wording was derived from.
    """

    kind: Literal["spec", "measurement", "amp-check", "plausibility", "listing", "catalog", "explain"]
    ref: str
    value: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class Claim(BaseModel):
    """A statement the verdict makes, for or against, with the evidence it rests on."""

    topic: Topic
    stance: Stance
    text: str
    evidence: list[EvidenceRef]


class Missing(BaseModel):
    """Evidence the verdict lacks, and what would settle the question."""

    topic: Topic
    what: str
    would_settle: str


class MeasurementSummary(BaseModel):
    """One measurement as the verdict read it: score, band deviations from target, words."""

    name: str
    source: str | None = None
    form: str | None = None
    score: float | None = None
    score_model: str | None = None
    target: str | None = None
    tier: str | None = None
    bands_db: dict[str, float] = Field(default_factory=dict, description="dB vs target per band")
    words: list[str] = Field(default_factory=list, description="tonality words derived from bands_db")
    ref: str | None = Field(None, description="measurement id or file it came from")


class PriceContext(BaseModel):
    """The model's price against comparable models (same form factor and wireless class, one currency)."""

    amount: float
    currency: str
    listing_ref: str | None = None
    comparable: str = Field(description="what it is compared with, e.g. 'wired over-ear'")
    n_comparable: int = 0
    median: float | None = None
    percentile: float | None = Field(None, description="share of comparable models that cost less, 0–100")
    measured_comparable_median_score: float | None = None


class Verdict(BaseModel):
    """The overall call with its confidence, the claims behind it and what is missing."""

    subject: str
    call: str = Field(description='e.g. "strong buy for home listening", "fine, but needs an amp"')
    rating: Rating
    confidence: float = Field(ge=0.0, le=1.0)
    confidence_word: Literal["low", "moderate", "high"]
    use: str | None = None
    source: str | None = Field(None, description="the listener's source device the amp check used")
    summary: str
    claims: list[Claim] = Field(default_factory=list)
    missing: list[Missing] = Field(default_factory=list)
    measurements: list[MeasurementSummary] = Field(default_factory=list)
    agreement: Literal["single", "agree", "partly", "disagree"] | None = None
    price: PriceContext | None = None
    caveats: list[str] = Field(default_factory=list)

    def pros(self) -> list[Claim]:
        """The claims in its favour."""
        return [c for c in self.claims if c.stance == "pro"]

    def cons(self) -> list[Claim]:
        """The claims against it."""
        return [c for c in self.claims if c.stance == "con"]


# --- evidence inputs (plain, so the core can be tested without a catalog) ----------------------


@dataclass
class MeasuredEvidence:
    """A measurement reduced to what a verdict needs: score and dB vs target per band."""

    name: str
    source: str | None
    form: str | None
    score: float | None
    score_model: str | None = None
    target: str | None = None
    bands_db: dict[str, float] = field(default_factory=dict)
    ref: str | None = None


@dataclass
class AmpEvidence:
    """The amp check's result for the listener's source (any object with AmpResult's fields)."""

    source_name: str
    verdict: str  # "enough" | "marginal" | "needs-amp" | "drives-itself"
    max_spl_db: float | None = None
    required_vrms: float | None = None
    required_mw: float | None = None
    headroom_db: float | None = None
    target_spl_db: float = 110.0
    assumed: bool = False  # True when no source was given and a typical phone was assumed
    notes: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    """Everything known about one headphone, gathered before the verdict is assembled."""

    subject: str
    spec: Spec = field(default_factory=Spec)
    spec_refs: dict[str, str] = field(default_factory=dict)  # field -> where the value came from
    measurements: list[MeasuredEvidence] = field(default_factory=list)
    amp: AmpEvidence | None = None
    amp_problem: str | None = None  # why the amp check could not run
    plausibility: list[Any] = field(default_factory=list)  # SpecWarning-like (code, field, message)
    flags: list[str] = field(default_factory=list)  # catalog/identity flags such as "knock-off"
    explained: list[Any] = field(default_factory=list)  # explain findings (field, severity, verdict, ...)
    price: PriceContext | None = None
    use: str | None = None

