"""The house style of pctstats' figures.

Every figure is drawn inside :func:`style_context`, which starts from matplotlib's own defaults
(so a user's ``matplotlibrc`` cannot change a committed figure) and applies :data:`RC`:

- the font is DejaVu Sans, shipped inside matplotlib, so the output does not depend on the fonts
  installed on the machine;
- colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
  colour blindness; every series also differs by marker, line style or hatch, so figures read in
  greyscale too;
- the SVG hash salt is fixed and SVG text is drawn as paths, so SVG output is byte-identical from
  run to run.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any, Final, ParamSpec, TypeVar

from cycler import cycler

from pctstats.core import vocab as V

__all__ = [
    "FONT",
    "FULL_WIDTH",
    "GREY",
    "LIGHT_GREY",
    "OKABE_ITO",
    "RC",
    "SEX_STYLES",
    "SVG_HASHSALT",
    "P",
    "R",
    "add_note",
    "percent_label",
    "style_context",
    "styled",
    "wrap"
]

#: The Okabe–Ito palette (Okabe & Ito 2008), by name.
OKABE_ITO: Final = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish_purple": "#CC79A7",
    }
)
#: A light grey for reference lines and "not possible" marks.
GREY: Final = "#8C8C8C"
#: A very light grey for shaded regions.
LIGHT_GREY: Final = "#E6E6E6"

#: How each sex is drawn: colour, marker and line style differ, so greyscale still separates them.
SEX_STYLES: Final = MappingProxyType(
    {
        V.FEMALE: MappingProxyType(
            {"color": OKABE_ITO["vermillion"], "marker": "o", "linestyle": "-", "label": "Women"}
        ),
        V.MALE: MappingProxyType(
            {"color": OKABE_ITO["blue"], "marker": "s", "linestyle": "--", "label": "Men"}
        ),
        V.ALL: MappingProxyType(
            {"color": OKABE_ITO["black"], "marker": "D", "linestyle": ":", "label": "All"}
        ),
    }
)

#: The font every figure uses (shipped with matplotlib).
FONT: Final = "DejaVu Sans"
#: Salt for the ids in SVG output; fixed so that SVG files are reproducible.
SVG_HASHSALT: Final = "pctstats"
#: Width of a full-width figure, in inches.
FULL_WIDTH: Final = 7.0

#: matplotlib settings of every figure (applied on top of matplotlib's defaults).
RC: Final = MappingProxyType(
    {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "mathtext.fontset": "dejavusans",
        "font.size": 8.5,
        "axes.titlesize": 9.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 8.5,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 7.5,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.8,
        "axes.prop_cycle": cycler(
            color=[OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange",
                                          "reddish_purple", "sky_blue", "black")]
        ),
        "lines.linewidth": 1.4,
        "lines.markersize": 5,
        "hatch.linewidth": 0.6,
        "hatch.color": GREY,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "savefig.dpi": 300,
        "svg.hashsalt": SVG_HASHSALT,
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        # uncompressed PDF streams: zlib's output differs between zlib builds (zlib-ng), which
        # would make the PDF bytes depend on the machine
        "pdf.compression": 0,
        "axes.unicode_minus": True,
        "image.interpolation": "nearest",
    }
)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def style_context() -> Iterator[None]:
    """Draw (and save) inside matplotlib's defaults plus :data:`RC`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with style_context():
    ...     plt.rcParams["font.sans-serif"][0]
    'DejaVu Sans'
    """
    import matplotlib.pyplot as plt

    with plt.style.context(["default", dict(RC)]):
        yield


def styled(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a plotting function so that it draws inside :func:`style_context`.

    Parameters
    ----------
    function
        A function that draws with matplotlib.

    Returns
    -------
    callable
        The same function (same name, signature and docstring), run inside
        :func:`style_context`.

    Examples
    --------
    >>> import matplotlib
    >>> @styled
    ... def font_size():
    ...     return matplotlib.rcParams["font.size"]
    >>> font_size()
    8.5
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with style_context():
            return function(*args, **kwargs)

    return wrapper


def wrap(text: str, width: int) -> str:
    """Wrap ``text`` to lines of at most ``width`` characters, keeping paragraph breaks.

    Examples
    --------
    >>> print(wrap("one two three four", 9))
    one two
    three
    four
    """
    return "\n".join(
        textwrap.fill(paragraph, width=width, break_on_hyphens=False)
        for paragraph in text.split("\n")
    )


def add_note(fig: Any, text: str, *, width: int | None = None, y: float = 0.0) -> Any:
    r"""Write a note (sources, interval method) under a figure, wrapped to the figure's width.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    text : str
        The note; ``"\n"`` starts a new paragraph.
    width : int, optional
        Characters per line; by default about 17 per inch of figure width.
    y : float
        Vertical position of the note's top, in figure coordinates (0 is the bottom edge; the
        saved figure grows to include the note).

    Returns
    -------
    matplotlib.text.Text
        The note.

    Examples
    --------
    A figure 2 inches wide gets notes of 34 characters a line:

    >>> from matplotlib.figure import Figure
    >>> note = add_note(Figure(figsize=(2.0, 1.0)), "Sources: S1, S2 and S3, lifetime prevalence.")
    >>> note.get_text().splitlines()
    ['Sources: S1, S2 and S3, lifetime', 'prevalence.']
    """
    if width is None:
        width = int(fig.get_figwidth() * 17)
    return fig.text(0.0, y, wrap(text, width), ha="left", va="top", fontsize=7, color="#333333",
                    linespacing=1.35)


def percent_label(what: str) -> str:
    """An axis label for a percentage, with its unit.

    Examples
    --------
    >>> percent_label("Lifetime prevalence")
    'Lifetime prevalence (%)'
    """
    return f"{what} (%)"
