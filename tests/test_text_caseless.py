"""Caseless finds exactly what the case-insensitive pattern finds, in lower case or not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pctstats.core.lexicon import COMPARISON, NEW_STUDY, OTHER_CONDITION
from pctstats.core.number_words import ONE_IN, ONE_IN_NOUNS
from pctstats.text.caseless import Caseless, lower_case

PATTERNS = {
    "one in": rf"(?<![\w.,])(\w++)\s+(?:(?:{ONE_IN_NOUNS})\s+)?(?:{ONE_IN})\s+(\w++)(?!\w)",
    "comparison": rf"(?<![\w-])(?:{COMPARISON})(?![\w-])",
    "new study": rf"(?<!\w){NEW_STUDY}(?!\w)",
    "other condition": rf"(?<!\w)(?:{OTHER_CONDITION})(?!\w)",
    "clause break": r"[,;:—–]\s|\s(?:and|but|while|et|mais|y|pero)\s",
}
#: Words of the patterns in several cases, and letters re.IGNORECASE folds beyond str.lower
#: ("ı", "ſ", the Kelvin sign) or that lower case lengthens ("İ").
PIECES = [
    "One", "in", "IN", "20", "women", "Femme", "sur", "trois", "Uno", "de cada", "cinco", "than",
    "THAN", "compared with", "que chez", "Another", "study", "ÉTUDE", "une", "Autre", "clinical",
    "Depression", "diagnosed with", "anxiety", "and", "But", ",", ";", "—", "’", "x", "ıı",
    "ſtudy", "\u212aids", "İn", "ß", "µ",
]
TEXTS = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "", ", "])), max_size=12
).map(lambda parts: "".join(p + gap for p, gap in parts))


@pytest.mark.parametrize("name", PATTERNS)
@given(text=TEXTS)
def test_matches_are_those_of_the_case_insensitive_pattern(name, text):
    exact = re.compile(PATTERNS[name], re.IGNORECASE)
    fast = Caseless(PATTERNS[name])
    assert fast.lower is not None  # these are matched in lower case where the text allows
    assert [m.regs for m in fast.finditer(text)] == [m.regs for m in exact.finditer(text)]
    found = fast.search(text, 2, len(text) - 1)
    expected = exact.search(text, 2, len(text) - 1)
    assert (found and found.regs) == (expected and expected.regs)
    assert (fast.match(text) and fast.match(text).regs) == (
        exact.match(text) and exact.match(text).regs
    )
    pieces = exact.split(text)
    assert fast.before_first(text) == pieces[0]
    assert fast.after_last(text) == pieces[-1]


@pytest.mark.parametrize("pattern", [r"\Wx", r"[A-Z]x", r"(?-i:x)", "x(?P<name>y)", "Ωx"])
def test_a_pattern_lower_case_could_change_is_not_lowered(pattern):
    assert lower_case(pattern) is None
