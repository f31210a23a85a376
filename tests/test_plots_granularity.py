"""The granularity figure: which sample sizes fit, sub-samples too, and which a record names."""

from __future__ import annotations

import pytest

import pctstats
from pctstats.plots.granularity import granularity, plot_granularity, recorded_text
from pctstats.stats.grim_consistency import grim

from .conftest import read_table, write_table


def test_s1_sub_samples_are_every_n_at_or_below_230_that_fits_all_three_values():
    g = granularity("schweitzer2015")
    values = [v.value for v in g.values]
    # enumeration: every N from 1 to 230 tested against every printed value
    expected = tuple(m for m in range(1, 231) if all(grim(values, [m]).ravel()))
    assert g.subsample_ns == expected
    assert 195 in g.subsample_ns and 230 not in g.subsample_ns


def test_s1_names_the_digests_195_which_fits_and_the_news_231_which_does_not():
    g = granularity("schweitzer2015")
    assert g.recorded[195] == ("digest", "news") and g.recorded[231] == ("news",)
    assert g.recorded_fitting == (195,)
    assert g.ns.min() <= 195  # the window reaches down to the recorded N
    assert "195 fits every value; 231 does not" in recorded_text(g)
    assert "secondary" in recorded_text(g)


def test_a_sample_size_a_user_records_is_marked_in_the_figure(data_copy):
    header, rows = read_table(data_copy / "sample_sizes.csv")
    rows.append({c: "" for c in header} | dict(
        sample_id="burri_hilpert2020-analysed-example", source_id="burri_hilpert2020", n="298",
        counts="analysed", sex="all", population="women and men who answered every item",
        quote="The 298 participants who answered every item were analysed.",
        read_in="abstract", where_read="an example"))
    write_table(data_copy / "sample_sizes.csv", header, rows)
    db = pctstats.load(data_copy)
    g = granularity("burri_hilpert2020", db)
    assert dict(g.recorded) == {298: ("abstract",)} and g.recorded_fitting == (298,)
    assert recorded_text(g).endswith("(sample_sizes.csv): 298 fits every value.")
    assert "secondary" not in recorded_text(g)
    fig = plot_granularity(g)
    panel = fig.axes[-1]
    dashed = [p for p in panel.patches if p.get_linestyle() not in ("-", "solid")]
    assert len(dashed) == 1 and dashed[0].get_x() == pytest.approx(297.5)
    assert "dashed: N named by other records (298)" in panel.get_xlabel()
