"""The command line: every subcommand's happy path and its errors (one line, exit 1 or 2)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from pybtex.database import parse_string

import pctstats
from pctstats import cli
from pctstats.checks import CHECKS
from tests.conftest import read_table, write_table

SUBCOMMANDS = list(cli.COMMANDS)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "error:" in lines[0] and "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture(scope="module")
def db():
    return pctstats.load()


# -- help and usage --------------------------------------------------------------------------------

def test_top_level_help_lists_every_subcommand(capsys):
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for name in SUBCOMMANDS:
        assert name in out


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(capsys, name):
    status, out, _ = run(capsys, name, "--help")
    assert status == 0
    assert out.startswith(f"usage: pctstats {name}")


def test_version(capsys):
    status, out, _ = run(capsys, "--version")
    assert (status, out.strip()) == (0, f"pctstats {pctstats.__version__}")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        ([], "COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["ci", "106", "230", "--format", "xml"], "invalid choice: 'xml'"),
        (["ci", "106", "230", "--method", "exact"], "invalid choice: 'exact'"),
        (["ci", "106", "230", "--level", "95"], "between 0 and 1"),
        (["ci", "10.5", "230"], "whole number"),
        (["ci", "-1", "230"], "whole number"),
        (["check", "--rounding", "banker"], "invalid choice: 'banker'"),
    ],
)
def test_usage_errors_are_one_line_with_status_2(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert_one_line_error(err, fragment)


# -- check -----------------------------------------------------------------------------------------

def test_check_lists_findings_and_exits_0(capsys):
    status, out, err = run(capsys, "check")
    assert status == 0 and err == ""
    header = out.splitlines()[0].split()
    assert header == ["check", "record_id", "status", "message", "rounding"]
    assert "schweitzer2015-4weeks-few" in out


def test_check_strict_fails_when_a_check_fails(capsys):
    status, _, err = run(capsys, "check", "--strict")
    assert status == 1
    assert "failed (--strict)" in err


def test_check_strict_passes_when_nothing_fails(capsys):
    status, out, _ = run(capsys, "check", "--strict", "--only", "ranges")
    assert status == 0
    assert "fail" not in out.split("\n", 2)[2]


def test_check_json_full_and_status_filter(capsys):
    status, out, _ = run(capsys, "check", "--format", "json", "--full", "--status", "fail")
    assert status == 0
    rows = json.loads(out)
    assert rows and {r["status"] for r in rows} == {"fail"}
    assert {r["check"] for r in rows} <= set(CHECKS)
    grim_row = next(r for r in rows if r["record_id"] == "schweitzer2015-4weeks-few")
    assert grim_row["k_min"] is None and grim_row["k_max"] is None and grim_row["value"] == "5.1"


def test_check_rounding_is_passed_on(capsys):
    status, out, _ = run(capsys, "check", "--rounding", "even", "--only", "grim", "-f", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["rounding"] for r in rows} == {"even"}


# -- claims ----------------------------------------------------------------------------------------

def test_claims_markdown_has_quotes_doi_and_verdict(capsys, db):
    status, out, _ = run(capsys, "claims", "--format", "markdown")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("| claim_id | article | article_quote | verdict |")
    assert len(lines) == 2 + len(db.claims)
    d_row = next(line for line in lines if line.startswith("| D-lifetime |"))
    assert "41% of 1,635 participants" in d_row  # the article's quote
    assert "Forty-one percent reported" in d_row  # the source's quote
    assert db.sources["maczkowiack2019"].doi in d_row
    assert "| distorted |" in d_row and "sample_size" in d_row


def test_claims_selected_ids_and_unknown_id(capsys):
    status, out, _ = run(capsys, "claims", "E", "A", "-f", "json")
    assert status == 0
    assert [r["claim_id"] for r in json.loads(out)] == ["E", "A"]
    status, _, err = run(capsys, "claims", "D-lifetme")
    assert status == 2
    assert_one_line_error(err, "unknown claim id 'D-lifetme'", "did you mean 'D-lifetime'")


# -- grim ------------------------------------------------------------------------------------------

def test_grim_one_value(capsys):
    status, out, _ = run(capsys, "grim", "5.1", "230", "-f", "json")
    assert status == 0
    (row,) = json.loads(out)
    assert row["consistency"] is False and row["n"] == 230
    assert row["k_min"] is None and row["k_max"] is None


def test_grim_several_values_and_rounding(capsys):
    status, out, _ = run(capsys, "grim", "46", "5.1", "2", "230", "--rounding", "even", "-f", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["value"] for r in rows] == ["46", "5.1", "2"]
    assert [r["consistency"] for r in rows] == ["True", "False", "True"]
    assert {r["rounding"] for r in rows} == {"even"}


def test_grim_mean_with_items(capsys):
    status, out, _ = run(capsys, "grim", "5.19", "32", "--mean", "-f", "json")
    assert status == 0 and json.loads(out)[0]["consistency"] is True


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["grim", "5,1", "230"], "VALUE '5,1'"),
        (["grim", "105", "230"], "above 100"),
        (["grim", "5.1", "230.5"], "N (the last number)"),
        (["grim", "5.1", "0"], "positive whole number"),
        (["grim", "230"], "at least one value"),
        (["grim", "5.1", "230", "--items", "3"], "--mean"),
    ],
)
def test_grim_bad_numbers(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert_one_line_error(err, fragment)


# -- ci --------------------------------------------------------------------------------------------

def test_ci_all_methods(capsys):
    status, out, _ = run(capsys, "ci", "106", "230", "--method", "all", "-f", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["method"] for r in rows] == list(pctstats.PREVALENCE_METHODS)
    wilson = pctstats.prevalence_ci(106, 230)
    assert float(rows[0]["low"]) == pytest.approx(wilson.low)
    assert float(rows[0]["high"]) == pytest.approx(wilson.high)


def test_ci_one_method_and_level(capsys):
    status, out, _ = run(capsys, "ci", "106", "230", "--method", "jeffreys", "--level", "0.9",
                         "-f", "json")
    assert status == 0
    (row,) = json.loads(out)
    assert (row["method"], row["level"]) == ("jeffreys", 0.9)


def test_ci_count_above_n(capsys):
    status, _, err = run(capsys, "ci", "300", "230")
    assert status == 2
    assert_one_line_error(err, "K must not exceed N")


# -- sources ---------------------------------------------------------------------------------------

def test_sources_summary(capsys, db):
    status, out, _ = run(capsys, "sources", "-f", "json")
    assert status == 0
    rows = json.loads(out)
    assert [r["source_id"] for r in rows] == list(db.sources)
    assert list(rows[0]) == list(cli.SOURCE_SUMMARY_COLUMNS)


def test_sources_one_in_full_and_several(capsys, db):
    status, out, _ = run(capsys, "sources", "jsmt2024", "-f", "json")
    assert status == 0
    record = json.loads(out)
    assert record["authors"] == "Raftery D" and record["doi"] == db.sources["jsmt2024"].doi
    assert record["secondary_fields"] == ["authors"]  # known from a news report only
    status, out, _ = run(capsys, "sources", "pyke2020", "bird2011", "--full", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["source_id"] for r in rows] == ["pyke2020", "bird2011"] and "open_facts" in rows[0]


def test_sources_unknown_id_suggests_close_match(capsys):
    status, out, err = run(capsys, "sources", "maczkowiak2019")
    assert status == 2 and out == ""
    assert_one_line_error(err, "unknown source id 'maczkowiak2019'",
                          "did you mean 'maczkowiack2019'?")


# -- cite ------------------------------------------------------------------------------------------

def test_cite_apa(capsys, db):
    status, out, _ = run(capsys, "cite", "maczkowiack2019", "--style", "apa")
    assert status == 0
    assert out.startswith("Maczkowiack, J., & Schweitzer, R. D. (2019).")
    assert out.strip().endswith(db.sources["maczkowiack2019"].doi)


def test_cite_all_bibtex_parses(capsys, db):
    status, out, _ = run(capsys, "cite", "--all", "--style", "bibtex")
    assert status == 0
    assert list(parse_string(out, "bibtex").entries) == list(db.sources)


def test_cite_without_sources_cites_pctstats(capsys):
    status, out, _ = run(capsys, "cite")
    assert status == 0 and "pctstats" in out and pctstats.__version__ in out


def test_cite_errors(capsys):
    status, _, err = run(capsys, "cite", "--all", "bird2011")
    assert status == 2
    assert_one_line_error(err, "not both")
    status, _, err = run(capsys, "cite", "bird2012", "--style", "bibtex")
    assert status == 2
    assert_one_line_error(err, "did you mean 'bird2011'")
    status, _, err = run(capsys, "cite", "bird2011", "--style", "mla")
    assert status == 2
    assert_one_line_error(err, "invalid choice: 'mla'")


# -- report ----------------------------------------------------------------------------------------

def test_report_to_file_and_stdout(capsys, tmp_path, monkeypatch, db):
    monkeypatch.chdir(tmp_path)  # figure links are relative to the report's folder
    target = tmp_path / "report.md"
    status, out, err = run(capsys, "report", "--output", str(target))
    assert status == 0 and out == "" and str(target) in err
    text = target.read_text(encoding="utf-8")
    assert all(claim.claim_id in text for claim in db.claims.values())
    status, out, _ = run(capsys, "report")
    assert status == 0 and out == text  # same records, same report (the cwd is the report's)


def test_report_into_missing_folder(capsys, tmp_path):
    status, _, err = run(capsys, "report", "-o", str(tmp_path / "nowhere" / "report.md"))
    assert status == 1
    assert_one_line_error(err, "nowhere")


# -- figures ---------------------------------------------------------------------------------------

def test_figures_runs_the_build(capsys, monkeypatch, tmp_path):
    from pctstats.core.paths import figures_dir
    from pctstats.publish import run as publish_run

    calls = []
    monkeypatch.setattr(publish_run, "build", lambda out, **kwargs: calls.append((out, kwargs)))
    monkeypatch.setattr(publish_run, "check", lambda out, **kwargs: calls.append((out, kwargs))
                        or [])
    assert cli.main(["figures"]) == 0
    assert cli.main(["figures", "--out", str(tmp_path), "--check", "--jobs", "1"]) == 0
    assert [(str(out), kwargs) for out, kwargs in calls] == [
        (str(figures_dir()), {"notebooks": None, "jobs": None}),
        (str(tmp_path), {"notebooks": None, "jobs": 1}),
    ]
    monkeypatch.setattr(publish_run, "check", lambda out, **kwargs: ["a.png"])
    assert cli.main(["figures", "--check"]) == 1


# -- another record set ----------------------------------------------------------------------------

def test_data_option_reads_another_record_set(capsys, data_copy):
    path = data_copy / "sources.csv"
    header, rows = read_table(path)
    write_table(path, header, [{**row, "title": "A retitled study"}
                               if row["source_id"] == "jsmt2024" else row for row in rows])
    status, out, _ = run(capsys, "sources", "jsmt2024", "--data", str(data_copy), "-f", "json")
    assert status == 0 and json.loads(out)["title"] == "A retitled study"


def test_broken_record_set_lists_every_problem_with_status_1(capsys, set_cell, data_copy):
    set_cell("estimates.csv", "schweitzer2015-lifetime", "value", "46,0")
    set_cell("estimates.csv", "bird2011-lifetime", "k", "999")
    status, out, err = run(capsys, "check", "--data", str(data_copy))
    assert status == 1 and out == ""
    assert err.startswith("pctstats check: error: the record set has")
    assert "schweitzer2015-lifetime" in err and "bird2011-lifetime" in err
    assert "Traceback" not in err


def test_missing_record_set_folder(capsys, tmp_path):
    status, _, err = run(capsys, "sources", "--data", str(tmp_path / "none"))
    assert status == 1
    assert_one_line_error(err, "no datapackage.json")


# -- python -m pctstats ----------------------------------------------------------------------------

def test_python_dash_m_runs_and_errors_cleanly():
    done = subprocess.run([sys.executable, "-m", "pctstats", "grim", "5.1", "230", "-f", "csv"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.splitlines()[1].startswith("5.1,230,False")
    done = subprocess.run([sys.executable, "-m", "pctstats", "cite", "maczkowiak2019"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert_one_line_error(done.stderr, "did you mean 'maczkowiack2019'?")


# -- the command line answers at once: 'grim' and 'ci' import no heavy library --------------------

HEAVY = ("pandas", "scipy", "statsmodels", "matplotlib")


def imported_after(code: str) -> list[str]:
    """The heavy libraries in sys.modules after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_importing_the_cli_imports_no_heavy_library():
    assert imported_after("import pctstats.cli") == []


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["grim", "5.1", "46", "230"], ()),
        (["grim", "5.19", "32", "--mean", "-f", "json"], ()),
        (["ci", "106", "230"], ()),
        (["ci", "106", "230", "--method", "wald", "-f", "csv"], ()),
        # a beta quantile: scipy, and nothing else
        (["ci", "106", "230", "--method", "all", "-f", "markdown"], ("scipy",)),
    ],
)
def test_grim_and_ci_import_no_heavy_library(argv, allowed):
    code = (
        "import contextlib, io\nfrom pctstats.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0"
    )
    assert [m for m in imported_after(code) if m not in allowed] == []
