"""Inputs analysts have: RSS and Atom feeds, folders of pages saved from a browser, URLs, and
dates written in Ukrainian and Russian."""

from __future__ import annotations

import io
import json

import pytest

from geo.errors import InputError
from geo.text.read import normalise_date, read_articles

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Kyiv Wire</title><language>uk</language>
  <item>
    <title>Shelling near Pokrovsk</title>
    <link>https://wire.example/1</link>
    <guid>https://wire.example/1</guid>
    <pubDate>Tue, 01 Jul 2025 01:30:00 +0300</pubDate>
    <author>desk@wire.example (Desk)</author>
    <description>&lt;p&gt;Russian forces shelled &lt;b&gt;Pokrovsk&lt;/b&gt;
      overnight.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Talks in Toulon</title>
    <link>javascript:alert(1)</link>
    <pubDate>12 березня 2025</pubDate>
    <description>Ministers met in Toulon.</description>
  </item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom News</title>
  <entry>
    <id>urn:uuid:1</id>
    <title>Drones over Kharkiv</title>
    <link href="https://atom.example/a"/>
    <published>2025-07-01T23:50:00-05:00</published>
    <updated>2025-07-03T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Drones were seen over Kharkiv.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def read(*sources, stdin=None, fetch=False):
    problems = []
    articles = list(read_articles(list(sources), stdin=stdin, on_problem=problems.append,
                                  fetch=fetch))
    return articles, problems


def test_rss_items_keep_their_local_day_title_link_and_feed(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    (first, second), problems = read(path)
    assert problems == []
    # 01:30 in Kyiv is still 30 June in UTC: the day the paper printed is kept
    assert (first.date, first.title, first.url, first.source, first.lang) == (
        "2025-07-01", "Shelling near Pokrovsk", "https://wire.example/1", "Kyiv Wire", "uk")
    assert first.text == "Russian forces shelled Pokrovsk overnight."
    assert first.id == "https://wire.example/1"
    assert second.date == "2025-03-12" and second.url is None  # javascript: link dropped
    assert second.text == "Ministers met in Toulon."


def test_atom_entries_use_published_before_updated(tmp_path):
    path = tmp_path / "news.xml"  # .xml is sniffed
    path.write_text(ATOM, encoding="utf-8")
    (entry,), problems = read(path)
    assert problems == []
    assert (entry.date, entry.title, entry.url, entry.source, entry.id) == (
        "2025-07-01", "Drones over Kharkiv", "https://atom.example/a", "Atom News", "urn:uuid:1")
    assert entry.text == "Drones were seen over Kharkiv."


def test_feeds_in_folders_and_on_stdin(tmp_path):
    (tmp_path / "a.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "b.rss").write_text(RSS, encoding="utf-8")
    articles, _ = read(tmp_path)
    assert [a.title for a in articles] == ["Drones over Kharkiv", "Shelling near Pokrovsk",
                                           "Talks in Toulon"]
    stdin = io.BytesIO(RSS.encode("utf-8"))
    piped, _ = read("-", stdin=stdin)
    assert [a.date for a in piped] == ["2025-07-01", "2025-03-12"]


def test_broken_and_empty_feeds_are_reported_not_crashes(tmp_path):
    cut = tmp_path / "cut.rss"
    cut.write_text("<rss><channel><title>x</title><item><title>", encoding="utf-8")
    articles, problems = read(cut)
    assert articles == [] and [str(p) for p in problems] == [
        f"{cut}:1: feed entry without text, skipped"]
    bad = tmp_path / "bad.rss"
    bad.write_text("<rss version='2.0'><channel><title>Bad</titel></channel></rss>")
    articles, problems = read(bad)
    assert articles == [] and "not a readable RSS/Atom feed" in str(problems[0])
    empty = tmp_path / "empty.rss"
    empty.write_text("<rss version='2.0'><channel><title>Empty</title></channel></rss>")
    articles, problems = read(empty)
    assert articles == [] and [(p.severity, p.message) for p in problems] == [
        ("note", "feed with no entries")]


SAVED = """<!DOCTYPE html>
<!-- saved from url=(0036)https://paper.example/news/pokrovsk -->
<html lang="en"><head><meta charset="utf-8"><title>Pokrovsk under fire | Paper</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Paper"},
  {"@type": ["NewsArticle"], "headline": "Pokrovsk under fire",
   "datePublished": "2025-07-01T00:30:00+03:00"}]}</script>
</head><body><article><h1>Pokrovsk under fire</h1>
<p>Shelling hit Pokrovsk in the Donetsk region.</p></article></body></html>
"""


def test_saved_web_pages_keep_title_date_and_address_and_skip_their_files_folder(tmp_path):
    (tmp_path / "Pokrovsk under fire.html").write_text(SAVED, encoding="utf-8")
    extras = tmp_path / "Pokrovsk under fire_files"
    extras.mkdir()
    (extras / "ad-frame.html").write_text("<html><body><p>Cheap flights to Paris!</p></body>"
                                          "</html>")
    (article,), problems = read(tmp_path)
    assert problems == []
    assert (article.title, article.date, article.url) == (
        "Pokrovsk under fire", "2025-07-01", "https://paper.example/news/pokrovsk")
    assert "Shelling hit Pokrovsk" in article.text


@pytest.mark.parametrize("text, day", [
    ("12 березня 2025", "2025-03-12"),
    ("1 травня 2024 р.", "2024-05-01"),
    ("12 марта 2025 г., 10:00", "2025-03-12"),
    ("3 Листопада 2023", "2023-11-03"),
    ("31 лютого 2025", None),  # no such day
    ("12 березоля 2025", None),
])
def test_ukrainian_and_russian_dates(text, day):
    assert normalise_date(text) == day


def test_a_url_is_refused_with_a_clear_error_and_no_network(tmp_path):
    with pytest.raises(InputError, match=r"is a URL: geo reads local files"):
        list(read_articles(["https://example.com/news.rss"]))
    # a real file whose name looks like a URL is still a file
    odd = tmp_path / "http:"
    odd.mkdir()
    (odd / "x.txt").write_text("Kyiv")
    assert json.dumps([a.text for a in read_articles([tmp_path / "http:"])]) == '["Kyiv"]'


# ------------------------------------------------------------------------ --fetch, locally
PAGE = """<html><head><title>Strikes on Kramatorsk</title>
<meta property="article:published_time" content="2025-07-02T08:00:00+03:00"></head>
<body><article><p>Missiles hit Kramatorsk.</p></article></body></html>"""


def test_fetch_reads_pages_and_feeds_only_when_asked(server):
    base, site, hits = server
    (site / "page.html").write_text(PAGE, encoding="utf-8")
    (site / "wire.rss").write_text(RSS, encoding="utf-8")
    with pytest.raises(InputError, match="--fetch"):
        list(read_articles([f"{base}/page.html"]))
    assert hits == []  # refused before any request
    articles, problems = read(f"{base}/page.html", f"{base}/wire.rss", f"{base}/missing.html",
                              fetch=True)
    assert [a.title for a in articles] == ["Strikes on Kramatorsk", "Shelling near Pokrovsk",
                                           "Talks in Toulon"]
    page = articles[0]
    assert (page.date, page.text, page.url) == ("2025-07-02", "Missiles hit Kramatorsk.",
                                                f"{base}/page.html")  # the URL it came from
    assert articles[1].url == "https://wire.example/1"  # a feed's own links are kept
    assert [str(p) for p in problems] == [
        f"{base}/missing.html: cannot fetch {base}/missing.html: HTTP 404 File not found"]
    assert sorted(hits) == ["/missing.html", "/page.html", "/wire.rss"]


def test_fetch_refuses_other_schemes(tmp_path):
    articles, problems = read("ftp://example.com/x.txt", fetch=True)
    assert articles == [] and "only http and https" in str(problems[0])
