"""Property-based fuzzing (hypothesis) of the readers, recognition, resolution, the front-line
loader and the event importers.

Inputs: random Unicode, mixed scripts around real place names, RTL overrides and other
format characters, NUL, lone surrogates, long runs of capitals, random and broken GeoJSON
and CSV. The properties: nothing but a :class:`geo.errors.GeoError` escapes, offsets point
at the text they claim, output can always be written as UTF-8, and values stay in range.
Each test has a fixed example budget and no per-example deadline (CI machines are shared);
the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import GeoError

pytestmark = pytest.mark.real_gazetteer

FUZZ = settings(max_examples=60, deadline=None, derandomize=False, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

PLACES = ["Pokrovsk", "Kramatorsk", "Donetsk region", "Kyiv", "Paris, Texas", "Toulon",
          "Покровськ", "під Покровськом", "Донецької області", "Харкова", "Курской области",
          "the Donetsk and Luhansk oblasts", "U.S.", "St. Louis", "New York"]
ODD = ["\x00", "\u202e", "\u202d", "\u200f", "\u2066", "\u2069", "\ufeff", "\u2028", "\u2029",
       "\ud800", "\udfff", "\u0301", "\n", ". ", ", ", "'s", "’", "\t", "\u00a0", "…", "«", "»"]

# text as news might garble it: real names, odd code points, runs of capitals, random Unicode
pieces = st.one_of(
    st.sampled_from(PLACES),
    st.sampled_from(ODD),
    st.text(alphabet=st.characters(codec=None), max_size=12),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=60),
    st.lists(st.sampled_from(["Pokrovsk", "Donald", "Trump", "Gen.", "President", "Kyiv"]),
             max_size=20).map(" ".join),
)
news_text = st.lists(pieces, max_size=25).map(" ".join)


def _gazetteer():
    from geo.pipeline import default_gazetteer

    return default_gazetteer()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8


# --- readers -------------------------------------------------------------------------------


@FUZZ
@given(text=news_text, suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv", ""]),
       title=st.text(max_size=20))
def test_readers_take_any_bytes_and_give_clean_articles(tmp_path_factory, text, suffix, title):
    from geo.text.read import read_articles

    tmp = tmp_path_factory.mktemp("read")
    if suffix == ".jsonl":
        body = json.dumps({"id": "a", "title": title, "text": text}) + "\n" + text[:40]
    elif suffix == ".csv":
        body = "id,title,text\n" + f'a,"{title}","{text}"\n'
    elif suffix == ".html":
        body = f"<html><title>{title}</title><body><p>{text}</p></body></html>"
    else:
        body = text
    path = tmp / f"input{suffix}"
    path.write_bytes(_utf8(body))
    problems = []
    try:
        articles = list(read_articles([path], on_problem=lambda *a: problems.append(a)))
    except GeoError:
        return
    for a in articles:
        assert isinstance(a.text, str) and a.id
        a.text.encode("utf-8")  # no lone surrogate survives reading
        for value in (a.title, a.url, a.source, a.date):
            assert value is None or isinstance(value, str)
            if value is not None:
                value.encode("utf-8")


@FUZZ
@given(html=st.lists(st.one_of(st.sampled_from(["<div>", "</div>", "<p>", "<b>", "</b>",
                                                "<script>", "</script>", "<!--", "-->", "<br>",
                                                "<article>", "</span>", "<", ">", "&amp;",
                                                "&#0;", "&#xD800;"]),
                               pieces), max_size=40).map("".join))
def test_html_extraction_never_raises(html):
    from geo.text._html import extract

    page = extract(html)
    assert isinstance(page.text, str)
    assert "\x00" not in page.text or "\x00" in html


# --- recognition and resolution ----------------------------------------------------------------


@FUZZ
@given(text=news_text)
def test_recognised_spans_point_at_their_text_in_order(text):
    from geo.text.recognise import recognise

    spans = recognise(text, _gazetteer())
    end = 0
    for s in spans:
        assert end <= s.start < s.end <= len(text)
        assert s.surface == text[s.start:s.end]
        assert s.key
        end = s.end


@FUZZ
@given(text=news_text, lang=st.sampled_from([None, "uk", "ru", "en", "zz", ""]))
def test_resolution_gives_mentions_in_range_that_can_be_written(text, lang):
    from geo.model import Article
    from geo.pipeline import parse_article

    parsed = parse_article(Article(id="f", text=text, lang=lang), gazetteer=_gazetteer())
    senses: dict[str, int] = {}
    for m in parsed.mentions:
        assert m.surface == text[m.start:m.end]
        assert 0.0 < m.confidence <= 1.0 and math.isfinite(m.confidence)
        assert -90 <= m.place.lat <= 90 and -180 <= m.place.lon <= 180
        assert m.reason
        assert m.sentence in text and m.surface in m.sentence
        assert senses.setdefault(m.surface, m.place.id) == m.place.id  # one sense per name
    line = json.dumps(parsed.to_dict(), ensure_ascii=False)
    if all(not 0xD800 <= ord(c) <= 0xDFFF for c in text):
        line.encode("utf-8")


# --- front-line loader and importers -------------------------------------------------------------

numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20),
                    st.sampled_from([37.5, 48.1, 0, -0.0, 181, -91]))
positions = st.lists(numbers, min_size=0, max_size=3)
rings = st.lists(positions, max_size=6)
geometry = st.one_of(
    st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": st.lists(rings, max_size=2)}),
    st.fixed_dictionaries({"type": st.just("MultiPolygon"),
                           "coordinates": st.lists(st.lists(rings, max_size=2), max_size=2)}),
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "LineString", "Nonsense", None, 7]),
                           "coordinates": st.one_of(positions, rings, st.none())}),
    st.none(),
    st.just({"type": "Polygon", "coordinates": [[[37, 47], [38, 47], [38, 48], [37, 48],
                                                 [37, 47]]]}),
)
properties = st.dictionaries(
    st.sampled_from(["date", "name", "status", "datetime", "as_of", "layer", "fill", "id", "Name",
                     "description"]),
    st.one_of(st.text(max_size=15), numbers, st.none(),
              st.sampled_from(["2024-07-08", "2099-01-01", "2024-02-30", "yesterday",
                               "Окупована територія", "Occupied", "ORDLO"])),
    max_size=4)
feature = st.fixed_dictionaries({"type": st.sampled_from(["Feature", "feature", "Nope"]),
                                 "geometry": geometry, "properties": properties})
geojson = st.one_of(
    st.fixed_dictionaries({"type": st.just("FeatureCollection"),
                           "features": st.lists(feature, max_size=4)}).map(json.dumps),
    feature.map(json.dumps),
    geometry.map(json.dumps),
    st.text(max_size=60),
    st.sampled_from(["{", "[]", "null", '{"type": "FeatureCollection"}', "[" * 5000 + "]" * 5000,
                     '{"type":"FeatureCollection","features":' + "[" * 3000 + "]" * 3000 + "}"]),
)


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_bytes(_utf8(text))
    return path


@FUZZ
@given(doc=geojson, name=st.sampled_from(["front.geojson", "20240708.geojson", "x.json",
                                          "deepstate-2024-07-08.geojson"]))
def test_front_line_loader_reads_or_refuses_with_a_geo_error(tmp_path_factory, doc, name):
    import datetime as dt

    from geo.frontline.load import load_snapshots

    path = _write(tmp_path_factory.mktemp("front"), name, doc)
    snaps, failed = load_snapshots([path], today=dt.date(2026, 12, 1))
    assert len(snaps) + len(failed) >= 1  # a snapshot, or the reason there is none
    for s in snaps:
        assert s.date <= dt.date(2026, 12, 1)
    for p, reason in failed:
        assert p == str(path) and reason and "\n" not in reason.strip()


csv_cell = st.one_of(st.text(max_size=12), numbers.map(str),
                     st.sampled_from(["2024-07-08", "08/07/2024", "Pokrovsk", "Battles", "",
                                      "48.28", "37.17", "nan", "1e400", '"', "\x00", "\u202e"]))
csv_doc = st.builds(
    lambda header, rows, sep: "\n".join(sep.join(r) for r in [header, *rows]),
    st.lists(st.sampled_from(["event_id_cnty", "event_date", "event_type", "latitude",
                              "longitude", "location", "fatalities", "type_of_violence",
                              "where_prec", "side_a", "date", "lat", "lon", "place", "notes"]),
             min_size=1, max_size=8, unique=True),
    st.lists(st.lists(csv_cell, max_size=8), max_size=6),
    st.sampled_from([",", ";", "\t", "|"]),
)


@FUZZ
@given(doc=st.one_of(csv_doc, geojson), fmt=st.sampled_from([None, "acled", "ucdp", "csv",
                                                             "geojson"]),
       name=st.sampled_from(["events.csv", "events.geojson", "events.txt"]))
def test_importers_import_or_refuse_with_a_geo_error(tmp_path_factory, doc, fmt, name):
    import datetime as dt

    from geo.events.importers import import_events

    path = _write(tmp_path_factory.mktemp("events"), name, doc)
    try:
        result = import_events(path, format=fmt, gazetteer=_gazetteer(), today=dt.date(2026, 12, 1))
    except GeoError as exc:
        assert str(exc)
        return
    for e in result.events:
        assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180
        assert e.date is None or e.date <= "2026-12-01"
        json.dumps(e.to_dict(), ensure_ascii=False)
