"""One record never stops a batch: it is reported (id, file, line, the error) and skipped.

A record that makes a stage raise is simulated by wrapping the real recogniser so that it
raises on one word (the way "... and ... states" once raised KeyError); everything else is
real: files, reader, gazetteer, store. Exit codes: 0 all done, 1 done with records skipped
(and a summary line), 2 nothing done.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from geo.cli import main
from geo.model import Article, Origin
from geo.pipeline import default_gazetteer, parse_articles
from geo.text.read import read_articles
from tests.poison import POISON, poison_recognition


@pytest.fixture
def poisoned(monkeypatch):
    """recognise() raises on texts naming POISON, as a bug in a stage would."""
    poison_recognition(monkeypatch)


def corpus(tmp_path):
    src = tmp_path / "news.jsonl"
    lines = [{"id": "ok1", "text": "Russian troops massed near Pokrovsk."},
             {"id": "bad2", "text": f"Storms hit {POISON} and Ohio states."},
             {"id": "ok3", "text": "Drones struck Kharkiv overnight."}]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return src


def test_parse_articles_reports_the_failing_record_and_goes_on(poisoned, tmp_path):
    problems = []
    articles = read_articles([corpus(tmp_path)])
    done = list(parse_articles(articles, gazetteer=default_gazetteer(),
                               on_problem=problems.append))
    assert [p.article.id for p in done] == ["ok1", "ok3"]
    assert done[0].mentions[0].place.name == "Pokrovsk"
    [problem] = problems
    assert (problem.path.endswith("news.jsonl"), problem.line) == (True, 2)
    assert "article bad2: KeyError: 'states'" in str(problem)
    assert "\n" not in str(problem)


def test_without_a_handler_the_failure_is_logged_not_raised(poisoned, caplog):
    article = Article(id="x", text=f"Near {POISON}.", origin=Origin("mem", 7))
    assert list(parse_articles([article], gazetteer=default_gazetteer())) == []
    assert "mem:7: article x: KeyError" in caplog.text


def test_origin_is_not_part_of_an_articles_identity_or_output():
    a = Article(id="x", text="t", origin=Origin("a.jsonl", 1))
    b = Article(id="x", text="t", origin=Origin("b.jsonl", 9))
    assert a == b
    assert "origin" not in a.to_dict()


def test_event_extraction_reports_the_failing_article_and_goes_on(monkeypatch):
    import geo.events.extract as extract

    gaz = default_gazetteer()
    parsed = list(parse_articles([Article(id="e1", text="Russian forces shelled Kharkiv."),
                                  Article(id="e2", text="Russian forces shelled Kherson.")],
                                 gazetteer=gaz))
    real = extract.extract_events

    def extract_events(pa, **kw):
        if pa.article.id == "e1":
            raise ValueError("bad sentence")
        return real(pa, **kw)

    monkeypatch.setattr(extract, "extract_events", extract_events)
    problems = []
    events = list(extract.extract_from_articles(parsed, gazetteer=gaz,
                                                on_problem=problems.append))
    assert {e.article_id for e in events} == {"e2"}
    assert ["article e1: ValueError: bad sentence" in str(p) for p in problems] == [True]


@pytest.mark.parametrize("command", ["parse", "ingest", "events extract"])
def test_cli_batches_exit_1_with_a_summary_when_records_are_skipped(poisoned, tmp_path,
                                                                     capsys, command):
    src = corpus(tmp_path)
    db = tmp_path / "g.db"
    extra = ["--db", str(db)] if command != "parse" else ["-o", str(tmp_path / "out.jsonl")]
    assert main([*command.split(), str(src), *extra]) == 1
    err = capsys.readouterr().err
    assert "news.jsonl:2: article bad2: KeyError: 'states'" in err
    assert "2 article(s) done, 1 record(s) skipped" in err
    if command == "parse":
        out = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["id"] for line in out] == ["ok1", "ok3"]
    else:
        stored = sqlite3.connect(db).execute("SELECT id FROM articles ORDER BY id").fetchall()
        assert stored == [("ok1",), ("ok3",)]


def test_cli_batch_with_nothing_done_exits_2_and_writes_nothing(poisoned, tmp_path, capsys):
    src = tmp_path / "all-bad.jsonl"
    src.write_text(json.dumps({"id": "b", "text": f"Near {POISON}."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(src), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith(
        "geo: error: no article could be read or processed")
    assert not out.exists()


def test_a_clean_batch_exits_0(tmp_path, capsys):
    assert main(["parse", str(corpus(tmp_path)), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert "skipped" not in capsys.readouterr().err


def test_a_file_that_breaks_its_reader_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    import geo.text._html as html

    def broken(text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html, "extract", broken)
    (tmp_path / "a.html").write_text("<p>Kyiv</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kharkiv", encoding="utf-8")
    problems = []
    got = list(read_articles([tmp_path], on_problem=problems.append))
    assert [a.text.strip() for a in got] == ["Kharkiv"]
    assert "a.html: cannot read: RecursionError" in str(problems[0])
