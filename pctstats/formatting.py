"""Output formats, in one place: every table pctstats prints goes through :func:`format_rows`.

Four formats, the same for every command line subcommand and for the report:

* ``"table"``: aligned plain text for a terminal; text left-aligned, numbers right-aligned, long
  cells cut to ``max_width`` characters with an ellipsis, and, given a ``width`` (the command line
  passes the terminal's, :func:`terminal_width`), the widest columns cut further until the
  table fits in it (the other formats never cut: they keep the full text);
* ``"csv"``: comma-separated, full precision, one header line;
* ``"json"``: a list of records (one object per row), full precision, ``null`` for missing values;
* ``"markdown"``: a GitHub-flavoured pipe table.

In ``table`` and ``markdown`` floats are shown with up to four decimals; ``csv`` and ``json``
keep every digit. List cells (``counts``, ``population_tags``...) are joined with ``"; "`` in text
formats and stay lists in JSON. The Markdown table is written here by hand (pandas'
``to_markdown`` needs the ``tabulate`` package, which pctstats does not depend on).

One formatter for two kinds of table: :func:`format_rows` renders a list of row dicts in plain
Python, and :func:`format_frame` hands a data frame's rows to it (with the frame's column types
deciding the alignment). This module never imports pandas itself: ``pctstats grim`` and
``pctstats ci`` print their tables without paying for importing it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypedDict, Unpack

import numpy as np

from pctstats.core.choices import check_choice

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_FORMAT", "DEFAULT_MAX_WIDTH", "FORMATS", "MIN_COLUMN_WIDTH", "Fit", "cell_text",
    "fit_widths", "format_frame", "format_number", "format_record", "format_rows",
    "terminal_width"
]

#: The output formats, each with a one-line meaning.
FORMATS: Final = {
    "table": "aligned plain text (long cells are cut; use another format for full text)",
    "csv": "comma-separated values, full precision",
    "json": "a JSON list of records, full precision",
    "markdown": "a Markdown pipe table",
}

#: The format used when none is named.
DEFAULT_FORMAT: Final = "table"

#: Longest cell, in characters, of the ``table`` format.
DEFAULT_MAX_WIDTH: Final = 60

_ELLIPSIS: Final = "…"

#: Narrowest a column is cut to when a table is fitted to a width (a narrower column is kept).
MIN_COLUMN_WIDTH: Final = 6
_GAP: Final = 2  # spaces between columns


class Fit(TypedDict, total=False):
    """How a ``table`` fits the page: the options each formatter passes on to :func:`format_rows`.

    ``max_width`` is the longest cell in characters (``None``: never cut) and ``width`` the total
    width the table must fit in (``None``: no limit); other formats never cut.

    Examples
    --------
    >>> fit: Fit = {"max_width": 8}
    >>> print(format_record({"quote": "A third of women had cried."}, **fit), end="")
    field  value
    -----  --------
    quote  A third…
    """

    max_width: int | None
    width: int | None


def _check_fit(fit: Mapping[str, Any], function: str) -> None:
    """Name an option a formatter does not take, with the ones it does (not format_rows')."""
    unknown = sorted(set(fit) - set(Fit.__annotations__))
    if unknown:
        raise TypeError(f"{function}() takes no option {', '.join(map(repr, unknown))}; "
                        f"its options are {', '.join(Fit.__annotations__)}")


def terminal_width(fallback: int = 100) -> int:
    """The width of the terminal in characters (``$COLUMNS`` if set; ``fallback`` if unknown).

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"COLUMNS": "72"}):
    ...     terminal_width()
    72
    """
    return shutil.get_terminal_size((fallback, 24)).columns


def fit_widths(natural: Sequence[int], width: int | None, *, keep: int = 0) -> list[int]:
    """Column widths that fit a table in ``width`` characters, cutting the widest columns first.

    Each column keeps its natural width up to a common cap; the cap is the largest that makes the
    table (with two spaces between columns) fit. The first ``keep`` columns (the ids that say
    which row is which) are never cut, and no column is cut below :data:`MIN_COLUMN_WIDTH`, so a
    table of very many columns can stay wider than ``width``.

    Parameters
    ----------
    natural
        Each column's full width (its longest cell or header).
    width
        The width to fit in; ``None``: no limit.
    keep
        How many leading columns are never cut.

    Returns
    -------
    list of int
        Each column's width.

    Examples
    --------
    >>> fit_widths([5, 40, 3, 60], 60)
    [5, 23, 3, 23]
    >>> fit_widths([12, 40, 3, 60], 60, keep=1)
    [12, 19, 3, 20]
    >>> fit_widths([5, 40], None)
    [5, 40]
    """
    widths = list(natural)
    if width is None or sum(widths) + _GAP * max(len(widths) - 1, 0) <= width:
        return widths
    kept, rest = widths[:keep], widths[keep:]
    room = width - _GAP * max(len(widths) - 1, 0) - sum(kept)
    # the largest common cap that fits, tried from the widest column down (a few hundred steps
    # at most: simpler than solving for it, and a table is small)
    for cap in range(max(rest, default=0), MIN_COLUMN_WIDTH - 1, -1):
        fitted = [min(w, cap) for w in rest]
        if sum(fitted) <= room:
            # the room the cap leaves (less than one character per cut column) goes to the
            # widest columns, one character each
            spare = room - sum(fitted)
            for i in sorted(range(len(rest)), key=lambda j: -rest[j]):
                if spare and fitted[i] < rest[i]:
                    fitted[i] += 1
                    spare -= 1
            return kept + fitted
    return kept + [min(w, MIN_COLUMN_WIDTH) for w in rest]


def _pandas() -> Any:
    """The pandas module if it is already imported, else None.

    A pandas value cannot exist without it, and this module must not import it (the command
    line's fast path prints tables without it).
    """
    return sys.modules.get("pandas")


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    pandas = _pandas()
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return False


def _plain(value: Any) -> Any:
    """A cell as a plain Python value: numpy scalars unwrapped, tuples as lists, missing as None."""
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if _is_missing(value):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):  # pandas' Timestamp is a datetime, so a date too
        return value.isoformat()
    return value


def format_number(value: float) -> str:
    """Show a float with up to four decimals, trailing zeros dropped (for ``table``/``markdown``).

    Integer-valued floats print without a decimal point; values below 0.001 in magnitude keep three
    significant digits so that they do not print as zero.

    Parameters
    ----------
    value
        A finite float.

    Returns
    -------
    str
        The float as shown in text tables.

    Examples
    --------
    >>> format_number(0.396721), format_number(1208.0), format_number(0.000123456)
    ('0.3967', '1208', '0.000123')
    """
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) < 0.001:
        return f"{value:.3g}"
    return f"{value:.4f}".rstrip("0").rstrip(".")


def cell_text(value: Any) -> str:
    """A cell as text, as ``table``, ``csv`` and ``markdown`` show it (before any cutting).

    Parameters
    ----------
    value
        Any cell of a data frame.

    Returns
    -------
    str
        ``""`` for a missing value, lists joined with ``"; "``, floats by :func:`format_number`.

    Examples
    --------
    >>> cell_text([105, 106]), cell_text(None), cell_text(0.52541), cell_text("5.1")
    ('105; 106', '', '0.5254', '5.1')
    """
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _cut(text: str, width: int | None) -> str:
    text = " ".join(text.split())  # one line per row
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + _ELLIPSIS


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _numeric_columns(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> list[bool]:
    """Right-align a column when every present cell is a number (bools are not numbers)."""
    return [
        all(_is_number(row[c]) for row in rows if not _is_missing(row[c])) for c in columns
    ]


def _table(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    right: Sequence[bool],
    max_width: int | None,
    width: int | None = None,
) -> str:
    headers = [str(c) for c in columns]
    cells = [[_cut(cell_text(row[c]), max_width) for row in rows] for c in columns]
    widths = fit_widths(
        [max([len(h), *(len(v) for v in col)]) for h, col in zip(headers, cells, strict=True)],
        width, keep=1,
    )
    headers = [_cut(h, w) for h, w in zip(headers, widths, strict=True)]
    cells = [[_cut(v, w) for v in col] for col, w in zip(cells, widths, strict=True)]

    def line(texts: Sequence[str]) -> str:
        parts = [
            text.rjust(width) if align else text.ljust(width)
            for text, width, align in zip(texts, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(headers), line(["-" * w for w in widths])]
    lines += [line(row) for row in zip(*cells, strict=True)] if rows else []
    return "\n".join(lines) + "\n"


def _markdown_cell(value: Any) -> str:
    text = " ".join(cell_text(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _markdown(
    columns: Sequence[str], rows: Sequence[Mapping[str, Any]], right: Sequence[bool]
) -> str:
    headers = [_markdown_cell(c) for c in columns]
    align = ["---:" if r else "---" for r in right]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    for row in rows:
        lines.append("| " + " | ".join(_markdown_cell(row[c]) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def _csv_cell(value: Any) -> Any:
    """A cell as the ``csv`` format writes it.

    Full precision (``repr`` of a float), lists joined with ``"; "``, a missing value empty.
    """
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    return value


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c) for c in columns])
    writer.writerows([_csv_cell(row[c]) for c in columns] for row in rows)
    return out.getvalue()


def _json(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    records = [{str(c): _plain(row[c]) for c in columns} for row in rows]
    return json.dumps(records, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def format_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: str = DEFAULT_FORMAT,
    *,
    columns: Sequence[str] | None = None,
    numeric: Sequence[bool] | None = None,
    max_width: int | None = DEFAULT_MAX_WIDTH,
    width: int | None = None,
) -> str:
    """Render a table given as a list of rows (one dict per row) in one of the output formats.

    Parameters
    ----------
    rows
        The rows, each a mapping from column name to cell (plain Python or numpy values).
    fmt
        ``"table"``, ``"csv"``, ``"json"`` or ``"markdown"`` (see :data:`FORMATS`).
    columns
        The column names, in order; by default the keys of the first row (a table of no rows
        then has no columns).
    numeric
        For each column, whether it holds numbers (right-aligned in ``table``, ``---:`` in
        ``markdown``); by default a column is numeric when every present cell is a number (not
        a bool).
    max_width
        Longest cell of the ``table`` format, in characters (``None``: never cut). Other formats
        never cut.
    width
        Total width the ``table`` format must fit in (e.g. :func:`terminal_width`): the widest
        columns are cut further (:func:`fit_widths`). ``None``: no limit.

    Returns
    -------
    str
        The rendered table, ending with a newline.

    Raises
    ------
    ValueError
        If ``fmt`` is not a known format, or ``numeric`` does not give one flag per column.

    Examples
    --------
    >>> rows = [{"value": "46", "n": 230, "low": 0.39672}, {"value": "5.1", "n": 230, "low": None}]
    >>> print(format_rows(rows), end="")
    value    n     low
    -----  ---  ------
    46     230  0.3967
    5.1    230
    >>> print(format_rows(rows, "csv"), end="")
    value,n,low
    46,230,0.39672
    5.1,230,
    """
    fmt = check_choice(fmt, FORMATS, "format")
    columns = list(rows[0]) if columns is None and rows else list(columns or [])
    right = _numeric_columns(columns, rows) if numeric is None else list(numeric)
    if len(right) != len(columns):
        raise ValueError(f"numeric must give one flag per column ({len(columns)}), got {right}")
    if fmt == "table":
        return _table(columns, rows, right, max_width, width)
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "json":
        return _json(columns, rows)
    return _markdown(columns, rows, right)


def format_frame(frame: pd.DataFrame, fmt: str = DEFAULT_FORMAT, **fit: Unpack[Fit]) -> str:
    """Render a data frame in one of the output formats.

    Parameters
    ----------
    frame
        The table to render; its index is dropped (put anything worth keeping in a column).
    fmt
        As for :func:`format_rows`.
    **fit
        ``max_width`` and ``width``, as for :func:`format_rows` (see :class:`Fit`).

    Returns
    -------
    str
        The frame's rows rendered by :func:`format_rows`, in order.

    Raises
    ------
    TypeError
        If ``frame`` is not a data frame.
    ValueError
        If ``fmt`` is not a known format.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"value": ["46", "5.1"], "n": [230, 230], "low": [0.39672, None]})
    >>> print(format_frame(df, "markdown"), end="")
    | value | n | low |
    | --- | ---: | ---: |
    | 46 | 230 | 0.3967 |
    | 5.1 | 230 |  |
    >>> print(format_frame(df, "json"))  # doctest: +ELLIPSIS
    [
      {
        "value": "46",
        "n": 230,
        "low": 0.39672
      },
    ...
    """
    _check_fit(fit, "format_frame")
    pandas = _pandas()
    if pandas is None or not isinstance(frame, pandas.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    types = pandas.api.types
    columns = [str(c) for c in frame.columns]
    numeric = [
        types.is_numeric_dtype(frame.iloc[:, i]) and not types.is_bool_dtype(frame.iloc[:, i])
        for i in range(frame.shape[1])
    ]
    rows = [
        dict(zip(columns, row, strict=True)) for row in frame.itertuples(index=False, name=None)
    ]
    return format_rows(rows, fmt, columns=columns, numeric=numeric, **fit)


def format_record(record: Mapping[str, Any], fmt: str = DEFAULT_FORMAT, **fit: Unpack[Fit]) -> str:
    """Render one record vertically (one row per field) in table and Markdown, or as one object.

    Parameters
    ----------
    record
        Field name -> value (e.g. ``dataclasses.asdict(source)``).
    fmt
        An output format; ``"json"`` gives one object, ``"csv"`` one header line and one row.
    **fit
        ``max_width`` and ``width``, as for :func:`format_rows` (see :class:`Fit`); here
        ``max_width`` defaults to ``None``: a record's values are never cut unless asked.

    Returns
    -------
    str
        The rendered record, ending with a newline.

    Examples
    --------
    >>> print(format_record({"source_id": "bird2011", "n_analysed": 222}), end="")
    field       value
    ----------  --------
    source_id   bird2011
    n_analysed  222
    """
    _check_fit(fit, "format_record")
    fmt = check_choice(fmt, FORMATS, "format")
    if fmt == "json":
        plain = {str(k): _plain(v) for k, v in record.items()}
        return json.dumps(plain, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "csv":
        return _csv([str(k) for k in record], [{str(k): v for k, v in record.items()}])
    vertical = [{"field": str(k), "value": cell_text(v)} for k, v in record.items()]
    return format_rows(vertical, fmt, columns=["field", "value"], numeric=[False, False],
                       **{"max_width": None, **fit})
