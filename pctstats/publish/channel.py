"""How a notebook's kernel and the build talk: the one mechanism, stated here only.

A build starts each notebook's kernel with two environment variables (:func:`kernel_env`):

- :data:`STAGING_ENV`: the staging folder the kernel writes its figure files into;
- :data:`NOTEBOOK_ENV`: the notebook being executed (its file stem).

Each declaration a kernel makes (:mod:`pctstats.publish.declare`) rewrites one JSON file,
``<staging>/.declarations/<notebook>.json`` (:func:`write_declarations`), holding every figure and
number the notebook has declared so far. When the notebook has run, the build reads that file
back (:func:`read_declarations`). Without :data:`STAGING_ENV` (a notebook opened in Jupyter) no
build is running and nothing is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Final

from pctstats.core.files import atomic_write_bytes, json_bytes
from pctstats.core.paths import FIGURES_DIR_ENV
from pctstats.publish.records import FigureRecord, NumberRecord

__all__ = [
    "DECLARATIONS_DIR", "NOTEBOOK_ENV", "STAGING_ENV", "building", "current_notebook",
    "kernel_env", "read_declarations", "staging_dir", "write_declarations",
]

#: Set by the build in each kernel: the staging folder the kernel writes into.
STAGING_ENV: Final = "PCTSTATS_BUILD_STAGING"
#: Set by the build in each kernel: the notebook being executed (file stem).
NOTEBOOK_ENV: Final = "PCTSTATS_BUILD_NOTEBOOK"
#: Subfolder of the staging folder holding each notebook's declarations.
DECLARATIONS_DIR: Final = ".declarations"


def building() -> bool:
    """Whether this process is a kernel of a running build (so declarations write files).

    Returns
    -------
    bool
        True when :data:`STAGING_ENV` is set (the build sets it in each kernel it starts).

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(STAGING_ENV, None)
    ...     building()
    False
    """
    return bool(os.environ.get(STAGING_ENV))


def staging_dir() -> Path:
    """The staging folder of the running build (call only when :func:`building`).

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {STAGING_ENV: "/tmp/staging"}):
    ...     staging_dir()
    PosixPath('/tmp/staging')
    """
    return Path(os.environ[STAGING_ENV])


def current_notebook() -> str | None:
    """The notebook this kernel executes for a build (its file stem), or ``None``.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {NOTEBOOK_ENV: "03_prevalence_pooling"}):
    ...     current_notebook()
    '03_prevalence_pooling'
    """
    return os.environ.get(NOTEBOOK_ENV) or None


def kernel_env(staging: Path, notebook: str) -> dict[str, str]:
    """The environment of a notebook's kernel: this one, plus the build's and reproducibility's.

    Parameters
    ----------
    staging : pathlib.Path
        The staging folder (:data:`STAGING_ENV`).
    notebook : str
        The notebook's file stem (:data:`NOTEBOOK_ENV`).

    Returns
    -------
    dict of str to str
        ``os.environ`` with the two variables, the Agg backend, ``PYTHONHASHSEED=0``, and without
        the output-folder override (a kernel writes into the staging folder only).

    Examples
    --------
    >>> env = kernel_env(Path("/tmp/staging"), "01_record_set")
    >>> env[STAGING_ENV], env[NOTEBOOK_ENV], env["PYTHONHASHSEED"]
    ('/tmp/staging', '01_record_set', '0')
    """
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


def write_declarations(figures: Sequence[FigureRecord], numbers: Sequence[NumberRecord]) -> Path:
    """In a build's kernel, write every declaration so far for the build to read.

    Examples
    --------
    >>> import tempfile
    >>> from unittest import mock
    >>> staging = tempfile.mkdtemp()
    >>> with mock.patch.dict(os.environ, {STAGING_ENV: staging, NOTEBOOK_ENV: "99_example"}):
    ...     write_declarations([], []).name
    '99_example.json'
    """
    notebook = current_notebook() or "notebook"
    payload = {
        "notebook": notebook,
        "figures": [asdict(f) for f in figures],
        "numbers": [asdict(n) for n in numbers],
    }
    path = staging_dir() / DECLARATIONS_DIR / f"{notebook}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_bytes(path, json_bytes(payload))


def read_declarations(staging: Path, notebook: str) -> tuple[tuple[FigureRecord, ...],
                                                             tuple[NumberRecord, ...]]:
    """The figures and numbers a notebook's kernel declared (none if it declared nothing).

    Examples
    --------
    >>> import tempfile
    >>> read_declarations(Path(tempfile.mkdtemp()), "01_record_set")
    ((), ())
    """
    path = staging / DECLARATIONS_DIR / f"{notebook}.json"
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
