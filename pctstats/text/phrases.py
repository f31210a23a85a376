"""A vocabulary's phrases as whole-word patterns: which value a piece of text names, first or last.

Each value of a vocabulary (:mod:`pctstats.core.lexicon`) has its phrases; a phrase counts only as
a whole word (no word character or hyphen either side), in any case. A text is read for the value
whose phrase comes first, the value whose phrase comes last, or every value it names.

Two things make this fast without changing any answer. The values' patterns are joined into
one, each value's phrases a group of their own, in the vocabulary's order: at each position the
regular expression engine tries the values in that order, so the first match of the joined
pattern is the value whose phrase starts first (of two starting at one place, the one listed
first), found in one scan of the text rather than one per value; and a text the joined pattern
does not match names no value at all, as most pieces of text do not. And a text is matched in
lower case where that finds the same matches (:mod:`pctstats.text.caseless`).

Examples
--------
>>> sex = PhraseSet({"female": "women|woman", "male": "men|man"})
>>> sex.first("41% of MEN and 46% of women"), sex.last("41% of men and 46% of Women")
(('male', 7), ('female', 22))
>>> sex.first("a woman's word"), sex.named("Some women."), sex.named("Humans.")
(('female', 2), frozenset({'female'}), frozenset())
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from pctstats.text.caseless import lower_case, plain

__all__ = ["PhraseSet"]

_BEFORE: Final = r"(?<![\w-])"
_AFTER: Final = r"(?![\w-])"


class _Patterns:
    """One way of matching a vocabulary: each value's pattern, and all joined in one."""

    def __init__(self, phrases: Mapping[str, str], flags: int) -> None:
        self.each: dict[str, re.Pattern[str]] = {
            value: re.compile(rf"{_BEFORE}(?:{words}){_AFTER}", flags)
            for value, words in phrases.items()
        }
        joined = "|".join(f"({words})" for words in phrases.values())
        self.joined = re.compile(rf"{_BEFORE}(?:{joined}){_AFTER}", flags)


class PhraseSet:
    """The phrases of each value of a vocabulary, as whole words in any case.

    Parameters
    ----------
    phrases
        Each value with its phrases as one regular expression (an alternation, no capturing
        group), in the order ties go by.

    Attributes
    ----------
    patterns
        Each value's pattern on its own (whole words, any case).

    Raises
    ------
    ValueError
        If a value's expression has a capturing group (the joined pattern tells the values apart
        by their groups).

    Examples
    --------
    >>> when = PhraseSet({"lifetime": "in their lives|ever", "past_year": "past year"})
    >>> when.first("Ever, and in the past year"), when.last("ever, and in the past year")
    (('lifetime', 0), ('past_year', 17))
    """

    def __init__(self, phrases: Mapping[str, str]) -> None:
        self.values: tuple[str, ...] = tuple(phrases)
        self._exact = _Patterns(phrases, re.IGNORECASE)
        self.patterns: dict[str, re.Pattern[str]] = self._exact.each
        grouped = [value for value, pattern in self.patterns.items() if pattern.groups]
        if grouped:
            raise ValueError(
                f"the phrases of {', '.join(grouped)} must have no capturing group "
                "(write (?:...) for a group)"
            )
        lowered = {value: lower_case(words) for value, words in phrases.items()}
        self._lower: _Patterns | None = None
        if all(words is not None for words in lowered.values()):
            self._lower = _Patterns({v: w for v, w in lowered.items() if w is not None}, 0)

    def _reading(self, text: str) -> tuple[str, _Patterns]:
        """The text as it is matched, and the patterns it is matched with."""
        if self._lower is not None and plain(text):
            return text.lower(), self._lower
        return text, self._exact

    def first(self, text: str) -> tuple[str, int] | None:
        """The value whose phrase occurs first in ``text``, and where (``None`` when none does).

        Examples
        --------
        >>> PhraseSet({"a": "x", "b": "y"}).first("Y, x"), PhraseSet({"a": "x"}).first("y")
        (('b', 0), None)
        """
        subject, patterns = self._reading(text)
        m = patterns.joined.search(subject)
        if m is None:
            return None
        assert m.lastindex is not None  # every alternative is a group
        return self.values[m.lastindex - 1], m.start()

    def last(self, text: str) -> tuple[str, int] | None:
        """The value whose phrase occurs last in ``text`` (nearest a number after it), and where.

        Each value's phrases are matched one after the other, left to right (a match does not
        overlap the one before it); of two values starting at one place, the one listed last.

        Examples
        --------
        >>> PhraseSet({"a": "x", "b": "y"}).last("y, x, Y"), PhraseSet({"a": "x"}).last("y")
        (('b', 6), None)
        """
        subject, patterns = self._reading(text)
        if patterns.joined.search(subject) is None:
            return None  # most pieces of text name no value: one scan tells
        best: tuple[str, int] | None = None
        for value, pattern in patterns.each.items():
            for m in pattern.finditer(subject):
                if best is None or m.start() >= best[1]:
                    best = (value, m.start())
        return best

    def named(self, text: str) -> frozenset[str]:
        """Every value a phrase of which occurs in ``text``.

        Examples
        --------
        >>> sorted(PhraseSet({"a": "x", "b": "y", "c": "z"}).named("Z or x"))
        ['a', 'c']
        """
        subject, patterns = self._reading(text)
        if patterns.joined.search(subject) is None:
            return frozenset()
        return frozenset(v for v, pattern in patterns.each.items() if pattern.search(subject))
