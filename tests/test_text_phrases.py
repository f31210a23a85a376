"""PhraseSet reads a text as one pattern per value would, in any case: it is only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pctstats.core.lexicon import (
    FREQUENCY_PHRASES,
    OUTCOME_PHRASES,
    SEX_PHRASES,
    SOURCE_KIND_PHRASES,
    TIMEFRAME_PHRASES,
)
from pctstats.text.phrases import PhraseSet

VOCABULARIES = {
    "sex": SEX_PHRASES,
    "timeframe": TIMEFRAME_PHRASES,
    "frequency": FREQUENCY_PHRASES,
    "outcome": OUTCOME_PHRASES,
    "source_kind": SOURCE_KIND_PHRASES,
}
#: Words of several values' phrases, overlapping ones ("men" in "women", "people" of one value
#: in "people assigned female" of another), a hyphen and letters that glue onto a phrase (no
#: whole word then), in several cases.
PIECES = [
    "women", "men", "woman", "people", "people assigned female", "those assigned male at birth",
    "of us", "men who have sex with men", "in their lifetime", "lifetime", "ever",
    "at some point", "past four weeks", "previous month", "4-week", "regular",
    "on a regular basis", "regularly", "often", "every time", "at least once", "PCD", "crying",
    "tears", "sad", "post-coital dysphoria", "one study", "studies", "research", "a survey",
    "the", "of", "-", ",", "x", "Women", "MEN", "femmes", "hombres", "alguna vez",
    # capitals and letters whose case re.IGNORECASE folds beyond str.lower ("ı", "ſ", the Kelvin
    # sign, "İ"), or that lower case lengthens ("İ"): such a text is matched as it is
    "WOMEN", "Étudiantes", "PÉRIODE", "ÉVER", "wOmEn", "ſtudies", "ſad", "crıed", "İn their lives",
    "\u212aids", "’", "—", "«", "µ", "ß",
]
TEXTS = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "", " ", ", "])), max_size=12
).map(lambda parts: "".join(p + gap for p, gap in parts))


def one_pattern_per_value(phrases):
    return {
        value: re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)
        for value, words in phrases.items()
    }


def first_by_value(patterns, text):
    """The value whose own pattern matches earliest; of equal starts, the one listed first."""
    found = [
        (m.start(), i, v) for i, (v, p) in enumerate(patterns.items()) if (m := p.search(text))
    ]
    return (min(found)[2], min(found)[0]) if found else None


def last_by_value(patterns, text):
    """The latest match of any value's own pattern, left to right; of equal starts, the later."""
    found = [
        (m.start(), i, v) for i, (v, p) in enumerate(patterns.items()) for m in p.finditer(text)
    ]
    return (max(found)[2], max(found)[0]) if found else None


@pytest.mark.parametrize("name", VOCABULARIES)
@given(text=TEXTS)
def test_first_last_and_named_agree_with_one_pattern_per_value(name, text):
    phrases = VOCABULARIES[name]
    patterns = one_pattern_per_value(phrases)
    reader = PhraseSet(phrases)
    assert reader.first(text) == first_by_value(patterns, text)
    assert reader.last(text) == last_by_value(patterns, text)
    assert reader.named(text) == {v for v, p in patterns.items() if p.search(text)}


def test_a_capturing_group_is_refused_by_name():
    with pytest.raises(ValueError, match="phrases of male must have no capturing group"):
        PhraseSet({"female": "women", "male": "(men|man)"})


def test_a_phrase_glued_to_a_word_or_hyphen_is_no_phrase():
    sex = PhraseSet(SEX_PHRASES)
    assert sex.first("sportsmen and non-women") is None
    assert sex.first("sportsmen and women") == ("female", 14)


def test_a_pattern_lower_case_would_change_is_matched_as_it_is():
    # lower-cased, "\\D" (not a digit) would read "\\d" (a digit)
    assert PhraseSet({"a": r"\Dx"}).first("an AX") == ("a", 3)
    assert PhraseSet({"a": r"[A-C]x"}).first("Bx and bx") == ("a", 0)
