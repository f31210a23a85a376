"""One figure build from start to end (:func:`build`), and the byte-for-byte check (:func:`check`).

:func:`build` checks the environment, executes every notebook of ``notebooks/``
(:mod:`pctstats.publish.execute`) with its kernels writing into a staging folder inside the
output folder, collects what they declared, renders numbers.json, numbers.tex and README.md
(:mod:`pctstats.publish.outputs`) and installs everything at once. A failed or interrupted build
leaves the output folder as it was.

The output folder is ``figures/`` of the checkout, or the environment variable
``PCTSTATS_FIGURES_DIR`` (:func:`pctstats.core.paths.figures_dir`), or ``out_dir``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from pctstats.core.files import atomic_write_bytes
from pctstats.core.paths import figures_dir, repo_path
from pctstats.publish.errors import BuildError
from pctstats.publish.execute import CELL_TIMEOUT, check_environment, run_notebooks
from pctstats.publish.outputs import (
    NUMBERS_JSON,
    NUMBERS_TEX,
    README,
    check_collisions,
    compare_dirs,
    install,
    numbers_json,
    numbers_tex,
    readme,
)
from pctstats.publish.records import BuildResult

__all__ = ["build", "check", "display_path", "notebook_paths"]

_STAGING_PREFIX: Final = ".tmp-build-"


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


def display_path(path: Path) -> str:
    """A folder as a message shows it: relative to the current directory when inside it.

    Examples
    --------
    >>> display_path(Path.cwd() / "figures")
    'figures/'
    """
    try:
        return f"{path.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{path}/"


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
        The output folder (created if missing). Default: :func:`pctstats.core.paths.figures_dir`.
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
    check_environment()
    out = Path(out_dir) if out_dir is not None else figures_dir()
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
        runs = run_notebooks(paths, staging, jobs=jobs, timeout=timeout, report=report)
        check_collisions(runs)
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
        written, unchanged, removed = install(staging, out, produced)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = BuildResult(out, tuple(runs), tuple(written), tuple(unchanged), tuple(removed),
                         time.perf_counter() - started)
    report(
        f"{display_path(out)}: {len(written)} files written, {len(unchanged)} unchanged, "
        f"{len(removed)} removed ({result.seconds:.1f} s)"
    )
    return result


def check(
    out_dir: str | os.PathLike[str] | None = None,
    *,
    notebooks: Sequence[str | os.PathLike[str]] | None = None,
    jobs: int | None = None,
) -> list[str]:
    """Build into a temporary folder and compare it with ``out_dir`` byte for byte.

    Parameters
    ----------
    out_dir : path, optional
        The output folder to compare; default :func:`pctstats.core.paths.figures_dir`.
    notebooks, jobs
        As for :func:`build`.

    Returns
    -------
    list of str
        The files that differ (or exist on one side only); empty when identical. Nothing in
        ``out_dir`` changes.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     try:
    ...         check(out, notebooks=["no_such_notebook.ipynb"])
    ...     except BuildError as err:
    ...         print(err)
    no such notebook: ...no_such_notebook.ipynb
    """
    target = Path(out_dir) if out_dir is not None else figures_dir()
    with tempfile.TemporaryDirectory(prefix="pctstats-check-") as scratch:
        build(scratch, notebooks=notebooks, jobs=jobs)
        return compare_dirs(Path(scratch), target)
