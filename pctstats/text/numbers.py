"""Numbers in a sentence: digits, number words, fractions, "one in 20", ranges and their hedges.

:func:`find_numbers` returns every number of a sentence that can be a prevalence claim (a
percentage, a fraction in words, "one in N", a range of percentages, "N times more likely") or a
sample size ("1,208 men"), each with its character span in the text, the words as printed, the
value as a decimal string (as in ``claims.csv``), the hedge before it and the unit. Numbers that
are none of these (ages, years, durations, counts of countries, phone numbers, "24/7") are left
out: a number becomes a claim only through its unit.

Number words are read by text2num [1]_ (English, French, Spanish, Italian and Portuguese); only
the fractions it does not read come from :data:`pctstats.core.number_words.FRACTIONS`.

References
----------
.. [1] Allo Media. text2num: parse and convert numbers written in words (English, French,
   Spanish, Italian, Portuguese...). https://github.com/allo-media/text2num

Examples
--------
>>> [(n.value_text, n.value, n.unit) for n in find_numbers("Forty-six percent of 1,208 men")]
[('Forty-six percent', '46', 'percent'), ('1,208 men', '1208', 'count')]
>>> found = find_numbers("entre 3 et 4 % des hommes", lang="fr")
>>> [(n.value_text, n.value, n.value_high) for n in found]
[('entre 3 et 4 %', '3', '4')]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Final, TypeVar

from text_to_num import text2num

from pctstats.core.lexicon import OTHER_CONDITION, OUTCOME_PHRASES, SAMPLE_NOUNS
from pctstats.core.number_words import (
    FRACTION_VERBS,
    FRACTIONS,
    NOT_A_CLAIM_AFTER,
    NOT_A_CLAIM_BEFORE,
    NOT_A_FRACTION,
    NOT_A_PREVALENCE_AFTER,
    ONE_IN,
    ONE_IN_NOUNS,
    PERCENT_UNIT,
    QUALIFIERS,
    SAMPLE_SHARE_BEFORE,
    TIMES,
)
from pctstats.text.caseless import Caseless

__all__ = [
    "COUNT",
    "MIN_SAMPLE",
    "PERCENT",
    "RATIO",
    "Number",
    "find_numbers",
]

#: The smallest count read as a sample size ("five men" in "two in five men" is none).
MIN_SAMPLE: Final = 10
PERCENT: Final = "percent"
RATIO: Final = "ratio"
COUNT: Final = "count"

_FLAGS: Final = re.IGNORECASE
_T = TypeVar("_T")
#: A number in digits: thousands with commas ("1,208") or thin/no-break spaces ("1 208"), or a
#: decimal with a point or a comma ("32,9"). Not glued to letters, slashes or other digits
#: ("24/7", "18h14", "IMG_2041" are no numbers here).
_DIGITS: Final = re.compile(
    r"(?<![\w/:])(?<!(?<!\d)-)(?<!\d[.,])"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)(?:,\d+)?|"
    r"\d+(?:[.,]\d+)?)(?![\w/]|[.,]\d|:\d)"
)
_A_DIGIT: Final = re.compile(r"\d")
_SPACES: Final = re.compile(r"[\u00a0\u202f ]")
_COMMA_THOUSANDS: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_POINT_THOUSANDS: Final = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_WORD: Final = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CONNECTORS: Final = frozenset({"and", "et", "y", "e", "-"})
_UNIT: Final = re.compile(rf"\s?(?:{PERCENT_UNIT})(?!\w)", _FLAGS)
_TIMES: Final = re.compile(rf"\s?(?:{TIMES})", _FLAGS)
_SAMPLE: Final = re.compile(rf"\s(?:{SAMPLE_NOUNS})\b", _FLAGS)
_NOT_AFTER: Final = re.compile(rf"\s?(?:{NOT_A_CLAIM_AFTER})\b", _FLAGS)
_NOT_BEFORE: Final = re.compile(
    rf"\b(?:{NOT_A_CLAIM_BEFORE})\s*(?:between\s|from\s|de\s|entre\s|tra\s|fra\s|dai\s|dos\s)?$",
    _FLAGS,
)


def _words(words: Iterable[str]) -> str:
    """Literal words as one alternation, the longest first ("about a third" before "a third")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_QUALIFIER: Final = Caseless(
    rf"(?<!\w)({_words(QUALIFIERS)})(?:\s+|(?<=['’]))"
    r"(?:(?:the|le|la|les|el|los|las|of|de|d'|il|l'|l’|o|os|a|as)\s*)?$"
)
#: The fraction words' first letters: a position no fraction starts at is passed over at once
#: (under IGNORECASE each of the many words would otherwise be tried at every position).
_FRACTION_START: Final = "".join(sorted({re.escape(words[0]) for words in FRACTIONS}))
_FRACTION: Final = Caseless(
    rf"(?<!\w)(?=[{_FRACTION_START}])({_words(FRACTIONS)})"
    rf"(?=\s+(?:of|des?|du|d'|d’|de la|de los|de las|del|di|dei|degli|delle|della|dell['’]|"
    rf"d[oa]s?|"
    rf"{FRACTION_VERBS})\b|\s*\(\s*(?:el |la |le )?\d)"
)
_NOT_A_FRACTION: Final = re.compile(rf"(?<!\w)(?:{NOT_A_FRACTION})$", _FLAGS)
#: "One in 20", "two in five", "3 out of 10", "une femme sur trois", "uno de cada cinco".
#: The words are taken whole (possessive ``++``): a shorter part of a word is never followed by
#: a space or a word's end, so giving characters back could not match and only cost time.
_ONE_IN: Final = Caseless(
    rf"(?<![\w.,])(\w++)\s+(?:(?:{ONE_IN_NOUNS})\s+)?(?:{ONE_IN})\s+(\w++(?:-\w+)?+)(?!\w)"
)
#: "One in N" needs a first number this small and a second this large at most.
_ONE_IN_LIMITS: Final = (10, 1000)
#: Characters before a number searched for its hedge or lead word (the longest is 30).
_LOOK_BACK: Final = 40
_SAMPLE_SHARE: Final = re.compile(rf"(?:{SAMPLE_SHARE_BEFORE})$", _FLAGS)
_OTHER_CONDITION: Final = Caseless(rf"(?<!\w)(?:{OTHER_CONDITION})(?!\w)")
_PCD: Final = re.compile(rf"(?<![\w-])(?:{OUTCOME_PHRASES['pcd_symptoms']})(?![\w-])")
_NOT_PREVALENCE: Final = re.compile(rf"\s*(?:{NOT_A_PREVALENCE_AFTER})\b", _FLAGS)
_OF: Final = re.compile(r"\s*(?:of|des?|du|d'|del?|di|dei|degli|delle|d[oa]s?)\b", _FLAGS)
_RANGE_GAP: Final = re.compile(
    r"^\s*(?:to|and|-|–|—|à|a|y|et|e|al|ao|up to|until)\s*(?:the|el|le|la|un|una|il|o)?\s*$",
    _FLAGS,
)
_RANGE_LEAD: Final = re.compile(
    r"(?:between|from|anywhere from|anywhere between|entre|de|del|desde|tra|fra|dal|do)\s+"
    r"(?:the|el|le|la|un|una|il|o)?\s*$",
    _FLAGS,
)


@dataclass(frozen=True)
class Number:
    """One number of a sentence as printed.

    Attributes
    ----------
    start, end
        Character offsets of the number as printed (with its hedge and unit) in the text.
    value_text
        The text between ``start`` and ``end``.
    value, value_high
        The value (and the upper end of a range) as a decimal string; a fraction or "one in N"
        is given as a whole percentage ("33" for a third), read as approximate.
    qualifier
        The hedge as printed, lower-cased ("about", "nearly", "up to"), or ``None``.
    approximation
        How the audit reads the number (:data:`pctstats.core.vocab.APPROXIMATION`).
    unit
        ``"percent"``, ``"ratio"`` or ``"count"``.
    kind
        ``"digits"``, ``"words"``, ``"fraction"``, ``"one_in"`` or ``"range"``.

    Examples
    --------
    >>> n = find_numbers("nearly 5.1 per cent")[0]
    >>> n.start, n.end, n.qualifier, n.is_claim
    (0, 19, 'nearly', True)
    """

    start: int
    end: int
    value_text: str
    value: str
    value_high: str | None
    qualifier: str | None
    approximation: str
    unit: str
    kind: str

    @property
    def is_claim(self) -> bool:
        """Whether the number is a prevalence or ratio claim (not a sample size)."""
        return self.unit != COUNT


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    value: str
    kind: str


@lru_cache(maxsize=4096)
def _word_value(words: str, lang: str) -> int | None:
    """text2num's value of a phrase of number words, or None when it is none."""
    if len(words) < 2:
        return None
    try:
        return int(text2num(words.lower(), lang))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _number_word(word: str, lang: str) -> bool:
    """Whether a word on its own is a number word (a connector such as "and" is none)."""
    return _word_value(word, lang) is not None and word.lower() not in _CONNECTORS


def _digits_value(printed: str, lang: str = "en") -> str:
    """A printed number in digits as a decimal string ("1,208" -> "1208", "32,9" -> "32.9").

    In French, Spanish, Italian and Portuguese a point before exactly three digits groups
    thousands ("1.208").
    """
    text = _SPACES.sub("", printed)
    if _COMMA_THOUSANDS.fullmatch(text):
        return text.replace(",", "")
    if lang != "en" and _POINT_THOUSANDS.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    return text.replace(",", ".")


def _word_numbers(sentence: str, lang: str) -> list[_Raw]:
    """Runs of number words ("Forty-six", "two hundred and thirty", "quarante et un")."""
    if not any(map(_number_word, _WORD.findall(sentence), itertools.repeat(lang))):
        return []  # most sentences hold no number word: no run to look for
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(sentence)]
    out: list[_Raw] = []
    i = 0
    while i < len(tokens):
        s, e, word = tokens[i]
        if word.lower() in _CONNECTORS or _word_value(word, lang) is None:
            i += 1
            continue
        best_end, best_value, best_j = e, _word_value(word, lang), i
        j = i + 1
        while j < len(tokens):
            nxt = tokens[j][2].lower()
            gap = sentence[tokens[j - 1][1] : tokens[j][0]]
            if gap.strip(" -") or (nxt not in _CONNECTORS and _word_value(nxt, lang) is None):
                break
            value = _word_value(sentence[s : tokens[j][1]].replace("-", " "), lang)
            if value is None:
                value = _word_value(sentence[s : tokens[j][1]], lang)
            if value is not None:
                best_end, best_value, best_j = tokens[j][1], value, j
            j += 1
        assert best_value is not None
        out.append(_Raw(s, best_end, str(best_value), "words"))
        i = best_j + 1
    return out


_ONES: Final = frozenset({"one", "a", "un", "une", "uno", "una", "um", "uma"})


def _any_value(printed: str, lang: str) -> int | None:
    """A whole number printed in digits or words ("20", "five", "cinco"), or None."""
    if printed.isdigit():
        return int(printed)
    if printed[0].isdigit():
        return None
    return _word_value(printed.replace("-", " "), lang)


def _fraction_value(numerator: str, denominator: str) -> str:
    """A fraction as a whole percentage, as words state it ("100"/"3" -> "33": "a third")."""
    return str((Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), ROUND_HALF_UP))


def _entry(table: Mapping[str, _T], words: str) -> tuple[str, _T]:
    """The key and entry of ``table`` a case-insensitive pattern of its keys matched as ``words``.

    By lower case, or, for the letters ``re.IGNORECASE`` alone takes for others (a dotless "ı"
    for "i", a long "ſ" for "s": "a thırd", "almoſt"), by that same test.
    """
    key = words.lower()
    if key not in table:
        key = next(k for k in table if re.fullmatch(re.escape(k), words, _FLAGS))
    return key, table[key]


def _hedge(sentence: str, start: int) -> tuple[int, str | None, str]:
    """The hedge before ``start``: where it begins, the words, and how the audit reads it."""
    m = _QUALIFIER.search(sentence, max(0, start - _LOOK_BACK), start)
    if m is None:
        return start, None, "exact"
    return m.start(1), *_entry(QUALIFIERS, sentence[m.start(1) : m.end(1)])


def _hedged(
    sentence: str,
    start: int,
    end: int,
    value: str,
    unit: str,
    kind: str,
    value_high: str | None = None,
    lead: re.Match[str] | None = None,
) -> Number:
    """The number printed up to ``end``, from ``start`` or from the hedge before it.

    A fraction or "one in N" with no hedge reads as "about"; a range after "between" or "from"
    (its ``lead``) with no hedge reads as "between".
    """
    qs, words, approx = _hedge(sentence, start)
    if kind in ("fraction", "one_in") and approx == "exact":
        approx = "about"
    if lead is not None and words is None:
        words, approx = " ".join(lead.group().lower().split()), "between"
    return Number(qs, end, sentence[qs:end], value, value_high, words, approx, unit, kind)


def find_numbers(sentence: str, offset: int = 0, lang: str = "en") -> list[Number]:
    """Every claim-like number of one sentence, in text order.

    Parameters
    ----------
    sentence
        The sentence's text.
    offset
        Where the sentence starts in the whole text (added to every span).
    lang
        The language for number words: ``"en"``, ``"fr"``, ``"es"``, ``"it"`` or ``"pt"``.

    Returns
    -------
    list of Number
        Percentages, fractions, "one in N", ranges, ratios ("2.87 times more likely") and sample
        sizes ("230 female university students"); nothing else.

    Examples
    --------
    >>> [n.value_text for n in find_numbers("aged between 18 and 81 years, in 72 countries")]
    []
    >>> n = find_numbers("almost half of them")[0]
    >>> n.value_text, n.value, n.qualifier, n.approximation
    ('almost half', '50', 'almost', 'almost')
    >>> [(n.value_text, n.value) for n in find_numbers("one in 20, or 5.1 per cent")]
    [('one in 20', '5'), ('5.1 per cent', '5.1')]
    >>> find_numbers("32,9% des participantes", lang="fr")[0].value
    '32.9'
    """
    # Most sentences hold no digit, which one quick scan tells (_DIGITS tries its lookbehinds at
    # every position).
    raws = [
        _Raw(m.start(), m.end(), _digits_value(m.group(), lang), "digits")
        for m in (_DIGITS.finditer(sentence) if _A_DIGIT.search(sentence) else ())
    ]
    # "un", "una", "one" are articles far more often than numbers: a number only before a unit.
    raws += [
        r
        for r in _word_numbers(sentence, lang)
        if sentence[r.start : r.end].lower() not in _ONES or _UNIT.match(sentence[r.end :])
    ]
    raws.sort(key=lambda r: r.start)
    # The "ciento" of "3 por ciento" and the "cent" of "3 pour cent" are a unit, not a number.
    units = [(r.end, r.end + u.end()) for r in raws if (u := _UNIT.match(sentence[r.end :]))]
    if units:
        raws = [r for r in raws if not any(a <= r.start and r.end <= b for a, b in units)]
    taken: list[tuple[int, int]] = []
    found: list[Number] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or b <= s for a, b in taken)

    for m in _FRACTION.finditer(sentence):
        if _NOT_A_FRACTION.search(sentence, max(0, m.end(1) - _LOOK_BACK), m.end(1)):
            continue  # "a metà degli anni novanta": halfway through, not half of anyone
        _, (numerator, denominator) = _entry(FRACTIONS, sentence[m.start(1) : m.end(1)])
        value = _fraction_value(numerator, denominator)
        found.append(_hedged(sentence, m.start(), m.end(), value, PERCENT, "fraction"))
        taken.append((m.start(), m.end()))
    for m in _ONE_IN.finditer(sentence):
        num, den = sentence[m.start(1) : m.end(1)], sentence[m.start(2) : m.end(2)]
        top = 1 if num.lower() in _ONES else _any_value(num, lang)
        value = _any_value(den, lang)
        if top is None or value is None or not 0 < top < value <= _ONE_IN_LIMITS[1]:
            continue
        if top > _ONE_IN_LIMITS[0]:
            continue
        share = _fraction_value(str(100 * top), str(value))
        found.append(_hedged(sentence, m.start(), m.end(), share, PERCENT, "one_in"))
        taken.append((m.start(), m.end()))
    raws = [r for r in raws if free(r.start, r.end)]
    i = 0
    while i < len(raws):
        r = raws[i]
        after = sentence[r.end :]
        unit = _UNIT.match(after)
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        # A range: "3 to 4%", "between 3% and 4%", "6–16%", "7.7 to 32.9 percent".
        if nxt is not None:
            gap_start = r.end + (unit.end() if unit else 0)
            nxt_unit = _UNIT.match(sentence[nxt.end :])
            if (
                nxt_unit
                and _RANGE_GAP.match(sentence[gap_start : nxt.start])
                and (Decimal(r.value) < Decimal(nxt.value))
            ):
                lead = _RANGE_LEAD.search(sentence, max(0, r.start - _LOOK_BACK), r.start)
                s0 = lead.start() if lead else r.start
                end = nxt.end + nxt_unit.end()
                found.append(
                    _hedged(sentence, s0, end, r.value, PERCENT, "range", nxt.value, lead)
                )
                i += 2
                continue
        if unit and _NOT_PREVALENCE.match(after[unit.end() :]):
            pass
        elif unit and r.value == "100" and not _OF.match(after[unit.end() :]):
            pass  # "100% normal", "100 percent sure": a manner of speaking
        elif unit and _SAMPLE_SHARE.search(sentence, max(0, r.start - _LOOK_BACK), r.start):
            pass  # "299 men (25%) and women (75%)": the sample's make-up
        elif unit:
            found.append(_hedged(sentence, r.start, r.end + unit.end(), r.value, PERCENT, r.kind))
        elif (times := _TIMES.match(after)) is not None:
            found.append(_hedged(sentence, r.start, r.end + times.end(), r.value, RATIO, r.kind))
        elif (
            (noun := _SAMPLE.match(after)) is not None
            and not _NOT_AFTER.match(after)
            and not _NOT_BEFORE.search(sentence, max(0, r.start - _LOOK_BACK), r.start)
            and "." not in r.value
            and int(r.value) >= MIN_SAMPLE
        ):
            found.append(_hedged(sentence, r.start, r.end + noun.end(), r.value, COUNT, r.kind))
        i += 1
    found.sort(key=lambda n: n.start)
    other = _OTHER_CONDITION.search(sentence) if found else None
    if other is not None and not _PCD.search(sentence, other.end()):
        # The numbers after another condition are its figures ("clinical depression: 21%").
        found = [n for n in found if n.start < other.start() or not n.is_claim]
    return [replace(n, start=n.start + offset, end=n.end + offset) for n in found]
