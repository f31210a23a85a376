"""What a build collects, as data: declared figures and numbers, executed notebooks, a build.

These are plain frozen dataclasses: the kernel that declares them and the build that writes them
out exchange them as JSON (:mod:`pctstats.publish.channel`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BuildResult", "FigureRecord", "NotebookRun", "NumberRecord"]


@dataclass(frozen=True)
class FigureRecord:
    """A figure declared by a notebook.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"forest_lifetime"``.
    caption : str
        What the figure shows, with its sources and interval method.
    records : tuple of str
        Ids of the records (sources, estimates, claims, articles) it was made from.
    notebook : str or None
        The notebook that declared it (``None`` outside a build).
    files : tuple of str
        File names written (empty outside a build).

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence by study and sex.",
    ...                    ("bird2011-lifetime", "schweitzer2015-lifetime"))
    >>> fig.name, fig.notebook, fig.files
    ('forest_lifetime', None, ())
    """

    name: str
    caption: str
    records: tuple[str, ...]
    notebook: str | None = None
    files: tuple[str, ...] = ()

    def _repr_markdown_(self) -> str:
        where = ", ".join(self.files) if self.files else "not written (not a build)"
        return f"**Figure `{self.name}`** ({where}): {self.caption}"


@dataclass(frozen=True)
class NumberRecord:
    """A number quoted by a notebook.

    Attributes
    ----------
    name : str
        LaTeX macro name without the backslash, e.g. ``"PCDLifetimeMen"``.
    text : str
        The number as printed (what the macro expands to), e.g. ``"41"``.
    value : int or float
        The number itself.
    unit : str
        Its unit (``"%"``, ``"participants"``, ``""``).
    description : str
        What it is, in a phrase.
    records : tuple of str
        Ids of the records it comes from.
    notebook : str or None
        The notebook that quoted it (``None`` outside a build).

    Examples
    --------
    >>> number = NumberRecord("PCDLifetimeMen", "41", 41, "%", "lifetime PCD prevalence, men",
    ...                       ("maczkowiack2019-lifetime",))
    >>> str(number), number.value, number.records
    ('41%', 41, ('maczkowiack2019-lifetime',))
    """

    name: str
    text: str
    value: int | float
    unit: str
    description: str
    records: tuple[str, ...]
    notebook: str | None = None

    def __str__(self) -> str:
        unit = "" if not self.unit else self.unit if self.unit == "%" else f" {self.unit}"
        return f"{self.text}{unit}"

    def _repr_markdown_(self) -> str:
        return f"`\\{self.name}` = **{self}**: {self.description}"


@dataclass(frozen=True)
class NotebookRun:
    """One executed notebook: its name, time and declarations.

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence.", ("bird2011-lifetime",),
    ...                    "03_prevalence_pooling", ("forest_lifetime.png",))
    >>> run = NotebookRun("03_prevalence_pooling", 4.2, (fig,), ())
    >>> run.notebook, [f.name for f in run.figures], run.numbers
    ('03_prevalence_pooling', ['forest_lifetime'], ())
    """

    notebook: str
    seconds: float
    figures: tuple[FigureRecord, ...]
    numbers: tuple[NumberRecord, ...]


@dataclass(frozen=True)
class BuildResult:
    """What a build did.

    Attributes
    ----------
    out_dir : pathlib.Path
        The output folder.
    runs : tuple of NotebookRun
        The notebooks, in name order.
    written, unchanged, removed : tuple of str
        File names replaced (new bytes), left alone (same bytes) and deleted (stale).
    seconds : float
        Wall time of the build.

    Examples
    --------
    >>> fig = FigureRecord("forest_lifetime", "Lifetime prevalence.", ("bird2011-lifetime",),
    ...                    "03_prevalence_pooling", ("forest_lifetime.png", "forest_lifetime.svg"))
    >>> run = NotebookRun("03_prevalence_pooling", 4.2, (fig,), ())
    >>> result = BuildResult(Path("figures"), (run,), ("forest_lifetime.svg",),
    ...                      ("forest_lifetime.png", "README.md"), (), 9.5)
    >>> result.files
    ['README.md', 'forest_lifetime.png', 'forest_lifetime.svg']
    >>> [f.name for f in result.figures], result.numbers
    (['forest_lifetime'], [])
    """

    out_dir: Path
    runs: tuple[NotebookRun, ...]
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    seconds: float

    @property
    def figures(self) -> list[FigureRecord]:
        """Every declared figure, in notebook then declaration order."""
        return [f for run in self.runs for f in run.figures]

    @property
    def numbers(self) -> list[NumberRecord]:
        """Every quoted number, in notebook then declaration order."""
        return [n for run in self.runs for n in run.numbers]

    @property
    def files(self) -> list[str]:
        """Every file the build produced, sorted."""
        return sorted(self.written + self.unchanged)
