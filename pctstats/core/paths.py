"""Where pctstats' files are: one place, so that nothing depends on the current directory.

The record set ships inside the package (``pctstats/_data`` in a wheel); in a source checkout
(editable install) it is the repository's ``data/`` folder. Notebooks and the figure build find
the repository's folders from here too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

__all__ = [
    "DATA_DIR_ENV",
    "FIGURES_DIR_ENV", "PACKAGE_DIR", "REPO_ROOT", "data_dir", "figures_dir", "repo_path",
]

#: Environment variable that overrides the figure build's output folder.
FIGURES_DIR_ENV: Final = "PCTSTATS_FIGURES_DIR"

#: Environment variable naming another record set's folder for :func:`data_dir`.
DATA_DIR_ENV = "PCTSTATS_DATA"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The repository root when running from a checkout (``None`` from an installed wheel).
REPO_ROOT: Path | None = (
    PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "pyproject.toml").is_file() else None
)


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the CSV records.

    ``PCTSTATS_DATA`` (:data:`DATA_DIR_ENV`) names another record set's folder: a copy with
    records added, whose figures ``pctstats figures --out DIR`` then builds (the notebooks'
    kernels inherit it).

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    shipped = PACKAGE_DIR / "_data"
    if (shipped / "datapackage.json").is_file():
        return shipped
    if REPO_ROOT is not None and (REPO_ROOT / "data" / "datapackage.json").is_file():
        return REPO_ROOT / "data"
    raise FileNotFoundError(
        "pctstats cannot find its record set: neither the installed package's _data folder nor a "
        "checkout's data/ folder holds datapackage.json"
    )


def repo_path(*parts: str) -> Path:
    """A path inside the source checkout (notebooks, figures); an error from an installed wheel.

    Examples
    --------
    >>> repo_path("notebooks").name
    'notebooks'
    """
    if REPO_ROOT is None:
        raise FileNotFoundError(
            "this needs a source checkout of pctstats: notebooks/ and figures/ are not installed "
            "with the package (clone the repository and run `make figures` there)"
        )
    return REPO_ROOT.joinpath(*parts)


def figures_dir() -> Path:
    """The figure build's output folder: ``$PCTSTATS_FIGURES_DIR`` if set, else ``figures/``.

    The build writes there unless given another folder, and the report links the figures it
    finds there.

    Returns
    -------
    pathlib.Path
        The folder; ``figures/`` of the checkout by default.

    Raises
    ------
    FileNotFoundError
        From an installed wheel (no checkout) when the variable is not set.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(FIGURES_DIR_ENV, None)
    ...     figures_dir() == repo_path("figures")
    True
    >>> with mock.patch.dict(os.environ, {FIGURES_DIR_ENV: "my-figures"}):
    ...     figures_dir().name
    'my-figures'
    """
    override = os.environ.get(FIGURES_DIR_ENV)
    return Path(override) if override else repo_path("figures")
