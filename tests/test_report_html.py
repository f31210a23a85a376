"""The report as one HTML page: figures embedded, a working table of contents, no external
request, the same content as the Markdown report, written by the command line."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import pctstats
from pctstats.report import build_report
from pctstats.report_html import build_html_report


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []  # (tag, url) of what a browser would load
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        for name in ("src", "srcset", "data"):
            if name in attrs:
                self.resources.append((tag, attrs[name]))
        if tag == "link" and "href" in attrs:
            self.resources.append((tag, attrs["href"]))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """A folder with two small PNG figures."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder = tmp_path_factory.mktemp("figures")
    for name in ("alpha_plot", "beta_plot"):
        fig, ax = plt.subplots(figsize=(1, 1))
        ax.plot([0, 1], [0, 1])
        fig.savefig(folder / f"{name}.png", dpi=20)
        plt.close(fig)
    return folder


@pytest.fixture(scope="module")
def page(figures):
    html = build_html_report(figures_dir=figures)
    parser = _Page()
    parser.feed(html)
    return html, parser


def test_figures_are_embedded(page, figures):
    html, parser = page
    for png in figures.glob("*.png"):
        encoded = base64.b64encode(png.read_bytes()).decode("ascii")
        assert f'src="data:image/png;base64,{encoded}"' in html
    assert all(url.startswith("data:") for tag, url in parser.resources if tag == "img")


def test_no_external_request(page):
    html, parser = page
    assert [r for r in parser.resources if not r[1].startswith("data:")] == []
    assert "<script" not in html and "@import" not in html and "url(" not in html


def test_table_of_contents_points_at_every_section(page):
    html, parser = page
    toc = re.search(r"<nav.*?</nav>", html, re.S).group(0)
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors and set(anchors) <= parser.ids
    for section in ("Sources", "Claim audit", "Figures", "alpha_plot", "How to cite"):
        assert section in toc


def test_same_content_as_the_markdown(page):
    _, parser = page
    text = " ".join(" ".join(parser.text).split())
    db = pctstats.load()
    for claim in db.claims.values():
        assert claim.claim_id in text
    markdown = build_report(db)
    assert markdown.splitlines()[0].lstrip("# ") in text


def test_command_line_writes_html_and_refuses_stdout(tmp_path):
    target = tmp_path / "report.html"
    done = subprocess.run([sys.executable, "-m", "pctstats", "report", "--format", "html",
                           "--output", str(target)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    refused = subprocess.run([sys.executable, "-m", "pctstats", "report", "--format", "html"],
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "--output" in refused.stderr
