"""Audit many articles: files and folders, over processes (``--jobs N``) with a progress bar.

:func:`audit_text` is a pure function of a text and the record set, so a corpus maps over
processes: :func:`audit_files` reads each file, audits it, and returns the articles in the order
given, each with its audit or with the error that stopped it (a bad file never stops the others).
:func:`audit_records` is the same work for one file as plain records, the shape a Dask bag [1]_
maps over a cluster::

    import dask.bag as bag
    records = bag.from_sequence(paths, npartitions=64).map(audit_records).flatten()
    frame = records.to_dataframe().compute()      # or pd.DataFrame(records.compute())

References
----------
.. [1] Dask Development Team (2016). Dask: library for dynamic task scheduling.
   https://docs.dask.org/en/stable/bag.html

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Nearly half of women felt it.", encoding="utf-8")
>>> [(name, len(frame)) for name, _, frame, error in audit_files([folder], progress=False)]
[('a.txt', 1)]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Final

import pandas as pd
from tqdm import tqdm

from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.data.dataset import Dataset, dataset_or_default, load
from pctstats.text.audit import audit_text
from pctstats.text.reading import TEXT_SUFFIXES, ArticleError, read_article

__all__ = [
    "CHUNK",
    "Outcome",
    "audit_files",
    "audit_records",
    "collect_files",
]

#: One article's outcome: its name, the text audited, the audit, and the error (or ``None``).
Outcome = tuple[str, str, pd.DataFrame | None, str | None]
#: Files per task handed to a worker process at once.
CHUNK: Final = 4


def collect_files(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """The articles named: files as given, folders' text/Markdown/HTML files (sorted, recursive).

    Returns
    -------
    list of tuple
        ``(name, path)``: the name shown (relative to a folder given) and the path to read; ``-``
        is standard input.

    Raises
    ------
    ArticleError
        If a path does not exist, or a folder holds no article file.

    Examples
    --------
    >>> collect_files(["-"])
    [('-', '-')]
    """
    out = []
    for given in paths:
        path = Path(given)
        if str(given) == "-":
            out.append(("-", "-"))
        elif path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            if not files:
                raise ArticleError(
                    str(path), f"is a folder with no {', '.join(sorted(TEXT_SUFFIXES))} file"
                )
            out += [(str(p.relative_to(path)), str(p)) for p in files]
        elif path.exists():
            out.append((str(given), str(path)))
        else:
            raise ArticleError(str(given), "cannot be read: no such file or folder")
    return out


def _one(
    item: tuple[str, str], db: Dataset | None, data: str | None, rounding: str
) -> Outcome:
    name, path = item
    try:
        text = read_article(path)
    except ArticleError as err:
        return name, "", None, err.problem
    if db is None:
        db = dataset_or_default(None) if data is None else load(data)
    return name, text, audit_text(text, db=db, rounding=rounding), None


def _chunk(
    items: Sequence[tuple[str, str]], data: str | None, rounding: str
) -> list[Outcome]:
    return [_one(item, None, data, rounding) for item in items]


def audit_files(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    progress: bool = True,
    data: str | Path | None = None,
    rounding: str = DEFAULT_ROUNDING,
) -> list[Outcome]:
    """Audit every article named (files, folders, ``-``), over ``jobs`` processes.

    Parameters
    ----------
    paths
        Files, folders (their ``.txt``, ``.md``, ``.html``... files, recursively) or ``-``.
    jobs
        Worker processes (1: in this process).
    progress
        Show a progress bar on standard error (for two files or more).
    data
        A record set folder (default: the shipped record set).
    rounding
        The rounding mode assumed.

    Returns
    -------
    list of Outcome
        ``(name, text, audit, error)`` per article, in the order given; ``audit`` is ``None``
        and ``error`` says why when the file could not be read.

    Examples
    --------
    >>> audit_files(["no/such/file.txt"], progress=False)
    Traceback (most recent call last):
    ...
    pctstats.text.reading.ArticleError: no/such/file.txt: cannot be read: no such file or folder ...
    """
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number >= 1, got {jobs!r}")
    items = collect_files(paths)
    data_arg = None if data is None else str(data)
    bar = tqdm(
        total=len(items), desc="audit", unit="file", file=sys.stderr,
        disable=not progress or len(items) < 2,
    )
    out: list[Outcome] = []
    try:
        if jobs == 1 or len(items) <= 1:
            db = dataset_or_default(None) if data_arg is None else load(data_arg)
            for item in items:
                out.append(_one(item, db, data_arg, rounding))
                bar.update()
        else:
            chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [pool.submit(_chunk, c, data_arg, rounding) for c in chunks]
                for future in futures:
                    done = future.result()
                    out += done
                    bar.update(len(done))
    finally:
        bar.close()
    return out


def audit_records(path: str | Path, rounding: str = DEFAULT_ROUNDING) -> list[dict[str, Any]]:
    """One file's audit as plain records with a ``file`` field (for a Dask bag's ``map``).

    A file that cannot be read gives one record with its ``error`` and no claim fields.

    Examples
    --------
    >>> audit_records("no/such/file.txt")
    [{'file': 'no/such/file.txt', 'error': 'cannot be read: no such file'}]
    """
    name, _, frame, error = _one((str(path), str(path)), None, None, rounding)
    if frame is None:
        return [{"file": name, "error": error}]
    return [{"file": name, **row} for row in frame.to_dict("records")]
