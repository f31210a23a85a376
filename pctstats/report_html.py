"""The report as one self-contained HTML page (``pctstats report --format html``).

The page holds exactly what the Markdown report holds (:func:`pctstats.report.build_report`):
the Markdown is rendered by markdown-it-py (CommonMark with tables; raw HTML in the text is
escaped, never passed through) and set in a Jinja2 template (``templates/report.html.j2``,
autoescaped) with a table of contents built from the headings. Every figure is embedded as a
``data:`` URI and the style sheet is inline, so the file opens anywhere, offline, and makes no
request of its own (links to the sources' DOIs are only links).
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Final

from pctstats import __version__
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.data.dataset import Dataset
from pctstats.report import build_report, figure_files

__all__ = ["TEMPLATE", "build_html_report", "slug"]

#: The template, in ``pctstats/templates``.
TEMPLATE: Final = "report.html.j2"

_IMG_SRC: Final = re.compile(r'(<img src=")([^"]+)(")')


def slug(text: str, taken: set[str]) -> str:
    """A heading's anchor id: lower-case words joined by hyphens, unique within the page.

    Examples
    --------
    >>> taken = set()
    >>> slug("1. Sources", taken), slug("Open facts", taken), slug("Open facts", taken)
    ('1-sources', 'open-facts', 'open-facts-2')
    """
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _render_markdown(text: str) -> tuple[str, list[dict[str, object]]]:
    """Markdown to HTML, with an id on every heading; the h2/h3 headings for the contents."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(text)
    taken: set[str] = set()
    toc: list[dict[str, object]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[i + 1].content
            anchor = slug(title, taken)
            token.attrSet("id", anchor)
            level = int(token.tag[1])
            if level in (2, 3):
                toc.append({"level": level, "id": anchor, "text": title.replace("`", "")})
    html = md.renderer.render(tokens, md.options, {})
    html = html.replace("<table>", '<div class="table-wrap"><table>').replace(
        "</table>", "</table></div>")
    return html, toc


def _embed_figures(html: str, folder: Path) -> str:
    """Every ``<img src="file.png">`` (relative to ``folder``) as a ``data:`` URI."""

    def inline(match: re.Match[str]) -> str:
        source = match.group(2)
        path = (folder / source).resolve()
        if source.startswith(("data:", "http:", "https:")) or path.suffix.lower() != ".png":
            raise ValueError(f"the report links a figure that cannot be embedded: {source!r}")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"{match.group(1)}data:image/png;base64,{data}{match.group(3)}"

    return _IMG_SRC.sub(inline, html)


def build_html_report(
    db: Dataset | None = None,
    *,
    rounding: str = DEFAULT_ROUNDING,
    figures_dir: str | os.PathLike[str] | None = None,
) -> str:
    """The report as one self-contained HTML page.

    The Markdown of :func:`pctstats.report.build_report` for the same ``db``, ``rounding`` and
    ``figures_dir`` (see there), rendered, with each figure embedded rather than linked.

    Returns
    -------
    str
        The page: inline style, a table of contents, every figure as a ``data:`` URI.

    Examples
    --------
    >>> import tempfile
    >>> page = build_html_report(figures_dir=tempfile.mkdtemp())
    >>> page.startswith("<!DOCTYPE html>"), 'href="#1-sources"' in page, "<script" in page
    (True, True, False)
    """
    import jinja2  # only when a page is built: importing the module stays light

    pngs = figure_files(figures_dir)
    folder = pngs[0].parent if pngs else Path.cwd()
    markdown = build_report(db, rounding=rounding, figures_dir=figures_dir, relative_to=folder)
    body, toc = _render_markdown(markdown)
    body = _embed_figures(body, folder)
    title = markdown.splitlines()[0].lstrip("# ").strip()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(TEMPLATE).render(
        title=title, toc=toc, body=jinja2.utils.markupsafe.Markup(body), version=__version__,
    )
