"""The documentation runs: every module's doctests, and the README's code and command lines."""

from __future__ import annotations

import contextlib
import doctest
import importlib
import inspect
import io
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import pctstats

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"

# Every module of the package except __main__ (importing it runs the command line).
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(pctstats.__path__, "pctstats.")
    if not info.name.endswith("__main__")
)
#: Modules whose every public function and class must show an example: every non-private module
#: (no part of its dotted name after "pctstats" starts with "_"), computed, so a new module is
#: covered without editing this list.
EXAMPLE_REQUIRED = sorted(
    name
    for name in ["pctstats", *MODULES]
    if not any(part.startswith("_") for part in name.split(".")[1:])
)

FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def readme_blocks() -> list[tuple[str, str]]:
    """The fenced blocks of README.md as (language, text), in order."""
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(README.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("name", ["pctstats", *MODULES])
def test_module_doctests(name, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # examples must not depend on the current directory
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name} (see output above)"


def public_without_example(module) -> list[str]:
    """The public functions and classes defined in ``module`` whose docstring has no example.

    A function wrapped by a decorator (``functools.cache``, ``functools.wraps``) counts as a
    function; names imported from another module are that module's business.
    """
    return [
        attr
        for attr, obj in vars(module).items()
        if not attr.startswith("_")
        and (inspect.isfunction(inspect.unwrap(obj)) or inspect.isclass(obj))
        and getattr(obj, "__module__", None) == module.__name__
        and ">>>" not in (inspect.getdoc(obj) or "")
    ]


def test_example_rule_covers_every_public_module():
    assert {"pctstats.cli", "pctstats.publish.declare", "pctstats.data.dataset", "pctstats.checks",
            "pctstats.checks.ratio_claims", "pctstats.plots.style"} <= set(EXAMPLE_REQUIRED)
    assert not any(part.startswith("_") for name in EXAMPLE_REQUIRED
                   for part in name.split(".")[1:])
    assert "pctstats.__main__" not in EXAMPLE_REQUIRED


@pytest.mark.parametrize("name", EXAMPLE_REQUIRED)
def test_public_functions_have_examples(name):
    module = importlib.import_module(name)
    missing = public_without_example(module)
    assert missing == [], f"{name}: no example in the docstring of {missing}"


def test_readme_python_blocks_run_in_order(monkeypatch, tmp_path):
    """Every python block runs, in order, in one namespace; a text block right after a python
    block is the output it prints."""
    monkeypatch.chdir(tmp_path)
    blocks = readme_blocks()
    namespace: dict[str, object] = {"__name__": "__readme__"}
    ran = 0
    for i, (language, code) in enumerate(blocks):
        if language != "python":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"README.md python block {ran + 1}", "exec"), namespace)
        ran += 1
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if following is not None and following[0] == "text":
            assert out.getvalue().rstrip("\n") == following[1].rstrip("\n")
    assert ran >= 4


def readme_commands() -> list[tuple[str, str]]:
    """The pctstats command lines of the README's console and sh blocks, with the output shown
    under each (empty when none is shown)."""
    commands: list[tuple[str, list[str]]] = []
    for language, text in readme_blocks():
        if language not in ("console", "sh", "shell", "bash"):
            continue
        current: list[str] | None = None
        for line in text.splitlines():
            command = line[2:] if line.startswith("$ ") else line if language != "console" else None
            if command is not None and command.startswith("pctstats"):
                current = []
                commands.append((command, current))
            elif command is not None:
                current = None  # another program (make): not run here
            elif current is not None:
                current.append(line)
    return [(command, "\n".join(output)) for command, output in commands]


def test_readme_shows_the_main_commands():
    shown = [command.split()[1] for command, _ in readme_commands()]
    for sub in ("grim", "claims", "cite", "check", "ci", "report"):
        assert sub in shown


def test_readme_command_lines_run(tmp_path):
    """Each pctstats command of the README runs with exit status 0 through python -m pctstats,
    and prints the output shown under it."""
    commands = readme_commands()
    assert commands
    env = {**os.environ, "COLUMNS": "100"}

    def run(item: tuple[int, tuple[str, str]]) -> tuple[str, str, subprocess.CompletedProcess]:
        index, (command, expected) = item
        folder = tmp_path / f"cmd{index}"
        folder.mkdir()
        line = f"{shlex.quote(sys.executable)} -m {command}"
        done = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=120)
        return command, expected, done

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, enumerate(commands)))
    for command, expected, done in results:
        assert done.returncode == 0, f"{command!r} exited {done.returncode}: {done.stderr}"
        if expected:
            assert done.stdout.rstrip("\n") == expected.rstrip("\n"), command


def test_readme_names_every_check_status_verdict_and_vocabulary():
    from pctstats.audit import VERDICTS
    from pctstats.checks import CHECKS, STATUSES

    text = README.read_text(encoding="utf-8")
    for name in [*CHECKS, *STATUSES, *VERDICTS, *pctstats.VOCABULARIES]:
        assert f"`{name}`" in text, name


def test_readme_starts_with_the_two_set_up_commands():
    _, first = readme_blocks()[0]
    assert first.split("\n")[:2] == ["make figures", "make test"]
