"""A figure's bytes in each format, reproducibly: no dates, no versions, the house style.

Output bytes do not depend on the time, the machine's fonts or a ``matplotlibrc``: no dates or
software versions in file metadata, a fixed SVG hash salt and DejaVu Sans (shipped with
matplotlib), both from :func:`pctstats.plots.style.style_context`.
"""

from __future__ import annotations

import io
from typing import Any, Final

from pctstats.plots.style import style_context

__all__ = ["FIGURE_FORMATS", "PNG_DPI", "figure_bytes"]

#: Formats every figure is written in, in this order.
FIGURE_FORMATS: Final = ("png", "svg", "pdf")
#: Resolution of the PNG files.
PNG_DPI: Final = 300

#: Metadata written into each format: nothing that changes from run to run or machine to machine.
_SAVE_METADATA: Final = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def figure_bytes(fig: Any, fmt: str) -> bytes:
    """Render a figure to bytes, reproducibly.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    fmt : {"png", "svg", "pdf"}
        The format.

    Returns
    -------
    bytes
        The file's content: no dates or software versions in the metadata, fixed SVG ids, tight
        bounding box (so no label is clipped), PNG at :data:`PNG_DPI`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 2))
    >>> figure_bytes(fig, "svg") == figure_bytes(fig, "svg")
    True
    """
    if fmt not in _SAVE_METADATA:
        raise ValueError(f"fmt must be one of {sorted(_SAVE_METADATA)}, got {fmt!r}")
    buffer = io.BytesIO()
    with style_context():
        fig.savefig(
            buffer,
            format=fmt,
            dpi=PNG_DPI,
            bbox_inches="tight",
            pad_inches=0.05,
            metadata=_SAVE_METADATA[fmt],
        )
    return buffer.getvalue()
