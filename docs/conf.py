"""Sphinx configuration of the pctstats documentation site (``make docs``).

Sphinx, with numpydoc for the API reference (pctstats' docstrings are numpydoc) and myst-nb for
the user guide (Markdown, the README included) and the five notebooks, executed when the site is
built so that they show their tables and figures. Pages generated from the package (the API
pages, the vocabularies, copies of the notebooks) are written into ``_generated/`` here at every
build, so nothing in this folder restates what the package or the README says.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
import types
from pathlib import Path

import pctstats

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GENERATED = HERE / "_generated"

project = "pctstats"
author = "pctstats contributors"
release = version = pctstats.__version__
copyright = "pctstats contributors; code MIT, data CC BY 4.0"

extensions = [
    "myst_nb",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
]
html_theme = "furo"
html_title = f"pctstats {version}"
exclude_patterns = ["_build", "jupyter_execute"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
# numpydoc turns a References section into citations; a docstring may list works it does not
# cite by number in its text.
suppress_warnings = ["ref.citation"]

# numpydoc: no autosummary tables of members (each module page lists them in full)
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc Parameters sections say the types

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
# The README is written for GitHub, where relative links point into the repository.
myst_url_schemes = ["http", "https", "mailto"]

# Notebooks: executed at build time (a cache under _build/ makes a rebuild fast); a failing cell
# fails the build. `sphinx-build -D nb_execution_mode=off` renders them without running them.
nb_execution_mode = "cache"
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_merge_streams = True


def public_modules() -> list[str]:
    """Every public module of the package (no part of its name starts with ``_``)."""
    names = [
        info.name
        for info in pkgutil.walk_packages(pctstats.__path__, "pctstats.")
        if not any(part.startswith("_") for part in info.name.split(".")[1:])
    ]
    return sorted(n for n in names if importlib.util.find_spec(n) is not None)


def write_if_changed(path: Path, text: str) -> None:
    """Write a generated page only when it changed (Sphinx then rebuilds only what changed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate() -> None:
    """The API pages, the vocabularies page and copies of the notebooks, from the package."""
    modules = public_modules()
    lines = ["# API reference", "", "Every public module, from its docstrings.", "",
             "```{toctree}", ":maxdepth: 1", ""]
    for name in modules:
        lines.append(f"api/{name}")
        body = f"# `{name}`\n\n```{{eval-rst}}\n.. automodule:: {name}\n"
        if name == "pctstats":  # re-exports only: documented in their own modules
            body += "   :no-members:\n"
        write_if_changed(GENERATED / "api" / f"{name}.md", body + "```\n")
    write_if_changed(GENERATED / "api.md", "\n".join([*lines, "```", ""]))
    for page in (GENERATED / "api").glob("*.md"):  # a module removed or renamed since
        if page.stem not in modules:
            page.unlink()

    from pctstats.audit import VERDICTS
    from pctstats.checks import CHECKS, STATUSES

    def table(title: str, mapping, intro: str) -> list[str]:
        out = [f"## {title}", "", intro, "", "| name | meaning |", "| --- | --- |"]
        out += [f"| `{k}` | {' '.join(str(v).split())} |" for k, v in mapping.items()]
        return [*out, ""]

    vocab = ["# Verdicts, statuses and vocabularies", "",
             "Generated from the package when the site is built (`pctstats.audit.VERDICTS`, "
             "`pctstats.checks.STATUSES`, `pctstats.checks.CHECKS`, "
             "`pctstats.VOCABULARIES`), so it cannot drift from the code.", ""]
    vocab += table("Claim verdicts", VERDICTS,
                   "The claim audit gives each claim one verdict, the first that applies, from "
                   "the worst:")
    vocab += table("Check statuses", STATUSES, "Each finding of a check has one status:")
    checks = {k: (v.__doc__ or "").strip().splitlines()[0] for k, v in CHECKS.items()}
    vocab += table("Checks", checks, "The consistency checks (`pctstats check --only NAME`):")
    for name, values in pctstats.VOCABULARIES.items():
        mapping = values if hasattr(values, "items") else {v: "" for v in values}
        vocab += table(f"Vocabulary `{name}`", mapping,
                       f"The values a record's `{name}` field takes.")
    write_if_changed(GENERATED / "vocabulary.md", "\n".join(vocab))

    notebooks = GENERATED / "notebooks"
    notebooks.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        target = notebooks / notebook.name
        if not target.is_file() or target.read_bytes() != notebook.read_bytes():
            shutil.copyfile(notebook, target)


generate()


_SECTION = re.compile(r"^(\S[^\n]*)\n-{3,}$", re.MULTILINE)


def _module_sections_as_rubrics(app, what, name, obj, options, lines) -> None:
    """A module docstring's numpydoc-style sections ("Examples", "Zero cells") as rubrics.

    numpydoc formats the sections of functions and classes, not of modules; left as they are,
    they become document sections whose labels collide between modules.
    """
    if what != "module":
        return
    text = _SECTION.sub(lambda m: f".. rubric:: {m.group(1)}\n", "\n".join(lines))
    lines[:] = [*text.split("\n"), ""]


def _skip_type_aliases(app, what, name, obj, skip, options):
    """Type aliases (``Table = list[...]``) are not classes: leave them out of the reference."""
    return True if isinstance(obj, types.GenericAlias) else None


def setup(app) -> None:
    """Register the docstring hooks."""
    app.connect("autodoc-process-docstring", _module_sections_as_rubrics)
    app.connect("autodoc-skip-member", _skip_type_aliases)
