"""What a person needs from a headphone: the `NeedsProfile` the recommender filters and ranks by.

Hard constraints (wired/wireless, form factors, budget, ANC, isolation, a source that must
drive it) filter; uses and the Harman listener class (`preference`) rank. Budgets may be
given as text ("300 USD", "$300"), so forms and JSON can pass what a person typed.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from headspec._verdict_words import USES
from headspec.errors import HeadspecError
from headspec.spec import FORM_FACTORS

Preference = Literal["as-target", "more-bass", "less-bass"]
# Harman listener classes (Olive & Welti): most prefer the target, 15 % about 4–6 dB more bass,
# 21 % about 2 dB less. The shelf is added on top of each form's own target (105 Hz, Q 0.7).
PREFERENCE_SHELF_DB: dict[str, float] = {"as-target": 0.0, "more-bass": 5.0, "less-bass": -2.0}
HARD_CONSTRAINTS = ("wireless", "form", "budget", "anc", "isolation", "source")


class RecommendInputError(HeadspecError):
    """A needs profile that cannot be used (unknown use, bad budget, unknown form)."""


_BUDGET = re.compile(r"^\s*(?P<cur>[A-Za-z]{3}|[$€£₹₽])?\s*(?P<amt>\d[\d\s,]*(?:\.\d+)?)\s*"
                     r"(?P<cur2>[A-Za-z]{3}|[$€£₹₽])?\s*$")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB"}


def parse_budget(text: str) -> tuple[float, str]:
    """'300 USD', 'USD 300', '$300', '25 000 RUB' -> (amount, ISO currency)."""
    m = _BUDGET.match(text or "")
    cur = m and (m.group("cur") or m.group("cur2"))
    if not m or not cur:
        raise RecommendInputError(f"cannot read budget {text!r}", input=text, field="budget",
                                  hint='give an amount and a currency, e.g. "300 USD" or "$300"')
    amount = float(re.sub(r"[\s,]", "", m.group("amt")))
    if amount <= 0:
        raise RecommendInputError(f"budget must be positive, got {text!r}", input=text, field="budget",
                                  hint='e.g. "300 USD"')
    return amount, _SYMBOLS.get(cur, cur.upper())


class NeedsProfile(BaseModel):
    """What a person needs. Hard constraints filter; uses and preference rank.

    Hard: `wireless` (True wireless only, False wired only, None either), `forms` (accepted form
    factors; empty = any), `budget` + `currency`, `anc` (active noise cancelling required),
    `isolation` (a sealed design: closed back, or an in-ear), `source` (the device it must be loud
    enough on; a known name such as "typical phone" or figures such as "1 Vrms, 0.3 ohm").
    Soft: `uses` and `preference` (Harman listener class).
    """

    source: str | None = None
    uses: list[str] = Field(default_factory=list)
    isolation: bool = False
    anc: bool = False
    wireless: bool | None = None
    forms: list[str] = Field(default_factory=list)
    budget: float | None = Field(default=None, gt=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    preference: Preference = "as-target"
    target_spl_db: float = 110.0

    @model_validator(mode="before")
    @classmethod
    def _budget_text(cls, data: Any) -> Any:
        """Accept `budget="300 USD"` (or "$300") as well as budget=300, currency="USD"."""
        if isinstance(data, dict) and isinstance(data.get("budget"), str):
            text = data["budget"].strip()
            data = dict(data)
            if not text:
                data["budget"] = None
            elif re.fullmatch(r"\d+(\.\d+)?", text):
                data["budget"] = float(text)
            else:
                try:
                    amount, currency = parse_budget(text)
                except RecommendInputError as exc:
                    raise ValueError(f"{exc.message}; {exc.hint}") from None
                if data.get("currency") and str(data["currency"]).upper() != currency:
                    raise ValueError(f"budget {text!r} is in {currency}, "
                                     f"but currency says {data['currency']}")
                data["budget"], data["currency"] = amount, currency
        if isinstance(data, dict) and isinstance(data.get("currency"), str):
            data = {**data, "currency": data["currency"].strip().upper() or None}
        return data

    @field_validator("uses")
    @classmethod
    def _known_uses(cls, uses: list[str]) -> list[str]:
        for u in uses:
            if u not in USES:
                raise ValueError(f"unknown use {u!r}; choose from {', '.join(USES)}")
        return list(dict.fromkeys(uses))

    @field_validator("forms")
    @classmethod
    def _known_forms(cls, forms: list[str]) -> list[str]:
        for f in forms:
            if f not in FORM_FACTORS:
                raise ValueError(f"unknown form factor {f!r}; choose from {', '.join(FORM_FACTORS)}")
        return list(dict.fromkeys(forms))

    @model_validator(mode="after")
    def _budget_has_currency(self) -> NeedsProfile:
        if self.budget is not None and self.currency is None:
            raise ValueError("a budget needs a currency, e.g. USD")
        return self

    def active_constraints(self) -> list[str]:
        """The hard constraints this profile sets, in `HARD_CONSTRAINTS` order."""
        on = {"wireless": self.wireless is not None, "form": bool(self.forms),
              "budget": self.budget is not None, "anc": self.anc, "isolation": self.isolation,
              "source": self.source is not None}
        return [c for c in HARD_CONSTRAINTS if on[c]]

    def describe(self, constraint: str) -> str:
        """The constraint in words, e.g. 'budget ≤ 300 USD'."""
        if constraint == "wireless":
            return "wireless only" if self.wireless else "wired only"
        if constraint == "form":
            return "form: " + " or ".join(self.forms)
        if constraint == "budget":
            return f"budget ≤ {self.budget:g} {self.currency}" if self.budget else "any budget"
        return {"anc": "active noise cancelling", "isolation": "isolation (closed back or in-ear)",
                "source": f"loud enough on {self.source}"}[constraint]

    def without(self, constraint: str) -> NeedsProfile:
        """The same profile with one hard constraint dropped."""
        update: dict[str, Any] = {"wireless": {"wireless": None}, "form": {"forms": []},
                                  "budget": {"budget": None, "currency": None}, "anc": {"anc": False},
                                  "isolation": {"isolation": False}, "source": {"source": None}}[constraint]
        return self.model_copy(update=update)
