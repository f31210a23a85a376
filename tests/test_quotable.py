"""Every number quotable: each estimate with its CI, the ratios and the pooled results, under names
built from record ids (stable as records are added); a notebook can write its own numbers file."""

from __future__ import annotations

import json
import re

import pytest

import pctstats
from pctstats.publish.quotable import macro_name, quote_records, write_numbers
from pctstats.stats.intervals import reported_ci


@pytest.fixture(scope="module")
def db():
    return pctstats.load()


@pytest.fixture(scope="module")
def quoted(db):
    return {n.name: n for n in quote_records(db)}


def test_macro_names_are_letters_folded_and_spelled():
    assert macro_name("schweitzer2015-lifetime") == "SchweitzerTwoZeroOneFiveLifetime"
    assert macro_name("Øre-ñandú") == "OreNandu"  # Ø has no decomposition: anyascii reads O
    assert macro_name("müller2020", "low") == "MullerTwoZeroTwoZeroLow"
    with pytest.raises(ValueError, match="no letter or digit"):
        macro_name("--")


def test_every_name_is_a_tex_macro_and_unique(db, quoted):
    assert all(re.fullmatch(r"[A-Z][A-Za-z]*", name) for name in quoted)
    names = [macro_name(i) for i in db.estimates]
    assert len(set(names)) == len(names)


def test_each_prevalence_with_its_ci(db, quoted):
    for estimate_id in ("schweitzer2015-lifetime", "maczkowiack2019-lifetime",
                        "maczkowiack2019-4weeks"):
        e = db.estimates[estimate_id]
        stem = "Est" + macro_name(estimate_id)
        assert quoted[f"{stem}Value"].text == e.value
        envelope = reported_ci(e.value, e.n).ci  # Wilson over every GRIM-consistent count
        assert quoted[f"{stem}Low"].text == f"{100 * envelope.low:.1f}"
        assert quoted[f"{stem}High"].text == f"{100 * envelope.high:.1f}"
        assert "wilson" in quoted[f"{stem}Low"].description
        assert quoted[f"{stem}Low"].records == (estimate_id,)


def test_an_impossible_value_is_quoted_without_an_interval(db, quoted):
    stem = "Est" + macro_name("schweitzer2015-4weeks-few")  # 5.1% of 230: no count prints so
    assert quoted[f"{stem}Value"].text == db.estimates["schweitzer2015-4weeks-few"].value
    assert f"{stem}Low" not in quoted


def test_printed_ratios_and_pooled_results(db, quoted):
    ratio = next(e for e in db.estimates.values() if e.measure == "odds_ratio" and e.ci_low)
    stem = "Ratio" + macro_name(ratio.estimate_id)
    assert (quoted[f"{stem}Value"].text, quoted[f"{stem}CiLow"].text,
            quoted[f"{stem}CiHigh"].text) == (ratio.value, ratio.ci_low, ratio.ci_high)
    from pctstats.applied import pooled_lifetime

    women = pooled_lifetime(db).women
    assert quoted["PoolWomenEstimate"].text == f"{100 * women.estimate:.1f}"
    assert quoted["PoolWomenLow"].text == f"{100 * women.ci.low:.1f}"
    pair = "Pool" + macro_name("schweitzer2015", "vs", "maczkowiack2019", "odds_ratio")
    assert float(quoted[pair].text) == pytest.approx(1.23, abs=0.005)


def test_names_come_from_the_record_alone(db, quoted):
    """A name is its record's id (not a row position or a count), so adding records never
    renames a number: every estimate's numbers are named from that estimate's own id."""
    for name, number in quoted.items():
        if name.startswith(("Est", "Ratio")):
            (record,) = number.records
            assert re.fullmatch(rf"(Est|Ratio){macro_name(record)}(Value|Low|High|CiLow|CiHigh)",
                                name), name
    prevalences = [e for e in db.estimates.values() if e.measure == "prevalence"]
    assert all(f"Est{macro_name(e.estimate_id)}Value" in quoted for e in prevalences)


def test_write_numbers_for_a_notebook_of_ones_own(tmp_path, quoted):
    chosen = [quoted["PoolWomenEstimate"], quoted["PoolWomenLow"]]
    written = write_numbers(tmp_path, chosen)
    assert [p.name for p in written] == ["numbers.json", "numbers.tex"]
    payload = json.loads((tmp_path / "numbers.json").read_text(encoding="utf-8"))
    assert payload["PoolWomenEstimate"]["text"] == chosen[0].text
    tex = (tmp_path / "numbers.tex").read_text(encoding="utf-8")
    assert f"\\newcommand{{\\PoolWomenLow}}{{{chosen[1].text}}}" in tex
    with pytest.raises(FileNotFoundError):
        write_numbers(tmp_path / "missing", chosen)
