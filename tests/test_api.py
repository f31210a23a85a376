"""The package's public names resolve lazily to the objects the issues promise."""

from __future__ import annotations

import ast
import contextlib
import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

import pctstats


@pytest.mark.parametrize("name", pctstats.__all__)
def test_public_name_is_not_shadowed_by_a_submodule(name):
    """A submodule named like a function would replace it on the package after its import."""
    value = getattr(pctstats, name)
    assert not isinstance(value, types.ModuleType), name


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'grimm'"):
        pctstats.grimm  # noqa: B018


def test_import_does_not_load_heavy_libraries():
    code = ("import sys, pctstats; heavy = [m for m in ('matplotlib', 'statsmodels', 'scipy', "
            "'pandas') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


PACKAGE = Path(pctstats.__file__).parent
MODULE_FILES = sorted(PACKAGE.rglob("*.py"))


def bound_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The names a module binds at top level, and those of them it defines (def, class)."""
    bound: set[str] = set()
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
            defined.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            bound.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return bound, defined


def declared_all(path: Path, tree: ast.Module) -> list[str] | None:
    """The module's ``__all__``: read from the source when it is a literal list, else (computed
    or re-exported) from the imported module; ``None`` when the module binds no ``__all__``."""
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                with contextlib.suppress(ValueError):
                    return list(ast.literal_eval(node.value))
                break
        elif isinstance(node, ast.ImportFrom) and any(a.name == "__all__" for a in node.names):
            break
    else:
        return None
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return list(importlib.import_module(name).__all__)


@pytest.mark.parametrize("path", MODULE_FILES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_every_module_declares_all_of_its_public_names(path):
    """``__all__`` in every module: each public function and class it defines, and nothing it
    does not bind (read from the source, so __main__ is checked without running it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = declared_all(path, tree)
    assert names is not None, f"{path.name}: no __all__"
    bound, defined = bound_names(tree)
    public = {name for name in defined if not name.startswith("_")}
    assert sorted(public - set(names)) == [], f"{path.name}: public but not in __all__"
    if "*" not in bound and path != PACKAGE / "__init__.py":  # the package's exports are lazy
        assert sorted(set(names) - bound) == [], f"{path.name}: in __all__ but not defined"


def test_dir_lists_only_public_names():
    names = dir(pctstats)
    assert not {"annotations", "import_module", "Any"} & set(names)
    assert [n for n in names if n.startswith("_") and n != "__version__"] == []
    assert set(pctstats.__all__) <= set(names)
    for name in names:
        assert getattr(pctstats, name) is not None, name


def test_public_submodules_are_attributes_of_the_package():
    """In a fresh interpreter, as the README writes it: ``pctstats.cite.cite([...])``."""
    code = ("import types, pctstats; "
            "print(pctstats.cite.cite(['maczkowiack2019'], style='bibtex').split('{')[0]); "
            "print(all(isinstance(getattr(pctstats, m), types.ModuleType) for m in "
            "('audit', 'checks', 'stats', 'data', 'core', 'plots', 'publish', 'applied', "
            "'report', 'cite', 'formatting', 'cli')))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["@article", "True"]


def local_pctstats_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every import of a pctstats module made inside a function."""
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                modules = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                           else [a.name for a in node.names] if isinstance(node, ast.Import)
                           else [])
                found += [(node.lineno, m) for m in modules if m.split(".")[0] == "pctstats"]
    return found


def test_local_pctstats_imports_reads_imports_inside_functions():
    tree = ast.parse("import os\ndef f():\n    from pctstats.core import names\n    import os\n")
    assert local_pctstats_imports(tree) == [(3, "pctstats.core")]


@pytest.mark.parametrize("path", [p for p in MODULE_FILES if p.parent.name != "commands"],
                         ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_no_function_imports_a_pctstats_module(path):
    """Imports between pctstats modules stand at the top, where the layers contract sees them;
    none hides in a function to dodge a cycle. Only the subcommands (``pctstats/commands``)
    import what they run when they run, so that ``pctstats grim`` starts without loading the
    record set, the checks or the report."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert local_pctstats_imports(tree) == [], f"{path.name}: import inside a function"
