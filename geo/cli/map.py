"""``geo map PATH...|--db FILE|RECIPE.toml``: articles to a layered Leaflet map (one HTML file)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from geo.cli._common import add_fetch_flag, add_force, counted
from geo.cli._types import (
    checked,
    day,
    file_output,
    name,
    path,
    point,
    reversed_range,
    style_number,
)
from geo.errors import GeoError, InputError, InputFileError, OutputError

_RECIPE_KEYS = {"inputs", "db", "title", "output", "since", "until", "region", "self_contained",
                "layers", "styles", "max_articles", "frontline", "frontline_date",
                "frontline_since", "events"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "map",
        help="draw the places articles mention as an interactive HTML map",
        description="Parse articles (files, folders) or a store and write a layered Leaflet map. "
                    "A single .toml argument is a map recipe (see maps/seed.toml).",
    )
    p.add_argument("inputs", nargs="*", metavar="PATH", help="article files/folders or a recipe")
    p.add_argument("--db", metavar="FILE", type=path,
                   help="map the mentions of a geo store instead")
    add_fetch_flag(p)
    p.add_argument("-o", "--output", metavar="FILE", type=file_output,
                   help="HTML file (default: NAME.map.html beside the first input, the store "
                        "or the recipe)")
    add_force(p)
    p.add_argument("--title", help="title shown on the map")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=day,
                   help="only articles on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", type=day,
                   help="only articles on or before this day")
    p.add_argument("--region", metavar="NAME", type=name,
                   help="only places in this admin-1 region or country (name or code)")
    p.add_argument("--self-contained", action="store_true", default=None,
                   help="inline every script and stylesheet (opens with no network but tiles)")
    p.add_argument("--frontline", nargs="+", metavar="FILE",
                   help="front-line snapshot files (GeoJSON, DeepState, KML, GPKG, shapefile); "
                        "default with --db: the snapshots imported into the store")
    p.add_argument("--frontline-date", metavar="YYYY-MM-DD", type=day,
                   help="show the front line as of this day (default: the latest snapshot)")
    p.add_argument("--frontline-since", metavar="YYYY-MM-DD", type=day,
                   help="hatch gains and losses since this day (default: the first snapshot)")
    p.add_argument("--events", action="store_true", default=None,
                   help="draw events (the store's with --db, else extracted from the articles)")
    p.add_argument("--png", metavar="FILE",
                   help="also render the map to a PNG image (headless Chromium, no network: "
                        "offline base map)")
    p.add_argument("--size", metavar="WxH", default="1400x900",
                   help="PNG size in pixels (default 1400x900)")
    p.add_argument("--zoom", metavar="Z", type=png_zoom,
                   help="PNG at this zoom level (1-18), centred on the story's most mentioned "
                        "place (default: the fitted view)")
    p.add_argument("--center", metavar="LAT,LON", type=point,
                   help="centre of the PNG (with or without --zoom)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo._files import check_output

    options = _options(args)
    # a recipe's output folder (maps/out/ of maps/seed.toml) is made, as the README says; it
    # lies inside the recipe's folder (_check_output). Any other missing folder is an error.
    from_recipe = options.get("output_from_recipe", False)
    check_output(options["output"], overwrite=args.force, make_parents=from_recipe)
    if from_recipe:
        try:
            Path(options["output"]).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot write {options['output']}: {exc.strerror or exc}") \
                from None
    if options.get("region"):
        options["region"] = map_region(options["region"])
    from geo.render import MapData, map_html, render_map, save_map

    png_size = None
    if args.png:
        from geo.render.png import parse_size

        png_size = parse_size(args.size)  # checked before any parsing work
        if not args.png.lower().endswith(".png"):
            raise InputError(f"--png {args.png}: the image file must end in .png")
        check_output(args.png, overwrite=args.force)
    elif args.zoom is not None or args.center is not None:
        raise InputError("--zoom and --center choose the view of the --png image: add --png FILE")

    if options.get("db"):
        parsed = list(parsed_from_store(options["db"]))
    else:
        parsed = list(parsed_from_paths(options["inputs"], fetch=bool(args.fetch)))
        if not parsed:  # as `geo parse`: an empty map of nothing read is no success
            raise InputError("no article could be read from "
                             + " ".join(map(str, options["inputs"])))
    # filtered once here: what is drawn is what the summary counts
    data = MapData.from_parsed(parsed).filter(since=options.get("since"),
                                              until=options.get("until"),
                                              region=options.get("region"))
    extra: list[Any] = []
    events = None
    lines = stored_lines(options["db"]) if options.get("db") and not options.get(
        "frontline") else None
    front = frontline_layer(options, lines) if options.get("frontline") or lines else None
    if options.get("events"):
        from geo.render.events import EventsLayer

        events = _events_in(events_for_map(options, parsed), since=options.get("since"),
                            until=options.get("until"))
        if options.get("region"):
            from geo.render.data import event_in_region

            events = [e for e in events if event_in_region(e, options["region"])]
        # the articles of every source of an event, also those outside the map's dates: its
        # popup names each with its outlet, title and link
        cited = {s for e in events for s in (*e.sources, e.article_id) if s}
        extra.append(EventsLayer(events, articles={
            pa.article.id: pa.article for pa in parsed if pa.article.id in cited},
            sides=_event_sides(lines or (front.snapshots if front is not None else []),
                               events)))
    if front is not None:
        extra.append(front)
    self_contained = bool(options.get("self_contained"))
    m = render_map(
        data,
        title=options.get("title"),
        region_shapes=region_shapes(),
        base_shapes=base_shapes(),
        place_names=place_names(),
        place_shapes=place_shapes(),
        self_contained=self_contained,
        layers=options.get("layers"),
        styles=options.get("styles"),
        max_articles=int(options.get("max_articles", 20)),
        extra_layers=extra,
    )
    out = save_map(m, options["output"], self_contained=self_contained, overwrite=args.force)
    summary = {"output": str(out), "articles": len(data.articles),
               "mentions": len(data.mentions),
               "places": len({mn.place.id for mn in data.mentions}),
               "bytes": out.stat().st_size}
    if png_size is not None:
        from geo.render import assets
        from geo.render.png import save_png

        if assets.missing():
            raise GeoError("--png inlines the map's scripts: run `geo assets fetch` first")
        summary["png"] = str(save_png(map_html(m, self_contained=True), args.png,
                                      size=png_size, overwrite=args.force,
                                      zoom=args.zoom, center=args.center))
    if events is not None:
        summary["events"] = len(events)
    if front is not None:
        summary["frontline"] = [s.date.isoformat() for s in front.snapshots]
    if args.json:
        print(json.dumps(summary))
    else:
        more = "".join([f", {counted(len(events), 'event')}" if events is not None else "",
                        f", front line {counted(len(front.snapshots), 'snapshot')}" if front
                        else ""])
        print(f"wrote {out} ({counted(summary['places'], 'place')}, "
              f"{counted(summary['mentions'], 'mention')}, "
              f"{counted(summary['articles'], 'article')}{more})")
        if "png" in summary:
            print(f"wrote {summary['png']} ({png_size[0]}x{png_size[1]})")
    return 0


def png_zoom(text: str) -> int:
    """``--zoom``: a whole zoom level 1 to 18 (argparse reports the one-line error)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 1 <= value <= 18:
        raise argparse.ArgumentTypeError(f"invalid zoom {text!r} (a whole number 1 to 18)")
    return value


def parsed_from_paths(paths: Iterable[str], *, fetch: bool = False) -> Iterable[Any]:
    """Read and geoparse article files: the one place ``geo map`` meets the parser.

    An output directory of ``geo parse --engine dask`` (GeoParquet) is read back, not parsed.
    """
    from itertools import chain

    from geo.scale.parquet import is_parsed_dir, read_parsed_dir

    paths = list(paths)
    parsed = [read_parsed_dir(p) for p in paths if is_parsed_dir(p)]
    rest = [p for p in paths if not is_parsed_dir(p)]
    if rest:
        from geo.pipeline import default_gazetteer, parse_articles
        from geo.text.read import read_articles

        # the process-wide instance: region_shapes() and events_for_map() use the same one
        parsed.append(parse_articles(read_articles(rest, fetch=fetch),
                                     gazetteer=default_gazetteer()))
    return chain.from_iterable(parsed)


def parsed_from_store(db: str) -> Iterable[Any]:
    """Parsed articles, with their stored mentions, from a geo store (``geo ingest``)."""
    from geo.store import Store  # a missing file: the store's one "no store at" message
    from geo.store.parsed_io import parsed_from_store as read_store

    with Store(db, create=False) as store:
        return list(read_store(store))


#: Stored snapshots a map draws at most (each adds ~200 KB to the page: a store of a thousand
#: daily lines would make a 200 MB page); above it, the last snapshot of each month is drawn.
MAP_MAX_SNAPSHOTS = 40


def stored_lines(db: str) -> list[Any]:
    """The front-line snapshots kept in the store (``geo frontline import --db``)."""
    from geo.frontline.stored import stored_snapshots
    from geo.store import Store

    with Store(db, create=False) as store:
        return stored_snapshots(store)


def monthly(snapshots: list[Any]) -> list[Any]:
    """The last snapshot of each month, when there are more than :data:`MAP_MAX_SNAPSHOTS`
    (with a note on stderr); all of them otherwise."""
    if len(snapshots) <= MAP_MAX_SNAPSHOTS:
        return snapshots
    from geo.frontline.stats import period_of

    last = {period_of(s.date, "month"): s for s in sorted(snapshots,
                                                          key=lambda s: (s.date, s.path))}
    print(f"geo: note: {len(snapshots)} stored front-line snapshots; the map draws the last "
          f"of each month ({len(last)}); event popups use the line of each event's day",
          file=sys.stderr)
    return list(last.values())


def frontline_layer(options: dict[str, Any], stored: list[Any] | None = None) -> Any:
    """The front-line layer for ``--frontline FILE...``, else for ``stored`` snapshots (the
    ``--db`` store's; at most :data:`MAP_MAX_SNAPSHOTS`, see :func:`monthly`), as of
    ``--frontline-date``, changes since ``--frontline-since``; unreadable files are warned
    about, none left is an error."""
    from geo.cli.frontline import warn_skipped
    from geo.frontline.load import load_snapshots
    from geo.render.frontline import FrontlineLayer

    when = {k: _day(options.get(k), f"--{k.replace('_', '-')}")
            for k in ("frontline_date", "frontline_since")}
    if not options.get("frontline"):
        if not stored:
            return None
        return FrontlineLayer(monthly(stored), date=when["frontline_date"],
                              since=when["frontline_since"])
    snaps, failed = load_snapshots(options["frontline"])
    # `geo map` has no --date for undated files: the date goes in the file name instead
    warn_skipped([(f, r.replace("pass --date YYYY-MM-DD", "put the date in the file name "
                                "(NAME_YYYYMMDD.geojson)")) for f, r in failed])
    if not snaps:
        raise InputError("no usable front-line snapshot in --frontline "
                         + " ".join(map(str, options["frontline"])))
    return FrontlineLayer(snaps, date=when["frontline_date"], since=when["frontline_since"])


def _event_sides(snapshots: list[Any], events: list[Any]) -> dict[str, Any]:
    """Each event against the line of its day (the same rule as ``geo frontline near``: the
    latest snapshot on or before it, at most 31 days older), for the popups; {} without
    snapshots."""
    if not snapshots or not events:
        return {}
    from geo.frontline.sides import place_events_of_day

    return place_events_of_day(snapshots, events)


def events_for_map(options: dict[str, Any], parsed: list[Any]) -> list[Any]:
    """Events to draw: the store's (``--db``), else extracted from the parsed articles."""
    import sys

    if options.get("db"):
        from geo.regions.sources import store_events
        from geo.store import Store

        with Store(options["db"], create=False) as store:
            found = store_events(store, corroborated=True)
        if not found:
            db = options["db"]
            print(f"geo: note: {db} holds no events; `geo ingest PATH --db {db}` stores the "
                  f"events of new articles, `geo events extract PATH --db {db}` those of "
                  f"articles already stored, `geo events import FILE --db {db}` ACLED/UCDP "
                  "data", file=sys.stderr)
        return found
    from geo.events import extract_from_articles
    from geo.pipeline import default_gazetteer

    return list(extract_from_articles(parsed, gazetteer=default_gazetteer()))


def _events_in(events: list[Any], *, since: str | None, until: str | None) -> list[Any]:
    """Events within the map's date bounds (undated ones only when there are none)."""
    if not since and not until:
        return events
    lo, hi = since or "0000-00-00", until or "9999-99-99"
    return [e for e in events if e.date and lo <= e.date[:10] <= hi]


def _day(value: Any, what: str) -> Any:
    import datetime as dt

    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"invalid {what} date {value!r} (expected YYYY-MM-DD)") from exc


def map_region(text: str) -> str:
    """``--region`` as the map filters it: an admin-1 unit's name or a country's code, found
    in the gazetteer like every other ``--region``; an unknown name is an InputError."""
    from geo.pipeline import default_gazetteer
    from geo.store.store import named_region

    place, _geometry = named_region(text, default_gazetteer())
    return place.cc if place.kind == "country" else place.name


def _gazetteer_or_none() -> Any:
    """The default gazetteer, or None when there is no index and none can be built: the map
    is then drawn without what needs it (choropleth, labels, moved areas, offline base)."""
    try:
        from geo.pipeline import default_gazetteer

        return default_gazetteer()
    except (ImportError, GeoError):
        return None


def region_shapes() -> Callable[[str, str], Any] | None:
    """The gazetteer's admin-1 polygons ``(cc, admin1) -> geometry``, or None if it has none."""
    gazetteer = _gazetteer_or_none()
    if gazetteer is None:
        return None

    def shape(cc: str, admin1_code: str) -> Any:
        unit = gazetteer.admin1(cc, admin1_code)
        return gazetteer.region_geometry(unit.id) if unit is not None else None

    return shape


def place_names() -> Any:
    """Every name the gazetteer holds for a place (labels and search), or None without it."""
    gazetteer = _gazetteer_or_none()
    return None if gazetteer is None else lambda place: gazetteer.names_of(place.id)


def place_shapes() -> Any:
    """The polygon of a country or admin-1 place (areas drawn where the story is), or None."""
    gazetteer = _gazetteer_or_none()
    return None if gazetteer is None else lambda place: gazetteer.region_geometry(place.id)


def base_shapes() -> Any:
    """The gazetteer's Natural Earth outlines for the offline base map, or None without them."""
    from geo.render.basemap import gazetteer_shapes

    gazetteer = _gazetteer_or_none()
    return None if gazetteer is None else gazetteer_shapes(gazetteer)


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Command-line options, merged over a recipe when the only input is a ``.toml`` file."""
    options: dict[str, Any] = {}
    inputs = list(args.inputs)
    if len(inputs) == 1 and inputs[0].endswith(".toml"):
        options = load_recipe(Path(inputs[0]))
        if "output" in options and not args.output:
            _check_output(Path(inputs[0]), Path(options["output"]))
            options["output_from_recipe"] = True
    else:
        options["inputs"] = inputs
    for key in ("db", "title", "since", "until", "region", "self_contained", "frontline",
                "frontline_date", "frontline_since", "events"):
        value = getattr(args, key)
        if value is not None:
            options[key] = value
    if args.output:
        options["output"] = args.output
    if not options.get("inputs") and not options.get("db"):
        raise InputError("give article paths, --db FILE or a recipe .toml")
    for key in ("frontline_since", "frontline_date"):  # with --db: the store's snapshots
        if options.get(key) and not (options.get("frontline") or options.get("db")):
            raise InputError(f"--{key.replace('_', '-')} needs --frontline FILE...")
    if reversed_range(options.get("since"), options.get("until")):  # a recipe's dates
        raise InputError(reversed_range(options.get("since"), options.get("until")))
    if options.get("inputs") and options.get("db"):
        raise InputError("give article paths or --db FILE, not both (the paths would be "
                         "ignored: `geo ingest PATH --db FILE` adds them to the store)")
    if isinstance(options.get("frontline"), str):
        options["frontline"] = [options["frontline"]]
    from geo.text.fetch import is_url, refusal

    urls = [p for p in options.get("inputs", []) if is_url(p) and not Path(p).exists()]
    if urls and not args.fetch:
        raise InputError(refusal(urls[0]))
    for p in [*options.get("inputs", []), *(options.get("frontline") or [])]:
        if not Path(p).exists() and not (is_url(p) and p in options.get("inputs", [])):
            raise InputFileError(f"no such file or folder: {p}")
    if "output" not in options:
        first = (inputs[0] if len(inputs) == 1 and inputs[0].endswith(".toml") else
                 options["inputs"][0] if options.get("inputs") else options["db"])
        if is_url(first):
            raise InputError("a map of a URL has no folder to go beside: give -o FILE")
        options["output"] = str(default_output(Path(first)))
    return options


def default_output(source: Path) -> Path:
    """``NAME.map.html`` beside ``source`` (a file, folder, store or recipe): never in the
    directory the command runs from, never onto an input (``page.html`` -> ``page.map.html``)."""
    source = source.resolve()
    return source.parent / f"{source.stem or 'map'}.map.html"


def load_recipe(path: Path) -> dict[str, Any]:
    """A map recipe: inputs/db/output paths relative to the recipe file, plus map options."""
    import tomllib

    try:
        recipe = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(f"no such recipe: {path}") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"bad recipe {path}: {exc}") from exc
    unknown = sorted(set(recipe) - _RECIPE_KEYS)
    if unknown:
        raise InputError(f"bad recipe {path}: unknown keys {', '.join(unknown)}")
    base = path.parent
    inputs = recipe.get("inputs", [])
    if isinstance(inputs, str):
        inputs = [inputs]
    recipe["inputs"] = [str(base / p) for p in inputs]
    for key in ("db", "output"):
        if key in recipe:
            recipe[key] = str(base / recipe[key])
    front = recipe.get("frontline", [])
    if front:
        recipe["frontline"] = [str(base / p) for p in ([front] if isinstance(front, str)
                                                       else front)]
    for key in ("layers", "styles"):
        if key in recipe and not isinstance(recipe[key], dict):
            raise InputError(f"bad recipe {path}: [{key}] must be a table")
    _check_recipe(recipe, f"bad recipe {path}")
    return recipe


def _check_output(recipe: Path, output: Path) -> None:
    """A recipe writes one ``.html`` file inside its own folder: a recipe from someone else
    cannot overwrite a file elsewhere (``output = "../../.bashrc"``). ``-o`` can still put the
    map anywhere."""
    folder = recipe.resolve().parent
    target = output.resolve()
    if target.suffix.lower() not in (".html", ".htm") or not target.is_relative_to(folder):
        raise InputError(f"bad recipe {recipe}: output must be an .html file inside "
                         f"{folder} (got {output}); use -o to write elsewhere")


#: numeric styles a recipe may set: (layer, key) -> (lowest, highest)
_STYLE_RANGES = {("places", "min_radius"): (0, 200), ("places", "max_radius"): (0, 200),
                 ("heatmap", "radius"): (1, 200), ("heatmap", "blur"): (0, 200),
                 ("events", "cell_px"): (1, 1000), ("events", "max_list"): (1, 1000)}
_STYLE_CHOICES = {("places", "color_by"): ("precision", "kind")}


def _check_recipe(recipe: dict[str, Any], where: str) -> None:
    """Every recipe value checked like the option it stands for (dates, names, numbers)."""
    for key in ("since", "until", "frontline_date", "frontline_since"):
        if key in recipe:
            checked(day, recipe[key], what=f"{where}: {key}")
    for key in ("region", "title"):
        if key in recipe:
            checked(name, recipe[key], what=f"{where}: {key}")
    for key in ("self_contained", "events"):
        if key in recipe and not isinstance(recipe[key], bool):
            raise InputError(f"{where}: {key} must be true or false")
    if "max_articles" in recipe:
        style_number(recipe["max_articles"], what=f"{where}: max_articles", low=1, high=10_000)
        if not isinstance(recipe["max_articles"], int):
            raise InputError(f"{where}: max_articles must be a whole number")
    for layer, on in recipe.get("layers", {}).items():
        if not isinstance(on, bool):
            raise InputError(f"{where}: layers.{layer} must be true or false")
    for layer, styles in recipe.get("styles", {}).items():
        if not isinstance(styles, dict):
            raise InputError(f"{where}: styles.{layer} must be a table")
        for key, value in styles.items():
            what = f"{where}: styles.{layer}.{key}"
            if (layer, key) in _STYLE_RANGES:
                low, high = _STYLE_RANGES[layer, key]
                style_number(value, what=what, low=low, high=high)
            elif (layer, key) in _STYLE_CHOICES:
                choices = _STYLE_CHOICES[layer, key]
                if value not in choices:
                    raise InputError(f"{what}: expected one of {', '.join(choices)}, "
                                     f"got {value!r:.40}")
            else:
                raise InputError(f"{what}: unknown style")
