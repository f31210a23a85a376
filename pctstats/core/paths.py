"""Where pctstats' files are: one place, so that nothing depends on the current directory.

The record set ships inside the package (``pctstats/_data`` in a wheel); in a source checkout
(editable install) it is the repository's ``data/`` folder. Notebooks and the figure build find
the repository's folders from here too.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The repository root when running from a checkout (``None`` from an installed wheel).
REPO_ROOT: Path | None = (
    PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "pyproject.toml").is_file() else None
)


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the CSV records.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
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
