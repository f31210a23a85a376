"""The Markdown report: everything in the records is in it, figures linked, writes atomic."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

import pctstats
from pctstats import report
from pctstats.applied import pooled_lifetime, prevalence_table
from pctstats.audit import audit_claims
from pctstats.checks import check_all
from pctstats.formatting import cell_text


@pytest.fixture(scope="module")
def db():
    return pctstats.load()


@pytest.fixture(scope="module")
def text(db, tmp_path_factory):
    empty = tmp_path_factory.mktemp("no-figures")
    return report.build_report(db, figures_dir=empty, relative_to=empty)


def md(value: object) -> str:
    """A value as the report's Markdown tables show it."""
    return " ".join(cell_text(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def test_report_has_every_section(text):
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 1. Sources", "## 2. Estimates with confidence intervals", "## 3. Consistency checks",
        "## 4. Claim audit", "## 5. Pooled lifetime estimates", "## 6. Figures",
        "## 7. How to cite",
    ]


def test_report_holds_every_source_with_its_reference_and_open_facts(text, db):
    for source in db.sources.values():
        assert f"| {source.source_id} | {source.label} |" in text
        assert source.doi is None or f"https://doi.org/{source.doi}" in text
        if source.open_facts:
            assert md(source.open_facts) in text or source.open_facts in text


def test_report_holds_every_estimate(text, db):
    for estimate_id in db.estimates:
        assert f"| {estimate_id} |" in text, estimate_id
    for row in prevalence_table(db).itertuples():
        assert f"| {md(row.low)} | {md(row.high)} |" in text or row.basis in (
            "not_consistent", "no_n"
        )


def test_report_holds_every_finding_of_the_checks(text, db):
    findings = check_all(db)
    for row in findings.itertuples():
        line = f"| {row.check} | {row.record_id} | {row.status} | {md(row.message)} |"
        assert line in text, line[:80]


def test_report_holds_every_claim_and_its_verdict(text, db):
    audit = audit_claims(db)
    for row in audit.itertuples():
        claim = db.claims[row.article_id, row.claim_id]
        assert f"| {row.claim_id} | {db.articles[claim.article_id].outlet} | {md(claim.quote)} | "\
               f"{row.verdict} |" in text
        assert md(row.message) in text


def test_report_holds_the_pooled_estimates(text, db):
    pooled = pooled_lifetime(db)
    for row in pooled.to_frame().itertuples():
        assert f"| {row.group} | {row.measure} | {row.studies} |" in text
    assert pooled.caveat in text


def test_report_says_when_no_figures_were_built(text):
    assert "No figures have been built yet" in text


def test_report_links_figures_relative_to_the_report(db, tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    for name in ("forest_lifetime.png", "grim_map.png", "forest_lifetime.svg"):
        (figures / name).write_bytes(b"not really a picture")
    out = tmp_path / "reports"
    out.mkdir()
    path = report.write_report(out / "report.md", db, figures_dir=figures)
    written = path.read_text(encoding="utf-8")
    assert "![forest_lifetime](../figures/forest_lifetime.png)" in written
    assert "![grim_map](../figures/grim_map.png)" in written
    assert ".svg" not in written
    assert str(tmp_path) not in written  # no machine-specific absolute path


def test_report_is_deterministic_and_follows_the_data(db, data_copy, tmp_path):
    first = report.build_report(db, figures_dir=tmp_path, relative_to=tmp_path)
    assert report.build_report(db, figures_dir=tmp_path, relative_to=tmp_path) == first
    other = pctstats.load(data_copy)
    renamed = {**other.sources}
    renamed["pyke2020"] = replace(other.sources["pyke2020"], title="Another title")
    changed = report.build_report(replace(other, sources=renamed), figures_dir=tmp_path,
                                  relative_to=tmp_path)
    assert "Another title" in changed and "Another title" not in first


def test_report_rounding_is_named(db, tmp_path):
    text = report.build_report(db, rounding="even", figures_dir=tmp_path, relative_to=tmp_path)
    assert "Rounding assumed by the checks and the audit: `even`" in text
    with pytest.raises(ValueError, match="rounding"):
        report.build_report(db, rounding="bankers")


def test_write_report_is_atomic(db, tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("the old report\n", encoding="utf-8")
    report.write_report(target, db, figures_dir=tmp_path)
    assert target.read_text(encoding="utf-8").startswith("# pctstats report")
    assert sorted(os.listdir(tmp_path)) == ["report.md"]  # no temporary file left behind

    target.write_text("the old report\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report.write_report(target, db, figures_dir=tmp_path)
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(os.listdir(tmp_path)) == ["report.md"]


def test_write_report_into_a_missing_folder(db, tmp_path):
    with pytest.raises(FileNotFoundError):
        report.write_report(tmp_path / "missing" / "report.md", db)


def test_claims_table_columns_and_evidence(db):
    table = report.claims_table(db).set_index("claim_id")
    assert list(table.columns) == list(report.CLAIM_COLUMNS[1:])
    assert list(table.index) == [c.claim_id for c in db.claims.values()]
    row = table.loc["H"]
    assert row.doi == db.sources["mitchell2017"].doi
    assert row.source_quote == db.estimates["mitchell2017-prevalence"].quote
