"""Mutation testing: do the tests notice when a module's code is changed?

    python scripts/mutation.py store            # one module by its short name
    python scripts/mutation.py escape resolve --jobs 2 --show-survivors
    python scripts/mutation.py geo/frontline/stats.py --tests tests/test_frontline_stats.py

Each mutant changes one thing in the module's syntax tree: an arithmetic or comparison
operator (``<`` -> ``<=``, ``+`` -> ``-``, ``in`` -> ``not in``), ``and`` <-> ``or``, a dropped
``not``, a constant (a number plus one, a flag flipped, a string changed), a condition negated,
a statement replaced by ``pass``, a ``return x`` turned into ``return None``. The module's
tests then run against the mutant; a mutant is killed when they fail (or hang past a time
limit) and survives when they pass. The score is killed / all.

Speed: a fork server. This process imports pytest and the heavy libraries once; each mutant
runs in a forked child that drops every ``geo`` and ``tests`` module, puts the mutant on the
path first (a copy of the package in a temporary directory) and runs ``pytest -x``. A mutant
costs about the time of its tests, not a fresh interpreter.

Survivors are listed with their line, so a test can be written for each (or the mutant judged
equivalent: a change no caller can observe).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: short name -> (module path, the tests that cover it; slow process-level tests left out)
MODULES = {
    "escape": ("geo/render/escape.py", ["tests/test_render_escape.py"]),
    "resolve": ("geo/text/resolve.py", ["tests/test_resolve_unit.py",
                                        "tests/test_resolve_evidence.py",
                                        "tests/test_resolve_features.py",
                                        "tests/test_resolve_admin2.py"]),
    "stats": ("geo/frontline/stats.py", ["tests/test_frontline_stats.py",
                                         "tests/test_frontline_stats_more.py",
                                         "tests/test_frontline_stats_edges.py"]),
    "store": ("geo/store/store.py", [
        "tests/test_store_add.py", "tests/test_store_queries.py", "tests/test_store_schema.py",
        "tests/test_store_fixtures.py", "tests/test_store_gazetteer.py",
        "tests/test_store_more.py", "tests/test_events_store.py",
        "tests/test_store_api_checks.py", "tests/test_events_real_counts.py",
        "tests/test_events_store_batches.py", "tests/test_events_corroborate.py"]),
}
#: Mutants judged equivalent: no caller can observe them (speed, a cache, a bound that the
#: next step enforces anyway). module -> (function, piece of the line, mutation, why). They
#: are listed as "equivalent" and left out of the score; everything else that survives counts.
EQUIVALENT: dict[str, list[tuple[str, str, str, str]]] = {
    "geo/frontline/stats.py": [
        ("<module>", "if TYPE_CHECKING:", "negate condition",
         "imports for annotations only (the module has `from __future__ import annotations`)"),
        ("<module>", "@lru_cache(maxsize=16)", "constant 16", "the size of a cache: speed"),
        ("project", '("Point", "MultiPoint")', "constant 'Point'",
         "segmentize leaves a point as it is: skipping points only saves time"),
        ("project", '("Point", "MultiPoint")', "constant 'MultiPoint'",
         "segmentize leaves a point as it is: skipping points only saves time"),
        ("__init__", "equal_area_crs(round(c.y, 3), round(c.x, 3))", "constant 3",
         "the projection only finds the nearest edge point, the distance is geodesic: a centre "
         "moved by < 0.0005 deg changes it by far less than a metre"),
        ("inland", "equal_area_crs(round(c.y, 3), round(c.x, 3))", "constant 3",
         "a centre moved by < 0.0005 deg scales a km margin by ~1e-6"),
        ("__init__", "shapely.prepare(", "Expr -> pass", "prepared geometry: speed only"),
        ("_index", "if hit is not None and hit[0] is snapshot.occupied", "*",
         "the cache of projected fronts: a miss rebuilds the same index (speed); a false hit "
         "needs CPython to reuse a freed geometry's id, which no test can arrange"),
        ("_index", "return hit[2]", "Return -> pass", "a cache miss rebuilds the same index"),
        ("_index", "if len(_INDEX) >= 8:", "*", "the cache's size bound: memory, not results"),
        ("_index", "_INDEX[key] = (snapshot.occupied, country, idx)", "Assign -> pass",
         "not caching rebuilds the same index each time"),
        ("distances_to_front", ".reshape(-1, 2, 2)[:, 1]", "constant 1",
         "reshape(-2, ...): numpy reads any negative size as 'the rest'"),
        ("settlements_near_front", "zip(items, dists, strict=True)", "constant True",
         "the distances are computed from the same list: lengths always agree"),
        ("_prefilter", "zip(ok, keep, strict=True)", "constant True",
         "the flags are computed from the same list: lengths always agree"),
        ("_prefilter", "km * 1050.0 + 1000.0", "*",
         "a wider prefilter margin only keeps places the exact geodesic filter then drops"),
        ("settlements_near_front", "== (d < 0))]", "Lt -> LtE",
         "a place on the edge measures a few 1e-7 km after the projection round trip, never "
         "exactly 0"),
        ("settlements_along_front", "dlat = deg_lat(km) + 0.01", "constant 0.01",
         "a wider search box only brings places the exact distance filter drops"),
        ("settlements_along_front", "+ dlat, 90.0)) + 0.01", "constant 0.01",
         "a wider search box only brings places the exact distance filter drops"),
        ("settlements_along_front", "+ dlat, 90.0)) + 0.01", "constant 90.0",
         "deg_lon clamps the latitude at 90 itself"),
        ("compute_stats", "if not snapshots:", "If -> pass",
         "stats_from_measured refuses no snapshots with the same error"),
        ("compute_stats", 'raise InputError("no snapshots to measure")', "Raise -> pass",
         "stats_from_measured refuses no snapshots with the same error"),
        ("country_area", "return None", "Return -> pass", "falling off the end returns None"),
        ("snapshot_on", "(s.date, s.path) > (best.date,", "Gt -> GtE",
         "only differs for two snapshots of the same date and path: either is 'the last'"),
    ],
    "geo/text/resolve.py": [
        ("candidates", "def candidates(self, key: str)", "Expr -> pass",
         "the body of a Protocol method (`...`): never run"),
        ("score_article", "if not spans:", "*",
         "no spans give no names with candidates: the next check returns None too"),
        ("_modifies_noun", "if not text:", "*",
         "with no text no next word matches, so the loop returns False as well"),
        ("_inside", "return False", "Return -> pass", "falling off the end returns None, falsy"),
        ("_inside", "return False", "return None", "None is as falsy as False to every caller"),
        ("_modifies_noun", "return False", "Return -> pass",
         "only survives for the early return: with no text the loop finds no next word and "
         "returns False itself (the loop's own return is killed by the tests)"),
        ("_local_ids", "return codes, 1", "constant 1",
         "a longer count array than needed: the extra slots stay 0 and are never read"),
        ("context", "np.where(self.is_admin1[choice], own_unit, -1)", "constant 1",
         "any negative id means 'none': every use filters ids by >= 0"),
        ("_place_row", "if len(_PLACE_ROWS) > 500_000:", "*",
         "the memo's size bound: clearing it early only recomputes the same rows"),
        ("<module>", "FUNCTION_WORD_FREQUENCY = 1_000_000", "constant 1000000",
         "no word of the frequency list occurs exactly 1,000,000 times"),
        ("_static_rows", "rows.flags.writeable = False", "*",
         "a guard on the shared memo's arrays: no caller writes to them"),
    ],
}
PRELOAD = ("numpy", "shapely", "pyproj", "pandas", "geopandas", "folium", "branca", "jinja2",
           "marisa_trie", "selectolax.lexbor", "geographiclib.geodesic", "pyarrow", "sqlite3",
           "hypothesis", "charset_normalizer")

_BINOPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
           ast.FloorDiv: ast.Mult, ast.Mod: ast.Mult, ast.Pow: ast.Mult}
_CMPOPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
           ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
           ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_NO_MUTATION = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                ast.Global, ast.Nonlocal, ast.Pass)


@dataclass(frozen=True)
class Mutant:
    node_index: int  # position of the node in ast.walk order
    kind: str
    detail: int  # which of the node's mutations (comparison operand, statement index...)
    line: int
    description: str
    stmt_line: int = 0  # first line of the statement it is in (what a line tracer sees)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0]))
                ids.add(id(body[0].value))
    return ids


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes not worth mutating: docstrings, annotations, ``__all__``, f-string pieces."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        subtrees = []
        if isinstance(node, (ast.arg, ast.AnnAssign)) and node.annotation is not None:
            subtrees.append(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            subtrees.append(node.returns)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                for t in node.targets):
            subtrees.append(node)
        if isinstance(node, ast.JoinedStr):
            subtrees.extend(v for v in node.values if isinstance(v, ast.Constant))
        for sub in subtrees:
            skip.update(id(n) for n in ast.walk(sub))
    return skip


def enumerate_mutants(source: str) -> list[Mutant]:
    found = _enumerate(source)
    tree = ast.parse(source)
    stmt_of: dict[int, int] = {}
    _innermost(tree, 0, stmt_of)
    nodes = list(ast.walk(tree))
    return [Mutant(m.node_index, m.kind, m.detail, m.line, m.description,
                   m.line if m.kind.startswith("statement:") else
                   stmt_of.get(id(nodes[m.node_index]), m.line)) for m in found]


def _innermost(node: ast.AST, line: int, stmt_of: dict[int, int]) -> None:
    if isinstance(node, ast.stmt):
        line = node.lineno
    stmt_of[id(node)] = line
    for child in ast.iter_child_nodes(node):
        _innermost(child, line, stmt_of)


def _enumerate(source: str) -> list[Mutant]:
    tree = ast.parse(source)
    skip = _skipped(tree)
    out: list[Mutant] = []
    for i, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOPS:
            out.append(Mutant(i, "operator", 0, line,
                              f"{type(node.op).__name__} -> {_BINOPS[type(node.op)].__name__}"))
        elif isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in _CMPOPS:
                    out.append(Mutant(i, "compare", k, line,
                                      f"{type(op).__name__} -> {_CMPOPS[type(op)].__name__}"))
        elif isinstance(node, ast.BoolOp):
            out.append(Mutant(i, "boolop", 0, line,
                              "and -> or" if isinstance(node.op, ast.And) else "or -> and"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            out.append(Mutant(i, "not", 0, line, "drop not"))
        elif isinstance(node, ast.Constant) and not isinstance(node.value, bytes) \
                and node.value is not None and node.value is not Ellipsis:
            if isinstance(node.value, str) and not node.value:
                continue
            out.append(Mutant(i, "constant", 0, line, f"constant {node.value!r:.40}"))
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            out.append(Mutant(i, "condition", 0, line, "negate condition"))
        if isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            out.append(Mutant(i, "return", 0, line, "return None"))
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if not isinstance(stmts, list) or isinstance(node, ast.Module):
                continue
            for k, stmt in enumerate(stmts):
                if isinstance(stmt, _NO_MUTATION) or id(stmt) in skip:
                    continue
                out.append(Mutant(i, f"statement:{field}", k, stmt.lineno,
                                  f"{type(stmt).__name__} -> pass"))
    return out


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 1.5 if value else 1.0
    if isinstance(value, str):
        return "XX" + value + "XX"
    return value


def apply(source: str, m: Mutant) -> str:
    tree = ast.parse(source)
    node = list(ast.walk(tree))[m.node_index]
    if m.kind == "operator":
        node.op = _BINOPS[type(node.op)]()
    elif m.kind == "compare":
        node.ops[m.detail] = _CMPOPS[type(node.ops[m.detail])]()
    elif m.kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif m.kind == "not":
        _replace(tree, node, node.operand)
    elif m.kind == "constant":
        node.value = _changed(node.value)
    elif m.kind == "condition":
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif m.kind == "return":
        node.value = ast.Constant(value=None)
    elif m.kind.startswith("statement:"):
        stmts = getattr(node, m.kind.split(":", 1)[1])
        stmts[m.detail] = ast.copy_location(ast.Pass(), stmts[m.detail])
    return ast.unparse(ast.fix_missing_locations(tree))


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for k, item in enumerate(value):
                    if item is old:
                        value[k] = new
                        return


def _run_child(copy_root: Path, tests: list[str], plugins: list | None = None,
               quiet: bool = True) -> None:
    """In the forked child: forget geo and the tests, run pytest on the mutant, exit."""
    for name in list(sys.modules):
        if name == "geo" or name.startswith(("geo.", "tests")):
            del sys.modules[name]
    sys.path[:0] = [str(copy_root), str(ROOT)]  # the mutant's geo, this checkout's tests
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    import pytest

    code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "--import-mode=append",
                        "--rootdir", str(ROOT), *tests], plugins=plugins or [])
    os._exit(int(code))


class _LineTracer:
    """A pytest plugin that records which lines of one file each test runs (sys.settrace)."""

    def __init__(self, filename: str, out: Path):
        self.filename = filename
        self.out = out
        self.lines: dict[str, set[int]] = {}
        self.current = "<import>"

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != self.filename:
            return None
        lines = self.lines.setdefault(self.current, set())

        def local(frame, event, arg):
            if event == "line":
                lines.add(frame.f_lineno)
            return local

        lines.add(frame.f_lineno)
        return local

    def pytest_sessionstart(self, session):
        sys.settrace(self._trace)

    def pytest_runtest_setup(self, item):
        self.current = item.nodeid
        sys.settrace(self._trace)

    def pytest_runtest_teardown(self, item):
        self.current = "<import>"

    def pytest_sessionfinish(self, session):
        sys.settrace(None)
        import json

        self.out.write_text(json.dumps({k: sorted(v) for k, v in self.lines.items()}))


def covering_tests(module: str, tests: list[str]) -> dict[int, list[str]]:
    """line -> the test ids that run it (lines run only at import: every test file)."""
    import json

    out = Path(tempfile.mkdtemp(prefix="geo-mutants-cov-")) / "lines.json"
    pid = os.fork()
    if pid == 0:
        _run_child(ROOT, tests, plugins=[_LineTracer(str(ROOT / module), out)])
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the tests fail on the unmutated code: {' '.join(tests)}")
    by_test = json.loads(out.read_text())
    shutil.rmtree(out.parent, ignore_errors=True)
    lines: dict[int, list[str]] = {}
    for test, hit in by_test.items():
        for n in hit:
            lines.setdefault(n, []).append(test)
    for n, who in lines.items():
        if who == ["<import>"]:
            lines[n] = list(tests)
        else:
            lines[n] = [t for t in who if t != "<import>"]
    return lines


def run_mutants(module: str, tests: list[str], mutants: list[Mutant], source: str,
                timeout: float, jobs: int,
                cover: dict[int, list[str]] | None = None,
                on_survivor=None) -> list[tuple[Mutant, str]]:
    """(mutant, "killed" | "survived" | "timeout" | "not run by any test") for each mutant.

    With *cover* (line -> test ids), a mutant runs only the tests that run its line (the
    lines of its whole statement); a mutant no test reaches survives without running."""
    work = Path(tempfile.mkdtemp(prefix="geo-mutants-"))
    results: list[tuple[Mutant, str]] = []
    try:
        copies = []
        for j in range(jobs):
            dest = work / f"copy{j}"
            shutil.copytree(ROOT / "geo", dest / "geo",
                            ignore=shutil.ignore_patterns("__pycache__"))
            copies.append(dest)
        running: dict[int, tuple[Mutant, float, int]] = {}
        queue = list(mutants)
        free = list(range(jobs))
        while queue or running:
            while queue and free:
                m = queue.pop(0)
                chosen = tests if cover is None else cover.get(m.stmt_line, [])
                if not chosen:
                    results.append((m, "not run by any test"))
                    continue
                slot = free.pop()
                target = copies[slot] / module
                target.write_text(apply(source, m), encoding="utf-8")
                pid = os.fork()
                if pid == 0:
                    _run_child(copies[slot], chosen)
                running[pid] = (m, time.monotonic(), slot)
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                now = time.monotonic()
                for p, (m, start, slot) in list(running.items()):
                    if now - start > timeout:
                        os.kill(p, signal.SIGKILL)
                        os.waitpid(p, 0)
                        del running[p]
                        free.append(slot)
                        results.append((m, "timeout"))
                        (copies[slot] / module).write_text(source, encoding="utf-8")
                time.sleep(0.02)
                continue
            if pid not in running:
                continue
            m, _, slot = running.pop(pid)
            free.append(slot)
            code = os.waitstatus_to_exitcode(status)
            results.append((m, "survived" if code == 0 else "killed"))
            if code == 0 and on_survivor is not None:
                on_survivor(m)
            (copies[slot] / module).write_text(source, encoding="utf-8")
            done = len(results)
            if done % 25 == 0:
                print(f"  {done}/{len(mutants)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results.sort(key=lambda r: (r[0].line, r[0].node_index, r[0].detail))
    return results


def _line_set(text: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def _functions(source: str) -> dict[int, str]:
    """line -> the innermost function (or class) it is in; ``<module>`` outside any."""
    where: dict[int, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = name
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = child.name
                for n in range(child.lineno, (child.end_lineno or child.lineno) + 1):
                    where[n] = inner
            visit(child, inner)

    visit(ast.parse(source), "<module>")
    return where


def _judged(module: str, source: str, results: list[tuple[Mutant, str]]
            ) -> list[tuple[Mutant, str]]:
    """Survivors that EQUIVALENT names are marked "equivalent"."""
    rules = EQUIVALENT.get(module, [])
    if not rules:
        return results
    lines = source.splitlines()
    function = _functions(source)
    out = []
    for m, r in results:
        if r not in ("killed", "timeout"):
            code = lines[m.line - 1] if 0 < m.line <= len(lines) else ""
            for fn, piece, what, _why in rules:
                if function.get(m.line, "<module>") == fn and piece in code \
                        and what in ("*", m.description):
                    r = "equivalent"
                    break
        out.append((m, r))
    return out


def _baseline_seconds(tests: list[str]) -> float:
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _run_child(ROOT, tests)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the tests fail on the unmutated code: {' '.join(tests)}")
    return time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="+", help=f"short names ({', '.join(MODULES)}) or paths")
    ap.add_argument("--tests", nargs="*", help="test files (default: the module's own)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="only every n-th mutant (sample)")
    ap.add_argument("--lines", help="only the mutants on these lines (e.g. 36,49,120-125): "
                                    "to check new tests against a previous run's survivors")
    ap.add_argument("--show-survivors", action="store_true")
    ap.add_argument("--all-tests", action="store_true",
                    help="run every test for every mutant (default: the tests that run its line)")
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    sys.dont_write_bytecode = True
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    import pytest  # noqa: F401  (loaded once, before forking)

    scores = []
    for name in args.modules:
        module, tests = MODULES.get(name, (name, args.tests or []))
        tests = [t for t in (args.tests or tests) if (ROOT / t).exists()]
        if not tests:
            raise SystemExit(f"no tests given for {module}")
        source = (ROOT / module).read_text(encoding="utf-8")
        mutants = enumerate_mutants(source)
        if args.limit > 1:
            mutants = mutants[:: args.limit]
        if args.lines:
            wanted = _line_set(args.lines)
            mutants = [m for m in mutants if m.line in wanted]
        base = _baseline_seconds(tests)
        timeout = max(10.0, 5 * base)
        cover = None if args.all_tests else covering_tests(module, tests)
        print(f"{module}: {len(mutants)} mutants, tests {' '.join(tests)} "
              f"({base:.1f} s unmutated; a mutant is killed after {timeout:.0f} s)", flush=True)
        start = time.monotonic()
        lines = source.splitlines()

        def tell(m: Mutant, module: str = module, lines: list[str] = lines) -> None:
            """Print a survivor as it comes: tests can be written while the run goes on."""
            print(f"  (survivor) {module}:{m.line}: {m.description}: "
                  f"{lines[m.line - 1].strip()[:90]}", flush=True)

        results = run_mutants(module, tests, mutants, source, timeout, args.jobs, cover,
                              on_survivor=tell if args.show_survivors else None)
        results = _judged(module, source, results)
        killed = sum(1 for _, r in results if r in ("killed", "timeout"))
        counted = sum(1 for _, r in results if r != "equivalent")
        score = killed / counted if counted else 1.0
        scores.append((module, killed, counted, score, time.monotonic() - start,
                       len(results) - counted))
        survivors = [(m, r) for m, r in results if r not in ("killed", "timeout")]
        if args.show_survivors and survivors:
            lines = source.splitlines()
            for m, r in survivors:
                code = lines[m.line - 1].strip() if 0 < m.line <= len(lines) else ""
                print(f"  {r} {module}:{m.line}: {m.description}: {code[:90]}")
    print()
    for module, killed, total, score, secs, equivalent in scores:
        print(f"{module}: {killed}/{total} mutants killed = {score:.1%} ({secs:.0f} s; "
              f"{equivalent} judged equivalent and not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
