"""A wheel built from the checkout, installed in a fresh environment, loads the same records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
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


def test_wheel_installs_and_loads_the_same_records(tmp_path):
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
    result = subprocess.run([str(fresh), "-c", PROBE], check=True, capture_output=True, text=True,
                            cwd=tmp_path, env=env)
    seen = json.loads(result.stdout)
    assert seen["file"].startswith(str(env_dir)), seen["file"]
    assert seen["data"].startswith(str(env_dir)) and seen["data"].endswith("_data")
    db = pctstats.load()
    assert seen["sources"] == sorted(db.sources)
    assert seen["claims"] == sorted(db.claims)
    assert seen["estimates"] == {k: [e.value, e.value_high, e.n] for k, e in db.estimates.items()}
