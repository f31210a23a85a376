"""A wheel built from the checkout, installed in a fresh environment, loads the same records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

import pctstats

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

PROBE = """
import json, pctstats
from pctstats.core.paths import data_dir
db = pctstats.load()
print(json.dumps({"file": pctstats.__file__, "data": str(data_dir()),
                  "estimates": {k: [e.value, e.value_high, e.n] for k, e in db.estimates.items()},
                  "sources": sorted(db.sources), "claims": sorted(db.claims)}))
"""


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    """A wheel built from the checkout, installed alone in a fresh environment: (wheel, python,
    environment folder, os.environ for running it)."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(dist), str(REPO)], check=True, capture_output=True)
    wheel = next(dist.glob("pctstats-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    fresh = env_dir / "bin" / "python"
    purelib = subprocess.run([str(fresh), "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['purelib'])"], check=True, capture_output=True, text=True)
    target = purelib.stdout.strip()
    # Install only the wheel into the fresh environment (pip of this interpreter, --target);
    # its dependencies (numpy, pandas...) come from this test environment's site-packages via
    # PYTHONPATH, which does not carry the editable install of pctstats itself.
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                    "--target", target, str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "PYTHONNOUSERSITE": "1"}
    env.pop("PCTSTATS_FIGURES_DIR", None)
    env.pop("PCTSTATS_DATA", None)  # the installed package reads the record set it ships
    return wheel, fresh, env_dir, env


def test_wheel_installs_and_loads_the_same_records(wheel_env, tmp_path):
    _, fresh, env_dir, env = wheel_env
    result = subprocess.run([str(fresh), "-c", PROBE], check=True, capture_output=True, text=True,
                            cwd=tmp_path, env=env)
    seen = json.loads(result.stdout)
    assert seen["file"].startswith(str(env_dir)), seen["file"]
    assert seen["data"].startswith(str(env_dir)) and seen["data"].endswith("_data")
    db = pctstats.load(REPO / "data")  # the wheel ships the checkout's data/
    assert seen["sources"] == sorted(db.sources)
    assert seen["claims"] == sorted(db.claims)
    assert seen["estimates"] == {k: [e.value, e.value_high, e.n] for k, e in db.estimates.items()}


def test_wheel_ships_py_typed(wheel_env):
    with zipfile.ZipFile(wheel_env[0]) as wheel:
        assert "pctstats/py.typed" in wheel.namelist()
        assert "pctstats/templates/report.html.j2" in wheel.namelist()


def test_messages_from_a_wheel_fit_a_wheel(wheel_env, tmp_path):
    """Installed from a wheel there is no checkout: the report does not send the user to
    'pctstats figures', and 'pctstats figures' says that it needs a checkout."""
    _, fresh, _, env = wheel_env
    report = subprocess.run([str(fresh), "-m", "pctstats", "report"], capture_output=True,
                            text=True, cwd=tmp_path, env=env)
    assert report.returncode == 0, report.stderr
    figures_section = report.stdout.split("## 6. Figures", 1)[1].split("\n## ", 1)[0]
    assert "pctstats figures" not in figures_section
    assert "source checkout" in figures_section and "PCTSTATS_FIGURES_DIR" in figures_section
    build = subprocess.run([str(fresh), "-m", "pctstats", "figures"], capture_output=True,
                           text=True, cwd=tmp_path, env=env)
    assert build.returncode == 1
    assert build.stderr.count("\n") == 1 and "source checkout" in build.stderr, build.stderr
