"""Which values of a vocabulary name one thing, which is part of which: the rules, once.

The relations are stated on the terms of :mod:`pctstats.core.vocab` (``same_as``, ``part_of``,
``within``); these functions read them for every check, the claim audit and the figures, so that
"lifetime is the same period as since sexually active" or "crying after sex is a part of PCD
symptoms" is written in one place. A value the vocabulary does not hold is an error, never a
silent fallback.

Examples
--------
>>> same("timeframe", "lifetime", "since_sexually_active"), canonical("frequency", "not_stated")
(True, 'at_least_once')
"""

from __future__ import annotations

from pctstats.core import vocab
from pctstats.core.vocab import Term

__all__ = ["canonical", "covers", "equivalents", "same", "term", "timeframe_contains"]

#: The canonical values read so far, for the vocabularies they were read from (every audited
#: claim asks for the same few).
_KNOWN: tuple[object, dict[tuple[str, str], str]] = (None, {})


def term(vocabulary: str, value: str) -> Term:
    """The :class:`~pctstats.core.vocab.Term` of ``value`` in ``vocabulary``.

    Raises
    ------
    ValueError
        If the vocabulary or the value is unknown (naming both and the known values).

    Examples
    --------
    >>> term("unit", "percent").words
    '%'
    """
    terms = vocab.TERMS.get(vocabulary)
    if terms is None:
        raise ValueError(f"unknown vocabulary {vocabulary!r}; the vocabularies are "
                         f"{', '.join(vocab.TERMS)}")
    found = terms.get(value)
    if found is None:
        raise ValueError(f"{value!r} is not a value of the {vocabulary} vocabulary; its values "
                         f"are {', '.join(terms)}")
    return found


def canonical(vocabulary: str, value: str) -> str:
    """The value ``value`` is the same as (itself when it names its own thing).

    Examples
    --------
    >>> canonical("timeframe", "since_sexually_active"), canonical("frequency", "not_stated")
    ('lifetime', 'at_least_once')
    """
    global _KNOWN
    if _KNOWN[0] is not vocab.TERMS:  # the vocabularies were replaced: read them afresh
        _KNOWN = (vocab.TERMS, {})
    key = (vocabulary, value)
    found = _KNOWN[1].get(key)
    if found is None:
        seen = {value}
        while (other := term(vocabulary, value).same_as) is not None and other not in seen:
            seen.add(other)
            value = other
        found = _KNOWN[1][key] = value
    return found


def same(vocabulary: str, a: str, b: str) -> bool:
    """Tell whether ``a`` and ``b`` name the same thing.

    Examples
    --------
    >>> same("frequency", "at_least_once", "not_stated"), same("timeframe", "lifetime", "recent")
    (True, False)
    """
    return canonical(vocabulary, a) == canonical(vocabulary, b)


def equivalents(vocabulary: str, value: str) -> frozenset[str]:
    """Every value of ``vocabulary`` that names the same thing as ``value`` (itself included).

    Examples
    --------
    >>> sorted(equivalents("timeframe", "lifetime"))
    ['lifetime', 'since_sexually_active']
    """
    target = canonical(vocabulary, value)
    return frozenset(v for v in vocab.TERMS[vocabulary] if canonical(vocabulary, v) == target)


def covers(vocabulary: str, claimed: str, measured: str) -> bool:
    """Tell whether a figure ``measured`` can stand behind a claim about ``claimed``.

    It can when the two are the same, or when ``claimed`` is a part of ``measured`` (the
    articles' crying figures come from the PCD symptoms they are a part of).

    Examples
    --------
    >>> covers("outcome", "crying_after_sex", "pcd_symptoms")
    True
    >>> covers("outcome", "pcd_symptoms", "crying_after_sex")
    False
    """
    if measured == claimed:
        return True
    part_of = term(vocabulary, claimed).part_of
    return part_of is not None and part_of == measured


def timeframe_contains(broad: str, narrow: str) -> bool:
    """Tell whether the period ``broad`` contains the period ``narrow``.

    A lifetime period (``lifetime`` and every value the same as it) contains every period; every
    period contains itself and the periods that lie ``within`` it.

    Examples
    --------
    >>> timeframe_contains("lifetime", "past_4_weeks"), timeframe_contains("past_4_weeks", "recent")
    (True, False)
    >>> timeframe_contains("past_year", "past_4_weeks")
    True
    """
    if canonical("timeframe", broad) == vocab.LIFETIME or broad == narrow:
        return True
    return term("timeframe", narrow).within == broad
