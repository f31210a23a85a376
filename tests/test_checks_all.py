"""The registry, check_all and the helpers that put findings into words."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pctstats import load
from pctstats.checks import (
    CHECKS,
    STATUSES,
    check_all,
    columns,
    findings_in_words,
    summarise,
)
from pctstats.formatting import format_frame

DB = load()


def test_every_registered_check_returns_the_core_columns():
    for name, check in CHECKS.items():
        df = check(DB, "up_or_down")
        assert list(df.columns[: len(columns.CORE_COLUMNS)]) == list(columns.CORE_COLUMNS), name
        assert set(df[columns.CHECK]) == {name}
        assert set(df[columns.STATUS]) <= set(STATUSES), name
        assert df.attrs["rounding"] == "up_or_down"


def test_check_all_concatenates_and_says_which_rounding():
    df = check_all(rounding="even")
    assert df.attrs == {"rounding": "even", "checks": tuple(CHECKS)}
    assert set(df[columns.ROUNDING]) == {"even"}
    assert list(dict.fromkeys(df[columns.CHECK])) == list(CHECKS)
    assert len(df) == sum(len(check(DB, "even")) for check in CHECKS.values())


def test_check_all_validates_its_options():
    with pytest.raises(ValueError, match="rounding"):
        check_all(rounding="nearest")
    with pytest.raises(ValueError, match="unknown check"):
        check_all(checks=["grim", "statcheck"])
    assert set(check_all(checks=["ranges"])[columns.CHECK]) == {"ranges"}


def test_every_message_is_one_sentence_with_numbers():
    df = check_all()
    for _, row in df.iterrows():
        message = row[columns.MESSAGE]
        assert message.endswith(".") and "\n" not in message
        assert ". " not in message.replace("e.g. ", ""), message
        stripped = re.sub(r"[a-z_]+\d{4}(-[a-z0-9_-]+)?", "", message)
        assert re.search(r"\d", stripped), message


def test_expected_status_counts_on_the_shipped_records():
    table = summarise(check_all())
    assert table.loc["grim", "fail"] == 6
    assert table.loc["nesting", "fail"] + table.loc["ranges", "fail"] == 0
    assert table.loc["ratio_ci", ["ok", "warn", "fail"]].tolist() == [7, 2, 1]
    assert table.loc["proportion_ci", "ok"] == 1
    assert list(table.columns) == [*STATUSES, "total"]


def test_findings_in_words():
    lines = findings_in_words(check_all())
    assert lines[0].startswith("[grim] FAIL schweitzer2015-4weeks-few: ")
    assert any(line.startswith("[ratio_ci] WARN ") for line in lines)
    assert all(" OK " not in line[:30] for line in lines)
    with pytest.raises(ValueError, match="status"):
        findings_in_words(check_all(), statuses=("bad",))


def test_an_empty_record_set_gives_an_empty_frame():
    from dataclasses import replace
    from types import MappingProxyType

    empty = replace(DB, estimates=MappingProxyType({}), claims=MappingProxyType({}))
    df = check_all(empty)
    assert isinstance(df, pd.DataFrame) and df.empty
    assert list(df.columns[:5]) == list(columns.CORE_COLUMNS)


def test_counts_stay_whole_numbers_where_some_are_missing():
    """A count column with a gap (no count fits 5.1% of 230) stays integer: 230, not 230.0."""
    df = check_all(checks=["grim"])
    assert str(df["k_min"].dtype) == "Int64" and str(df["n"].dtype) == "Int64"
    by_id = df.set_index("record_id")
    assert by_id.loc["schweitzer2015-lifetime", "k_min"] == 105
    assert pd.isna(by_id.loc["schweitzer2015-4weeks-few", "k_min"])
    rows = {r["record_id"]: r for r in json.loads(format_frame(df, "json"))}
    assert rows["schweitzer2015-lifetime"]["n"] == 230
    assert isinstance(rows["schweitzer2015-lifetime"]["n"], int)
    assert rows["schweitzer2015-4weeks-few"]["k_min"] is None
    assert ",230,False,105,106," in format_frame(df, "csv")
