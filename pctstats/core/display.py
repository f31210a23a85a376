"""Short displays: a concise ``repr`` for a terminal and an HTML table for Jupyter, in one place.

Every result object of pctstats (intervals, comparisons, pooled estimates) and the record set
describe themselves with a :class:`Display`: a title, a few named facts and, optionally, a table.
The :class:`Displayable` mixin turns that into

* ``repr(obj)``: one line (or, for the record set, a few), numbers rounded as they are printed
  (percentages to one decimal, ratios to two, other statistics to four), with the method and
  the level named, so a result is never shown without them;
* ``obj._repr_html_()``: what Jupyter shows for the object in a cell, a small HTML block built
  with :meth:`pandas.DataFrame.to_html` (which escapes every value).

:class:`Summary` is the longer, statsmodels-like reading of one result (``summary()`` of a pooled
estimate): a header of facts in two columns, tables and notes, as text and as HTML. The full
numbers stay in each object's attributes and ``to_frame()``.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

__all__ = [
    "MAX_ROWS", "SUMMARY_WIDTH", "Display", "Displayable", "Summary", "display_html",
    "display_text", "facts", "fmt_array", "fmt_interval", "fmt_level", "fmt_number",
    "fmt_percent", "small_table"
]

#: Rows of a table shown in a ``repr`` or in HTML before the rest is elided.
MAX_ROWS: Final = 12
#: Width of a :class:`Summary` as text.
SUMMARY_WIDTH: Final = 78


def _finite(value: object) -> bool:
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_percent(proportion: float, digits: int = 1, *, sign: bool = True) -> str:
    """A proportion (0–1) as a percentage rounded for printing.

    Parameters
    ----------
    proportion
        On the 0–1 scale.
    digits
        Decimals of the percentage.
    sign
        Append ``%``.

    Returns
    -------
    str
        ``"46.1%"``; ``"nan"`` for a missing value.

    Examples
    --------
    >>> fmt_percent(0.46087), fmt_percent(0.46087, sign=False), fmt_percent(float("nan"))
    ('46.1%', '46.1', 'nan')
    """
    if not _finite(proportion):
        return "nan"
    return f"{100 * float(proportion):.{digits}f}" + ("%" if sign else "")


def fmt_number(value: float, digits: int = 4) -> str:
    """A statistic rounded for printing, trailing zeros kept (its precision is shown).

    Examples
    --------
    >>> fmt_number(0.396721), fmt_number(1.23129, 2), fmt_number(float("inf"))
    ('0.3967', '1.23', 'inf')
    """
    if not _finite(value):
        return str(float(value))
    return f"{float(value):.{digits}f}"


def fmt_interval(low: float, high: float, *, percent: bool = False, digits: int | None = None
                 ) -> str:
    """An interval as ``[low, high]``, both limits rounded alike.

    Parameters
    ----------
    low, high
        The limits.
    percent
        Show proportions as percentages (one decimal by default, no ``%`` sign).
    digits
        Decimals (default: 1 for percentages, 4 otherwise).

    Examples
    --------
    >>> fmt_interval(0.3976, 0.5254, percent=True), fmt_interval(0.9274, 1.6349, digits=2)
    ('[39.8, 52.5]', '[0.93, 1.63]')
    """
    if percent:
        d = 1 if digits is None else digits
        return f"[{fmt_percent(low, d, sign=False)}, {fmt_percent(high, d, sign=False)}]"
    d = 4 if digits is None else digits
    return f"[{fmt_number(low, d)}, {fmt_number(high, d)}]"


def fmt_level(level: float) -> str:
    """A confidence level as a percentage: ``0.95`` -> ``"95%"``, ``0.999`` -> ``"99.9%"``.

    Examples
    --------
    >>> fmt_level(0.95), fmt_level(0.999)
    ('95%', '99.9%')
    """
    return f"{100 * float(level):g}%"


def fmt_array(values: object, digits: int = 4) -> str:
    """A short text of an array's values (at most six shown), rounded for printing.

    Examples
    --------
    >>> fmt_array(np.array([0.1, 0.25, 0.333333]))
    '[0.1, 0.25, 0.3333]'
    """
    arr = np.asarray(values, dtype=np.float64).ravel()
    shown = [f"{round(float(v), digits):g}" for v in arr[:6]]
    return "[" + ", ".join(shown) + (", …" if arr.size > 6 else "") + "]"


@dataclass(frozen=True)
class Display:
    """What an object shows of itself: a title, named facts, and optionally a table.

    Attributes
    ----------
    kind
        The object's kind, e.g. ``"PooledPrevalence"`` (the start of its ``repr``).
    headline
        The main result in a few words, e.g. ``"40.1% [34.2, 46.3]"``.
    facts
        ``(name, text)`` pairs: method, level, studies, heterogeneity...
    table
        A table shown under the facts in HTML (and in a multi-line ``repr``), or ``None``.
    multiline
        Whether the ``repr`` lists the facts one per line (the record set) rather than on one.

    Examples
    --------
    >>> d = Display("Interval", "[0.2000, 0.4000]", (("method", "wilson"), ("level", "95%")))
    >>> display_text(d)
    '<Interval [0.2000, 0.4000]; method wilson, level 95%>'
    """

    kind: str
    headline: str
    facts: tuple[tuple[str, str], ...] = ()
    table: pd.DataFrame | None = field(default=None, compare=False)
    multiline: bool = False


def _table_text(table: pd.DataFrame, max_rows: int = MAX_ROWS) -> str:
    with pd.option_context("display.max_rows", max_rows, "display.min_rows", max_rows,
                           "display.max_columns", 20, "display.width", 100,
                           "display.max_colwidth", 40):
        return table.to_string(index=False, max_rows=max_rows)


def display_text(display: Display) -> str:
    """The ``repr`` of a :class:`Display`: one line, or a few for a multi-line one.

    Examples
    --------
    >>> print(display_text(Display("Dataset", "8 sources", (("estimates", "38"),),
    ...                            multiline=True)))
    <Dataset 8 sources
      estimates: 38>
    """
    if display.multiline:
        lines = [f"<{display.kind} {display.headline}"]
        lines += [f"  {name}: {text}" for name, text in display.facts]
        return "\n".join(lines) + ">"
    facts = ", ".join(f"{name} {text}" for name, text in display.facts)
    return f"<{display.kind} {display.headline}" + (f"; {facts}" if facts else "") + ">"


def display_html(display: Display) -> str:
    """The HTML of a :class:`Display` (what Jupyter shows): title, facts, table.

    Examples
    --------
    >>> d = Display("Interval", "[0.2, 0.4]", (("method", "wilson"),))
    >>> display_html(d).startswith('<div class="pctstats-display">')
    True
    """
    e = html.escape
    parts = [
        '<div class="pctstats-display">',
        f"<p><strong>{e(display.kind)}</strong> {e(display.headline)}</p>",
    ]
    if display.facts:
        parts.append("<table><tbody>")
        parts += [f"<tr><th style=\"text-align:left\">{e(name)}</th><td style=\"text-align:left\">"
                  f"{e(text)}</td></tr>" for name, text in display.facts]
        parts.append("</tbody></table>")
    if display.table is not None:
        parts.append(display.table.to_html(index=False, max_rows=MAX_ROWS, na_rep="",
                                           border=0, escape=True))
    parts.append("</div>")
    return "\n".join(parts)


class Displayable:
    """Mixin: ``repr`` and Jupyter's ``_repr_html_`` from the object's :class:`Display`.

    A class using it defines ``_display_()`` returning a :class:`Display` (and, if it is a
    dataclass, is declared with ``repr=False`` so that the dataclass does not replace this
    ``repr``).

    Examples
    --------
    >>> class Answer(Displayable):
    ...     def _display_(self):
    ...         return Display("Answer", "42", (("method", "thought"),))
    >>> Answer()
    <Answer 42; method thought>
    >>> "<strong>Answer</strong>" in Answer()._repr_html_()
    True
    """

    __slots__ = ()

    def _display_(self) -> Display:
        raise NotImplementedError

    def __repr__(self) -> str:
        return display_text(self._display_())

    def _repr_html_(self) -> str:
        return display_html(self._display_())


@dataclass(frozen=True)
class Summary:
    """A long reading of one result, like statsmodels' ``summary()``: as text and as HTML.

    ``print(summary)`` (or ``str``) gives the text; Jupyter shows the HTML.

    Attributes
    ----------
    title
        The heading.
    facts
        ``(name, text)`` pairs, set in two columns.
    tables
        ``(caption, frame)`` pairs, each set under a rule.
    notes
        Sentences printed at the end.

    Examples
    --------
    >>> s = Summary("Pooled", (("Method:", "DL"), ("Studies:", "3")),
    ...             (("", pd.DataFrame({"study": ["S1"], "k": [106]})),), ("A note.",))
    >>> print(s.as_text(width=40))
                     Pooled
    ========================================
    Method:   DL        Studies:   3
    ----------------------------------------
    study   k
       S1 106
    ----------------------------------------
    A note.
    """

    title: str
    facts: tuple[tuple[str, str], ...] = ()
    tables: tuple[tuple[str, pd.DataFrame], ...] = field(default=(), compare=False)
    notes: tuple[str, ...] = ()

    def as_text(self, width: int = SUMMARY_WIDTH) -> str:
        """The summary as plain text, ``width`` characters wide (tables may be wider).

        Examples
        --------
        >>> Summary("T").as_text(width=10).splitlines()
        ['    T', '==========']
        """
        lines = [self.title.center(width).rstrip(), "=" * width]
        name_width = max((len(n) for n, _ in self.facts), default=0) + 1
        half = width // 2
        cells = [f"{name:<{name_width}}{text}" for name, text in self.facts]
        for i in range(0, len(cells), 2):
            pair = cells[i: i + 2]
            lines.append((pair[0].ljust(half) + (pair[1] if len(pair) > 1 else "")).rstrip())
        for caption, frame in self.tables:
            lines.append("-" * width)
            if caption:
                lines.append(caption)
            lines += frame.to_string(index=False).splitlines()
        if self.notes:
            lines.append("-" * width)
            for note in self.notes:
                lines += textwrap.wrap(note, width) or [""]
        return "\n".join(lines)

    def as_html(self) -> str:
        """The summary as an HTML block (every value escaped).

        Examples
        --------
        >>> "<h4>T</h4>" in Summary("T").as_html()
        True
        """
        e = html.escape
        parts = ['<div class="pctstats-summary">', f"<h4>{e(self.title)}</h4>"]
        if self.facts:
            parts.append("<table><tbody>")
            for i in range(0, len(self.facts), 2):
                row = "".join(f"<th style=\"text-align:left\">{e(n)}</th><td>{e(t)}</td>"
                              for n, t in self.facts[i: i + 2])
                parts.append(f"<tr>{row}</tr>")
            parts.append("</tbody></table>")
        for caption, frame in self.tables:
            if caption:
                parts.append(f"<p>{e(caption)}</p>")
            parts.append(frame.to_html(index=False, border=0, na_rep=""))
        parts += [f"<p>{e(note)}</p>" for note in self.notes]
        parts.append("</div>")
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html()


def facts(*pairs: tuple[str, str] | None) -> tuple[tuple[str, str], ...]:
    """The ``(name, text)`` pairs given, without the ``None`` ones (facts that do not apply).

    Examples
    --------
    >>> facts(("method", "wilson"), None)
    (('method', 'wilson'),)
    """
    return tuple(p for p in pairs if p is not None)


def small_table(rows: Sequence[dict[str, object]]) -> pd.DataFrame:
    """A table for display from row dicts (every cell already text).

    Examples
    --------
    >>> small_table([{"study": "S1", "k": "106"}]).columns.tolist()
    ['study', 'k']
    """
    return pd.DataFrame(list(rows), dtype=object)
