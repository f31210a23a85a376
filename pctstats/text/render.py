"""The text audit as output: a table in pctstats' formats, or the text as HTML with claims marked.

``table``, ``csv``, ``json`` and ``markdown`` go through :func:`pctstats.formatting.format_frame`
(one row per claim, the file first); ``html`` is a page showing each article's text with every
claim highlighted in the colour of its verdict, its message as a tooltip, and the claims' table
below it.

Examples
--------
>>> from pctstats.text import audit_text
>>> text = "Nearly half of women felt it."
>>> page = render_html([("a.txt", text, audit_text(text))])
>>> '<mark class="verdict-' in page and "Nearly half</mark>" in page
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

import pandas as pd

from pctstats.formatting import FORMATS, format_frame

__all__ = [
    "AUDIT_FORMATS",
    "SUMMARY_COLUMNS",
    "Audited",
    "as_table",
    "render",
    "render_html",
]

#: The output formats of ``pctstats audit``: pctstats' table formats and ``html``.
AUDIT_FORMATS: Final = {**FORMATS, "html": "the text with each claim highlighted, and a table"}
#: Columns shown by the ``table`` and ``markdown`` formats (``csv`` and ``json`` show all).
SUMMARY_COLUMNS: Final = (
    "file",
    "start",
    "value_text",
    "source_id",
    "estimate_id",
    "verdict",
    "mismatches",
    "message",
)
_COLOURS: Final = {
    "accurate": "#c8f7c5",
    "rounded": "#e3f2c1",
    "generalized": "#fff3b0",
    "distorted": "#ffd59e",
    "wrong_number": "#ffb3b3",
    "unsupported": "#e0e0e0",
}

#: One audited article: its name, the text audited and its audit.
Audited = tuple[str, str, pd.DataFrame]


def as_table(audited: Sequence[Audited]) -> pd.DataFrame:
    """All articles' claims in one frame, with the file first and list cells made text.

    Examples
    --------
    >>> from pctstats.text import audit_text
    >>> as_table([("a.txt", "41% of men.", audit_text("41% of men."))]).loc[0, "candidates"][:26]
    'maczkowiack2019-lifetime ('
    """
    frames = [frame.assign(file=name) for name, _, frame in audited]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if table.empty:
        return pd.DataFrame(columns=["file", *(frames[0].columns if frames else [])])
    table["candidates"] = [
        "; ".join(f"{i} ({s:g})" for i, s in pairs) for pairs in table["candidates"]
    ]
    return table[["file", *[c for c in table.columns if c != "file"]]]


def render(audited: Sequence[Audited], fmt: str) -> str:
    """The audit of one or more articles in a format of :data:`AUDIT_FORMATS`.

    Examples
    --------
    >>> from pctstats.text import audit_text
    >>> out = render([("a.txt", "41% of men.", audit_text("41% of men."))], "csv")
    >>> out.splitlines()[0].split(",")[:4]
    ['file', 'start', 'end', 'value_text']
    """
    if fmt == "html":
        return render_html(audited)
    table = as_table(audited)
    if fmt in ("table", "markdown"):
        table = table[[c for c in SUMMARY_COLUMNS if c in table.columns]]
    return format_frame(table, fmt)


def _marked(text: str, frame: pd.DataFrame, prefix: str) -> str:
    """The text as HTML with each claim's span in a ``<mark>``."""
    out, at = [], 0
    for i, row in enumerate(frame.to_dict("records")):
        start, end = int(row["start"]), int(row["end"])
        if start < at:  # a claim inside another's span (never expected): mark only the first
            continue
        out.append(html.escape(text[at:start]))
        tip = f"{row['verdict']}: {row['message']}"
        out.append(
            f'<mark class="verdict-{row["verdict"]}" id="{prefix}-{i + 1}" '
            f'title="{html.escape(tip, quote=True)}">{html.escape(text[start:end])}</mark>'
            f'<sup><a href="#{prefix}-row-{i + 1}">{i + 1}</a></sup>'
        )
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def render_html(audited: Sequence[Audited]) -> str:
    """A standalone HTML page: each article's text with its claims highlighted, and a table.

    Examples
    --------
    >>> render_html([("empty.txt", "No claim.", pd.DataFrame(columns=SUMMARY_COLUMNS))]).count(
    ...     "No numeric prevalence claim found")
    1
    """
    style = "\n".join(f"mark.verdict-{v} {{ background: {c}; }}" for v, c in _COLOURS.items())
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>pctstats audit</title>',
        "<style>body { font-family: sans-serif; max-width: 60em; margin: auto; }",
        "pre.article { white-space: pre-wrap; font-family: inherit; line-height: 1.5; }",
        "table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px; }",
        style,
        "</style></head><body>",
        "<h1>pctstats: claims found in the text, traced to their sources</h1>",
    ]
    for k, (name, text, frame) in enumerate(audited):
        prefix = f"a{k + 1}"
        parts.append(f"<h2>{html.escape(name)}</h2>")
        parts.append(f'<pre class="article">{_marked(text, frame, prefix)}</pre>')
        if frame.empty:
            parts.append("<p>No numeric prevalence claim found in the text.</p>")
            continue
        parts.append(
            "<table><tr><th>#</th><th>claim</th><th>source</th><th>estimate</th>"
            "<th>verdict</th><th>mismatches</th><th>message</th></tr>"
        )
        for i, row in enumerate(frame.to_dict("records")):
            cells = [
                row["value_text"],
                row["source_id"] or "",
                row["estimate_id"] or "",
                row["verdict"],
                ", ".join(row["mismatches"]),
                row["message"],
            ]
            parts.append(
                f'<tr id="{prefix}-row-{i + 1}"><td><a href="#{prefix}-{i + 1}">{i + 1}</a></td>'
                + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                + "</tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
