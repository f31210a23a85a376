"""How values read in a sentence: vocabulary words, units, counts and numbers, written once.

Every message of the checks and the claim audit, every figure label and the report take their
phrases from here, so a value reads the same everywhere.

Examples
--------
>>> words("timeframe", "past_4_weeks"), noun("timeframe", "past_4_weeks")
('in the past 4 weeks', 'past 4 weeks')
>>> printed_number("3", "4", "percent")
'3%-4%'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from pctstats.core.equivalence import term
from pctstats.core.spans import Span, entirely_above

__all__ = [
    "and_list",
    "deciding_reading",
    "fmt_decimal",
    "fmt_float",
    "fmt_n",
    "label",
    "noun",
    "printed_number",
    "printed_range",
    "unit_sign",
    "words",
]


def words(vocabulary: str, value: str) -> str:
    """How ``value`` reads inside a sentence ("in their lifetime", "women").

    Raises
    ------
    ValueError
        If ``value`` is not in the vocabulary.

    Examples
    --------
    >>> words("sex", "all"), words("context", "any")
    ('people', 'after any sexual activity')
    """
    return term(vocabulary, value).words


def noun(vocabulary: str, value: str) -> str:
    """How ``value`` reads as a short noun, for "X against Y" phrases.

    Examples
    --------
    >>> noun("frequency", "not_stated")
    'no frequency named'
    """
    return term(vocabulary, value).noun


def unit_sign(unit: str) -> str:
    """The sign printed after a number of ``unit``: ``"%"`` for per cent, else nothing.

    Examples
    --------
    >>> unit_sign("percent"), unit_sign("ratio")
    ('%', '')
    """
    return words("unit", unit)


def printed_range(value: str | None, high: str | None) -> str | None:
    """A value, or a range ``"low-high"``, as printed (no unit; ``None`` stays ``None``).

    Examples
    --------
    >>> printed_range("3", "4"), printed_range("46", None)
    ('3-4', '46')
    """
    return value if high is None else f"{value}-{high}"


def printed_number(value: str | None, high: str | None, unit: str) -> str:
    """A value or range with its unit sign on each number (``"no number"`` when there is none).

    Examples
    --------
    >>> printed_number("5.1", None, "percent"), printed_number(None, None, "none")
    ('5.1%', 'no number')
    """
    if value is None:
        return "no number"
    sign = unit_sign(unit)
    return f"{value}{sign}" if high is None else f"{value}{sign}-{high}{sign}"


def fmt_n(n: int | None) -> str:
    """A sample size with thousands separators (``1,208``).

    Examples
    --------
    >>> fmt_n(1208), fmt_n(None)
    ('1,208', 'unknown')
    """
    return "unknown" if n is None else f"{n:,}"


def fmt_float(x: float, digits: int = 2) -> str:
    """A float with ``digits`` decimals (``inf`` and ``nan`` spelled out).

    Examples
    --------
    >>> fmt_float(1.2264), fmt_float(float("inf"))
    ('1.23', 'infinite')
    """
    if x != x:  # NaN
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "infinite"
    return f"{x:.{digits}f}"


def fmt_decimal(x: Decimal) -> str:
    """An exact decimal without an exponent and without needless trailing zeros.

    Examples
    --------
    >>> fmt_decimal(Decimal("45.50")), fmt_decimal(Decimal("1E+1"))
    ('45.5', '10')
    """
    return format(x.normalize(), "f")


def deciding_reading(estimate: Span, low: Span, high: Span, sign: str = "",
                     limits: str = "the") -> str:
    """Why an estimate lies outside its interval under every reading of rounding, in words.

    The estimate's greatest reading against the least lower limit when it lies below the
    interval, else its least reading against the greatest upper limit.

    Parameters
    ----------
    estimate, low, high
        The true values behind the printed estimate and its two limits.
    sign
        Printed after each number (``"%"``).
    limits
        Whose limits, in words (``"the CI's"``).

    Examples
    --------
    >>> from pctstats.core.spans import span
    >>> deciding_reading(span("2.0", "up_or_down"), span("2.3", "up_or_down"),
    ...                  span("3.1", "up_or_down"))
    'its greatest reading 2.05 against the least lower limit 2.25'
    >>> deciding_reading(span("9", "up_or_down"), span("1", "up_or_down"), span("4", "up_or_down"),
    ...                  sign="%", limits="the CI's")
    "its least reading 8.5% against the CI's greatest upper limit 4.5%"
    """
    if entirely_above(low, estimate):
        return (f"its greatest reading {fmt_decimal(estimate.high)}{sign} against {limits} least "
                f"lower limit {fmt_decimal(low.low)}{sign}")
    return (f"its least reading {fmt_decimal(estimate.low)}{sign} against {limits} greatest upper "
            f"limit {fmt_decimal(high.high)}{sign}")


def and_list(parts: Sequence[str]) -> str:
    """Phrases joined as a list in a sentence: ``"a, b and c"``.

    Examples
    --------
    >>> and_list(["a"]), and_list(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class _Labelled(Protocol):
    label: str


class _HasSources(Protocol):
    @property
    def sources(self) -> Mapping[str, _Labelled]: ...


def label(db: _HasSources, source_id: str) -> str:
    """A source's short label and id, e.g. ``"S3 (maczkowiack2019)"``.

    Examples
    --------
    >>> from pctstats import load
    >>> label(load(), "maczkowiack2019")
    'S3 (maczkowiack2019)'
    """
    source = db.sources.get(source_id)
    return f"{source.label} ({source_id})" if source is not None else source_id
