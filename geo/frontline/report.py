"""``geo frontline stats`` output: the text tables, the CSV series and the PNG chart."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from geo.errors import InputError
from geo.frontline.measure import Measured
from geo.frontline.model import AreaRow, Change, FrontStats

#: Up to this many snapshots every note is printed; above, one line per kind of note.
NOTES_IN_FULL = 20


def print_notes(measured: Sequence[Measured], out: IO[str]) -> None:
    """What was repaired, skipped or assumed while reading, as warnings (summarised for long
    series: a thousand files repeating the same note would hide everything else)."""
    if len(measured) <= NOTES_IN_FULL:
        for m in measured:
            for note in m.notes:
                print(f"geo: warning: {m.path} ({m.date}): {note}", file=out)
        return
    kinds: Counter[str] = Counter()
    example: dict[str, str] = {}
    for m in measured:
        for note in m.notes:
            kind = _note_kind(note)
            kinds[kind] += 1
            example.setdefault(kind, f"{m.path}: {note}")
    for kind, n in kinds.most_common():
        print(f"geo: warning: {n} snapshot(s): {kind} (e.g. {example[kind]})", file=out)


def _note_kind(note: str) -> str:
    """A note without its numbers and examples: "repaired N invalid polygon(s) ..." ."""
    head = note.split(" (e.g.")[0].split(", e.g.")[0]
    return " ".join("N" if w.isdigit() else w for w in head.split())


def print_stats(stats: FrontStats, out: IO[str]) -> None:
    """The human tables: areas per date (or per period), changes, and the basis."""
    cc = stats.country.cc if stats.country else ""
    if stats.by:
        _print_periods(stats, out, cc)
    else:
        _print_areas(stats.areas, out, cc)
        if stats.steps:
            print(file=out)
            _print_changes(stats, out, cc)
    if stats.by and stats.overall is not None:
        print(file=out)
        _print_changes(stats, out, cc, only_overall=True)
    print(file=out)
    print(f"equal-area projection: {stats.projection}", file=out)
    print(f"clipped to: {stats.border or 'nothing (no border polygon)'}", file=out)
    if stats.country:
        print(f"country area: {stats.country.km2:,.0f} km² ({stats.country.basis})", file=out)


def _print_areas(areas: Sequence[AreaRow], out: IO[str], cc: str) -> None:
    print(f"{'date':<10}  {'occupied km²':>13}  {'since 2022':>11}  {'% ' + cc if cc else '':>8}"
          f"  {'grey km²':>9}  {'outside':>9}  source", file=out)
    for a in areas:
        print(f"{a.date.isoformat():<10}  {a.occupied_km2:>13,.1f}  "
              f"{_km(a.occupied_since_2022_km2):>11}  {_pct(a.pct_of_country):>8}  "
              f"{_km(a.grey_zone_km2):>9}  {a.outside_km2:>9,.0f}  {a.source}", file=out)


def _print_changes(stats: FrontStats, out: IO[str], cc: str, *,
                   only_overall: bool = False) -> None:
    print(f"{'change':<24}  {'gained km²':>11}  {'lost km²':>10}  {'net km²':>11}  "
          f"{'net % ' + cc if cc else '':>9}", file=out)
    rows: list[tuple[str, Change]] = []
    if not only_overall:
        rows = [(f"{c.start} → {c.end}", c) for c in stats.steps]
    if stats.overall is not None and (only_overall or len(stats.areas) > 2):
        rows.append(("first → last", stats.overall))
    for label, c in rows:
        _print_change(label, c, out)


def _print_change(label: str, c: Change, out: IO[str]) -> None:
    pct = "" if c.net_pct is None else f"{c.net_pct:+.2f}%"
    print(f"{label:<24}  {c.gained_km2:>+11,.1f}  {-c.lost_km2:>+10,.1f}  {c.net_km2:>+11,.1f}  "
          f"{pct:>9}", file=out)
    for r in c.regions:
        print(f"  {_fit(r.region, 22):<22}  {r.gained_km2:>+11,.1f}  {-r.lost_km2:>+10,.1f}  "
              f"{r.net_km2:>+11,.1f}", file=out)


def _print_periods(stats: FrontStats, out: IO[str], cc: str) -> None:
    print(f"{'period':<8}  {'as of':<10}  {'occupied km²':>13}  {'since 2022':>11}  "
          f"{'% ' + cc if cc else '':>8}  {'gained km²':>11}  {'lost km²':>10}  {'net km²':>11}",
          file=out)
    for p in stats.periods:
        a, c = p.area, p.change
        ch = (f"{c.gained_km2:>+11,.1f}  {-c.lost_km2:>+10,.1f}  {c.net_km2:>+11,.1f}" if c
              else f"{'':>11}  {'':>10}  {'':>11}")
        print(f"{p.period:<8}  {a.date.isoformat():<10}  {a.occupied_km2:>13,.1f}  "
              f"{_km(a.occupied_since_2022_km2):>11}  {_pct(a.pct_of_country):>8}  {ch}",
              file=out)
        for r in (c.regions if c else ()):
            print(f"  {_fit(r.region, 56):<56}  {r.gained_km2:>+11,.1f}  {-r.lost_km2:>+10,.1f}  "
                  f"{r.net_km2:>+11,.1f}", file=out)


def _fit(name: str, width: int) -> str:
    """A region name in its column, cut with an ellipsis (never silently) when longer."""
    return name if len(name) <= width else name[:width - 1] + "…"


def _km(v: float | None) -> str:
    return "-" if v is None else f"{v:,.1f}"


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:.2f}%"


# --- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = ("period", "date", "occupied_km2", "occupied_since_2022_km2", "grey_zone_km2",
               "pct_of_country", "outside_border_km2", "from", "gained_km2", "lost_km2",
               "net_km2", "region", "source", "path")


def csv_rows(stats: FrontStats) -> list[dict[str, Any]]:
    """One row per period (``--by``) or snapshot, each followed by one row per region that
    changed (``region`` set, only the change columns filled)."""
    if stats.by:
        items = [(p.period, p.area, p.change) for p in stats.periods]
    else:
        prev = {c.end: c for c in stats.steps}
        items = [("", a, prev.get(a.date) if i else None) for i, a in enumerate(stats.areas)]
    rows: list[dict[str, Any]] = []
    for period, a, c in items:
        d = a.to_dict()
        rows.append({
            "period": period, "date": d["date"], "occupied_km2": d["occupied_km2"],
            "occupied_since_2022_km2": d["occupied_since_2022_km2"],
            "grey_zone_km2": d["grey_zone_km2"], "pct_of_country": d["pct_of_country"],
            "outside_border_km2": d["outside_border_km2"],
            "from": c.start.isoformat() if c else None,
            "gained_km2": round(c.gained_km2, 1) if c else None,
            "lost_km2": round(c.lost_km2, 1) if c else None,
            "net_km2": round(c.net_km2, 1) if c else None,
            "region": "", "source": a.source, "path": a.path})
        for r in (c.regions if c else ()):
            rows.append({"period": period, "date": d["date"], "from": c.start.isoformat(),
                         "gained_km2": round(r.gained_km2, 1), "lost_km2": round(r.lost_km2, 1),
                         "net_km2": round(r.net_km2, 1), "region": r.region})
    return rows


def write_csv(stats: FrontStats, path: str, *, overwrite: bool = True) -> None:
    """The series as CSV (``-``: stdout), written whole or not at all."""
    from geo._files import writing_text

    with writing_text(path, overwrite=overwrite, newline="") as fh:
        _write_csv(fh, csv_rows(stats))


def _write_csv(fh: IO[str], rows: list[dict[str, Any]]) -> None:
    w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in CSV_COLUMNS})


# --- chart ---------------------------------------------------------------------------------


def write_plot(stats: FrontStats, path: str, *, overwrite: bool = True) -> None:
    """Occupied area over time (and since 2022), with gains and losses per period as bars."""
    import warnings

    with warnings.catch_warnings():  # one snapshot: matplotlib warns of a zero-width axis
        warnings.simplefilter("ignore", UserWarning)
        _write_plot(stats, path, overwrite=overwrite)


def _write_plot(stats: FrontStats, path: str, *, overwrite: bool) -> None:
    try:
        import matplotlib
    except ImportError as exc:
        raise InputError("--plot needs matplotlib: pip install 'geo[plot]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    areas = [p.area for p in stats.periods] if stats.by else list(stats.areas)
    changes = list(stats.steps)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True,
                                      gridspec_kw={"height_ratios": (3, 2)})
    days = [a.date for a in areas]
    top.plot(days, [a.occupied_km2 / 1000 for a in areas], marker="o", ms=3, color="#b2182b",
             label="occupied (inside the border)")
    since = [(a.date, a.occupied_since_2022_km2 / 1000) for a in areas
             if a.occupied_since_2022_km2 is not None]
    if since:
        top.plot([d for d, _ in since], [v for _, v in since], marker="o", ms=3, ls="--",
                 color="#ef8a62", label="occupied since 24 Feb 2022")
    top.set_ylabel("thousand km²")
    top.set_ylim(bottom=0)
    top.grid(alpha=0.3)
    top.legend(loc="lower right", fontsize=8)
    where = f" of {stats.country.cc}" if stats.country else ""
    per = f" per {stats.by}" if stats.by else " between snapshots"
    top.set_title(f"Occupied area{where} and its change{per}")
    if changes:
        mids = [c.start + (c.end - c.start) / 2 for c in changes]
        widths = [max((c.end - c.start).days * 0.8, 1) for c in changes]
        bottom.bar(mids, [c.gained_km2 for c in changes], width=widths,
                   color="#b2182b", label="gained (newly occupied)")
        bottom.bar(mids, [-c.lost_km2 for c in changes], width=widths,
                   color="#2166ac", label="lost (no longer occupied)")
        bottom.plot(mids, [c.net_km2 for c in changes], "k.", ms=5, label="net")
    bottom.axhline(0, color="black", lw=0.6)
    bottom.set_ylabel("km²")
    bottom.grid(alpha=0.3)
    bottom.legend(loc="best", fontsize=8, framealpha=0.9)
    fig.autofmt_xdate()
    fig.tight_layout()
    from geo._files import replacing

    try:
        with replacing(path, overwrite=overwrite) as tmp:
            fig.savefig(tmp, dpi=110, format="png")
    finally:
        plt.close(fig)
