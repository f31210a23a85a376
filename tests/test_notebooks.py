"""The notebooks: stored clean, executed by the build, and the committed figures/ reproduced.

The build runs once per module (``built``), into a temporary folder, with the notebooks' working
directory set to another temporary folder. Its output is then compared byte for byte with the
committed ``figures/``, which ``make figures`` wrote in a separate run: that one comparison checks
both that the build is deterministic (two runs, two processes, the same bytes) and that the
committed figures are current, which is how CI checks reproducibility. If it fails, run ``make
figures``: if the difference persists between two runs, the build is not deterministic.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

from pctstats.core.paths import DATA_DIR_ENV
from pctstats.publish import outputs
from pctstats.publish.render import FIGURE_FORMATS
from pctstats.publish.run import build
from tests.conftest import USER_DATA

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
COMMITTED = REPO / "figures"
#: Numeric literals a notebook may type: none that is data (the numbers come from data/).
ALLOWED_LITERALS = {0, 1, 2, 100}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The figures built from the user's whole record set, as ``make figures`` builds them."""
    out = tmp_path_factory.mktemp("figures")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(USER_DATA))
        return build(out, quiet=True)


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"{path.name} cell {index} stores outputs: clear them"
        assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"
        assert "execution" not in cell.metadata, f"{path.name} cell {index} stores timings"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_types_no_data(path):
    """Numbers come from data/ through the package: no numeric literal beyond 0, 1, 2, 100."""
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            literals = {
                node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, int | float)
                and not isinstance(node.value, bool)
            }
            assert literals <= ALLOWED_LITERALS, f"{path.name} cell {index} types {literals}"
            assert "open(" not in cell.source and "read_csv" not in cell.source, (
                f"{path.name} cell {index} reads a file itself: go through pctstats"
            )
        else:
            typed = re.findall(r"\d+\.\d+|\d+\s*%|[Nn] = \d+", cell.source)
            assert not typed, f"{path.name} markdown cell {index} types {typed}"


def test_every_notebook_ran(built):
    assert [run.notebook for run in built.runs] == [p.stem for p in NOTEBOOKS]


def test_every_declared_figure_was_written(built):
    assert len(built.figures) >= 6
    for figure in built.figures:
        assert figure.records, figure.name
        assert figure.caption, figure.name
        assert figure.files == tuple(f"{figure.name}.{fmt}" for fmt in FIGURE_FORMATS)
        for file in figure.files:
            assert (built.out_dir / file).stat().st_size > 1000, file


def test_every_notebook_after_the_first_makes_a_figure(built):
    for run in built.runs[1:]:
        assert run.figures, f"{run.notebook} declares no figure"


def test_every_quoted_number_is_in_numbers_json_and_tex(built):
    numbers = json.loads((built.out_dir / outputs.NUMBERS_JSON).read_text(encoding="utf-8"))
    tex = (built.out_dir / outputs.NUMBERS_TEX).read_text(encoding="utf-8")
    assert sorted(numbers) == sorted(n.name for n in built.numbers)
    for n in built.numbers:
        assert numbers[n.name]["text"] == n.text
        assert numbers[n.name]["records"], n.name
        assert f"\\newcommand{{\\{n.name}}}{{{outputs.tex_escape(n.text)}}}" in tex
    assert "PCDLifetimeWomenPooled" in numbers and "RatioClaimMntEValue" in numbers
    # men: one study quoted as printed, or (once a second is added) pooled
    assert "PCDLifetimeMen" in numbers or "PCDLifetimeMenPooled" in numbers


def test_quoted_numbers_come_from_the_records(built):
    import pctstats

    db = pctstats.load(USER_DATA)
    numbers = {n.name: n for n in built.numbers}
    printed = [n for n in built.numbers if "as printed" in n.description
               and len(n.records) == 1 and n.records[0] in db.estimates]
    assert any(n.name == "EstSchweitzerTwoZeroOneFiveLifetimeValue" for n in printed)
    for n in printed:
        assert n.text == db.estimates[n.records[0]].value, n.name
    assert numbers["RatioClaimMntEValue"].text == db.claims["mnt/E"].value


def test_readme_lists_every_figure_with_notebook_and_records(built):
    readme = (built.out_dir / outputs.README).read_text(encoding="utf-8")
    for run in built.runs:
        for figure in run.figures:
            section = readme.split(f"### `{figure.name}`", 1)[1].split("###", 1)[0]
            assert f"notebooks/{run.notebook}.ipynb" in section
            for record in figure.records:
                assert f"`{record}`" in section


def test_nothing_else_is_written(built):
    expected = set(built.files)
    assert {p.name for p in built.out_dir.iterdir()} == expected
    assert {outputs.NUMBERS_JSON, outputs.NUMBERS_TEX, outputs.README} <= expected


def test_committed_figures_equal_a_fresh_build(built):
    """CI's reproducibility check: figures/ is what a fresh build writes, byte for byte."""
    assert COMMITTED.is_dir(), "figures/ is missing: run `make figures` and commit it"
    differing = outputs.compare_dirs(built.out_dir, COMMITTED)
    assert differing == [], (
        f"figures/ differs from a fresh build in {differing}: run `make figures` and commit "
        "the result (if it still differs between two runs, the build is not deterministic)"
    )
