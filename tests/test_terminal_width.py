"""Tables fit the terminal: the table format cuts the widest columns to the terminal's width;
csv, json and markdown keep the full text."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pctstats
from pctstats import formatting
from pctstats.formatting import MIN_COLUMN_WIDTH, fit_widths, format_frame


@given(st.lists(st.integers(1, 200), min_size=1, max_size=15), st.integers(20, 300))
def test_fit_widths_fits_when_it_can_and_cuts_only_the_widest(natural, width):
    fitted = fit_widths(natural, width)
    gaps = 2 * (len(natural) - 1)
    assert all(f <= w for f, w in zip(fitted, natural, strict=True))
    assert all(f >= min(w, MIN_COLUMN_WIDTH) for f, w in zip(fitted, natural, strict=True))
    if sum(natural) + gaps <= width:
        assert fitted == natural
    elif sum(min(w, MIN_COLUMN_WIDTH) for w in natural) + gaps <= width:
        assert sum(fitted) + gaps <= width
        assert sum(fitted) + gaps >= width - len(natural)  # no room wasted
        cut = [f for f, w in zip(fitted, natural, strict=True) if f < w]
        # the cut columns share one cap (give or take the spare character), and no column is
        # wider than that cap plus the spare character (a column the spare character restores
        # to its natural width is no longer cut: [1, 8, 8] in 20 gives [1, 8, 7])
        assert max(cut) - min(cut) <= 1
        assert all(f <= min(cut) + 1 for f in fitted)


@given(st.lists(st.integers(1, 200), min_size=2, max_size=15), st.integers(40, 300))
def test_fit_widths_keeps_the_id_column(natural, width):
    assert fit_widths(natural, width, keep=1)[0] == natural[0]


def test_format_frame_fits_a_width_and_other_formats_keep_everything():
    long = "x" * 150
    frame = pd.DataFrame({"id": ["a", "b"], "text": [long, "short"], "n": [1, 22]})
    table = format_frame(frame, width=40)
    assert max(len(line) for line in table.splitlines()) <= 40
    assert "…" in table
    assert long in format_frame(frame, "csv") and long in format_frame(frame, "markdown")
    assert json.loads(format_frame(frame, "json"))[0]["text"] == long


def _run(*args: str, columns: int) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run([sys.executable, "-m", "pctstats", *args], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("columns", [80, 120])
def test_claims_table_fits_the_terminal(columns):
    out = _run("claims", columns=columns)
    assert max(len(line) for line in out.splitlines()) <= columns
    db = pctstats.load()
    assert all(claim.claim_id in out for claim in db.claims.values())


def test_claims_csv_keeps_every_quote_whole():
    rows = list(csv.DictReader(io.StringIO(_run("claims", "--format", "csv", columns=80))))
    db = pctstats.load()
    assert {row["claim_id"]: row["article_quote"] for row in rows} == {
        c.claim_id: c.quote for c in db.claims.values()}


@pytest.mark.parametrize("formatter", ["format_frame", "format_record"])
def test_an_unknown_fit_option_is_named_with_the_options_there_are(formatter):
    table = pd.DataFrame({"a": [1]}) if formatter == "format_frame" else {"a": 1}
    with pytest.raises(TypeError, match=rf"{formatter}\(\) takes no option 'max_widht'; "
                                        r"its options are max_width, width"):
        getattr(formatting, formatter)(table, max_widht=3)
    assert "a" in getattr(formatting, formatter)(table, max_width=3, width=40)
