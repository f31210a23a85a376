"""The figure build (pctstats.publish): declarations, reproducible bytes, atomic writes, failures.

Fast tests use the registry directly (no kernel); a few execute tiny notebooks written here, each
in a fresh kernel, to test what the build does around the notebooks (outputs, stale files, a
failing cell, a machine whose kernelspecs point elsewhere).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pytest

from pctstats import cli
from pctstats.core import files, paths
from pctstats.publish import channel, declare, outputs, records, render
from pctstats.publish.errors import NotebookFailed
from pctstats.publish.run import build

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def registry(monkeypatch):
    """A fresh declaration registry, outside a build."""
    monkeypatch.setattr(declare, "_REGISTRY", declare._Registry())
    monkeypatch.delenv(channel.STAGING_ENV, raising=False)
    monkeypatch.delenv(channel.NOTEBOOK_ENV, raising=False)
    return declare._REGISTRY


@pytest.fixture
def building(registry, monkeypatch, tmp_path):
    """A fresh registry inside a (pretend) build: declarations write into tmp_path/staging."""
    staging = tmp_path / "staging"
    staging.mkdir()
    monkeypatch.setenv(channel.STAGING_ENV, str(staging))
    monkeypatch.setenv(channel.NOTEBOOK_ENV, "99_test")
    return staging


def small_figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [1, 0, 2], label="line")
    ax.set_xlabel("Lifetime prevalence (%)")
    ax.legend()
    return fig


# --- quote_number -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "text", "number"),
    [
        (1208, None, "1208", 1208),
        (41.0, 1, "41.0", 41.0),
        (66.604404, 1, "66.6", 66.604404),
        (0.125, 2, "0.13", 0.125),  # half up, decided on the decimal value
        (Decimal("5.1"), 1, "5.1", 5.1),
        ("5.1", None, "5.1", 5.1),
        ("46", None, "46", 46),
        (7, 1, "7.0", 7),
    ],
)
def test_quote_number_formats(registry, value, decimals, text, number):
    record = declare.quote_number("TestNumber", value, decimals=decimals,
                                  records=["schweitzer2015"], description="a test")
    assert record.text == text
    assert record.value == number
    assert declare.registered()[1] == [record]


@pytest.mark.parametrize(
    ("name", "value", "kwargs", "error"),
    [
        ("Test2", 1, {}, ValueError),  # digits cannot be in a TeX macro name
        ("testNumber", 1, {}, ValueError),
        ("TestNumber", True, {}, TypeError),
        ("TestNumber", 0.5, {}, ValueError),  # a float needs decimals
        ("TestNumber", float("nan"), {"decimals": 1}, ValueError),
        ("TestNumber", "5.1", {"decimals": 1}, ValueError),
        ("TestNumber", "5,1", {}, ValueError),
        ("TestNumber", [1], {}, TypeError),
        ("TestNumber", 1, {"records": ["no-such-record"]}, ValueError),
        ("TestNumber", 1, {"records": []}, ValueError),
        ("TestNumber", 1, {"records": "schweitzer2015"}, TypeError),
        ("TestNumber", 1, {"description": " "}, ValueError),
    ],
)
def test_quote_number_refuses(registry, name, value, kwargs, error):
    arguments = {"records": ["schweitzer2015"], "description": "a test", **kwargs}
    with pytest.raises(error):
        declare.quote_number(name, value, **arguments)


def test_quote_number_accepts_whole_tables(registry):
    record = declare.quote_number("TestCount", 3, records=["claims", "A"], description="a test")
    assert record.records == ("A", "claims")


def test_quote_number_twice_in_a_build_must_agree(building):
    declare.quote_number("TestNumber", 1, records=["schweitzer2015"], description="a test")
    declare.quote_number("TestNumber", 1, records=["schweitzer2015"], description="a test")
    with pytest.raises(ValueError, match="quoted twice"):
        declare.quote_number("TestNumber", 2, records=["schweitzer2015"], description="a test")


# --- save_figure ------------------------------------------------------------------------------


def test_save_figure_outside_a_build_writes_nothing(registry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = small_figure()
    record = declare.save_figure(fig, "test_figure", records=["schweitzer2015"], caption="A test.")
    assert record.files == ()
    assert list(tmp_path.iterdir()) == []
    assert plt.fignum_exists(fig.number)  # left open for Jupyter to show
    plt.close(fig)


def test_save_figure_in_a_build_writes_every_format(building):
    fig = small_figure()
    record = declare.save_figure(fig, "test_figure", records=["schweitzer2015-lifetime"],
                           caption="A  test\n figure.")
    assert record.caption == "A test figure."
    assert record.files == tuple(f"test_figure.{fmt}" for fmt in render.FIGURE_FORMATS)
    for file in record.files:
        assert (building / file).stat().st_size > 0
    assert not plt.fignum_exists(fig.number)
    fragment = json.loads((building / channel.DECLARATIONS_DIR / "99_test.json").read_text())
    assert fragment["figures"][0]["name"] == "test_figure"
    assert fragment["figures"][0]["records"] == ["schweitzer2015-lifetime"]
    assert not [p for p in building.iterdir() if p.name.startswith(".tmp")]
    with pytest.raises(ValueError, match="declared twice"):
        declare.save_figure(small_figure(), "test_figure", records=["schweitzer2015"], caption="x")


@pytest.mark.parametrize(
    ("name", "kwargs", "error"),
    [
        ("Test-Figure", {}, ValueError),
        ("test figure", {}, ValueError),
        ("test_figure", {"caption": ""}, ValueError),
        ("test_figure", {"records": ["nope"]}, ValueError),
        ("test_figure", {"records": "schweitzer2015"}, TypeError),
    ],
)
def test_save_figure_refuses(registry, name, kwargs, error):
    arguments = {"records": ["schweitzer2015"], "caption": "A test.", **kwargs}
    fig = small_figure()
    with pytest.raises(error):
        declare.save_figure(fig, name, **arguments)
    plt.close(fig)


# --- reproducible bytes -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", render.FIGURE_FORMATS)
def test_figure_bytes_are_reproducible_and_undated(fmt):
    first = render.figure_bytes(small_figure(), fmt)
    second = render.figure_bytes(small_figure(), fmt)
    assert first == second
    for marker in (b"CreationDate", b"ModDate", b"dc:date", b"Matplotlib v", b"Software"):
        assert marker not in first


def test_png_is_300_dpi():
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(render.figure_bytes(small_figure(), "png")))
    assert [round(x) for x in image.info["dpi"]] == [render.PNG_DPI, render.PNG_DPI]


def test_the_style_ignores_a_users_matplotlibrc():
    from pctstats.plots.style import style_context

    with plt.rc_context({"font.size": 30, "lines.linewidth": 9}):
        with style_context():
            assert plt.rcParams["font.sans-serif"][0] == "DejaVu Sans"
            assert plt.rcParams["lines.linewidth"] != 9
            assert plt.rcParams["svg.hashsalt"] == "pctstats"


# --- files ------------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    files.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # a normal file's mode


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.png"
    target.write_bytes(b"old")

    def fail(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.png"]


def test_numbers_files_are_sorted_and_escaped():
    numbers = [
        records.NumberRecord("Zeta", "1", 1, "", "last", ("A",), "01"),
        records.NumberRecord("Alpha", "5.1", 5.1, "%", "first & 50% of_it", ("A",), "01"),
    ]
    data = json.loads(outputs.numbers_json(numbers))
    assert list(data) == ["Alpha", "Zeta"]
    tex = outputs.numbers_tex(numbers).decode()
    assert tex.index(r"\newcommand{\Alpha}{5.1}") < tex.index(r"\newcommand{\Zeta}{1}")
    assert outputs.tex_escape("50% & a_b") == r"50\% \& a\_b"


def test_compare_dirs_reports_missing_and_different(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "same.png").write_bytes(b"1")
    (b / "same.png").write_bytes(b"1")
    (a / "diff.svg").write_bytes(b"1")
    (b / "diff.svg").write_bytes(b"2")
    (a / "only.pdf").write_bytes(b"1")
    (b / ".hidden").write_bytes(b"1")
    assert outputs.compare_dirs(a, b) == ["diff.svg", "only.pdf"]


# --- builds of tiny notebooks -----------------------------------------------------------------


def write_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A test notebook")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)
    return path


GOOD = """
import matplotlib.pyplot as plt
from pctstats.publish.declare import quote_number, save_figure
fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([0, 1], [0, 1])
save_figure(fig, "tiny", records=["schweitzer2015"], caption="A tiny figure.")
quote_number("TinyN", 230, records=["schweitzer2015"], description="a tiny number")
open("written-in-the-working-directory.txt", "w").close()  # must not land in the output
"""


@pytest.mark.slow
def test_tiny_build_writes_outputs_and_removes_only_stale_figures(tmp_path):
    notebook = write_notebook(tmp_path / "tiny.ipynb", GOOD)
    out = tmp_path / "out"
    out.mkdir()
    (out / outputs.MANIFEST).write_bytes(outputs.manifest(["gone.png", "gone.svg"]))
    (out / "gone.png").write_bytes(b"stale")
    (out / "gone.svg").write_bytes(b"stale")
    (out / "keep.png").write_bytes(b"not ours")
    result = build(out, notebooks=[notebook], quiet=True)
    assert [f.name for f in result.figures] == ["tiny"]
    assert [n.name for n in result.numbers] == ["TinyN"]
    assert sorted(result.removed) == ["gone.png", "gone.svg"]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["README.md", "keep.png", "numbers.json", "numbers.tex",
                            "tiny.pdf", "tiny.png", "tiny.svg", outputs.MANIFEST])
    assert json.loads((out / "numbers.json").read_text())["TinyN"]["text"] == "230"
    assert r"\newcommand{\TinyN}{230}" in (out / "numbers.tex").read_text()
    readme = (out / "README.md").read_text()
    assert "`tiny`" in readme and "`schweitzer2015`" in readme and "tiny.ipynb" in readme
    again = build(out, notebooks=[notebook], quiet=True)
    assert again.written == () and again.removed == ()
    assert sorted(again.unchanged) == sorted(result.written)


@pytest.mark.slow
def test_failing_cell_names_notebook_and_cell_and_changes_nothing(tmp_path, capsys):
    notebook = write_notebook(tmp_path / "broken.ipynb", "x = 1", "raise ValueError('no such')")
    out = tmp_path / "out"
    out.mkdir()
    (out / "numbers.json").write_text("{}\n")
    with pytest.raises(NotebookFailed) as caught:
        build(out, notebooks=[notebook], quiet=True)
    err = caught.value
    assert (err.notebook, err.cell) == ("broken.ipynb", 2)
    assert err.error == "ValueError: no such"
    assert "raise ValueError" in str(err)
    assert [p.name for p in out.iterdir()] == ["numbers.json"]  # untouched, no staging left
    assert cli.main(["figures", "--out", str(out), "--notebook", str(notebook)]) == 1
    message = capsys.readouterr().err
    assert "broken.ipynb failed in cell 2: ValueError: no such" in message
    assert "Traceback" not in message


@pytest.mark.slow
def test_build_uses_this_interpreter_whatever_kernelspecs_say(tmp_path):
    """A fresh machine: no venv on PATH, an empty HOME, and a 'python3' kernelspec that fails."""
    notebook = write_notebook(tmp_path / "tiny.ipynb", GOOD)
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": ["/bin/false", "{connection_file}"], "display_name": "broken",
         "language": "python"}))
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "JUPYTER_PATH": str(tmp_path / "jupyter"),
           "JUPYTER_DATA_DIR": str(tmp_path / "jupyter"), "LANG": "C.UTF-8"}
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "pctstats.build", "--out", str(out), "--notebook", str(notebook)],
        cwd=home, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "tiny.ipynb" in run.stdout
    assert (out / "tiny.png").is_file()
    assert not (out / "written-in-the-working-directory.txt").exists()
    assert not (home / "written-in-the-working-directory.txt").exists()


def test_default_output_dir_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.FIGURES_DIR_ENV, str(tmp_path))
    assert paths.figures_dir() == tmp_path
    monkeypatch.delenv(paths.FIGURES_DIR_ENV)
    assert paths.figures_dir() == REPO / "figures"


def test_kernels_get_a_reproducible_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.FIGURES_DIR_ENV, "/elsewhere")
    env = channel.kernel_env(tmp_path, "01_x")
    assert env[channel.STAGING_ENV] == str(tmp_path)
    assert env[channel.NOTEBOOK_ENV] == "01_x"
    assert env["MPLBACKEND"] == "Agg" and env["PYTHONHASHSEED"] == "0"
    assert paths.FIGURES_DIR_ENV not in env
    assert os.environ[paths.FIGURES_DIR_ENV] == "/elsewhere"
