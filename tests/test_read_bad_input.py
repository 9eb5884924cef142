"""Readers on bad input: reported problems, never a crash, never a traceback."""

from __future__ import annotations

import codecs
import json
import time
import tracemalloc

import pytest

from geo.errors import InputFileError
from geo.text.read import read_articles

TEXT = "Російські війська біля Покровська, Донецька область. Toulon, France."


def _read(sources, **kw):
    problems = []
    articles = list(read_articles(sources, on_problem=problems.append, **kw))
    return articles, problems


def test_missing_path_raises_at_once(tmp_path):
    (tmp_path / "ok.txt").write_text("Kyiv", encoding="utf-8")
    with pytest.raises(InputFileError, match="no such file"):
        read_articles([tmp_path / "ok.txt", tmp_path / "missing.txt"])  # before iterating
    with pytest.raises(InputFileError, match="no files match"):
        read_articles(str(tmp_path / "*.nothing"))
    with pytest.raises(FileNotFoundError):  # also the builtin
        read_articles("definitely/not/here.jsonl")


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.jsonl").write_bytes(b"\n\n  \n")
    (tmp_path / "c.html").write_text("<html><body><script>var x;</script> </body></html>")
    arts, problems = _read(tmp_path)
    assert arts == []
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in problems}
    assert messages["a.txt"] == "empty file"
    assert messages["b.jsonl"] == "empty file"
    assert "c.html" in messages


def test_binary_files_skipped(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (tmp_path / "y.txt").write_bytes(bytes(range(1, 32)) * 100)
    (tmp_path / "z.txt").write_text("Kramatorsk", encoding="utf-8")
    arts, problems = _read(tmp_path)
    assert [a.text for a in arts] == ["Kramatorsk"]
    assert len(problems) == 2 and all("binary" in p.message for p in problems)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251",
                                      "koi8-u", "utf-32"])
def test_encodings_detected(tmp_path, encoding):
    text = TEXT
    if encoding == "cp1251":
        text = "Российские войска у Покровска. " * 5
    elif encoding == "koi8-u":
        text = "Українські сили біля Покровська, Донецька область."
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    (a,), problems = _read(tmp_path / "a.txt")
    assert a.text == text
    assert problems == []


def test_utf16_jsonl_and_bom_csv(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(json.dumps({"id": "u", "text": TEXT}, ensure_ascii=False)
                                       .encode("utf-16"))
    (tmp_path / "b.csv").write_bytes(codecs.BOM_UTF8 + "id,text\nb,Київ\n".encode())
    arts, problems = _read(tmp_path)
    assert [(a.id, a.text) for a in arts] == [("u", TEXT), ("b", "Київ")]
    assert problems == []


def test_invalid_bytes_replaced_not_fatal(tmp_path):
    data = ("Покровськ і Краматорськ. " * 20).encode() + b"\xff\xfe\xc3(" + b" Toulon."
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.jsonl").write_bytes(b'{"id": "b", "text": "Lviv \xff Odesa"}\n')
    arts, _ = _read(tmp_path)
    assert arts[0].text.startswith("Покровськ і Краматорськ.")
    assert "\ufffd" in arts[0].text and arts[0].text.endswith("Toulon.")
    # one stray byte in ASCII: some single-byte decoding, never an exception
    assert arts[1].text.startswith("Lviv ") and arts[1].text.endswith(" Odesa")
    assert len(arts[1].text) == len("Lviv x Odesa")


def test_jsonl_bad_lines_reported_with_numbers(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "1", "text": "Kharkiv"}\n'
                 '{"id": "2", "text": "broken\n'
                 '\n'
                 '[1, 2]\n'
                 '{"id": "5", "title": "no text"}\n'
                 '{"id": "6", "text": 42}\n'
                 '{"id": "7", "text": "Sumy", "mood": "x"}\n'
                 '{"id": "8", "text": "Poltava", "mood": "y"}\n', encoding="utf-8")
    arts, problems = _read(p)
    assert [a.id for a in arts] == ["1", "7", "8"]
    by_line = {pr.line: pr for pr in problems}
    assert "invalid JSON" in by_line[2].message
    assert "JSON object" in by_line[4].message
    assert "no text" in by_line[5].message and "id, title" in by_line[5].message
    assert "not a string" in by_line[6].message
    assert by_line[7].severity == "note" and "mood" in by_line[7].message
    assert 8 not in by_line  # unknown fields are noted once per file
    assert str(by_line[2]).startswith(f"{p}:2: ")


def test_csv_without_text_column_names_its_columns(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("id,headline,when\n1,Kyiv,2026\n", encoding="utf-8")
    arts, problems = _read(p)
    assert arts == []
    assert len(problems) == 1
    assert "no text column" in problems[0].message
    assert "id, headline, when" in problems[0].message


def test_one_bad_file_does_not_stop_the_rest(tmp_path):
    (tmp_path / "a.jsonl").write_text("not json at all\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Zaporizhzhia", encoding="utf-8")
    arts, problems = _read(tmp_path)
    assert [a.text for a in arts] == ["Zaporizhzhia"]
    assert problems[0].line == 1


@pytest.mark.slow
def test_50_mb_single_line_streams_in_bounded_memory(tmp_path):
    size = 50 * 1024 * 1024
    body = ("Pokrovsk " * (size // 9 + 1))[:size]
    p = tmp_path / "big.jsonl"
    with open(p, "w", encoding="utf-8") as f:
        f.write('{"id": "big", "text": "')
        f.write(body)
        f.write('"}\n{"id": "small", "text": "Kyiv"}\n')
    del body
    t = tmp_path / "big.txt"
    t.write_text("Kramatorsk " * (size // 11), encoding="utf-8")
    for path, n in ((p, 2), (t, 1)):
        tracemalloc.start()
        start = time.perf_counter()
        count = 0
        for a in read_articles(path):
            count += 1
            del a
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == n
        assert peak < 5 * size, f"{path.name}: peak {peak / 1e6:.0f} MB"
        assert elapsed < 20


def test_a_lone_surrogate_escaped_in_json_is_replaced_not_kept(tmp_path):
    """JSON may spell a lone UTF-16 surrogate ("\\ud800"); no UTF-8 output can hold one, so the
    reader replaces it by U+FFFD, one character for one (found by tests/test_fuzz.py)."""
    from geo.text.read import read_articles

    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "s", "title": "\\ud800T", "text": "\\udfffKyiv \\ud83d\\ude00 x"}\n',
                   encoding="utf-8")
    [a] = read_articles([src])
    assert a.text == "\ufffdKyiv \U0001f600 x"  # a well-formed pair is one character, kept
    assert a.title == "\ufffdT"
    assert a.text.encode("utf-8") and a.title.encode("utf-8")


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE],
                         ids=["utf-16-le", "utf-16-be"])
def test_a_utf16_mark_before_bytes_that_are_not_utf16_is_refused_by_name(tmp_path, bom):
    (tmp_path / "a.txt").write_bytes(bom + b"Russian drones attacked Kharkiv.\n")
    (tmp_path / "b.jsonl").write_bytes(bom + b'{"id": "b", "text": "Kyiv"}\n')
    arts, problems = _read(tmp_path)
    assert arts == [] and len(problems) == 2
    name = "UTF-16 LE" if bom == codecs.BOM_UTF16_LE else "UTF-16 BE"
    assert all(f"a {name} byte-order mark, but the bytes after it are not {name}"
               in p.message and p.message.endswith("; skipped") for p in problems)


def test_real_utf16_and_utf32_with_their_marks_are_read_in_every_script(tmp_path):
    texts = {"en": TEXT, "uk": "Російські дрони атакували Харків.",
             "ru": "Российские войска у Покровска."}
    for lang, text in texts.items():
        for codec in ("utf-16-le", "utf-16-be", "utf-32-le"):
            bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
                   "utf-32-le": codecs.BOM_UTF32_LE}[codec]
            (tmp_path / f"{lang}-{codec}.txt").write_bytes(bom + text.encode(codec))
    arts, problems = _read(tmp_path)
    assert problems == [] and len(arts) == 9
    assert {a.text for a in arts} == set(texts.values())


def test_record_problems_name_the_article_in_json_words_and_say_skipped(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "n1", "text": 42}\n{"id": "n2", "text": [1]}\n"str"\n'
                 '{"id": "n4", "text": ""}\n{"text": true}\n', encoding="utf-8")
    _, problems = _read(p)
    assert [pr.message for pr in problems] == [
        "article n1: 'text' is a number, not a string; skipped",
        "article n2: 'text' is an array, not a string; skipped",
        "expected a JSON object, got a string; skipped",
        "article n4: no text (expected a 'text', 'body' or 'content' field; has: id, text); "
        "skipped",
        "'text' is a boolean, not a string; skipped"]
