"""The package's public names resolve lazily to the objects the issues promise."""

from __future__ import annotations

import subprocess
import sys
import types

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
