"""How a build fails: in a sentence or two naming the notebook and the cell, never a traceback."""

from __future__ import annotations

__all__ = ["BuildError", "NotebookFailed"]


class BuildError(RuntimeError):
    """A build failed; the message says why in a sentence or two, without a traceback.

    Examples
    --------
    >>> raise BuildError("no such notebook: x.ipynb")
    Traceback (most recent call last):
    ...
    pctstats.publish.errors.BuildError: no such notebook: x.ipynb
    """


class NotebookFailed(BuildError):
    """A notebook cell raised an error (or timed out, or its kernel died).

    Attributes
    ----------
    notebook : str
        File name of the notebook.
    cell : int or None
        Index of the failing cell in the notebook (0-based, counting markdown cells).
    error : str
        The error's name and message.
    source : str
        The failing cell's source.
    traceback : str
        The kernel's traceback, without colour codes.

    Examples
    --------
    >>> err = NotebookFailed("02_consistency.ipynb", 3, "ZeroDivisionError: division by zero",
    ...                      source="1 / 0")
    >>> print(err)
    notebook 02_consistency.ipynb failed in cell 3: ZeroDivisionError: division by zero
      cell source:
        | 1 / 0
    >>> isinstance(err, BuildError), err.cell
    (True, 3)
    """

    def __init__(self, notebook: str, cell: int | None, error: str, source: str = "",
                 traceback: str = "") -> None:
        self.notebook, self.cell, self.error = notebook, cell, error
        self.source, self.traceback = source, traceback
        where = f"cell {cell}" if cell is not None else "kernel start-up"
        lines = [f"notebook {notebook} failed in {where}: {error}"]
        if source:
            shown = source.strip().splitlines()
            lines.append("  cell source:")
            lines += [f"    | {line}" for line in shown[:8]]
            if len(shown) > 8:
                lines.append(f"    | ... ({len(shown) - 8} more lines)")
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type, tuple[str, int | None, str, str, str]]:
        # rebuilt from its fields when it crosses from a worker process to the build
        return type(self), (self.notebook, self.cell, self.error, self.source, self.traceback)
