r"""Case-insensitive patterns, matched in lower case where that finds exactly the same matches.

``re.IGNORECASE`` costs the regular expression engine a case fold for every character it tries,
which makes a long alternation of words about 2.5 times slower. A text made only of
:data:`PLAIN` characters is matched in lower case by the pattern in lower case instead: for those
characters ``str.lower`` keeps every offset, and two characters are the same letter in any case
exactly when their lower cases are equal, which is what ``re.IGNORECASE`` tests (its further
equivalences, such as "ı" or "ſ" with "i" or "s", involve characters outside them). A text with
any other character, or a pattern lower case could change (an escape such as ``\W``, a class
naming capitals, a flag other than ``i``), is matched as it is, case-insensitively.

A match found in lower case has the spans of the match in the text, but its groups are in lower
case: read the words themselves from the text by their spans.

Examples
--------
>>> half = Caseless(r"(?<!\w)half\b")
>>> [m.span() for m in half.finditer("Half of them, or half.")]
[(0, 4), (17, 21)]
>>> lower_case(r"\Wx"), lower_case("(?:Half|HALF)")
(None, '(?:half|half)')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

__all__ = ["PLAIN", "Caseless", "lower_case", "plain"]

#: The characters a text may hold to be matched in lower case: Latin-1 (ASCII and the accented
#: letters of French, Spanish, Italian and Portuguese) and the General Punctuation block (curly
#: quotes, dashes).
PLAIN: Final = re.compile(r"[\x00-\xff\u2000-\u206f]*")
#: What lower case could change in a pattern: an escape with a capital (``\W``, ``\S``, ``\B``,
#: ``\N{...}``), a group other than ``(?:``, a lookaround or ``(?i:``, or a class naming capitals.
_CASED_SYNTAX: Final = re.compile(r"\\[A-Z]|\(\?(?![:=!]|<[=!]|i:)|\[[^\]]*[A-Z\xc0-\xde][^\]]*\]")


def lower_case(pattern: str) -> str | None:
    r"""``pattern`` for text in lower case, or ``None`` when lower case could change what it means.

    Examples
    --------
    >>> print(lower_case(r"(?<![\w-])(?:PCD|Post-coital)"), lower_case("[A-Z]x"))
    (?<![\w-])(?:pcd|post-coital) None
    """
    if PLAIN.fullmatch(pattern) is None or _CASED_SYNTAX.search(pattern):
        return None
    return pattern.lower()


def plain(text: str) -> bool:
    """Whether ``text`` can be matched in lower case (:data:`PLAIN` characters only).

    Examples
    --------
    >>> plain("Les «femmes» — 32,9 %"), plain("crıed")
    (True, False)
    """
    return PLAIN.fullmatch(text) is not None


class Caseless:
    r"""A case-insensitive pattern, matched in lower case where that is the same.

    Parameters
    ----------
    pattern
        The regular expression (matched with ``re.IGNORECASE``).

    Examples
    --------
    >>> Caseless(r"(?<!\w)one in (\d+)").search("Nearly ONE IN 20 women").span(1)
    (14, 16)
    """

    def __init__(self, pattern: str) -> None:
        self.exact = re.compile(pattern, re.IGNORECASE)
        lowered = lower_case(pattern)
        self.lower = re.compile(lowered) if lowered is not None else None

    def reading(self, text: str) -> tuple[str, re.Pattern[str]]:
        """The text as it is matched (lower-cased or not), and the pattern it is matched with.

        Examples
        --------
        >>> Caseless("half").reading("Half")[0], Caseless("half").reading("Hałf")[0]
        ('half', 'Hałf')
        """
        if self.lower is not None and plain(text):
            return text.lower(), self.lower
        return text, self.exact

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match in ``text`` (from ``pos``, up to ``endpos``), as ``re.Pattern.search``.

        Its groups are in lower case when matched so.

        Examples
        --------
        >>> Caseless("half").search("On HALF of days").span(), Caseless("half").search("Half", 1)
        ((3, 7), None)
        """
        subject, pattern = self.reading(text)
        return pattern.search(subject, pos, len(subject) if endpos is None else endpos)

    def match(self, text: str) -> re.Match[str] | None:
        """A match at the start of ``text`` (its groups in lower case when matched so).

        Examples
        --------
        >>> Caseless("half").match("Half of them") is None, Caseless("half").match("a half")
        (False, None)
        """
        subject, pattern = self.reading(text)
        return pattern.match(subject)

    def before_first(self, text: str) -> str:
        """The part of ``text`` before the first match.

        ``re.split(...)[0]`` for a pattern that matches no empty string.

        Examples
        --------
        >>> Caseless(", but ").before_first("41% of men, BUT 46% of women")
        '41% of men'
        """
        m = self.search(text)
        return text if m is None else text[: m.start()]

    def after_last(self, text: str) -> str:
        """The part of ``text`` after the last match.

        ``re.split(...)[-1]`` for a pattern that matches no empty string.

        Examples
        --------
        >>> Caseless(", and ").after_last("men, and women, AND people")
        'people'
        """
        end = 0
        for m in self.finditer(text):
            end = m.end()
        return text[end:]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, left to right (their groups in lower case when matched so).

        Examples
        --------
        >>> [m.start() for m in Caseless("half").finditer("Half and half")]
        [0, 9]
        """
        subject, pattern = self.reading(text)
        return pattern.finditer(subject)
