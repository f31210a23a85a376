"""The documentation site builds without a warning, with the guide, the vocabularies, the API
reference and the notebooks (rendered but not executed here: `make docs` executes them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pctstats

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow
pytest.importorskip("sphinx")
pytest.importorskip("myst_nb")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-q", "-b", "html",
         "-D", "nb_execution_mode=off", "-d", str(out / ".doctrees"), str(REPO / "docs"),
         str(out / "html")],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr  # a warning is an error (-W)
    return out / "html"


def test_site_has_the_guide_and_the_readme(site):
    guide = (site / "guide.html").read_text(encoding="utf-8")
    for heading in ("Install with pip", "Use it in Jupyter", "The claim audit and its verdicts"):
        assert heading in guide, heading
    assert "Adding a study or a claim" in (site / "adding.html").read_text(encoding="utf-8")


def test_site_lists_every_verdict_status_and_vocabulary(site):
    from pctstats.audit import VERDICTS
    from pctstats.checks import CHECKS, STATUSES

    page = (site / "_generated" / "vocabulary.html").read_text(encoding="utf-8")
    for name in [*VERDICTS, *STATUSES, *CHECKS, *pctstats.VOCABULARIES]:
        assert f"<code class=\"docutils literal notranslate\"><span class=\"pre\">{name}</span>" \
            in page, name


def test_site_has_the_api_reference(site):
    page = (site / "_generated" / "api" / "pctstats.stats.pooling.html").read_text(
        encoding="utf-8")
    assert 'id="pctstats.stats.pooling.pool_prevalence"' in page
    assert "DerSimonian" in page


def test_site_renders_the_five_notebooks(site):
    rendered = sorted(p.stem for p in (site / "_generated" / "notebooks").glob("*.html"))
    assert rendered == sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
