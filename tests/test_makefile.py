"""The Makefile's own messages: `make` alone lists the targets; a too-old Python gets one line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    # not as a sub-make of 'make test': its MAKEFLAGS and MAKELEVEL would change the messages
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60, env=env)


def test_make_alone_lists_every_target():
    done = make()
    assert done.returncode == 0, done.stderr
    listed = set(re.findall(r"^  (\w+)  ", done.stdout, re.MULTILINE))
    declared = set(re.search(r"^\.PHONY: (.*)$", (REPO / "Makefile").read_text(),
                             re.MULTILINE).group(1).split())
    assert listed == declared - {"help"}
    assert {"figures", "test"} <= listed


def test_too_old_python_stops_with_one_line(tmp_path):
    """Asked for a newer Python than this one, set-up stops before creating anything, with one
    line naming the version needed and the interpreter found (not pip's ResolutionImpossible)."""
    venv = tmp_path / "venv"
    done = make("venv", f"VENV={venv}", "MIN_PYTHON=3.99")
    assert done.returncode != 0
    ours = [line for line in done.stderr.splitlines()
            if not re.match(r"make(\[\d+\])?: \*\*\*", line)]  # make's own "*** Error 1"
    assert len(ours) == 1, done.stderr
    assert "needs Python 3.99 or newer" in ours[0] and "PYTHON=" in ours[0]
    assert not venv.exists()
