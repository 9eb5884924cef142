"""``geo map PATH...|--db FILE|RECIPE.toml``: articles to a layered Leaflet map (one HTML file)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from geo.errors import GeoError, InputError, InputFileError, StoreError

DEFAULT_OUT_DIR = Path("maps/out")
_RECIPE_KEYS = {"inputs", "db", "title", "output", "since", "until", "region", "self_contained",
                "layers", "styles", "max_articles"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "map",
        help="draw the places articles mention as an interactive HTML map",
        description="Parse articles (files, folders) or a store and write a layered Leaflet map. "
                    "A single .toml argument is a map recipe (see maps/seed.toml).",
    )
    p.add_argument("inputs", nargs="*", metavar="PATH", help="article files/folders or a recipe")
    p.add_argument("--db", metavar="FILE", help="map the mentions of a geo store instead")
    p.add_argument("-o", "--output", metavar="FILE", help="HTML file (default maps/out/NAME.html)")
    p.add_argument("--title", help="title shown on the map")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles on or before this day")
    p.add_argument("--region", metavar="NAME",
                   help="only places in this admin-1 region or country (name or code)")
    p.add_argument("--self-contained", action="store_true", default=None,
                   help="inline every script and stylesheet (opens with no network but tiles)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = _options(args)
    from geo.render import MapData, render_map, save_map

    if options.get("db"):
        parsed = parsed_from_store(options["db"])
    else:
        parsed = parsed_from_paths(options["inputs"])
    data = MapData.from_parsed(parsed)
    m = render_map(
        data,
        title=options.get("title"),
        since=options.get("since"),
        until=options.get("until"),
        region=options.get("region"),
        region_shapes=region_shapes(),
        self_contained=bool(options.get("self_contained")),
        layers=options.get("layers"),
        styles=options.get("styles"),
        max_articles=int(options.get("max_articles", 20)),
    )
    out = save_map(m, options["output"])
    shown = data.filter(since=options.get("since"), until=options.get("until"),
                        region=options.get("region"))
    summary = {"output": str(out), "articles": len(shown.articles),
               "mentions": len(shown.mentions),
               "places": len({mn.place.id for mn in shown.mentions}),
               "bytes": out.stat().st_size}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"wrote {out} ({summary['places']} places, {summary['mentions']} mentions, "
              f"{summary['articles']} articles)")
    return 0


def parsed_from_paths(paths: Iterable[str]) -> Iterable[Any]:
    """Read and geoparse article files: the one place ``geo map`` meets the parser."""
    try:
        from geo.gazetteer import Gazetteer
        from geo.pipeline import parse_articles
        from geo.text.read import read_articles
    except ImportError as exc:
        raise GeoError("geoparser not available") from exc
    return parse_articles(read_articles(list(paths)), gazetteer=Gazetteer.open())


def parsed_from_store(db: str) -> Iterable[Any]:
    """Parsed articles from a geo store (not available yet)."""
    if not Path(db).exists():
        raise InputFileError(f"no such store: {db}")
    raise StoreError("store not available")


def region_shapes() -> Callable[[str, str], Any] | None:
    """The gazetteer's admin-1 polygons ``(cc, admin1) -> geometry``, or None if it has none."""
    try:
        from geo.pipeline import default_gazetteer

        gazetteer = default_gazetteer()
    except (ImportError, GeoError):
        return None

    def shape(cc: str, admin1_code: str) -> Any:
        unit = gazetteer.admin1(cc, admin1_code)
        return gazetteer.region_geometry(unit.id) if unit is not None else None

    return shape


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Command-line options, merged over a recipe when the only input is a ``.toml`` file."""
    options: dict[str, Any] = {}
    inputs = list(args.inputs)
    if len(inputs) == 1 and inputs[0].endswith(".toml"):
        options = load_recipe(Path(inputs[0]))
    else:
        options["inputs"] = inputs
    for key in ("db", "title", "since", "until", "region", "self_contained"):
        value = getattr(args, key)
        if value is not None:
            options[key] = value
    if args.output:
        options["output"] = args.output
    if not options.get("inputs") and not options.get("db"):
        raise InputError("give article paths, --db FILE or a recipe .toml")
    for p in options.get("inputs", []):
        if not Path(p).exists():
            raise InputFileError(f"no such file or folder: {p}")
    if "output" not in options:
        first = Path(options["inputs"][0] if options.get("inputs") else options["db"])
        options["output"] = str(DEFAULT_OUT_DIR / f"{first.resolve().stem or 'map'}.html")
    return options


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
    for key in ("layers", "styles"):
        if key in recipe and not isinstance(recipe[key], dict):
            raise InputError(f"bad recipe {path}: [{key}] must be a table")
    return recipe
