"""A user adds a study, an estimate, a sample size, an article and a claim: everything still works.

The additions include a second study by an existing first author (Schweitzer, first author of
S1), a first author with a non-ASCII surname (Østergaard), a second study of men's lifetime PCD
(so that men are pooled too), a claim whose id another article already uses, and a study whose
year is open.
"""

from __future__ import annotations

import json
import re

import pytest

import pctstats
from pctstats.cli import main

from .conftest import read_table, write_table

SOURCES = [
    dict(source_id="schweitzer2025", label="S10", authors="Schweitzer RD; Smith J", year="2025",
         title="Postcoital dysphoria in a community sample of women", journal="Sexual Medicine",
         doi="10.5555/example.2025.10", design="survey", population="women in the community",
         population_tags="online_sample", n_analysed="400", n_female="400", n_male="0",
         n_quote="Four hundred women completed an online survey.", read_in="abstract"),
    dict(source_id="ostergaard2026", label="S11", authors="Østergaard M; Berg L",
         title="Tristesse after sex in Danish adults", journal="Nordic Journal of Examples",
         doi="10.5555/example.2026.11", design="survey", population="Danish adults",
         n_analysed="250", n_quote="A total of 250 adults took part.", read_in="abstract",
         open_facts="Year: not in the text found."),
    dict(source_id="lee2026", label="S12", authors="Lee K; Park S", year="2026",
         title="Sadness after sex in men attending a sexual health clinic",
         journal="Journal of Examples", doi="10.5555/example.2026.12", design="survey",
         population="men attending a sexual health clinic", n_analysed="300", n_female="0",
         n_male="300", n_quote="Three hundred men completed the questionnaire.",
         read_in="abstract"),
]
ESTIMATES = [
    dict(estimate_id="schweitzer2025-lifetime", source_id="schweitzer2025", measure="prevalence",
         outcome="pcd_symptoms", sex="female", orientation="any", timeframe="lifetime",
         frequency="at_least_once", context="any", population="women in the community",
         n="400", value="38.5", unit="percent", weighted="false",
         quote="Of the women, 38.5% reported PCD symptoms at least once in their lifetime.",
         read_in="abstract"),
    dict(estimate_id="ostergaard2026-lifetime", source_id="ostergaard2026", measure="prevalence",
         outcome="pcd_symptoms", sex="all", orientation="any", timeframe="lifetime",
         frequency="at_least_once", context="any", population="Danish adults", n="250",
         value="30", unit="percent", weighted="false",
         quote="Thirty percent had ever felt sad after sex.", read_in="abstract"),
    dict(estimate_id="lee2026-lifetime", source_id="lee2026", measure="prevalence",
         outcome="pcd_symptoms", sex="male", orientation="any", timeframe="lifetime",
         frequency="at_least_once", context="any", population="men at a sexual health clinic",
         n="300", value="35", unit="percent", weighted="false",
         quote="In all, 35% of the men had experienced PCD symptoms in their lifetime.",
         read_in="abstract"),
]
ARTICLES = [dict(article_id="example_news", outlet="Example News", title="Why we cry after sex",
                 url="https://www.example.org/cry-after-sex", published="2026-01-15")]
CLAIMS = [dict(claim_id="A", claim_group="A", article_id="example_news",
               quote="A 2025 survey found that almost 40% of women have cried after sex.",
               measure="prevalence", value="40", value_text="almost 40%", approximation="almost",
               unit="percent", sex="female", orientation="any", timeframe="lifetime",
               frequency="at_least_once", context="any", outcome="crying_after_sex",
               population="women", source_kind="one_survey", year_claimed="2025",
               source_ids="schweitzer2025", estimate_ids="schweitzer2025-lifetime",
               read_in="article_text"),
          # a ratio claim whose id another article's ratio claim already has (mnt/E)
          dict(claim_id="E", claim_group="E", article_id="example_news",
               quote="Women were three times more likely than men to cry after sex.",
               measure="ratio_claim", value="3", value_text="three times more likely",
               approximation="exact", unit="ratio", sex="female", orientation="any",
               reference_sex="male", timeframe="lifetime", frequency="at_least_once",
               context="any", outcome="crying_after_sex", population="women compared with men",
               source_kind="not_stated", read_in="article_text")]


def _add(folder, file, records):
    header, rows = read_table(folder / file)
    write_table(folder / file, header, [*rows, *({c: r.get(c, "") for c in header}
                                                 for r in records)])


@pytest.fixture
def grown(data_copy):
    """The shipped record set plus two studies, two estimates, an article and a claim."""
    _add(data_copy, "sources.csv", SOURCES)
    _add(data_copy, "estimates.csv", ESTIMATES)
    _add(data_copy, "articles.csv", ARTICLES)
    _add(data_copy, "claims.csv", CLAIMS)
    return data_copy


def test_the_additions_load_with_the_shipped_records(grown):
    db = pctstats.load(grown)
    assert db.sources["ostergaard2026"].year_text == "n.d."
    assert db.claims["example_news/A"].source_ids == ("schweitzer2025",)
    assert db.claims["mashable_reprint/A"].article_id == "mashable_reprint"


def test_validate_check_claims_and_report_run_on_the_grown_copy(grown, capsys, tmp_path):
    data = ["--data", str(grown)]
    assert main(["validate", *data]) == 0
    assert "well formed and consistent" in capsys.readouterr().out
    assert main(["check", *data, "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    grim = {f["record_id"]: f["status"] for f in findings if f["check"] == "grim"}
    assert grim["schweitzer2025-lifetime"] == "ok" and grim["ostergaard2026-lifetime"] == "ok"
    assert main(["claims", *data, "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)
    audit = pctstats.audit_claims(pctstats.load(grown)).set_index(["article_id", "claim_id"])
    assert [c["verdict"] for c in claims if c["article"] == "Example News"] == [
        audit.loc[("example_news", claim), "verdict"] for claim in ("A", "E")]
    assert main(["claims", "example_news/A", *data, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["claims", "A", *data]) == 2  # two articles have a claim 'A': say which
    assert "example_news/A" in capsys.readouterr().err
    report = tmp_path / "report.md"
    assert main(["report", *data, "--output", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert "Østergaard, M., & Berg, L. (n.d.)." in text
    assert "Schweitzer, R. D., & Smith, J. (2025)." in text
    capsys.readouterr()


@pytest.mark.slow
def test_the_figures_build_on_the_grown_copy(grown, monkeypatch, tmp_path):
    """The notebooks run on the copy (PCTSTATS_DATA): a second Schweitzer study and a non-ASCII
    surname give unique LaTeX macro names, and the new studies appear in the quoted numbers."""
    monkeypatch.setenv("PCTSTATS_DATA", str(grown))
    out = tmp_path / "figures"
    assert main(["figures", "--out", str(out)]) == 0
    tex = (out / "numbers.tex").read_text(encoding="utf-8")
    macros = re.findall(r"\\newcommand\{\\(\w+)\}", tex)
    assert len(macros) == len(set(macros)) and all(m.isascii() for m in macros)
    numbers = json.loads((out / "numbers.json").read_text(encoding="utf-8"))
    named = {r for entry in _entries(numbers) for r in entry.get("records", ())}
    assert {"schweitzer2025-lifetime", "ostergaard2026-lifetime"} <= named
    # a second men's study: men are pooled now, and the caption says whom each sex's studies drew
    assert "PCDLifetimeMenPooled" in macros and "PCDLifetimeMen" not in macros
    assert "PoolMenEstimate" in macros and "EstOstergaardTwoZeroTwoSixLifetimeValue" in macros
    # two ratio claims 'E' of two articles: two figures, two sets of macros
    assert {"RatioClaimMntEValue", "RatioClaimExampleNewsEValue"} <= set(macros)
    assert (out / "ratio_claim_example_news_e.png").is_file()
    assert (out / "ratio_claim_mnt_e.png").is_file()
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "for men (S3, S12)" in readme and "men rest on one study" not in readme


def test_the_pooling_and_its_caveat_take_in_the_added_studies(grown):
    db = pctstats.load(grown)
    pooled = pctstats.pooled_lifetime(db)
    assert "S10" in pooled.women.labels and pooled.men.labels == ("S3", "S12")
    assert "S12: men attending a sexual health clinic" in pooled.caveat
    assert "S10: women in the community" in pooled.caveat
    assert ("schweitzer2025-lifetime", "lee2026-lifetime") in pooled.compared
    # S11 counts both sexes together: it belongs in neither sex's pooling
    assert "ostergaard2026-lifetime" not in pooled.studies["all"]


def _entries(numbers):
    return numbers.values() if isinstance(numbers, dict) else numbers
