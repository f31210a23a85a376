"""Citations: BibTeX and APA generated from the record set, and CITATION.cff for the package."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from pybtex.database import parse_string
from pybtex.richtext import Text

import pctstats
from pctstats.cite import (
    OPEN_AUTHORS_NOTE,
    PACKAGE_AUTHOR,
    PACKAGE_RELEASED,
    PACKAGE_TITLE,
    UnknownIdError,
    apa_reference,
    bibtex_entry,
    check_ids,
    cite,
    package_citation,
    split_author,
    to_bibtex,
)

REPO = Path(__file__).resolve().parents[1]
CFF = REPO / "CITATION.cff"


@pytest.fixture(scope="module")
def db():
    return pctstats.load()


@pytest.fixture(scope="module")
def bib(db):
    """Every source's BibTeX, parsed back by pybtex."""
    return parse_string(to_bibtex(db=db), "bibtex")


def plain(latex: str) -> str:
    """A BibTeX field as text: LaTeX escapes and case-protecting braces removed."""
    return Text.from_latex(latex).render_as("text")


# -- BibTeX ----------------------------------------------------------------------------------------

def test_bibtex_has_one_entry_per_source_keyed_by_id(db, bib):
    assert list(bib.entries) == list(db.sources)
    assert {entry.type for entry in bib.entries.values()} <= {"article", "misc"}
    assert bib.entries["schweitzer2015"].type == "article"


@pytest.mark.parametrize("source_id", pctstats.load().sources)
def test_bibtex_parsed_back_equals_the_data(db, bib, source_id):
    source, entry = db.sources[source_id], bib.entries[source_id]
    fields = entry.fields
    assert fields.get("doi") == source.doi  # an open fact is left out, never a placeholder
    assert fields.get("url") == (f"https://doi.org/{source.doi}" if source.doi else None)
    assert fields["year"] == (str(source.year) if source.year else "n.d.")
    assert (plain(fields["title"]) if "title" in fields else None) == source.title
    assert (plain(fields["journal"]) if "journal" in fields else None) == source.journal
    assert entry.type == ("article" if source.title and source.journal and source.year else "misc")
    assert fields.get("volume") == source.volume
    assert fields.get("number") == source.issue
    assert (plain(fields["pages"]) if "pages" in fields else None) == (
        source.pages.replace("-", "–") if source.pages else None
    )
    assert fields.get("pmcid") == source.pmcid
    people = [p for p in entry.persons.get("author", []) if str(p) != "others"]
    assert [" ".join(p.last_names) for p in people] == [
        split_author(a)[0] for a in source.author_list
    ]
    assert ["".join(n[0] for n in p.first_names + p.middle_names) for p in people] == [
        a.rsplit(" ", 1)[1] for a in source.author_list
    ]


def _authors_open(db):
    """S8 as it was before its author was found (in a news report): authors open."""
    return replace(db.sources["jsmt2024"], authors=None, secondary_fields=(), secondary_quote=None)


def test_bibtex_open_authors_sorts_by_title_and_prints_no_note(db, bib):
    entry = bibtex_entry(_authors_open(db))
    assert "author" not in entry.persons and "author" not in entry.fields
    assert entry.fields["key"] == db.sources["jsmt2024"].title  # BibTeX sorts and labels by key
    assert entry.fields["annote"] == OPEN_AUTHORS_NOTE  # kept, but not printed by styles
    assert "note" not in entry.fields
    assert not any("key" in e.fields or "annote" in e.fields
                   for k, e in bib.entries.items() if db.sources[k].author_list)


def _bibtex_run(folder: Path, bib_text: str, style: str) -> tuple[str, str]:
    """Run the real bibtex on every entry of ``bib_text`` with a .bst style: (.bbl, .blg)."""
    import subprocess

    (folder / "refs.bib").write_text(bib_text, encoding="utf-8")
    (folder / "refs.aux").write_text(
        f"\\relax\n\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n",
        encoding="utf-8")
    done = subprocess.run(["bibtex", "refs"], cwd=folder, capture_output=True, text=True,
                          timeout=60)
    blg = (folder / "refs.blg").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, done.stdout + blg
    return (folder / "refs.bbl").read_text(encoding="utf-8", errors="replace"), blg


needs_bibtex = pytest.mark.skipif(
    __import__("shutil").which("bibtex") is None, reason="needs bibtex (Debian: texlive-binaries "
    "and texlive-base)")


@needs_bibtex
@pytest.mark.parametrize("style", ["plain", "apalike"])
def test_real_bibtex_compiles_every_entry_without_warnings(db, tmp_path, style):
    """A real BibTeX run on every source and on pctstats itself: no warning (an entry without
    authors sorts by its key, the title), S8 sorted by its title among the authors' names, and
    its explanation not printed in the reference list."""
    # S8's author is known only from a news report; the open-author case is kept as it was
    sources = {**db.sources, "jsmt2024": _authors_open(db)}
    text = to_bibtex(db=replace(db, sources=sources))
    bbl, blg = _bibtex_run(tmp_path, text + "\n" + package_citation("bibtex"), style)
    # The one warning left is the open fact itself: an article whose author is unknown (BibTeX's
    # styles require one). Without the key, BibTeX would also warn that it cannot sort S8.
    warnings = re.findall(r"^Warning--(.*)$", blg, re.MULTILINE)
    assert warnings == ["empty author in jsmt2024"], blg
    assert "error message" not in blg, blg
    assert "Author names not known" not in bbl
    order = re.findall(r"\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}", bbl)
    assert sorted(order) == sorted([*db.sources, "pctstats"])
    # sorted by first author's family name, or by the title where there is no author
    def sort_name(key: str) -> str:
        if key == "pctstats":
            return PACKAGE_AUTHOR.lower()
        source = sources[key]
        return (split_author(source.author_list[0])[0] if source.author_list
                else source.title).lower()
    position = order.index("jsmt2024")
    assert all(sort_name(k) < sort_name("jsmt2024") for k in order[:position])
    assert all(sort_name(k) > sort_name("jsmt2024") for k in order[position + 1:])
    s8 = bbl.split("\\bibitem", position + 1 + 1)[position + 1]
    assert "Further exploration" in s8 and "2024" in s8


def test_bibtex_escapes_latex_and_protects_capitals(bib):
    text = to_bibtex(["maczkowiack2019", "mitchell2017"])
    assert r"Journal of Sex \& Marital Therapy" in text
    assert "{British}" in bib.entries["mitchell2017"].fields["title"]
    assert bib.entries["schweitzer2015"].fields["pages"] == "229--237"


# -- APA -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id", pctstats.load().sources)
def test_apa_holds_the_facts(db, source_id):
    source = db.sources[source_id]
    reference = apa_reference(source)
    assert f"({source.year_text})." in reference  # "n.d." where the year is open
    assert reference.endswith(f"https://doi.org/{source.doi}" if source.doi else ".")
    assert source.journal is None or source.journal in reference
    assert source.title is not None or "[Title not known]" in reference
    for author in source.author_list:
        family, initials = split_author(author)
        assert f"{family}, {initials}" in reference
    assert "\n" not in reference


def test_apa_open_year_title_and_coauthors_stay_open(db):
    """S9: year, title, journal and DOI open, further authors not known: nothing invented."""
    assert apa_reference(db.sources["toussaint"]) == (
        "Toussaint, D. J., et al. (n.d.). [Title not known].")
    entry = bibtex_entry(db.sources["toussaint"])
    assert entry.type == "misc" and dict(entry.fields) == {"year": "n.d."}
    assert [str(p) for p in entry.persons["author"]] == ["Toussaint, D. J.", "others"]


def test_apa_two_authors_and_many():
    db = pctstats.load()
    assert apa_reference(db.sources["burri_hilpert2020"]).startswith("Burri, A., & Hilpert, P. (")
    mitchell = apa_reference(db.sources["mitchell2017"])
    assert mitchell.startswith("Mitchell, K. R., Geary, R., Graham, C. A., ")
    assert ", & Mercer, C. H. (2017)." in mitchell  # APA 7: up to 20 authors, all listed


def test_apa_open_authors_is_title_first_and_invents_nobody(db):
    reference = apa_reference(_authors_open(db))
    assert reference.startswith(f"{db.sources['jsmt2024'].title}. (2024). ")
    assert reference.count(db.sources["jsmt2024"].title) == 1
    assert "Anonymous" not in reference and "Anon" not in reference
    assert ", ," not in reference and "()" not in reference


def test_apa_markdown_italics_and_missing_issue(db):
    reference = apa_reference(db.sources["schweitzer2015"], markup="markdown")
    assert "*Sexual Medicine*, *3*, 229–237." in reference  # no issue: none invented
    with pytest.raises(ValueError, match="markup"):
        apa_reference(db.sources["schweitzer2015"], markup="html")


def test_apa_capitalises_the_subtitle(db):
    assert "Postcoital dysphoria: Prevalence and" in apa_reference(db.sources["maczkowiack2019"])


def test_cite_orders_and_styles(db):
    lines = cite(["pyke2020", "bird2011"], db=db).splitlines()
    assert [line.split(",")[0] for line in lines] == ["Pyke", "Bird"]
    assert cite(["pyke2020"], "bibtex", db=db).startswith("@article{pyke2020,")
    with pytest.raises(ValueError, match="style must be one of"):
        cite(["pyke2020"], "chicago")


# -- ids and authors -------------------------------------------------------------------------------

def test_unknown_id_suggests_close_matches(db):
    with pytest.raises(UnknownIdError) as caught:
        cite(["schweizer2015"], db=db)
    assert caught.value.suggestions == ["schweitzer2015"]
    assert "did you mean 'schweitzer2015'?" in str(caught.value)
    with pytest.raises(UnknownIdError, match="known: bird2011"):
        check_ids(["zzz"], ["bird2011"])


@pytest.mark.parametrize(
    ("author", "expected"),
    [("Schweitzer RD", ("Schweitzer", "R. D.")), ("O'Brien J", ("O'Brien", "J.")),
     ("van der Berg J-P", ("van der Berg", "J.-P."))],
)
def test_split_author(author, expected):
    assert split_author(author) == expected


@pytest.mark.parametrize("author", ["Schweitzer", "Schweitzer R.D.", "RD Schweitzer", ""])
def test_split_author_refuses_other_forms(author):
    with pytest.raises(ValueError, match="Family Initials"):
        split_author(author)


# -- the package: CITATION.cff ---------------------------------------------------------------------

def test_citation_cff_is_valid_for_cffconvert():
    # cffconvert 2.0.0 pins jsonschema 3 but works with jsonschema 4: the Makefile installs it
    # with --no-deps (its other dependencies, ruamel.yaml and pykwalify, are in the dev extra).
    import cffconvert

    citation = cffconvert.Citation(CFF.read_text(encoding="utf-8"))
    citation.validate()  # raises jsonschema.ValidationError if the file breaks the CFF schema


def test_citation_cff_broken_file_is_refused():
    import cffconvert
    import jsonschema

    broken = CFF.read_text(encoding="utf-8").replace("authors:", "writers:")
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        cffconvert.Citation(broken).validate()


def test_citation_cff_agrees_with_the_package():
    text = CFF.read_text(encoding="utf-8")
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def value(key: str) -> str:
        match = re.search(rf"^{key}: *(.+)$", text, re.MULTILINE)
        assert match, key
        return match.group(1).strip().strip('"')

    assert value("version") == pctstats.__version__ == meta["version"]
    assert value("license") == meta["license"] == "MIT"
    assert value("title") == PACKAGE_TITLE
    assert value("date-released") == PACKAGE_RELEASED
    assert f"- name: {PACKAGE_AUTHOR}" in text


def test_package_citation_styles():
    apa = package_citation("apa")
    assert PACKAGE_TITLE in apa and f"(Version {pctstats.__version__})" in apa
    assert apa.startswith(f"{PACKAGE_AUTHOR}. ({PACKAGE_RELEASED[:4]}). ") and "n.d." not in apa
    entry = parse_string(package_citation("bibtex"), "bibtex").entries["pctstats"]
    assert entry.fields["version"] == pctstats.__version__
    assert entry.fields["year"] == PACKAGE_RELEASED[:4]
    assert plain(entry.fields["title"]) == PACKAGE_TITLE
