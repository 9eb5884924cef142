"""The documentation and the command agree (in the style of sqlite-utils' tests/test_docs.py):
every subcommand has help and a row in the README's command table, every option a row shows
exists, and the Python examples in the README and the docstrings run (doctest) against the
fixture gazetteer."""

from __future__ import annotations

import argparse
import doctest
import importlib
import re
from pathlib import Path

import pytest

from geo.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(path, help, parser) of every subcommand, nested ones included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {c.dest: c.help for c in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), helps.get(name), sub
                yield from subcommands(sub, (*path, name))


COMMANDS = {path: (text, sub) for path, text, sub in subcommands(build_parser())}


def table_cells() -> list[str]:
    """The first cell of every row of the README's command table."""
    section = README.split("### Commands", 1)[1].split("\n\n", 2)[1]
    return [line.split(" | ")[0].lstrip("| ").strip() for line in section.splitlines()
            if line.startswith("| `")]


def segments() -> list[tuple[tuple[str, ...], str]]:
    """(command path, text) of each ``geo ...`` usage in the table; a bare `` `word` `` after
    one (``geo gazetteer build` / `info``) is a sibling subcommand."""
    found = []
    for cell in table_cells():
        parent: tuple[str, ...] = ()
        for seg in re.findall(r"`([^`]+)`", cell):
            words = seg.split()
            if words[0] == "geo":
                path = tuple(w for w in words[1:3] if re.fullmatch(r"[a-z]+", w))
                while path and path not in COMMANDS:
                    path = path[:-1]
                parent = path[:-1]
            else:
                path = (*parent, words[0].split("|")[0])
            if path in COMMANDS:
                found.append((path, seg))
    return found


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_subcommand_has_help_and_a_readme_row(path, capsys):
    text, _sub = COMMANDS[path]
    assert text and text.strip(), f"geo {' '.join(path)} has no help line"
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*path, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage: geo " + " ".join(path))
    documented = {p for p, _ in segments()}
    if path in documented:
        return
    # a group is documented by its subcommands' rows ("geo gazetteer build")
    children = [p for p in COMMANDS if p[:len(path)] == path and len(p) > len(path)]
    assert children and all(c in documented for c in children), (
        f"`geo {' '.join(path)}` has no row in the README's command table")


def options_of(path: tuple[str, ...]) -> set[str]:
    opts = {"-h", "--help"}
    for depth in range(len(path) + 1):
        sub = COMMANDS[path[:depth]][1] if depth else build_parser()
        for action in sub._actions:
            opts.update(action.option_strings)
    return opts


def test_every_option_the_table_shows_exists():
    for path, text in segments():
        shown = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", text))
        missing = shown - options_of(path)
        assert not missing, f"README shows {sorted(missing)} for `geo {' '.join(path)}`"


def test_readme_documents_version_completion_and_exit_codes():
    assert "geo --version" in README
    assert "register-python-argcomplete geo" in README
    assert "geo: error:" in README
    from geo.cli import INTERNAL_ERROR

    assert f"{INTERNAL_ERROR} for an internal error" in README


def test_readme_parse_csv_example_shows_the_real_columns():
    from geo.text.write import CSV_FIELDS

    example = README.split("geo parse - --format csv\n", 1)[1]
    assert example.splitlines()[0] == ",".join(CSV_FIELDS)


# ------------------------------------------------------------------------ runnable examples
@pytest.fixture(scope="module")
def fixture_gazetteer(fixture_index):
    from geo.gazetteer import Gazetteer

    return Gazetteer.open(fixture_index)


def python_blocks(text: str) -> str:
    return "\n".join(re.findall(r"```pycon\n(.*?)```", text, flags=re.S))


@pytest.fixture
def doc_globals(fixture_gazetteer, tmp_path, monkeypatch):
    """What every example may use: the fixture gazetteer as the default index, and a fresh
    working directory for the files examples write."""
    import geo
    import geo.pipeline

    monkeypatch.setattr(geo.pipeline, "default_gazetteer", lambda: fixture_gazetteer)
    monkeypatch.setattr("geo.gazetteer.Gazetteer.open",
                        classmethod(lambda cls, *a, **k: fixture_gazetteer))
    monkeypatch.chdir(tmp_path)
    return {"geo": geo}


def run_doctest(text: str, name: str, globs: dict) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, dict(globs), name, name, 0)
    assert test.examples, f"{name} has no examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) of {name} failed (see output)"


def test_readme_python_examples_run(doc_globals):
    run_doctest(python_blocks(README), "README.md", doc_globals)


@pytest.mark.parametrize("module", ["geo.pipeline", "geo.store.store", "geo.render.compose",
                                    "geo.gazetteer", "geo.gazetteer.index", "geo._names",
                                    "geo.regions"])
def test_docstring_examples_run(module, doc_globals):
    mod = importlib.import_module(module)
    finder = doctest.DocTestFinder()
    tests = [t for t in finder.find(mod, globs={**vars(mod), **doc_globals}) if t.examples]
    assert tests, f"{module} has no docstring examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for t in tests:
        runner.run(t)
    assert runner.summarize(verbose=False).failed == 0
