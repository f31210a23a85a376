"""Read an article from a file or standard input: plain text, Markdown or a saved HTML page.

Plain text and Markdown are audited as they are, so offsets point into the file's own characters.
A saved HTML page is first reduced to its main text with selectolax [1]_ (the ``<article>`` or
``<main>`` element when there is one, else the body; scripts, styles, navigation, headers, footers,
asides and forms dropped; one blank line between blocks); offsets then point into that extracted
text, which is what :func:`read_article` returns and what the audit reports on.

Bytes are decoded as UTF-8 (with or without a byte-order mark), else as UTF-16 when marked so,
else in the encoding charset-normalizer [2]_ detects (Western European code pages first). Empty,
binary, undecodable and unreadable inputs raise :class:`ArticleError` naming the file and what
was expected.

References
----------
.. [1] Artem Golubin. selectolax: fast HTML5 parser with CSS selectors, on the Lexbor engine.
   https://github.com/rushter/selectolax
.. [2] Ahmed Tahri. charset-normalizer: the real first universal charset detector.
   https://github.com/jawah/charset_normalizer

Examples
--------
>>> html_to_text(b"<html><body><nav>Menu</nav><p>Nearly <b>half</b> of women.</p></body></html>")
'Nearly half of women.'
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Final

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser

__all__ = [
    "HTML_SUFFIXES",
    "TEXT_SUFFIXES",
    "WESTERN_ENCODINGS",
    "ArticleError",
    "decode",
    "html_to_text",
    "is_html",
    "read_article",
]

#: File name endings read as HTML (any file whose first bytes look like HTML is read so too).
HTML_SUFFIXES: Final = frozenset({".html", ".htm", ".xhtml"})
#: File name endings read as text when a folder is audited.
TEXT_SUFFIXES: Final = frozenset({".txt", ".md", ".markdown", ".text"}) | HTML_SUFFIXES
_DROP: Final = (
    "script, style, noscript, template, nav, header, footer, aside, form, svg, iframe, button, "
    "select, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]"
)
_BLOCKS: Final = (
    "p, div, section, h1, h2, h3, h4, h5, h6, li, ul, ol, br, tr, td, th, blockquote, pre, "
    "figcaption, dt, dd, table, hr"
)
_HTML_START: Final = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<!--)", re.IGNORECASE)
#: Legacy encodings of the audit's languages, tried before any other when a file is not UTF-8.
WESTERN_ENCODINGS: Final = ("cp1252", "iso8859_15", "latin_1", "mac_roman")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class ArticleError(ValueError):
    """An input that cannot be audited: unreadable, empty, binary or of an unknown encoding.

    Examples
    --------
    >>> str(ArticleError("notes.txt", "is empty"))
    'notes.txt: is empty (expected an article as text, Markdown or a saved HTML page)'
    """

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(
            f"{name}: {problem} (expected an article as text, Markdown or a saved HTML page)"
        )


def decode(data: bytes, name: str = "<input>") -> str:
    """The text of ``data``: UTF-8, marked UTF-16, else the encoding detected.

    Raises
    ------
    ArticleError
        If ``data`` is empty, binary, or in no encoding that can be told.

    Examples
    --------
    >>> decode("32,9 % des femmes".encode("latin-1"), "lci.txt")
    '32,9 % des femmes'
    """
    if not data.strip():
        raise ArticleError(name, "is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                name, f"is marked UTF-16 but does not decode ({exc.reason})"
            ) from None
    if b"\x00" in data:
        raise ArticleError(name, "is a binary file, not text (it holds NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # The audit reads English, French, Spanish, Italian and Portuguese: their legacy code pages
        # are tried first (on short texts the general detection can prefer a Baltic or Central
        # European one).
        best = from_bytes(data, cp_isolation=list(WESTERN_ENCODINGS), threshold=0.1).best()
        best = best or from_bytes(data).best()
        if best is None:
            raise ArticleError(
                name,
                "is in an unknown encoding (neither UTF-8 nor one charset-normalizer can detect)",
            ) from None
        text = str(best)
    if len(_CONTROL.findall(text[:4096])) > 0.05 * min(len(text), 4096):
        raise ArticleError(name, "is a binary file, not text (control characters)")
    return text


def html_to_text(html: bytes | str) -> str:
    r"""The main text of an HTML page, one blank line between blocks.

    Examples
    --------
    >>> html_to_text("<p>46% of women</p><p>41% of men</p>")
    '46% of women\n\n41% of men'
    """
    tree = LexborHTMLParser(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_BLOCKS):
        node.insert_before("\n\n")
        node.insert_after("\n\n")
    raw = root.text(separator="")
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def is_html(name: str, data: bytes) -> bool:
    """Whether to read an input as HTML: by its name's ending or its first bytes.

    Examples
    --------
    >>> is_html("page.htm", b""), is_html("-", b"<!DOCTYPE html><html>"), is_html("a.txt", b"46%")
    (True, True, False)
    """
    return Path(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:512]))


def read_article(path: str | Path) -> str:
    """The text to audit from a file (``"-"``: standard input).

    Parameters
    ----------
    path
        A text, Markdown or saved HTML file, or ``"-"`` for standard input.

    Returns
    -------
    str
        The file's text; for HTML, the page's extracted main text.

    Raises
    ------
    ArticleError
        If the file cannot be read, is empty or binary, is in an unknown encoding, or is an HTML
        page with no text.

    Examples
    --------
    >>> try:
    ...     read_article("no/such/article.txt")
    ... except ArticleError as error:
    ...     print(error.problem)
    cannot be read: no such file
    """
    name = str(path)
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError(name, "cannot be read: no such file") from None
    except IsADirectoryError:
        raise ArticleError(name, "cannot be read: it is a folder") from None
    except PermissionError:
        raise ArticleError(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise ArticleError(name, f"cannot be read: {exc.strerror or exc}") from None
    if is_html(name, data):
        text = html_to_text(decode(data, name))
        if not text:
            raise ArticleError(name, "is an HTML page with no text")
        return text
    return decode(data, name)
