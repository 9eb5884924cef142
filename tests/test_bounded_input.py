"""Input without sentence breaks or with absurd nesting stays linear: sentences are capped,
mentions share their sentence, resolution runs in windows and HTML nesting is bounded."""

from __future__ import annotations

import time

import pytest

from geo.model import Span
from geo.pipeline import MAX_CONTEXT_SPANS, context_windows, parse_article
from geo.text._html import MAX_DEPTH, bound_nesting, extract
from geo.text.sentences import MAX_SENTENCE_CHARS, SentenceIndex, sentence_bounds, sentences

PLACES = ["Pokrovsk", "Kramatorsk", "Sloviansk", "Kostiantynivka", "Bakhmut", "Avdiivka"]


def test_an_overlong_sentence_is_cut_at_a_clause_mark_near_the_cap():
    text = ", ".join(PLACES[i % len(PLACES)] for i in range(5000))
    bounds = sentence_bounds(text)
    assert len(bounds) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in bounds)
    assert all(e - s > MAX_SENTENCE_CHARS // 2 for s, e in bounds[:-1])
    assert all(text[e - 1] == "," for _, e in bounds[:-1])  # cut after the comma
    # nothing is lost: the pieces and the gaps between them make up the text
    assert "".join(text[s:e] for s, e in bounds).replace(" ", "") == text.replace(" ", "")


def test_a_sentence_without_clause_marks_is_cut_at_a_space_and_a_run_without_spaces_anywhere():
    words = "бої під Покровськом Донецької області " * 200
    bounds = sentence_bounds(words)
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in bounds)
    assert all(words[e] == " " for _, e in bounds[:-1])
    solid = "x" * (3 * MAX_SENTENCE_CHARS + 7)
    assert sentence_bounds(solid) == [(0, 1000), (1000, 2000), (2000, 3000), (3000, 3007)]


def test_real_prose_is_not_cut():
    sentence = ("Russian troops, who had massed near Pokrovsk in the Donetsk region, pushed on; "
                "officials said - again - that the town would hold.")
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert sentences(sentence + " " + sentence) == [sentence, sentence]


def test_splitting_a_megabyte_of_abbreviations_is_linear():
    def elapsed(n: int) -> float:
        text = "Mr. " * n
        start = time.process_time()
        sentence_bounds(text)
        return time.process_time() - start

    elapsed(1000)
    small, large = elapsed(25_000), elapsed(250_000)
    assert large < 30 * small + 0.05  # ten times the input: not a hundred times the time


def test_sentence_index_hands_every_mention_of_a_sentence_the_same_string():
    text = "Troops entered Marinka and Pokrovsk.  Then Kyiv."
    index = SentenceIndex(text)
    a, b = index.at(text.index("Marinka")), index.at(text.index("Pokrovsk"))
    assert a == "Troops entered Marinka and Pokrovsk."
    assert a is b
    assert index.at(text.index("Kyiv")) == "Then Kyiv."
    assert index.at(37) == a  # in the gap: the sentence before
    assert index.index_at(0) == 0 and index.index_at(len(text)) == 1
    assert SentenceIndex("").at(0) == "" and SentenceIndex("   ").index_at(0) == -1


def _spans(text: str, word: str) -> list[Span]:
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append(Span(pos, pos + len(word), word, word.lower()))
        pos = text.find(word, pos + 1)
    return out


def test_context_windows_cover_all_spans_in_order_and_cut_between_sentences():
    text = "Kyiv and Kyiv and Kyiv. " * 10
    spans = _spans(text, "Kyiv")
    index = SentenceIndex(text)
    windows = list(context_windows(spans, index, max_spans=7))
    assert [s for w in windows for s in w] == spans
    assert all(len(w) <= 7 for w in windows)
    assert [len(w) for w in windows] == [6, 6, 6, 6, 6]  # whole sentences of three
    assert list(context_windows(spans, index, max_spans=len(spans))) == [spans]


def test_context_windows_cut_inside_a_sentence_only_when_it_alone_is_too_long():
    text = " ".join(["Kyiv"] * 20) + "."
    spans = _spans(text, "Kyiv")
    windows = list(context_windows(spans, SentenceIndex(text), max_spans=8))
    assert [len(w) for w in windows] == [8, 8, 4]


@pytest.mark.real_gazetteer
def test_a_long_list_of_places_parses_in_windows_with_shared_sentences():
    from geo.model import Article
    from geo.pipeline import default_gazetteer

    n = MAX_CONTEXT_SPANS + 500
    text = ", ".join(PLACES[i % len(PLACES)] for i in range(n))
    parsed = parse_article(Article(id="a", text=text), gazetteer=default_gazetteer())
    assert len(parsed.mentions) == n
    assert {m.place.cc for m in parsed.mentions} == {"UA"}
    assert len({m.place.id for m in parsed.mentions}) == len(PLACES)  # one sense per name
    assert all(len(m.sentence) <= MAX_SENTENCE_CHARS for m in parsed.mentions)
    assert all(m.surface in m.sentence for m in parsed.mentions)
    distinct = {id(m.sentence) for m in parsed.mentions}
    assert len(distinct) == len(sentence_bounds(text))


def test_deep_html_is_flattened_below_the_cap_and_keeps_its_text():
    n = 100_000
    html = "<html><body>" + "<div>" * n + "Fighting near <b>Pok</b>rovsk." + "</div>" * n \
        + "<p>Second paragraph.</p></body></html>"
    start = time.perf_counter()
    page = extract(html)
    assert time.perf_counter() - start < 10
    assert page.text.splitlines()[0] == "Fighting near Pokrovsk."
    assert page.text.splitlines()[-1] == "Second paragraph."
    bounded = bound_nesting(html)
    assert bounded.count("<div>") == MAX_DEPTH - 2  # html and body count as well


def test_shallow_html_is_left_alone():
    html = "<html><body>" + "<p>One<br>two</p><img src=x>" * 600 + "</body></html>"
    assert bound_nesting(html) is html
    assert bound_nesting("<div><span>x</span></div>") == "<div><span>x</span></div>"


def test_inline_tags_beyond_the_cap_vanish_without_breaking_words():
    html = "<p>" + "<span>" * 1000 + "Pok<b>rov</b>sk" + "</span>" * 1000 + "</p>"
    assert extract(html).text == "Pokrovsk"


@pytest.mark.real_gazetteer
def test_jsonl_streams_mentions_and_writes_what_json_dumps_would():
    import io
    import json

    from geo.pipeline import parse
    from geo.text import write

    parsed = [parse("Fighting near Pokrovsk and Kramatorsk, Ukraine.", title='A "quoted" title'),
              parse("Nothing to see.")]
    out = io.StringIO()
    write._jsonl(parsed, out)
    expected = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in parsed)
    assert out.getvalue() == expected
    assert len(parsed[0].mentions) >= 2 and not parsed[1].mentions
