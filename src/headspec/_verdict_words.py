"""The verdict's vocabulary: the words it may use, each tied to the numbers that justify it.

Tonality words come from a band's deviation from target (`tone_phrase`), score words from
the preference score (`score_tier`); `find_phrases` finds those words again in any text, so
that `contradictions()` can check every sentence against its evidence.
"""

from __future__ import annotations

from headspec.fr.tonality import BANDS_HZ, NOTICEABLE_DB
from headspec.fr.tonality import STRONG_DB as FR_STRONG_DB

USES: tuple[str, ...] = ("commute", "office", "home", "studio", "gym", "sleep", "gaming", "calls")

USE_PHRASE = {"commute": "commuting", "office": "the office", "home": "home listening",
              "studio": "studio work", "gym": "the gym", "sleep": "sleeping", "gaming": "gaming",
              "calls": "calls"}

# Tonality bands and thresholds are headspec.fr.tonality's, so the verdict and `fr describe` agree.
BANDS: tuple[str, ...] = tuple(name for name, _, _ in BANDS_HZ)
BAND_LABEL = {b: b for b in BANDS}
NOTABLE_DB = NOTICEABLE_DB  # a band deviation smaller than this (2 dB) gets no word
STRONG_DB = FR_STRONG_DB    # from 5 dB on the word is a strong one ("bass-heavy", not "a little more bass")

# (band, direction) -> (slight phrase, strong phrase); every phrase is listed in _PHRASES below
# so that contradictions() can find it in any text.
_TONE_WORDS: dict[tuple[str, int], tuple[str, str]] = {
    ("sub-bass", 1): ("a little extra sub-bass", "sub-bass boosted"),
    ("sub-bass", -1): ("slightly rolled-off sub-bass", "sub-bass rolled off"),
    ("bass", 1): ("a little more bass", "bass-heavy"),
    ("bass", -1): ("slightly lean bass", "bass-light"),
    ("low mids", 1): ("slightly full low mids", "thick low mids"),
    ("low mids", -1): ("slightly thin low mids", "thin low mids"),
    ("mids", 1): ("slightly forward mids", "forward mids"),
    ("mids", -1): ("slightly recessed mids", "recessed mids"),
    ("presence", 1): ("slightly forward presence", "shouty presence"),
    ("presence", -1): ("slightly soft presence", "recessed presence"),
    ("treble", 1): ("slightly bright treble", "bright treble"),
    ("treble", -1): ("slightly dark treble", "dark treble"),
    ("air", 1): ("a touch of extra air", "airy top end"),
    ("air", -1): ("slightly less air", "little air"),
}
_PHRASES: list[tuple[str, str, int, float]] = sorted(
    [(phrase, band, sign, NOTABLE_DB if i == 0 else STRONG_DB)
     for (band, sign), pair in _TONE_WORDS.items() for i, phrase in enumerate(pair)],
    key=lambda p: -len(p[0]))

# Preference-score tiers (Harman/Olive scale; above ~90 differences mean little).
SCORE_TIERS: tuple[tuple[float, str], ...] = ((80.0, "excellent"), (70.0, "good"), (55.0, "average"),
                                              (40.0, "below average"), (float("-inf"), "poor"))


def score_tier(score: float) -> str:
    """The word for a preference score: excellent ≥ 80, good ≥ 70, average ≥ 55, below average ≥ 40."""
    for floor, word in SCORE_TIERS:
        if score >= floor:
            return word
    return "poor"  # pragma: no cover - the last floor is -inf


def tone_phrase(band: str, db: float) -> str | None:
    """The words for one band's deviation from target, or None when it is within ±2 dB."""
    if abs(db) < NOTABLE_DB:
        return None
    slight, strong = _TONE_WORDS[(band, 1 if db > 0 else -1)]
    return strong if abs(db) >= STRONG_DB else slight


def find_phrases(text: str) -> list[tuple[str, str, int, float]]:
    """Every tonality phrase in `text` as (phrase, band, direction, smallest dB it needs), longest first."""
    found = []
    rest = text.lower()
    for phrase, band, sign, floor in _PHRASES:  # longest first, so "slightly bright treble" wins
        if phrase in rest:
            found.append((phrase, band, sign, floor))
            rest = rest.replace(phrase, " ")
    return found

