"""Executing the notebooks, each top to bottom in a fresh kernel of this interpreter.

Each notebook runs through nbclient's public API (:class:`nbclient.NotebookClient`,
``setup_kernel`` and ``execute_cell``) in a worker process of a
:class:`concurrent.futures.ProcessPoolExecutor` (``jobs`` notebooks at once):

- its working directory is an empty temporary folder, so nothing in it can depend on the current
  directory;
- its kernel is this interpreter's ipykernel, whatever kernelspecs the machine has installed: the
  kernel manager is given a kernelspec folder holding one spec, written for this run, that starts
  ``sys.executable -m ipykernel_launcher``;
- its environment is :func:`pctstats.publish.channel.kernel_env`, so its declarations land in the
  staging folder, from where :func:`run_notebooks` reads them back.

A failing cell, a timeout or a kernel that dies or will not start becomes :class:`NotebookFailed`,
which names the notebook and the cell.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Final

from pctstats.publish.channel import kernel_env, read_declarations
from pctstats.publish.errors import BuildError, NotebookFailed
from pctstats.publish.records import NotebookRun

__all__ = [
    "CELL_TIMEOUT", "KERNEL_NAME", "KERNEL_STARTUP_TIMEOUT", "check_environment", "run_notebook",
    "run_notebooks",
]

#: Seconds one cell may run before the build gives up on it.
CELL_TIMEOUT: Final = 300
#: Seconds a kernel may take to answer its first request. nbclient's default, 60, was once too
#: short for the first kernel of a freshly made environment on a loaded two-core machine.
KERNEL_STARTUP_TIMEOUT: Final = 240
#: Name of the kernelspec the build writes for each run (this interpreter's ipykernel).
KERNEL_NAME: Final = "pctstats-build"
#: Modules the build needs beyond the package's own dependencies (the ``notebooks`` extra).
_NEEDED: Final = ("nbclient", "nbformat", "ipykernel")

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def check_environment() -> None:
    """Fail early, in a sentence, if the notebook tools are missing or the fonts are not shipped.

    Raises
    ------
    BuildError
        If nbclient, nbformat or ipykernel is missing, or matplotlib resolves DejaVu Sans to a
        copy other than the one it ships.

    Examples
    --------
    >>> check_environment()  # the notebooks extra is installed here
    """
    missing = [m for m in _NEEDED if importlib.util.find_spec(m) is None]
    if missing:
        raise BuildError(
            f"the figure build needs {', '.join(missing)}; install the notebooks extra: "
            f"{sys.executable} -m pip install -e '.[notebooks]' (or run `make figures`)"
        )
    from matplotlib import font_manager  # the font cache is read only when a build runs

    font = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    shipped = Path(font_manager.__file__).parent / "mpl-data" / "fonts"
    if shipped not in font.parents:
        raise BuildError(
            f"matplotlib resolves DejaVu Sans to {font}, not the copy it ships ({shipped}); "
            "figures would depend on this machine's fonts. Delete matplotlib's font cache "
            "(python -c 'import matplotlib; print(matplotlib.get_cachedir())') and retry."
        )


def _write_kernelspec(folder: Path) -> Path:
    """Write a kernelspec folder whose one spec starts this interpreter's ipykernel."""
    spec = folder / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python {sys.version_info.major} (pctstats build)",
        "language": "python",
        "metadata": {"debugger": False},
    }), encoding="utf-8")
    return folder


def _error_text(err: BaseException) -> str:
    name = getattr(err, "ename", None) or type(err).__name__
    value = getattr(err, "evalue", None)
    if value is None:
        value = str(err).strip().splitlines()[-1] if str(err).strip() else ""
    return _ANSI.sub("", f"{name}: {value}" if value else name)


def run_notebook(path: Path, staging: Path, timeout: int = CELL_TIMEOUT) -> NotebookRun:
    """Execute one notebook in a fresh kernel; return what it declared.

    Parameters
    ----------
    path : pathlib.Path
        The notebook.
    staging : pathlib.Path
        The build's staging folder: the kernel writes its figures and declarations there.
    timeout : int
        Seconds a cell may run.

    Returns
    -------
    NotebookRun
        The notebook's name, time, figures and numbers.

    Raises
    ------
    NotebookFailed
        If a cell fails or times out, or the kernel dies or will not start.

    Examples
    --------
    >>> import nbformat, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    >>> nbformat.write(nb, folder / "broken.ipynb")
    >>> try:
    ...     run_notebook(folder / "broken.ipynb", folder)
    ... except NotebookFailed as err:
    ...     print(err.cell, err.error)
    0 ZeroDivisionError: division by zero
    """
    # the notebooks extra: imported when a notebook runs, so that check_environment can say
    # in a sentence that it is missing
    import nbformat
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    workdir = Path(tempfile.mkdtemp(prefix="pctstats-"))
    specs = KernelSpecManager(kernel_dirs=[str(_write_kernelspec(workdir / "kernels"))])
    manager = AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)
    client = NotebookClient(nb, km=manager, timeout=timeout, kernel_name=KERNEL_NAME,
                            startup_timeout=KERNEL_STARTUP_TIMEOUT,
                            allow_errors=False, record_timing=False,
                            resources={"metadata": {"path": str(workdir)}})
    start = time.perf_counter()
    index: int | None = None
    log_path = workdir / "kernel.log"
    try:
        with log_path.open("wb") as log, client.setup_kernel(
            env=kernel_env(staging, path.stem), cwd=str(workdir), stdout=log, stderr=log,
            cleanup_kc=True,
        ):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
    except CellExecutionError as err:
        source = nb.cells[index].source if index is not None else ""
        raise NotebookFailed(path.name, index, _error_text(err), source,
                             _ANSI.sub("", str(err))) from None
    except Exception as err:  # timeouts, a dead kernel, a kernel that will not start
        source = nb.cells[index].source if index is not None else ""
        log_text = log_path.read_text(errors="replace") if log_path.is_file() else ""
        raise NotebookFailed(path.name, index, _error_text(err), source, log_text) from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    seconds = time.perf_counter() - start
    figures, numbers = read_declarations(staging, path.stem)
    return NotebookRun(path.stem, seconds, figures, numbers)


def run_notebooks(paths: Sequence[Path], staging: Path, *, jobs: int, timeout: int = CELL_TIMEOUT,
                  report: Callable[[str], None] = print) -> list[NotebookRun]:
    """Execute notebooks, ``jobs`` at once, each in its own worker process and kernel.

    Parameters
    ----------
    paths : sequence of pathlib.Path
        The notebooks, in the order their runs are returned.
    staging : pathlib.Path
        The build's staging folder.
    jobs : int
        Notebooks executed at once.
    timeout : int
        Seconds a cell may run.
    report : callable
        Called with one line per notebook as it finishes (its time, or FAILED).

    Returns
    -------
    list of NotebookRun
        One per notebook, in the order of ``paths``.

    Raises
    ------
    NotebookFailed
        If a notebook failed, after every notebook has finished: the first in ``paths`` order,
        naming the others that failed too.

    Examples
    --------
    >>> import tempfile
    >>> run_notebooks([], Path(tempfile.mkdtemp()), jobs=1)
    []
    """
    total = len(paths)
    outcomes: dict[Path, NotebookRun | BaseException] = {}
    interrupted = False

    def finished(position: int, path: Path, future: Future[NotebookRun]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            outcomes[path] = error
            if interrupted:  # the build says so, once
                return
            report(f"[{position}/{total}] {path.name:<34} FAILED")
            return
        run = outcomes[path] = future.result()
        report(f"[{position}/{total}] {path.name:<34} {run.seconds:5.1f} s  "
               f"({len(run.figures)} figures, {len(run.numbers)} numbers)")

    if not paths:
        return []
    executor = ProcessPoolExecutor(max_workers=min(jobs, total))
    try:
        for position, path in enumerate(paths, start=1):
            future = executor.submit(run_notebook, path, staging, timeout)
            future.add_done_callback(lambda f, i=position, p=path: finished(i, p, f))
        executor.shutdown(wait=True)
    except KeyboardInterrupt:
        interrupted = True
        # Ctrl-C in a terminal reaches the whole process group, the workers too: each shuts its
        # kernel down (the clean-up of setup_kernel) and returns; queued notebooks never start
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    failures = [outcomes[p] for p in paths if isinstance(outcomes.get(p), BaseException)]
    if failures:
        first = failures[0]
        if isinstance(first, NotebookFailed) and len(failures) > 1:
            others = ", ".join(getattr(f, "notebook", "?") for f in failures[1:])
            first.args = (f"{first.args[0]}\n(also failed: {others})",)
        raise first
    return [outcomes[p] for p in paths]  # type: ignore[misc]
