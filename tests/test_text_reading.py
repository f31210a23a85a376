"""Reading articles: text, Markdown, saved HTML, encodings, and clear errors for bad files."""

from __future__ import annotations

import pytest

from pctstats.text import audit_text
from pctstats.text.reading import ArticleError, read_article


def test_plain_text_and_markdown_are_read_as_they_are(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("# Title\n\n**46%** of women had it.\n", encoding="utf-8")
    assert read_article(md) == "# Title\n\n**46%** of women had it.\n"


def test_legacy_encodings_and_utf16_are_decoded(tmp_path):
    latin = tmp_path / "lci.txt"
    french = (
        "Dans cette étude réalisée en 2011 et menée sur 222 femmes âgées de 17 à 61 ans, "
        "32,9 % des participantes disaient l'avoir déjà vécu au moins une fois dans leur vie. "
        "Le sexologue répond à cette question très intéressante."
    )
    latin.write_bytes(french.encode("cp1252"))
    assert read_article(latin) == french
    wide = tmp_path / "wide.txt"
    wide.write_bytes("41% of men".encode("utf-16"))
    assert read_article(wide) == "41% of men"


def test_saved_html_gives_the_main_text_and_offsets_into_it(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>var x = '99%';</script></head><body><nav>Home 5 links</nav>"
        "<article><h1>Crying after sex</h1><p>Nearly <b>half</b> of women have felt it.</p>"
        "<p>In 2018, 41% of 1,208 men had it.</p></article><footer>© 2018 Outlet</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    text = read_article(page)
    assert text.split("\n\n") == [
        "Crying after sex",
        "Nearly half of women have felt it.",
        "In 2018, 41% of 1,208 men had it.",
    ]
    audit = audit_text(text)
    assert [text[s:e] for s, e in zip(audit["start"], audit["end"], strict=True)] == [
        "Nearly half",
        "41%",
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
        (bytes(range(128, 256)) * 4, "unknown encoding"),
        (b"<html><body><script>x</script></body></html>", "HTML page with no text"),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "article.html" if content.startswith(b"<html") else tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=problem) as caught:
        read_article(path)
    assert str(caught.value).startswith(str(path))


def test_unreadable_paths(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="it is a folder"):
        read_article(tmp_path)
