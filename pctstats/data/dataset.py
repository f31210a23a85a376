"""Load the record set: read ``data/``, validate everything, return typed records.

``load()`` is all or nothing: it reads and checks every table, and raises one
:class:`~pctstats.core.errors.DataError` listing every problem (file, row, column, rule) before any
record is returned. It never writes to ``data/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import pandas as pd

from pctstats.core.display import Display, Displayable
from pctstats.core.errors import DataError, DataIssue
from pctstats.core.paths import data_dir
from pctstats.core.reported import to_decimal
from pctstats.core.vocab import VOCABULARIES
from pctstats.data import consistency, validation
from pctstats.data.describe import describe_dataset
from pctstats.data.reading import PACKAGE_FILE, extra_files, read_package, read_rows, read_text
from pctstats.data.records import (
    RECORD_TYPES,
    Article,
    Claim,
    Estimate,
    SampleSize,
    Source,
    claim_key,
)
from pctstats.data.rules import RowRule, Table, apply_rule
from pctstats.data.schema import iter_fields, parse_field

__all__ = [
    "REPORTED_COLUMNS", "TABLES", "ClaimIndex", "Dataset", "dataset_or_default", "default_dataset",
    "load",
]

TABLES = ("sources", "estimates", "sample_sizes", "articles", "claims")
#: Reported-value columns that get a parsed float column beside them in :meth:`Dataset.frame`.
REPORTED_COLUMNS = ("value", "value_high", "ci_level", "ci_low", "ci_high")


class ClaimIndex(Mapping[str, Claim]):
    """The claims by key (``"article_id/claim_id"``); a claim id alone finds it when unique.

    Claim ids are scoped by article: two articles may each have a claim ``"A"``. Iteration gives
    the keys; ``claims["mnt/E"]``, ``claims["mnt", "E"]`` and, while only one article has a claim
    ``"E"``, ``claims["E"]`` find the same claim.

    Parameters
    ----------
    claims
        The claims by key.

    Examples
    --------
    >>> claims = load().claims
    >>> claims["E"] is claims["mnt/E"] is claims["mnt", "E"]
    True
    >>> "mnt/E" in claims, "E" in claims, "Z" in claims
    (True, True, False)
    """

    def __init__(self, claims: Mapping[str, Claim]) -> None:
        self._claims = MappingProxyType(dict(claims))
        by_id: dict[str, list[str]] = {}
        for key, claim in self._claims.items():
            by_id.setdefault(claim.claim_id, []).append(key)
        self._by_id = by_id

    def __getitem__(self, key: str | tuple[str, str]) -> Claim:
        if isinstance(key, tuple):
            key = claim_key(*key)
        if key in self._claims:
            return self._claims[key]
        keys = self._by_id.get(key, [])
        if len(keys) == 1:
            return self._claims[keys[0]]
        if keys:
            raise KeyError(f"claim id {key!r} is in more than one article: use one of "
                           f"{', '.join(map(repr, keys))}")
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._claims)

    def __len__(self) -> int:
        return len(self._claims)

    def __repr__(self) -> str:
        return f"ClaimIndex({len(self)} claims)"


@dataclass(frozen=True, repr=False)
class Dataset(Displayable):
    """The validated record set.

    Attributes
    ----------
    sources, estimates, sample_sizes, articles
        Read-only mappings from id to record.
    claims
        The claims by key (``"article_id/claim_id"``, see :class:`ClaimIndex`).
    path
        The folder the records were read from.

    Examples
    --------
    >>> db = load()
    >>> db.sources["bird2011"].label
    'S2'
    >>> db.estimates["bird2011-4weeks"].value
    '10'
    >>> db.claims["mnt/E"].value_text
    '2.87 times more likely'
    >>> (db.path / "datapackage.json").is_file()
    True
    """

    sources: Mapping[str, Source]
    estimates: Mapping[str, Estimate]
    sample_sizes: Mapping[str, SampleSize]
    articles: Mapping[str, Article]
    claims: ClaimIndex
    path: Path

    def _display_(self) -> Display:
        return describe_dataset(self)

    def frame(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame, one row per record, in file order.

        Reported values stay strings (``value``) with a parsed float column beside each
        (``value_num``), so the printed precision is never lost.

        Parameters
        ----------
        name
            ``"sources"``, ``"estimates"``, ``"articles"`` or ``"claims"``.

        Examples
        --------
        >>> db = load()
        >>> frame = db.frame("estimates").set_index("estimate_id")
        >>> frame.loc["maczkowiack2019-4weeks", "value"], float(frame.loc["maczkowiack2019-4weeks",
        ...                                                                "value_num"])
        ('20.2', 20.2)
        """
        if name not in TABLES:
            raise ValueError(f"name must be one of {', '.join(map(repr, TABLES))}, got {name!r}")
        records = list(getattr(self, name).values())
        spec = fields(RECORD_TYPES[name])
        columns = [f.name for f in spec]
        kinds = {f.name: str(f.type).split(" |")[0] for f in spec}
        rows = [[getattr(r, c) for c in columns] for r in records]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        dtypes = {"int": "Int64", "bool": "boolean", "str": "str"}
        frame = frame.astype({c: dtypes[k] for c, k in kinds.items() if k in dtypes})
        for column in REPORTED_COLUMNS:
            if column in frame:
                position = frame.columns.get_loc(column) + 1
                raw = [getattr(r, column) for r in records]
                parsed = [float("nan") if v is None else float(to_decimal(v)) for v in raw]
                frame.insert(position, f"{column}_num", pd.Series(parsed, dtype="float64"))
        return frame

    def source_of(self, estimate_id: str) -> Source:
        """The source that reports an estimate.

        Parameters
        ----------
        estimate_id
            The id of an estimate.

        Returns
        -------
        Source
            The source whose ``source_id`` the estimate names.

        Examples
        --------
        >>> load().source_of("bird2011-4weeks").label
        'S2'
        """
        return self.sources[self.estimates[estimate_id].source_id]

    def estimates_of(self, source_id: str) -> list[Estimate]:
        """The estimates of the source ``source_id``, in file order (none for an unknown id).

        Examples
        --------
        >>> [e.estimate_id for e in load().estimates_of("bird2011")]
        ['bird2011-lifetime', 'bird2011-4weeks']
        """
        return _of_source(self.estimates, source_id)

    def sample_sizes_of(self, source_id: str) -> list[SampleSize]:
        """The further sample sizes (beyond ``n_analysed``) recorded for the source ``source_id``.

        In file order; none for an unknown id or a source with none.

        Examples
        --------
        >>> sorted({s.n for s in load().sample_sizes_of("schweitzer2015")})
        [195, 231]
        """
        return _of_source(self.sample_sizes, source_id)


_R = TypeVar("_R", Estimate, SampleSize)


def _of_source(records: Mapping[str, _R], source_id: str) -> list[_R]:
    """The records that name ``source_id`` as their source, in file order."""
    return [r for r in records.values() if r.source_id == source_id]


def load(path: str | Path | None = None) -> Dataset:
    """Read and validate the record set.

    Parameters
    ----------
    path
        A folder holding ``datapackage.json`` and its CSV files, or the ``datapackage.json``
        itself. Default: the record set shipped with pctstats.

    Returns
    -------
    Dataset
        The validated records.

    Raises
    ------
    DataError
        If any file or rule is broken (a file missing or not UTF-8, ``datapackage.json`` not valid
        JSON, a column missing or extra, a cell or a record breaking a rule); ``err.issues`` names
        file, row, column and rule of each problem.
    FileNotFoundError
        If the folder does not exist or holds no ``datapackage.json``.

    Examples
    --------
    >>> db = load()
    >>> db.sources["maczkowiack2019"].n
    1208
    >>> db.estimates["schweitzer2015-4weeks-few"].value
    '5.1'
    """
    folder = _resolve(path)
    package, issues = read_package(folder)
    if package is None:
        raise DataError(issues)
    resources = {r["name"]: r for r in package["resources"]}
    issues = _resource_issues(resources)
    if issues:
        raise DataError(issues)
    issues = extra_files(folder, {resources[name]["path"] for name in TABLES})
    tables: dict[str, Table] = {}
    for name in TABLES:
        table, found = _read_table(folder, resources[name])
        tables[name] = table
        issues += found
    if not any(i.row is None for i in issues):  # cross-record rules need every table readable
        # A cell that broke a field rule is read as empty; the cross-field rules would then report
        # it again (e.g. 'value_required' after 'pattern'), so only its first problem is kept.
        broken = {(i.file, i.row, i.column) for i in issues}
        issues += [i for i in _check_tables(resources, tables)
                   if (i.file, i.row, i.column) not in broken]
    if issues:
        raise DataError(issues)
    built = {
        name: {_record_key(resources[name], rec): RECORD_TYPES[name](**rec)
               for _, rec in tables[name]}
        for name in TABLES
    }
    return Dataset(
        sources=MappingProxyType(built["sources"]),
        estimates=MappingProxyType(built["estimates"]),
        sample_sizes=MappingProxyType(built["sample_sizes"]),
        articles=MappingProxyType(built["articles"]),
        claims=ClaimIndex(built["claims"]),
        path=folder,
    )


@cache
def default_dataset() -> Dataset:
    """The shipped record set, loaded once per process (``load()`` with no path).

    Examples
    --------
    >>> default_dataset() is default_dataset()
    True
    >>> default_dataset().sources["maczkowiack2019"].n
    1208
    """
    return load()


def dataset_or_default(db: Dataset | None) -> Dataset:
    """``db``, or the shipped record set when ``db`` is None (what every ``db=None`` means).

    Examples
    --------
    >>> dataset_or_default(None) is default_dataset()
    True
    """
    return default_dataset() if db is None else db


def _resolve(path: str | Path | None) -> Path:
    if path is None:
        return data_dir()
    folder = Path(path)
    if folder.name == PACKAGE_FILE:
        folder = folder.parent
    if not (folder / PACKAGE_FILE).is_file():
        raise FileNotFoundError(f"no {PACKAGE_FILE} in {folder}: give the folder of a record set "
                                f"(like pctstats' data/) or its {PACKAGE_FILE}")
    return folder


def _key(resource: Mapping[str, Any]) -> list[str]:
    return list(resource["schema"]["primaryKey"])


def _record_key(resource: Mapping[str, Any], rec: Mapping[str, Any]) -> str:
    return "/".join(str(rec[column]) for column in _key(resource))


def _resource_issues(resources: Mapping[str, Any]) -> list[DataIssue]:
    """The package declares each table pctstats reads, with the columns its records have."""
    issues = []
    for name in TABLES:
        if name not in resources:
            issues.append(DataIssue(PACKAGE_FILE, None, None, "resources",
                                    f"resource {name!r} is missing (pctstats reads "
                                    f"{', '.join(TABLES)})"))
            continue
        declared = [f["name"] for f in resources[name]["schema"]["fields"]]
        known = [f.name for f in fields(RECORD_TYPES[name])]
        for column in declared:
            if column not in known:
                issues.append(DataIssue(PACKAGE_FILE, None, column, "resources",
                                        f"resource {name!r} declares a field {column!r} that "
                                        f"pctstats' {RECORD_TYPES[name].__name__} records do not "
                                        f"have"))
        for column in known:
            if column not in declared:
                issues.append(DataIssue(PACKAGE_FILE, None, column, "resources",
                                        f"resource {name!r} lacks the field {column!r}"))
        for spec in iter_fields(resources[name]):
            if spec.vocabulary and spec.vocabulary not in VOCABULARIES:
                issues.append(DataIssue(PACKAGE_FILE, None, spec.name, "resources",
                                        f"field {spec.name!r} of {name!r} names an unknown "
                                        f"vocabulary {spec.vocabulary!r}"))
    issues += [DataIssue(PACKAGE_FILE, None, None, "resources",
                         f"resource {name!r} is not a table pctstats reads ({', '.join(TABLES)})")
               for name in resources if name not in TABLES]
    return issues


def _read_table(folder: Path, resource: Mapping[str, Any]) -> tuple[Table, list[DataIssue]]:
    file = resource["path"]
    specs = list(iter_fields(resource))
    text, issues = read_text(folder / file, file)
    if text is None:
        return [], issues
    rows, issues = read_rows(text, file, [s.name for s in specs])
    table: Table = []
    label = _key(resource)[-1]
    for row_number, cells in rows:
        record: dict[str, Any] = {}
        for spec in specs:
            value, rule, message = parse_field(spec, cells[spec.name])
            if rule is not None:
                issues.append(DataIssue(file, row_number, spec.name, rule, message,
                                        record_id=cells[label] or None))
            record[spec.name] = value
        table.append((row_number, record))
    return table, issues


def _check_tables(resources: Mapping[str, Any], tables: Mapping[str, Table]) -> list[DataIssue]:
    files = {name: resources[name]["path"] for name in TABLES}
    keys = {name: _key(resources[name])[-1] for name in TABLES}
    ids = {name: {rec[keys[name]] for _, rec in tables[name]} for name in TABLES}

    def run(name: str, rule: RowRule) -> list[DataIssue]:
        return apply_rule(files[name], tables[name], keys[name], rule)

    def refers(column: str, target: str) -> RowRule:
        return partial(validation.check_reference, column=column, target_file=files[target],
                       known=ids[target])

    issues: list[DataIssue] = []
    for name in TABLES:
        unique = [(s.name,) for s in iter_fields(resources[name]) if s.constraints.get("unique")]
        for columns in dict.fromkeys([tuple(_key(resources[name])), *unique]):
            issues += run(name, validation.check_unique(tables[name], columns))
        issues += run(name, validation.check_age_order)
    sources = {rec["source_id"]: rec for _, rec in tables["sources"]}
    estimates = {rec[keys["estimates"]]: rec for _, rec in tables["estimates"]}
    estimate_source = {rec["estimate_id"]: rec["source_id"] for _, rec in tables["estimates"]}
    source_columns = tuple(s.name for s in iter_fields(resources["sources"]))
    # (table, rule), in the order the issues are listed
    plan: list[tuple[str, RowRule]] = [
        ("sources", partial(validation.check_count, count="n_female", total="n_analysed")),
        ("sources", partial(validation.check_count, count="n_male", total="n_analysed")),
        ("sources", validation.check_sample_split),
        ("sources", consistency.check_sample_quotes),
        ("sources", partial(consistency.check_open_facts, file=files["sources"],
                            columns=source_columns)),
        ("estimates", refers("source_id", "sources")),
        ("estimates", refers("version_of", "estimates")),
        ("estimates", validation.check_values),
        ("estimates", partial(validation.check_count, count="k", total="n")),
        ("estimates", partial(validation.check_version, key=keys["estimates"],
                              estimates=estimates)),
        ("estimates", partial(consistency.check_estimate_groups, sources=sources)),
        ("estimates", partial(consistency.check_quotes, quote="quote",
                              numbers=consistency.QUOTED_VALUES)),
        ("sample_sizes", refers("source_id", "sources")),
        ("sample_sizes", partial(consistency.check_quotes, quote="quote", numbers=("n",))),
        ("articles", consistency.check_article_locations),
        ("claims", refers("article_id", "articles")),
        ("claims", refers("source_ids", "sources")),
        ("claims", refers("estimate_ids", "estimates")),
        ("claims", validation.check_values),
        ("claims", partial(validation.check_claim_traces, estimate_source=estimate_source)),
        ("claims", consistency.check_claim_text),
    ]
    for name, rule in plan:
        issues += run(name, rule)
    return issues
