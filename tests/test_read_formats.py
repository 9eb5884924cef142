"""Readers: each input format, directories, globs, stdin, ids and metadata."""

from __future__ import annotations

import io
import json

import pytest

from geo.model import Article
from geo.text.read import article_from_text, content_id, normalise_date, read_articles


def _read(sources, **kw):
    problems = []
    articles = list(read_articles(sources, on_problem=problems.append, **kw))
    return articles, problems


def test_text_file_id_is_stem_and_newlines_normalised(tmp_path):
    p = tmp_path / "000_3b98c753de63d439.txt"
    p.write_bytes(b"Troops near Pokrovsk.\r\nShelling in Kramatorsk.\rEnd.")
    (a,), problems = _read(p)
    assert a.id == "000_3b98c753de63d439"
    assert a.text == "Troops near Pokrovsk.\nShelling in Kramatorsk.\nEnd."
    assert a.text[12:20] == "Pokrovsk"
    assert problems == []


def test_markdown_is_reduced_to_clean_text(tmp_path):
    p = tmp_path / "story.md"
    p.write_text(
        "---\ntitle: Front report\ndate: 2026-02-03\n---\n"
        "# Fighting near *Pokrovsk*\n\n"
        "Russian **troops** entered [Marinka](https://example.org/m) and `Kurakhove`.\n\n"
        "> Residents of _Dobropillia_ fled.\n\n"
        "- Kramatorsk\n- Sloviansk\n\n"
        "| city | oblast |\n|---|---|\n| Izium | Kharkiv |\n\n"
        "![map of Donetsk](map.png)\n<!-- hidden Kyiv -->\n"
        "[ref]: https://example.org\n",
        encoding="utf-8",
    )
    (a,), _ = _read(p)
    assert a.title == "Front report"
    assert a.date == "2026-02-03"
    assert "Fighting near Pokrovsk" in a.text
    assert "Russian troops entered Marinka and Kurakhove." in a.text
    assert "Residents of Dobropillia fled." in a.text
    assert "Kramatorsk\nSloviansk" in a.text
    assert "Izium Kharkiv" in a.text
    assert "map of Donetsk" in a.text
    for junk in ("*", "](", "#", "`", "Kyiv", "https://", "---", "|"):
        assert junk not in a.text


def test_markdown_title_from_first_heading(tmp_path):
    p = tmp_path / "b.md"
    p.write_text("# Strikes on Odesa\n\nText about Odesa.\n", encoding="utf-8")
    (a,), _ = _read(p)
    assert a.title == "Strikes on Odesa"


HTML = """<!doctype html><html lang="en"><head>
<title>Fighting near Pokrovsk | The Site</title>
<meta property="og:title" content="Fighting near Pokrovsk">
<meta property="article:published_time" content="2026-02-02T22:30:00+02:00">
<link rel="canonical" href="https://news.example.org/pokrovsk">
<meta property="og:site_name" content="The Site">
<style>body{color:red}</style><script>var Kyiv = 1;</script></head>
<body><header>Site logo Lviv</header>
<nav><a href="/">Home</a> <a href="/world">Kharkiv news</a></nav>
<article><h1>Fighting near Pokrovsk</h1>
<p>Russian troops entered <b>Mar</b>inka.<br>Residents of Dobropillia fled.</p>
<div class="share">Share on X</div>
<p>Shelling hit Kramatorsk &amp; Sloviansk.</p>
<aside>Related: Odesa</aside>
<form>Subscribe Dnipro</form></article>
<footer>© Zaporizhzhia Media</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (a,), problems = _read(p)
    assert a.title == "Fighting near Pokrovsk"
    assert a.date == "2026-02-02"  # the date as written, not converted to UTC
    assert a.url == "https://news.example.org/pokrovsk"
    assert a.source == "The Site"
    assert a.lang == "en"
    assert "Russian troops entered Marinka." in a.text  # inline tags do not split words
    assert "Residents of Dobropillia fled." in a.text
    assert "Shelling hit Kramatorsk & Sloviansk." in a.text
    for boiler in ("Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Share", "color"):
        assert boiler not in a.text
    assert problems == []


def test_broken_html_still_yields_text(tmp_path):
    p = tmp_path / "broken.htm"
    p.write_text("<html><body><p>Troops near <b>Izium<div>Kupiansk <p>Lyman</tabel>"
                 "<script>unclosed Kyiv", encoding="utf-8")
    (a,), _ = _read(p)
    for name in ("Izium", "Kupiansk", "Lyman"):
        assert name in a.text
    assert "Kyiv" not in a.text


def test_jsonl_fields_ids_and_aliases(tmp_path):
    p = tmp_path / "a.jsonl"
    rows = [
        {"id": 7, "text": "Kherson\r\nshelled.", "title": "T", "date": "2026-01-05T10:00:00Z",
         "url": "https://x.org/1", "source": "S", "lang": "en"},
        {"body": "Body field about Odesa."},
        {"content": "Content field about Lviv.", "date": "Mon, 02 Feb 2026 10:00:00 +0000"},
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                 encoding="utf-8")
    arts, problems = _read(p)
    assert [a.id for a in arts] == ["7", content_id("Body field about Odesa."),
                                    content_id("Content field about Lviv.")]
    assert arts[0] == Article(id="7", text="Kherson\nshelled.", title="T", date="2026-01-05",
                              url="https://x.org/1", source="S", lang="en")
    assert arts[2].date == "2026-02-02"
    assert problems == []


def test_csv_with_unknown_columns_noted_once(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('id,Text,date,extra,more\n1,"Kharkiv, under fire\nagain",2026-03-01,x,y\n'
                 '2,Sumy,bad-date,z,w\n', encoding="utf-8")
    arts, problems = _read(p)
    assert [(a.id, a.text) for a in arts] == [("1", "Kharkiv, under fire\nagain"), ("2", "Sumy")]
    assert arts[0].date == "2026-03-01"
    assert arts[1].date is None
    notes = [pr for pr in problems if "unknown column" in pr.message]
    assert len(notes) == 1 and "extra" in notes[0].message and notes[0].severity == "note"
    bad_date = [pr for pr in problems if "date" in pr.message]
    assert bad_date and bad_date[0].line == 4


def test_semicolon_csv_and_tsv(tmp_path):
    (tmp_path / "a.csv").write_text("id;text\nx;Mariupol\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("id\ttext\ny\tMelitopol\n", encoding="utf-8")
    arts, _ = _read(tmp_path)
    assert [(a.id, a.text) for a in arts] == [("x", "Mariupol"), ("y", "Melitopol")]


def test_directory_recursive_sorted_known_extensions_only(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two", encoding="utf-8")
    (tmp_path / "1.md").write_text("One", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "notes.log").write_text("ignored", encoding="utf-8")
    arts, problems = _read(tmp_path)
    assert [a.id for a in arts] == ["1", "a", "2"]
    assert problems == []


def test_glob_and_unknown_extension_sniffed(tmp_path):
    (tmp_path / "x.dat").write_text('{"id": "j1", "text": "Bakhmut"}\n', encoding="utf-8")
    (tmp_path / "y.dat").write_text("<html><body><p>Avdiivka</p></body></html>",
                                    encoding="utf-8")
    (tmp_path / "z.dat").write_text("Plain Toretsk", encoding="utf-8")
    arts, _ = _read(str(tmp_path / "*.dat"))
    assert [(a.id, a.text) for a in arts] == [("j1", "Bakhmut"), ("y", "Avdiivka"),
                                              ("z", "Plain Toretsk")]


def test_stdin_jsonl_and_text():
    data = b'{"id": "s1", "text": "Chasiv Yar"}\n{"text": "Siversk"}\n'
    arts, _ = _read("-", stdin=io.BytesIO(data))
    assert [a.text for a in arts] == ["Chasiv Yar", "Siversk"]
    arts, _ = _read(["-"], stdin=io.BytesIO("Покровськ\r\nі Мирноград".encode()))
    assert [a.text for a in arts] == ["Покровськ\nі Мирноград"]
    assert arts[0].id == content_id("Покровськ\nі Мирноград")
    arts, _ = _read("-", stdin=io.StringIO("text stream about Kupiansk"))
    assert arts[0].text == "text stream about Kupiansk"


def test_article_from_text():
    a = article_from_text("Kyiv\r\n", date="Tue, 03 Mar 2026 08:00:00 GMT", lang="uk")
    assert a.text == "Kyiv\n" and a.id == content_id("Kyiv\n")
    assert a.date == "2026-03-03" and a.lang == "uk"
    assert article_from_text("x", id="given").id == "given"
    with pytest.raises(TypeError):
        article_from_text("x", colour="red")


@pytest.mark.parametrize(("raw", "iso"), [
    ("2026-02-02", "2026-02-02"),
    ("2026-02-02T23:59:00-05:00", "2026-02-02"),
    ("2026-02-02 10:00", "2026-02-02"),
    ("Mon, 02 Feb 2026 10:00:00 +0000", "2026-02-02"),
    ("2 February 2026", "2026-02-02"),
    ("February 2, 2026", "2026-02-02"),
    ("2026/02/02", "2026-02-02"),
    ("2026-02-30", None),
    ("yesterday", None),
    ("", None),
])
def test_normalise_date(raw, iso):
    assert normalise_date(raw) == iso
