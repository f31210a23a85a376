"""Read the files of a record set into text and rows; every problem becomes a DataIssue.

Nothing here raises on bad input: a missing file, a file that is not UTF-8, a syntax slip in
``datapackage.json``, a header with missing or extra columns, a broken CSV line, each comes back
as a :class:`~pctstats.core.errors.DataIssue` naming the file (and the line or byte where it can),
so that :func:`pctstats.load` reports them all in one :class:`~pctstats.core.errors.DataError`.

A UTF-8 byte-order mark (as Excel's "CSV UTF-8" and many Windows editors write) is accepted.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pctstats.core.errors import DataIssue

__all__ = ["PACKAGE_FILE", "Row", "extra_files", "read_package", "read_rows", "read_text"]

PACKAGE_FILE = "datapackage.json"
#: One parsed CSV row: its 1-based data row number (the header is row 0) and its cells by column.
Row = tuple[int, dict[str, str]]


def read_text(path: Path, name: str) -> tuple[str | None, list[DataIssue]]:
    r"""A file's text, decoded as UTF-8 (a byte-order mark is dropped), or the issue that stops it.

    Parameters
    ----------
    path
        The file.
    name
        The name the issues give the file (e.g. ``"estimates.csv"``).

    Returns
    -------
    tuple
        ``(text, [])``, or ``(None, [issue])`` when the file is missing, unreadable or not UTF-8.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes("id\nS\u00f8ren\n".encode("cp1252"))
    >>> text, [issue] = read_text(folder / "a.csv", "a.csv")
    >>> text is None, issue.rule
    (True, 'encoding')
    >>> print(issue.message)
    is not UTF-8: byte 0xf8 at byte offset 4 (line 2) cannot be read (in Windows-1252 it would be
    'ø'); save the file as UTF-8 (in Excel: 'CSV UTF-8')
    >>> _ = (folder / "b.csv").write_bytes(b"\xef\xbb\xbfid\nS1\n")
    >>> read_text(folder / "b.csv", "b.csv")
    ('id\nS1\n', [])
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [DataIssue(name, None, None, "missing_file",
                                f"is named in {PACKAGE_FILE} but there is no such file in "
                                f"{path.parent}")]
    except OSError as exc:
        return None, [DataIssue(name, None, None, "unreadable",
                                f"cannot be read: {exc.strerror or exc}")]
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[start:].decode("utf-8"), []
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        bad = raw[offset:start + exc.end]
        line = raw.count(b"\n", 0, offset) + 1
        try:
            guess = f" (in Windows-1252 it would be {bad.decode('cp1252')!r})"
        except UnicodeDecodeError:
            guess = ""
        return None, [DataIssue(
            name, None, None, "encoding",
            f"is not UTF-8: byte 0x{bad[:1].hex()} at byte offset {offset} (line {line}) cannot "
            f"be read{guess}; save the file as UTF-8 (in Excel: 'CSV UTF-8')")]


def read_package(folder: Path) -> tuple[dict[str, Any] | None, list[DataIssue]]:
    """Parse ``datapackage.json`` and check the structure pctstats relies on.

    Parameters
    ----------
    folder
        The folder holding ``datapackage.json``.

    Returns
    -------
    tuple
        ``(package, [])``, or ``(None, issues)`` when the file is not valid JSON or lacks
        ``resources`` with a ``name``, ``path`` and ``schema.fields`` each.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "datapackage.json").write_text('{"resources": [}', encoding="utf-8")
    >>> package, [issue] = read_package(folder)
    >>> print(issue)
    datapackage.json: is not valid JSON: expecting value at line 1, column 16 (rule: json)
    """
    text, issues = read_text(folder / PACKAGE_FILE, PACKAGE_FILE)
    if text is None:
        return None, issues
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"is not valid JSON: {exc.msg[:1].lower()}{exc.msg[1:]} at line {exc.lineno}, " \
                  f"column {exc.colno}"
        return None, [DataIssue(PACKAGE_FILE, None, None, "json", message)]
    issues = _structure_issues(package)
    return (None, issues) if issues else (package, [])


def _structure_issues(package: Any) -> list[DataIssue]:
    def issue(message: str) -> DataIssue:
        return DataIssue(PACKAGE_FILE, None, None, "package_structure", message)

    if not isinstance(package, Mapping):
        return [issue("must hold one JSON object (with 'resources')")]
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        return [issue("needs 'resources': a list with one entry per table")]
    issues = []
    for index, resource in enumerate(resources):
        name = resource.get("name") if isinstance(resource, Mapping) else None
        where = f"resource {name!r}" if isinstance(name, str) else f"resources[{index}]"
        if not isinstance(resource, Mapping) or not isinstance(name, str):
            issues.append(issue(f"{where} needs a 'name'"))
            continue
        if not isinstance(resource.get("path"), str):
            issues.append(issue(f"{where} needs a 'path' (the CSV file's name)"))
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, Mapping) else None
        if not isinstance(fields, list) or not all(
            isinstance(f, Mapping) and isinstance(f.get("name"), str) for f in fields
        ):
            issues.append(issue(f"{where} needs 'schema': {{'fields': [...]}}, each field with "
                                f"a 'name'"))
        elif not isinstance(schema.get("primaryKey"), list) or not schema["primaryKey"]:
            issues.append(issue(f"{where} needs 'schema': {{'primaryKey': [...]}}"))
    return issues


def read_rows(text: str, file: str, columns: Sequence[str]) -> tuple[list[Row], list[DataIssue]]:
    r"""Split a CSV file's text into rows of cells by column name.

    The header must name each of ``columns`` once, in any order; blank lines (and rows whose
    cells are all empty, as spreadsheets leave them) are skipped.

    Parameters
    ----------
    text
        The file's text.
    file
        Its name, for the issues.
    columns
        The columns the data package declares for it.

    Returns
    -------
    tuple
        ``(rows, issues)``; ``rows`` is empty when the header is wrong.

    Examples
    --------
    >>> rows, issues = read_rows("id,n\nS1,230\n,\n", "a.csv", ["id", "n"])
    >>> rows, issues
    ([(1, {'id': 'S1', 'n': '230'})], [])
    >>> rows, issues = read_rows("id,size,extra\n", "a.csv", ["id", "n"])
    >>> [str(issue) for issue in issues]  # doctest: +NORMALIZE_WHITESPACE
    ["a.csv, column 'n': the header lacks column 'n' (rule: header)",
     "a.csv, column 'size': the header has a column 'size' that the data package does not
     declare (expected: id, n) (rule: header)",
     "a.csv, column 'extra': the header has a column 'extra' that the data package does not
     declare (expected: id, n) (rule: header)"]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return [], [DataIssue(file, None, None, "header", "is empty: it needs a header row")]
        issues = _header_issues(file, header, columns)
        if issues:
            return [], issues
        rows: list[Row] = []
        for number, cells in enumerate(reader, start=1):
            if not any(cells):
                continue
            if len(cells) != len(header):
                issues.append(DataIssue(file, number, None, "row_length",
                                        f"has {len(cells)} cells, expected {len(header)} "
                                        f"(a comma inside a cell needs the cell in double quotes)"))
                continue
            rows.append((number, dict(zip(header, cells, strict=True))))
    except csv.Error as exc:
        issues.append(DataIssue(file, None, None, "csv_syntax",
                                f"line {reader.line_num} cannot be read as CSV: {exc}"))
    return rows, issues


def _header_issues(file: str, header: list[str], columns: Sequence[str]) -> list[DataIssue]:
    issues = [DataIssue(file, None, c, "header", f"the header lacks column {c!r}")
              for c in columns if c not in header]
    expected = ", ".join(columns)
    issues += [DataIssue(file, None, c, "header",
                         f"the header has a column {c!r} that the data package does not declare "
                         f"(expected: {expected})")
               for c in header if c not in columns]
    repeated = sorted({c for c in header if header.count(c) > 1})
    issues += [DataIssue(file, None, c, "header", f"the header names column {c!r} twice")
               for c in repeated]
    return issues


def extra_files(folder: Path, named: set[str]) -> list[DataIssue]:
    r"""CSV files in the folder that the data package does not name (a table it would not read).

    Parameters
    ----------
    folder
        The record set's folder.
    named
        The file names of the package's resources.

    Returns
    -------
    list of DataIssue
        One per unnamed ``.csv`` file.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "studies.csv").write_text("id\n", encoding="utf-8")
    >>> print(extra_files(folder, {"sources.csv"})[0])
    studies.csv: is not a resource of datapackage.json, so it would not be read; add it to
    'resources' or move it out of the folder (rule: unknown_file)
    """
    return [
        DataIssue(path.name, None, None, "unknown_file",
                  f"is not a resource of {PACKAGE_FILE}, so it would not be read; add it to "
                  f"'resources' or move it out of the folder")
        for path in sorted(folder.glob("*.csv"))
        if path.name not in named
    ]
