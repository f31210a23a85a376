"""What a notebook declares: a figure (:func:`save_figure`), a quoted number (:func:`quote_number`).

This is the only module notebooks import from the build::

    from pctstats.publish.declare import quote_number, save_figure

- :func:`save_figure` ``(fig, "forest_lifetime", records=[...], caption=...)`` writes the figure as
  PNG (300 dpi), SVG and PDF;
- :func:`quote_number` ``("PCDLifetimeMen", value, records=[...], description=...)`` records a
  number that the notebook's story quotes (the build writes it to numbers.json and numbers.tex).

Outside a build (a notebook opened in Jupyter) they write nothing: they check their arguments,
remember the declaration and return it, so the notebook can be explored freely and ``figures/``
changes only through ``make figures``. In a build's kernel they write into the staging folder
through :mod:`pctstats.publish.channel`.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Final

import matplotlib.pyplot as plt
import numpy as np

from pctstats.core.files import atomic_write_bytes
from pctstats.core.reported import check_reported, to_decimal
from pctstats.data.dataset import default_dataset
from pctstats.publish.channel import building, current_notebook, staging_dir, write_declarations
from pctstats.publish.records import FigureRecord, NumberRecord
from pctstats.publish.render import FIGURE_FORMATS, figure_bytes

__all__ = [
    "TABLE_REFERENCES", "FigureRecord", "NumberRecord", "building", "quote_number", "registered",
    "save_figure",
]

#: Names that stand for a whole table of the record set in ``records=``.
TABLE_REFERENCES: Final = ("sources", "estimates", "claims", "articles")

_FIGURE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_NUMBER_NAME = re.compile(r"[A-Z][A-Za-z]*")


@dataclass
class _Registry:
    """Declarations made in this process (one notebook's kernel during a build)."""

    figures: dict[str, FigureRecord] = field(default_factory=dict)
    numbers: dict[str, NumberRecord] = field(default_factory=dict)


_REGISTRY = _Registry()


def registered() -> tuple[list[FigureRecord], list[NumberRecord]]:
    """The figures and numbers declared in this process so far, in declaration order.

    Examples
    --------
    >>> figures, numbers = registered()
    >>> isinstance(figures, list) and isinstance(numbers, list)
    True
    """
    return list(_REGISTRY.figures.values()), list(_REGISTRY.numbers.values())


def _check_records(records: Iterable[str] | str, what: str) -> tuple[str, ...]:
    """Check that ``records`` names records of the record set; return them as a sorted tuple."""
    if isinstance(records, str):
        raise TypeError(f"{what}: records must be a list of record ids, not one string {records!r}")
    ids = tuple(dict.fromkeys(str(r) for r in records))
    if not ids:
        raise ValueError(f"{what}: name the records it was made from (records=[...])")
    db = default_dataset()
    known = set(db.sources) | set(db.estimates) | set(db.claims) | set(db.articles)
    # a claim may be named by its key (article_id/claim_id) or, while unique, its id alone
    unknown = [r for r in ids if r not in known and r not in db.claims
               and r not in TABLE_REFERENCES]
    if unknown:
        raise ValueError(
            f"{what}: unknown record id(s) {unknown} (give record ids, or a whole table as one of "
            f"{', '.join(TABLE_REFERENCES)})"
        )
    return tuple(sorted(ids))


def save_figure(fig: Any, name: str, *, records: Iterable[str], caption: str) -> FigureRecord:
    """Declare a figure; during a build, write it as PNG (300 dpi), SVG and PDF.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn by a function of :mod:`pctstats.plots`.
    name : str
        File stem: lower-case letters, digits and underscores (``"forest_lifetime"``).
    records : iterable of str
        Ids of the records the figure was made from (checked against the record set); a table
        name (``"estimates"``) stands for the whole table.
    caption : str
        What the figure shows, its sources and its interval method; listed in ``README.md``.

    Returns
    -------
    FigureRecord
        The declaration (with the file names when written).

    Raises
    ------
    ValueError
        If the name is malformed or already declared with another caption or records in this
        build, the caption is empty, or a record id is unknown.

    Notes
    -----
    Outside a build nothing is written: in Jupyter the figure is shown (once) and closed,
    elsewhere it stays open. In a build the figure is closed after saving.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> save_figure(fig, "example", records=["schweitzer2015"], caption="An example.").files
    ()
    """
    if not isinstance(name, str) or not _FIGURE_NAME.fullmatch(name):
        raise ValueError(
            f"figure name must be lower-case letters, digits and underscores, got {name!r}"
        )
    if not isinstance(caption, str) or not caption.strip():
        raise ValueError(f"figure {name!r}: give a caption")
    record = FigureRecord(
        name=name,
        caption=" ".join(caption.split()),
        records=_check_records(records, f"figure {name!r}"),
        notebook=current_notebook(),
    )
    if not building():
        _REGISTRY.figures[name] = record
        _show_in_jupyter(fig)
        return record
    if name in _REGISTRY.figures:
        raise ValueError(f"figure {name!r} is declared twice in notebook {record.notebook}")
    staging = staging_dir()
    files = []
    for fmt in FIGURE_FORMATS:
        file = f"{name}.{fmt}"
        atomic_write_bytes(staging / file, figure_bytes(fig, fmt))
        files.append(file)
    plt.close(fig)
    record = replace(record, files=tuple(files))
    _REGISTRY.figures[name] = record
    _write_declarations()
    return record


def _show_in_jupyter(fig: Any) -> None:
    """In a Jupyter kernel, show the figure once, now (then close it); elsewhere do nothing."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is None or not hasattr(shell, "kernel"):
        return
    from IPython.display import display  # IPython is there: this is a Jupyter kernel

    display(fig)
    plt.close(fig)


def quote_number(
    name: str,
    value: Any,
    *,
    records: Iterable[str],
    description: str,
    unit: str = "",
    decimals: int | None = None,
) -> NumberRecord:
    r"""Declare a number the notebook quotes; the build writes it to numbers.json and numbers.tex.

    Parameters
    ----------
    name : str
        The LaTeX macro name without the backslash: letters only, starting with a capital
        (``"PCDLifetimeMen"``); TeX macro names cannot hold digits.
    value : int, float, Decimal or str
        The number. A string is a value exactly as printed in a record (``"5.1"``) and is quoted
        as it is; an integer is quoted as it is; a float or Decimal needs ``decimals``.
    records : iterable of str
        Ids of the records it comes from (checked against the record set); a table name
        (``"claims"``) stands for the whole table.
    description : str
        What the number is, in a phrase.
    unit : str
        Its unit, e.g. ``"%"``; not part of the macro (write ``\PCDLifetimeMen\,\%``).
    decimals : int, optional
        Digits after the decimal point (required for a float or Decimal, refused for a string).

    Returns
    -------
    NumberRecord
        The declaration; ``str()`` of it is the number with its unit, for printing.

    Raises
    ------
    TypeError
        If ``value`` is not a number or a printed decimal string (booleans are refused).
    ValueError
        If the name is malformed or already quoted with another value in this build, the number
        is not finite, or ``decimals`` is missing or misused.

    Examples
    --------
    >>> print(quote_number("ExampleShare", 0.41 * 100, decimals=1, unit="%",
    ...                    records=["maczkowiack2019-lifetime"], description="an example"))
    41.0%
    >>> quote_number("ExampleN", 1208, records=["maczkowiack2019"], description="an example").text
    '1208'
    """
    if not isinstance(name, str) or not _NUMBER_NAME.fullmatch(name):
        raise ValueError(
            f"number name must be letters only, starting with a capital (a LaTeX macro name), "
            f"got {name!r}"
        )
    if not isinstance(description, str) or not description.strip():
        raise ValueError(f"number {name!r}: give a description")
    text, number = _format_number(name, value, decimals)
    record = NumberRecord(
        name=name,
        text=text,
        value=number,
        unit=unit,
        description=" ".join(description.split()),
        records=_check_records(records, f"number {name!r}"),
        notebook=current_notebook(),
    )
    if building():
        previous = _REGISTRY.numbers.get(name)
        if previous is not None and previous != record:
            raise ValueError(
                f"number {name!r} is quoted twice in notebook {record.notebook} with different "
                f"values or descriptions ({previous.text!r}, {record.text!r})"
            )
    _REGISTRY.numbers[name] = record
    if building():
        _write_declarations()
    return record


def _format_number(name: str, value: Any, decimals: int | None) -> tuple[str, int | float]:
    """The printed text and the JSON value of a quoted number."""
    if decimals is not None and (
        isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0
    ):
        raise ValueError(f"number {name!r}: decimals must be a non-negative integer")
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"number {name!r}: a boolean is not a number to quote")
    if isinstance(value, str):
        if decimals is not None:
            raise ValueError(
                f"number {name!r}: a string is quoted exactly as printed; do not give decimals"
            )
        text = check_reported(value, f"number {name!r}")
        number = to_decimal(text)
        return text, int(number) if number == number.to_integral_value() and "." not in text \
            else float(number)
    if isinstance(value, int | np.integer):
        if decimals:
            return f"{int(value):.{decimals}f}", int(value)
        return str(int(value)), int(value)
    if isinstance(value, float | np.floating | Decimal):
        if not math.isfinite(float(value)):
            raise ValueError(f"number {name!r}: {value!r} is not finite")
        if decimals is None:
            raise ValueError(
                f"number {name!r}: give decimals= for a float, so the printed precision is a "
                "decision and not an accident"
            )
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(repr(float(value)) if not isinstance(value, Decimal) else value)
        text = str(rounded.quantize(quantum, rounding="ROUND_HALF_UP"))
        if text.startswith("-") and Decimal(text) == 0:
            text = text[1:]
        return text, float(f"{float(value):.12g}")
    raise TypeError(
        f"number {name!r}: value must be an int, float, Decimal or printed string, "
        f"got {type(value).__name__}"
    )


def _write_declarations() -> None:
    """Hand this kernel's declarations so far to the build."""
    figures, numbers = registered()
    write_declarations(figures, numbers)
