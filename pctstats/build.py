"""Build every figure and every quoted number from the notebooks: ``python -m pctstats.build``.

``make figures`` runs this module. It executes each notebook in ``notebooks/`` top to bottom in a
fresh kernel of the running interpreter, and collects what the notebooks declare through two calls:

- :func:`save_figure` ``(fig, "forest_lifetime", records=[...], caption=...)`` writes the figure as
  PNG (300 dpi), SVG and PDF;
- :func:`quote_number` ``("PCDLifetimeMen", value, records=[...], description=...)`` records a
  number that the notebook's story quotes.

At the end it writes ``numbers.json`` and ``numbers.tex`` (one LaTeX macro per number, so a paper
never retypes one) and ``README.md`` (each figure with its notebook, caption and record ids).

How a build stays safe and reproducible
---------------------------------------
- Each notebook runs with its working directory set to an empty temporary folder, so nothing in it
  can depend on the current directory; its kernel is this interpreter's ipykernel, whatever
  kernelspecs the machine has installed.
- The kernels write into a staging folder inside the output folder (``.tmp-build-*``). Only when
  every notebook has succeeded are the files moved into place, one ``os.replace`` each (a rename,
  atomic on one file system); files whose bytes did not change are left alone, and figures the
  previous build wrote (as its README.md lists them) that no notebook declares any more are
  removed; no other file in the folder is touched. A failed or interrupted build leaves the
  output folder as it was.
- Output bytes do not depend on the time, the machine's fonts or a ``matplotlibrc``: no dates or
  software versions in file metadata, a fixed SVG hash salt, DejaVu Sans (shipped with
  matplotlib), sorted JSON keys, ``PYTHONHASHSEED=0`` in the kernels.

Outside a build (a notebook opened in Jupyter) :func:`save_figure` and :func:`quote_number` write
nothing: they check their arguments, remember the declaration and return it, so the notebook can
be explored freely and ``figures/`` changes only through ``make figures``.

The output folder is ``figures/`` of the checkout, or ``--out DIR``, or the environment variable
``PCTSTATS_FIGURES_DIR``. ``--check`` builds into a temporary folder and compares it with the
output folder byte for byte (this is what CI runs through the test suite).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from pctstats.core.paths import repo_path

# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

#: Formats every figure is written in, in this order.
FIGURE_FORMATS: Final = ("png", "svg", "pdf")
#: Resolution of the PNG files.
PNG_DPI: Final = 300
#: Environment variable that overrides the output folder.
FIGURES_DIR_ENV: Final = "PCTSTATS_FIGURES_DIR"
#: Set by the build in each kernel: the staging folder the kernel writes into.
STAGING_ENV: Final = "PCTSTATS_BUILD_STAGING"
#: Set by the build in each kernel: the notebook being executed (file stem).
NOTEBOOK_ENV: Final = "PCTSTATS_BUILD_NOTEBOOK"
#: Seconds one cell may run before the build gives up on it.
CELL_TIMEOUT: Final = 300
#: Names of the generated files besides the figures.
NUMBERS_JSON: Final = "numbers.json"
NUMBERS_TEX: Final = "numbers.tex"
README: Final = "README.md"
#: File types the build owns in the output folder (stale ones are removed).
_OWNED_SUFFIXES: Final = frozenset({f".{fmt}" for fmt in FIGURE_FORMATS})
_STAGING_PREFIX: Final = ".tmp-build-"
_FILES_PREFIX: Final = "- Files: "
_MANIFEST_DIR: Final = ".manifest"

#: Metadata written into each format: nothing that changes from run to run or machine to machine.
_SAVE_METADATA: Final = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}

#: Names that stand for a whole table of the record set in ``records=``.
TABLE_REFERENCES: Final = ("sources", "estimates", "claims", "articles")

_FIGURE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_NUMBER_NAME = re.compile(r"[A-Z][A-Za-z]*")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# --------------------------------------------------------------------------------------------
# What the notebooks declare
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRecord:
    """A figure declared by a notebook.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"forest_lifetime"``.
    caption : str
        What the figure shows, with its sources and interval method.
    records : tuple of str
        Ids of the records (sources, estimates, claims, articles) it was made from.
    notebook : str or None
        The notebook that declared it (``None`` outside a build).
    files : tuple of str
        File names written (empty outside a build).

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence by study and sex.",
    ...                    ("bird2011-lifetime", "schweitzer2015-lifetime"))
    >>> fig.name, fig.notebook, fig.files
    ('forest_lifetime', None, ())
    """

    name: str
    caption: str
    records: tuple[str, ...]
    notebook: str | None = None
    files: tuple[str, ...] = ()

    def _repr_markdown_(self) -> str:
        where = ", ".join(self.files) if self.files else "not written (not a build)"
        return f"**Figure `{self.name}`** ({where}): {self.caption}"


@dataclass(frozen=True)
class NumberRecord:
    """A number quoted by a notebook.

    Attributes
    ----------
    name : str
        LaTeX macro name without the backslash, e.g. ``"PCDLifetimeMen"``.
    text : str
        The number as printed (what the macro expands to), e.g. ``"41"``.
    value : int or float
        The number itself.
    unit : str
        Its unit (``"%"``, ``"participants"``, ``""``).
    description : str
        What it is, in a phrase.
    records : tuple of str
        Ids of the records it comes from.
    notebook : str or None
        The notebook that quoted it (``None`` outside a build).

    Examples
    --------
    >>> number = NumberRecord("PCDLifetimeMen", "41", 41, "%", "lifetime PCD prevalence, men",
    ...                       ("maczkowiack2019-lifetime",))
    >>> str(number), number.value, number.records
    ('41%', 41, ('maczkowiack2019-lifetime',))
    """

    name: str
    text: str
    value: int | float
    unit: str
    description: str
    records: tuple[str, ...]
    notebook: str | None = None

    def __str__(self) -> str:
        return f"{self.text}{_unit_suffix(self.unit)}"

    def _repr_markdown_(self) -> str:
        return f"`\\{self.name}` = **{self}**: {self.description}"


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


def building() -> bool:
    """Whether this process is a kernel of a running build (so declarations write files).

    Returns
    -------
    bool
        True when :data:`STAGING_ENV` is set (the build sets it in each kernel it starts).

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(STAGING_ENV, None)
    ...     building()
    False
    """
    return bool(os.environ.get(STAGING_ENV))


def _current_notebook() -> str | None:
    return os.environ.get(NOTEBOOK_ENV) or None


def _check_records(records: Iterable[str] | str, what: str) -> tuple[str, ...]:
    """Check that ``records`` names records of the record set; return them as a sorted tuple."""
    if isinstance(records, str):
        raise TypeError(f"{what}: records must be a list of record ids, not one string {records!r}")
    ids = tuple(dict.fromkeys(str(r) for r in records))
    if not ids:
        raise ValueError(f"{what}: name the records it was made from (records=[...])")
    from pctstats.data.dataset import default_dataset

    db = default_dataset()
    known = set(db.sources) | set(db.estimates) | set(db.claims) | set(db.articles)
    unknown = [r for r in ids if r not in known and r not in TABLE_REFERENCES]
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
        notebook=_current_notebook(),
    )
    if not building():
        _REGISTRY.figures[name] = record
        _show_in_jupyter(fig)
        return record
    if name in _REGISTRY.figures:
        raise ValueError(f"figure {name!r} is declared twice in notebook {record.notebook}")
    staging = Path(os.environ[STAGING_ENV])
    files = []
    for fmt in FIGURE_FORMATS:
        file = f"{name}.{fmt}"
        atomic_write_bytes(staging / file, figure_bytes(fig, fmt))
        files.append(file)
    import matplotlib.pyplot as plt

    plt.close(fig)
    record = FigureRecord(**{**asdict(record), "files": tuple(files)})
    _REGISTRY.figures[name] = record
    _write_fragment()
    return record


def _show_in_jupyter(fig: Any) -> None:
    """In a Jupyter kernel, show the figure once, now (then close it); elsewhere do nothing."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is None or not hasattr(shell, "kernel"):
        return
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


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
    from pctstats.plots.style import style_context

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
        notebook=_current_notebook(),
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
        _write_fragment()
    return record


def _format_number(name: str, value: Any, decimals: int | None) -> tuple[str, int | float]:
    """The printed text and the JSON value of a quoted number."""
    import numpy as np

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
        from pctstats.core.reported import check_reported, to_decimal

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


def _unit_suffix(unit: str) -> str:
    return "" if not unit else unit if unit == "%" else f" {unit}"


def _write_fragment() -> None:
    """Write this kernel's declarations to the staging folder (the build reads them)."""
    notebook = _current_notebook() or "notebook"
    payload = {
        "notebook": notebook,
        "figures": [asdict(f) for f in _REGISTRY.figures.values()],
        "numbers": [asdict(n) for n in _REGISTRY.numbers.values()],
    }
    path = Path(os.environ[STAGING_ENV]) / _MANIFEST_DIR / f"{notebook}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, _json_bytes(payload))


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    An interrupted write leaves either the old file or the new one, never half a file.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> atomic_write_bytes(folder / "a.txt", b"hello").read_bytes()
    b'hello'
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give a normal file's mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _json_bytes(payload: Any) -> bytes:
    return (json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def default_output_dir() -> Path:
    """The output folder: ``$PCTSTATS_FIGURES_DIR`` if set, else ``figures/`` of the checkout.

    Returns
    -------
    pathlib.Path
        The folder a build writes into when no ``out_dir`` is given.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(FIGURES_DIR_ENV, None)
    ...     default_output_dir() == repo_path("figures")
    True
    >>> with mock.patch.dict(os.environ, {FIGURES_DIR_ENV: "my-figures"}):
    ...     default_output_dir().name
    'my-figures'
    """
    override = os.environ.get(FIGURES_DIR_ENV)
    return Path(override) if override else repo_path("figures")


def notebook_paths() -> list[Path]:
    """The notebooks a build executes, in name order (``notebooks/*.ipynb``).

    Returns
    -------
    list of pathlib.Path
        The notebooks of the checkout, sorted by file name.

    Examples
    --------
    >>> paths = notebook_paths()
    >>> paths[0].name, paths[0].parent.name
    ('01_record_set.ipynb', 'notebooks')
    >>> paths == sorted(paths) and all(p.suffix == ".ipynb" for p in paths)
    True
    """
    return sorted(repo_path("notebooks").glob("*.ipynb"))


# --------------------------------------------------------------------------------------------
# Executing notebooks
# --------------------------------------------------------------------------------------------


class BuildError(RuntimeError):
    """A build failed; the message says why in a sentence or two, without a traceback.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     try:
    ...         build(out, notebooks=["no_such_notebook.ipynb"], quiet=True)
    ...     except BuildError as err:
    ...         print(err)
    no such notebook: ...no_such_notebook.ipynb
    """


class NotebookFailed(BuildError):
    """A notebook cell raised an error (or timed out, or its kernel died).

    Attributes
    ----------
    notebook : str
        File name of the notebook.
    cell : int or None
        Index of the failing cell in the notebook (0-based, counting markdown cells).
    error : str
        The error's name and message.
    source : str
        The failing cell's source.
    traceback : str
        The kernel's traceback, without colour codes.

    Examples
    --------
    >>> err = NotebookFailed("02_consistency.ipynb", 3, "ZeroDivisionError: division by zero",
    ...                      source="1 / 0")
    >>> print(err)
    notebook 02_consistency.ipynb failed in cell 3: ZeroDivisionError: division by zero
      cell source:
        | 1 / 0
    >>> isinstance(err, BuildError), err.cell
    (True, 3)
    """

    def __init__(self, notebook: str, cell: int | None, error: str, source: str = "",
                 traceback: str = "") -> None:
        self.notebook, self.cell, self.error = notebook, cell, error
        self.source, self.traceback = source, traceback
        where = f"cell {cell}" if cell is not None else "kernel start-up"
        lines = [f"notebook {notebook} failed in {where}: {error}"]
        if source:
            shown = source.strip().splitlines()
            lines.append("  cell source:")
            lines += [f"    | {line}" for line in shown[:8]]
            if len(shown) > 8:
                lines.append(f"    | ... ({len(shown) - 8} more lines)")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class NotebookRun:
    """One executed notebook: its name, time and declarations.

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence.", ("bird2011-lifetime",),
    ...                    "03_prevalence_pooling", ("forest_lifetime.png",))
    >>> run = NotebookRun("03_prevalence_pooling", 4.2, (fig,), ())
    >>> run.notebook, [f.name for f in run.figures], run.numbers
    ('03_prevalence_pooling', ['forest_lifetime'], ())
    """

    notebook: str
    seconds: float
    figures: tuple[FigureRecord, ...]
    numbers: tuple[NumberRecord, ...]


@dataclass(frozen=True)
class BuildResult:
    """What a build did.

    Attributes
    ----------
    out_dir : pathlib.Path
        The output folder.
    runs : tuple of NotebookRun
        The notebooks, in name order.
    written, unchanged, removed : tuple of str
        File names replaced (new bytes), left alone (same bytes) and deleted (stale).
    seconds : float
        Wall time of the build.

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence.", ("bird2011-lifetime",),
    ...                    "03_prevalence_pooling", ("forest_lifetime.png", "forest_lifetime.svg"))
    >>> run = NotebookRun("03_prevalence_pooling", 4.2, (fig,), ())
    >>> result = BuildResult(Path("figures"), (run,), ("forest_lifetime.svg",),
    ...                      ("forest_lifetime.png", "README.md"), (), 9.5)
    >>> result.files
    ['README.md', 'forest_lifetime.png', 'forest_lifetime.svg']
    >>> [f.name for f in result.figures], result.numbers
    (['forest_lifetime'], [])
    """

    out_dir: Path
    runs: tuple[NotebookRun, ...]
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    seconds: float

    @property
    def figures(self) -> list[FigureRecord]:
        """Every declared figure, in notebook then declaration order."""
        return [f for run in self.runs for f in run.figures]

    @property
    def numbers(self) -> list[NumberRecord]:
        """Every quoted number, in notebook then declaration order."""
        return [n for run in self.runs for n in run.numbers]

    @property
    def files(self) -> list[str]:
        """Every file the build produced, sorted."""
        return sorted(self.written + self.unchanged)


def _kernel_manager_class() -> type:
    """An AsyncKernelManager whose "python3" kernel is this interpreter's ipykernel."""
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from traitlets import default

    class InterpreterKernelSpecs(KernelSpecManager):
        """Kernel specs that always resolve to ``sys.executable -m ipykernel_launcher``."""

        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name=f"Python {sys.version_info.major} (pctstats build)",
                language="python",
                resource_dir="",
                metadata={"debugger": False},
            )

    class InterpreterKernelManager(AsyncKernelManager):
        """AsyncKernelManager using :class:`InterpreterKernelSpecs`, over local IPC sockets."""

        @default("kernel_spec_manager")
        def _default_specs(self) -> KernelSpecManager:
            return InterpreterKernelSpecs()


    return InterpreterKernelManager


def _kernel_env(staging: Path, notebook: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            STAGING_ENV: str(staging),
            NOTEBOOK_ENV: notebook,
            "MPLBACKEND": "Agg",
            "PYTHONHASHSEED": "0",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "JUPYTER_PLATFORM_DIRS": "1",
        }
    )
    env.pop(FIGURES_DIR_ENV, None)
    return env


def _error_text(err: BaseException) -> str:
    name = getattr(err, "ename", None) or type(err).__name__
    value = getattr(err, "evalue", None)
    if value is None:
        value = str(err).strip().splitlines()[-1] if str(err).strip() else ""
    return _ANSI.sub("", f"{name}: {value}" if value else name)


#: The notebooks executing now: path -> (NotebookClient, kernel manager), to kill on Ctrl-C.
_RUNNING: dict[str, tuple[Any, Any]] = {}


async def _run_notebook(path: Path, staging: Path, timeout: int) -> NotebookRun:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    stem = path.stem
    nb = nbformat.read(path, as_version=4)
    workdir = Path(tempfile.mkdtemp(prefix="pctstats-"))
    manager = _kernel_manager_class()(kernel_name="python3")
    socket_base = str(workdir / "ipc")
    if os.name == "posix" and len(socket_base) < 90:  # a socket path may hold ~100 bytes
        # local sockets: no TCP ports to race for, nothing on the network
        manager.transport, manager.ip = "ipc", socket_base
    client = NotebookClient(
        nb,
        km=manager,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    index: int | None = None
    log_path = workdir / "kernel.log"
    _RUNNING[str(path)] = (client, manager)
    try:
        with log_path.open("wb") as log:
            async with client.async_setup_kernel(env=_kernel_env(staging, stem), cwd=str(workdir),
                                                 stdout=log, stderr=log, cleanup_kc=True):
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type == "code":
                        await client.async_execute_cell(cell, index)
    except CellExecutionError as err:
        source = nb.cells[index].source if index is not None else ""
        raise NotebookFailed(path.name, index, _error_text(err), source,
                             _ANSI.sub("", str(err))) from None
    except Exception as err:  # timeouts, a dead kernel, a kernel that will not start
        source = nb.cells[index].source if index is not None else ""
        log_text = log_path.read_text(errors="replace") if log_path.is_file() else ""
        raise NotebookFailed(path.name, index, _error_text(err), source, log_text) from None
    finally:
        _RUNNING.pop(str(path), None)
        # nbclient leaves an exit hook behind when a kernel fails to start; it would fail at exit
        atexit.unregister(client._cleanup_kernel)
        shutil.rmtree(workdir, ignore_errors=True)
    seconds = time.perf_counter() - start
    figures, numbers = _read_fragment(staging, stem)
    return NotebookRun(stem, seconds, figures, numbers)


def _read_fragment(staging: Path, stem: str) -> tuple[tuple[FigureRecord, ...],
                                                       tuple[NumberRecord, ...]]:
    path = staging / _MANIFEST_DIR / f"{stem}.json"
    if not path.is_file():
        return (), ()
    payload = json.loads(path.read_text(encoding="utf-8"))
    figures = tuple(
        FigureRecord(**{**f, "records": tuple(f["records"]), "files": tuple(f["files"])})
        for f in payload["figures"]
    )
    numbers = tuple(NumberRecord(**{**n, "records": tuple(n["records"])})
                    for n in payload["numbers"])
    return figures, numbers


async def _run_all(paths: Sequence[Path], staging: Path, timeout: int, jobs: int,
                   report: Any) -> list[NotebookRun | BaseException]:
    semaphore = asyncio.Semaphore(jobs)
    total = len(paths)

    async def one(position: int, path: Path) -> NotebookRun:
        async with semaphore:
            try:
                run = await _run_notebook(path, staging, timeout)
            except NotebookFailed:
                task = asyncio.current_task()
                if task is not None and task.cancelling():  # interrupted: say nothing more
                    raise asyncio.CancelledError from None
                report(f"[{position}/{total}] {path.name:<34} FAILED")
                raise
            report(
                f"[{position}/{total}] {path.name:<34} {run.seconds:5.1f} s  "
                f"({len(run.figures)} figures, {len(run.numbers)} numbers)"
            )
            return run

    tasks = [one(i, p) for i, p in enumerate(paths, start=1)]
    return await asyncio.gather(*tasks, return_exceptions=True)


def _run_interruptibly(make_coroutine: Any) -> Any:
    """Run a coroutine on an event loop in a worker thread; Ctrl-C cancels it cleanly.

    nbclient installs its own SIGINT handler on the main thread's event loop, which shuts one
    kernel down and lets the others run on. On a worker thread it installs none, so Ctrl-C reaches
    the main thread as KeyboardInterrupt: every kernel of the build is then killed, the task
    cancelled and the interrupt re-raised (the caller removes the staging folder).
    """
    state: dict[str, Any] = {}
    ready = threading.Event()

    def work() -> None:
        loop = asyncio.new_event_loop()
        try:
            task = loop.create_task(make_coroutine())
            state["loop"], state["task"] = loop, task
            ready.set()
            state["value"] = loop.run_until_complete(task)
        except BaseException as err:  # handed to the main thread
            state["error"] = err
        finally:
            ready.set()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=work, name="pctstats-build", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
    except KeyboardInterrupt:
        _kill_running_kernels()
        ready.wait(5)
        if "task" in state:
            state["loop"].call_soon_threadsafe(state["task"].cancel)
        thread.join(5)  # jupyter_client's clean-up can hang on a killed kernel: do not wait long
        raise
    if "error" in state:
        raise state["error"]
    return state["value"]


def _kill_running_kernels() -> None:
    """Kill every kernel this build started (each leads its own process group)."""
    import signal

    for client, manager in list(_RUNNING.values()):
        atexit.unregister(client._cleanup_kernel)  # its clean-up would wait on a dead kernel
        pid = getattr(getattr(manager, "provisioner", None), "pid", None)
        if pid:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)


# --------------------------------------------------------------------------------------------
# Collected outputs
# --------------------------------------------------------------------------------------------


def _check_collisions(runs: Sequence[NotebookRun]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for run in runs:
        for kind, names in (("figure", [f.name for f in run.figures]),
                            ("number", [n.name for n in run.numbers])):
            for name in names:
                key = f"{kind} {name}"
                if key in seen:
                    problems.append(f"{key!s} is declared by both {seen[key]} and {run.notebook}")
                seen[key] = run.notebook
    if problems:
        raise BuildError("; ".join(problems))


def numbers_json(numbers: Sequence[NumberRecord]) -> bytes:
    """The content of ``numbers.json``: every quoted number by name, keys sorted.

    Examples
    --------
    >>> n = NumberRecord("Example", "41", 41, "%", "an example", ("maczkowiack2019",), "03")
    >>> print(numbers_json([n]).decode())  # doctest: +NORMALIZE_WHITESPACE
    {
      "Example": {
        "description": "an example",
        "notebook": "03",
        "records": [
          "maczkowiack2019"
        ],
        "text": "41",
        "unit": "%",
        "value": 41
      }
    }
    """
    payload = {n.name: {k: v for k, v in asdict(n).items() if k != "name"} for n in numbers}
    return _json_bytes(payload)


_TEX_SPECIAL: Final = {
    "\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def tex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters.

    Examples
    --------
    >>> tex_escape("5% & 10_000")
    '5\\% \\& 10\\_000'
    """
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in text)


def numbers_tex(numbers: Sequence[NumberRecord]) -> bytes:
    r"""The content of ``numbers.tex``: one ``\newcommand`` per number, sorted by name.

    Examples
    --------
    >>> n = NumberRecord("Example", "41", 41, "%", "an example", ("maczkowiack2019",), "03")
    >>> print(numbers_tex([n]).decode().splitlines()[-1])
    \newcommand{\Example}{41}
    """
    lines = [
        "% Numbers quoted by the pctstats notebooks. Generated by `make figures`",
        "% (python -m pctstats.build): do not edit. Use them in a paper with \\input{numbers.tex};",
        "% a macro holds the number only, so write e.g. \\PCDLifetimeMen\\,\\% for a percentage.",
    ]
    for n in sorted(numbers, key=lambda n: n.name):
        unit = f" [{n.unit}]" if n.unit else ""
        comment = " ".join(f"{n.description}{unit}; {n.notebook}; {', '.join(n.records)}".split())
        lines += ["", f"% {comment}", f"\\newcommand{{\\{n.name}}}{{{tex_escape(n.text)}}}"]
    return ("\n".join(lines) + "\n").encode()


def readme(runs: Sequence[NotebookRun]) -> bytes:
    """The content of ``README.md``: each figure with its notebook, caption and records.

    Parameters
    ----------
    runs : sequence of NotebookRun
        The executed notebooks, in name order.

    Returns
    -------
    bytes
        The Markdown text, UTF-8 encoded.

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence.", ("bird2011-lifetime",),
    ...                    "03_prevalence_pooling", ("forest_lifetime.png",))
    >>> text = readme([NotebookRun("03_prevalence_pooling", 4.2, (fig,), ())]).decode()
    >>> text.splitlines()[0]
    '# Figures and quoted numbers'
    >>> print(text[text.index("### `forest_lifetime`"):text.index("## Numbers")].strip())
    ### `forest_lifetime`
    <BLANKLINE>
    ![forest_lifetime](forest_lifetime.png)
    <BLANKLINE>
    - Files: `forest_lifetime.png`
    - Notebook: `notebooks/03_prevalence_pooling.ipynb`
    - Records: `bird2011-lifetime`
    <BLANKLINE>
    Lifetime prevalence.
    """
    import matplotlib

    lines = [
        "# Figures and quoted numbers",
        "",
        "Generated by `make figures` (`python -m pctstats.build`) from the notebooks in "
        "`notebooks/` and the record set in `data/`; do not edit, the build rewrites every file "
        "here. Each figure is written as PNG (300 dpi), SVG and PDF. Every number the notebooks "
        "quote is in `numbers.json` and, as a LaTeX macro, in `numbers.tex`.",
        "",
        f"Drawn with matplotlib {matplotlib.__version__} in DejaVu Sans; colours from the "
        "Okabe–Ito palette, with markers and line styles that also read in greyscale.",
        "",
        "## Figures",
    ]
    for run in runs:
        for f in run.figures:
            lines += [
                "",
                f"### `{f.name}`",
                "",
                f"![{f.name}]({f.name}.png)",
                "",
                f"{_FILES_PREFIX}{', '.join(f'`{x}`' for x in f.files)}",
                f"- Notebook: `notebooks/{run.notebook}.ipynb`",
                f"- Records: {', '.join(f'`{r}`' for r in f.records)}",
                "",
                f.caption,
            ]
    lines += [
        "",
        "## Numbers",
        "",
        "| Macro | Value | Unit | What | Notebook | Records |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs:
        for n in run.numbers:
            what = n.description.replace("|", "\\|")
            lines.append(
                f"| `\\{n.name}` | {n.text} | {n.unit} | {what} | `{run.notebook}` | "
                f"{', '.join(n.records)} |"
            )
    return ("\n".join(lines) + "\n").encode()


def _previous_files(out_dir: Path) -> set[str]:
    """The figure files a previous build wrote into ``out_dir``, as its README.md lists them."""
    readme_path = out_dir / README
    if not readme_path.is_file():
        return set()
    files: set[str] = set()
    for line in readme_path.read_text(encoding="utf-8").splitlines():
        if line.startswith(_FILES_PREFIX):
            files.update(re.findall(r"`([^`/]+)`", line))
    return files


def _install(staging: Path, out_dir: Path, produced: Mapping[str, bytes | None]) -> tuple[
        list[str], list[str], list[str]]:
    """Move the staged files into ``out_dir``; remove the previous build's figures now undeclared.

    Only figures listed in the previous README.md are removed: other files are never touched.
    """
    stale = sorted(_previous_files(out_dir) - set(produced))
    written, unchanged, removed = [], [], []
    for name in sorted(produced):
        source, target = staging / name, out_dir / name
        if target.is_file() and target.read_bytes() == source.read_bytes():
            unchanged.append(name)
            continue
        os.replace(source, target)
        written.append(name)
    for name in stale:
        path = out_dir / name
        if path.is_file() and path.suffix in _OWNED_SUFFIXES:
            path.unlink()
            removed.append(name)
    return written, unchanged, removed


def build(
    out_dir: str | os.PathLike[str] | None = None,
    *,
    notebooks: Sequence[str | os.PathLike[str]] | None = None,
    jobs: int | None = None,
    timeout: int = CELL_TIMEOUT,
    quiet: bool = False,
) -> BuildResult:
    """Execute the notebooks and write every figure and quoted number into ``out_dir``.

    Parameters
    ----------
    out_dir : path, optional
        The output folder (created if missing). Default: :func:`default_output_dir`.
    notebooks : sequence of paths, optional
        The notebooks to execute; default every ``notebooks/*.ipynb``. numbers.json, numbers.tex
        and README.md describe exactly the notebooks executed.
    jobs : int, optional
        Notebooks executed at once; default ``min(2, os.cpu_count())``.
    timeout : int
        Seconds a cell may run.
    quiet : bool
        If True, print nothing; otherwise one line per notebook with its time.

    Returns
    -------
    BuildResult
        What was executed, written, left unchanged and removed.

    Raises
    ------
    NotebookFailed
        If a cell fails (the message names the notebook and the cell); nothing is written.
    BuildError
        If two notebooks declare the same figure or number.

    Examples
    --------
    A real build runs every notebook (about a minute: ``make figures``). Asked for a notebook
    that does not exist, it stops before starting any kernel and writes nothing:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     try:
    ...         build(out, notebooks=["no_such_notebook.ipynb"], quiet=True)
    ...     except BuildError as err:
    ...         print(err)
    ...     sorted(Path(out).iterdir())
    no such notebook: ...no_such_notebook.ipynb
    []
    """
    started = time.perf_counter()
    _check_environment()
    out = Path(out_dir) if out_dir is not None else default_output_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p).resolve() for p in notebooks] if notebooks is not None else notebook_paths()
    if not paths:
        raise BuildError(f"no notebooks to execute in {repo_path('notebooks')}")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise BuildError(f"no such notebook: {', '.join(missing)}")
    jobs = jobs or min(2, os.cpu_count() or 1)

    def report(line: str) -> None:
        if not quiet:
            print(line, flush=True)

    staging = Path(tempfile.mkdtemp(dir=out, prefix=_STAGING_PREFIX))
    try:
        outcomes = _run_interruptibly(lambda: _run_all(paths, staging, timeout, jobs, report))
        failures = [o for o in outcomes if isinstance(o, BaseException)]
        if failures:
            first = failures[0]
            if isinstance(first, NotebookFailed):
                if len(failures) > 1:
                    others = ", ".join(getattr(f, "notebook", "?") for f in failures[1:])
                    first.args = (f"{first.args[0]}\n(also failed: {others})",)
                raise first
            raise first
        runs = [o for o in outcomes if isinstance(o, NotebookRun)]
        _check_collisions(runs)
        numbers = [n for run in runs for n in run.numbers]
        produced: dict[str, bytes | None] = {}
        for run in runs:
            for figure in run.figures:
                for file in figure.files:
                    if not (staging / file).is_file():
                        raise BuildError(f"{run.notebook}: figure file {file} was not written")
                    produced[file] = None
        for name, content in ((NUMBERS_JSON, numbers_json(numbers)),
                              (NUMBERS_TEX, numbers_tex(numbers)), (README, readme(runs))):
            atomic_write_bytes(staging / name, content)
            produced[name] = content
        written, unchanged, removed = _install(staging, out, produced)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = BuildResult(out, tuple(runs), tuple(written), tuple(unchanged), tuple(removed),
                         time.perf_counter() - started)
    report(
        f"{_display(out)}: {len(written)} files written, {len(unchanged)} unchanged, "
        f"{len(removed)} removed ({result.seconds:.1f} s)"
    )
    return result


def _display(path: Path) -> str:
    try:
        return f"{path.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{path}/"


def _check_environment() -> None:
    """Fail early, in a sentence, if the notebook tools are missing."""
    import importlib.util

    missing = [m for m in ("nbclient", "nbformat", "ipykernel", "matplotlib")
               if importlib.util.find_spec(m) is None]
    if missing:
        raise BuildError(
            f"the figure build needs {', '.join(missing)}; install the notebooks extra: "
            f"{sys.executable} -m pip install -e '.[notebooks]' (or run `make figures`)"
        )
    from matplotlib import font_manager

    font = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    shipped = Path(font_manager.__file__).parent / "mpl-data" / "fonts"
    if shipped not in font.parents:
        raise BuildError(
            f"matplotlib resolves DejaVu Sans to {font}, not the copy it ships ({shipped}); "
            "figures would depend on this machine's fonts. Delete matplotlib's font cache "
            "(python -c 'import matplotlib; print(matplotlib.get_cachedir())') and retry."
        )


def compare_dirs(built: Path, committed: Path) -> list[str]:
    """Names of the files that differ between two output folders (missing on either side too).

    Examples
    --------
    >>> import tempfile
    >>> a, b = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (a / "x.png").write_bytes(b"1"); _ = (b / "x.png").write_bytes(b"2")
    >>> compare_dirs(a, b)
    ['x.png']
    """

    def listing(folder: Path) -> dict[str, Path]:
        return {p.name: p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}

    left, right = listing(built), listing(committed)
    return sorted(
        name for name in set(left) | set(right)
        if name not in left or name not in right
        or left[name].read_bytes() != right[name].read_bytes()
    )


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m pctstats.build [--out DIR] [--check] [--jobs N]``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 if a notebook failed or ``--check`` found differences.

    Examples
    --------
    A failure is reported in a sentence on standard error, with exit status 1:

    >>> import contextlib, io, tempfile
    >>> stderr = io.StringIO()
    >>> with tempfile.TemporaryDirectory() as out, contextlib.redirect_stderr(stderr):
    ...     main(["--out", out, "--notebook", "no_such_notebook.ipynb"])
    1
    >>> print(stderr.getvalue().strip())
    make figures: no such notebook: ...no_such_notebook.ipynb
    """
    parser = argparse.ArgumentParser(
        prog="python -m pctstats.build",
        description="Execute the notebooks; write every figure and quoted number.",
    )
    parser.add_argument("--out", type=Path, default=None,
                        help=f"output folder (default: ${FIGURES_DIR_ENV} or figures/)")
    parser.add_argument("--check", action="store_true",
                        help="build into a temporary folder and compare it with the output "
                             "folder byte for byte; change nothing")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks executed at once (default: 2, or 1 on one core)")
    parser.add_argument("--notebook", type=Path, action="append", default=None,
                        metavar="PATH",
                        help="execute only this notebook (repeatable; for debugging: the "
                             "numbers and README then describe only these notebooks)")
    parser.add_argument("--traceback", action="store_true",
                        help="on a failure, also print the kernel's traceback")
    args = parser.parse_args(argv)
    target = args.out if args.out is not None else default_output_dir()
    try:
        if args.check:
            with tempfile.TemporaryDirectory(prefix="pctstats-check-") as scratch:
                build(scratch, notebooks=args.notebook, jobs=args.jobs)
                differing = compare_dirs(Path(scratch), target)
            if differing:
                print(f"{_display(target)} differs from a fresh build in: {', '.join(differing)}"
                      "\nRun `make figures` and commit the result.", file=sys.stderr)
                return 1
            print(f"{_display(target)} is identical to a fresh build.")
            return 0
        build(target, notebooks=args.notebook, jobs=args.jobs)
    except NotebookFailed as err:
        if args.traceback and err.traceback:
            print(err.traceback, file=sys.stderr)
        print(f"\nmake figures: {err}", file=sys.stderr)
        if not args.traceback:
            print("(run `python -m pctstats.build --traceback` for the full traceback, or open "
                  "the notebook in Jupyter)", file=sys.stderr)
        return 1
    except BuildError as err:
        print(f"\nmake figures: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nmake figures: interrupted; the output folder was left as it was.",
              file=sys.stderr, flush=True)
        sys.stdout.flush()
        # exit now: jupyter_client's exit-time clean-up of killed kernels can hang
        os._exit(130)
    return 0


if __name__ == "__main__":
    sys.exit(main())
