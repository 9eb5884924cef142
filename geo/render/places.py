"""Places layer: one canvas circle per place, sized by mentions, coloured by precision or kind.

The popup (built in the browser with ``textContent`` only) shows the name, admin-1, country,
coordinates, mention count and the newest articles: date, title as an http(s) link, source and
the sentence with the toponym in ``<mark>`` (each sentence is embedded once and referred to by
index and offsets). At most ``max_articles`` articles per place are
embedded ("and N more"), so the page stays small for places mentioned thousands of times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from geo.model import Place
from geo.render.base import LegendItem, MapContext, add_group
from geo.render.data import PlaceSummary, Summary, day
from geo.render.escape import clean_text, safe_url

if TYPE_CHECKING:
    import folium

#: Blues and greys, never red (red means occupied ground) nor the events' hues: the colour says
#: how exact the point is, darkest for a settlement; distinct by lightness for colour-blind eyes.
PRECISION_COLORS = {
    "settlement": "#1c4f8c",
    "admin2": "#3f8fc4",
    "admin1": "#8fb8de",
    "country": "#9e9ac8",
    "other": "#9a9a9a",
}
KIND_COLORS = {
    "city": "#1c4f8c",
    "site": "#2b7bba",
    "admin2": "#3f8fc4",
    "admin1": "#8fb8de",
    "country": "#9e9ac8",
    "water": "#66c2c8",
    "region": "#7fa37a",
    "continent": "#b3a48a",
}
PRECISION_LABELS = {
    "settlement": "settlement",
    "admin2": "district (admin-2)",
    "admin1": "region (admin-1)",
    "country": "country",
    "other": "sea, area or other",
}


class PlacesLayer:
    """Circles for the places the articles mention (shown by default)."""

    name = "Places"

    def __init__(self, *, max_articles: int = 20, show: bool = True,
                 place_names: PlaceNames | None = None) -> None:
        self.max_articles = max_articles
        self.show = show
        self.place_names = place_names
        self._legend: tuple[LegendItem, ...] = ()

    @property
    def legend(self) -> Sequence[LegendItem]:
        return self._legend

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        color_by = ctx.style("places", "color_by", "precision")
        palette = KIND_COLORS if color_by == "kind" else PRECISION_COLORS
        keys = list(palette)
        payload = places_payload(
            ctx.summary, color_by=color_by, keys=keys, max_articles=self.max_articles,
            place_names=self.place_names, point=ctx.point,
        )
        payload["labelZoom"] = int(ctx.style("places", "label_zoom", LABEL_ZOOM))
        payload["maxLabels"] = MAX_LABELS
        payload["colors"] = [palette[k] for k in keys] + ["#9a9a9a"]
        payload["minRadius"] = float(ctx.style("places", "min_radius", 4))
        payload["maxRadius"] = float(ctx.style("places", "max_radius", 18))
        used = {p["g"] for p in payload["places"]}
        labels = PRECISION_LABELS if color_by == "precision" else {}
        what = "how exact the place is" if color_by == "precision" else "its kind"
        self._legend = (LegendItem(f"A circle per place named in the news; size: mentions in "
                                   f"the time window; colour: {what}", "", "note"),) + tuple(
            LegendItem(labels.get(k, k), palette[k]) for i, k in enumerate(keys) if i in used
        ) + ((LegendItem("other", "#9a9a9a"),) if len(keys) in used else ())
        add_group(m, ctx, name=self.name, show=self.show, js="places.js", data=payload)


def places_payload(
    summary: Summary, *, color_by: str, keys: Sequence[str], max_articles: int,
    place_names: PlaceNames | None = None,
    point: Callable[[Place], tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """The JSON the places layer embeds: an article table and one compact record per place.

    With ``place_names`` (every name of a place, e.g. the gazetteer's ``names_of``) a place
    shows its :func:`~geo.gazetteer.display.display_name` and search finds it by any of its
    Latin or Cyrillic names. ``point(place)`` is where it is drawn (an area moved into the
    story's view, :mod:`geo.render.anchor`); ``o`` then holds its own point."""
    display_name = _display_name if place_names is not None else None

    key_index = {k: i for i, k in enumerate(keys)}
    article_index: dict[str, int] = {}
    articles: list[list[Any]] = []
    sentence_index: dict[str, int] = {}
    sentences: list[str] = []
    places = []
    for s in summary.places:
        p = s.place
        group = p.kind if color_by == "kind" else p.precision
        entries = []
        for article_id, mention in _newest(s, summary)[:max_articles]:
            ai = article_index.get(article_id)
            if ai is None:
                ai = article_index[article_id] = len(articles)
                articles.append(_article_row(summary, article_id))
            before, found, after = snippet(mention.sentence, mention.surface)
            text = before + found + after
            si = sentence_index.get(text)
            if si is None:  # each sentence once: several places named in one sentence, or
                si = sentence_index[text] = len(sentences)  # one wire story, share it
                sentences.append(text)
            entries.append([ai, si, len(before), len(before) + len(found),
                            round(float(mention.confidence), 2), _alternatives(mention)])
        names = list(place_names(p)) if place_names is not None else []
        shown = display_name(p, names) if display_name is not None and names else p.name
        alts = sorted({n for n in names if n != shown and _searchable(n)})[:MAX_SEARCH_NAMES]
        lat, lon = point(p) if point is not None else (p.lat, p.lon)
        moved = (lat, lon) != (p.lat, p.lon)
        places.append({
            "id": p.id,
            "n": clean_text(shown, limit=120) or p.name,
            "al": [clean_text(n, limit=120) for n in alts],
            "k": p.kind,
            "cc": p.cc,
            "a1": p.admin1_name,
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "o": [round(p.lat, 5), round(p.lon, 5)] if moved else None,
            "c": s.count,
            "na": len(s.by_article),
            "g": key_index.get(group, len(keys)),
            "m": entries,
            "more": max(0, len(s.by_article) - max_articles),
        })
    return {"articles": articles, "sentences": sentences, "places": places}


PlaceNames = Callable[[Place], Sequence[str]]
#: place names are drawn from this zoom (a settlement's surroundings readable) ...
LABEL_ZOOM = 8
#: ... for at most this many places in view, the most mentioned first (stays legible and fast)
MAX_LABELS = 300
#: alternate names embedded per place for search (Latin and Cyrillic only: the page's size)
MAX_SEARCH_NAMES = 25


def _display_name(place: Place, names: Sequence[str]) -> str:
    from geo.gazetteer.display import display_name  # only with a gazetteer's names

    return display_name(place, names)


def _searchable(name: str) -> bool:
    return all(c.isascii() or "\u0400" <= c <= "\u04ff" for c in name)


#: alternatives listed per mention in the popup (the resolver keeps more)
MAX_ALTERNATIVES = 3


def _alternatives(mention: Any) -> list[list[Any]]:
    """``[[name, "admin-1, cc", score], ...]`` of the other places the name could have meant."""
    out = []
    for c in mention.alternatives:
        if c.place.id == mention.place.id:
            continue
        where = ", ".join(x for x in (c.place.admin1_name, c.place.cc) if x)
        out.append([clean_text(c.place.name, limit=80) or "", clean_text(where, limit=80) or "",
                    round(float(c.score), 2)])
        if len(out) >= MAX_ALTERNATIVES:
            break
    return out


def _newest(s: PlaceSummary, summary: Summary) -> list[tuple[str, Any]]:
    """The place's (article id, first mention) pairs, newest article first, undated last."""
    return sorted(
        s.by_article.items(),
        key=lambda item: summary.article_date.get(item[0], -1),
        reverse=True,
    )


def _article_row(summary: Summary, article_id: str) -> list[Any]:
    """``[day, title, url, outlet index]``: the outlet (its source, else its host) is shown
    from the page's one list of outlets, which the source filter uses too."""
    outlet = summary.article_outlet.get(article_id, -1)
    a = summary.articles.get(article_id)
    if a is None:
        return [None, article_id, None, outlet]
    return [day(a.date), clean_text(a.title, limit=200), safe_url(a.url), outlet]


def snippet(sentence: str, surface: str, *, window: int = 110) -> list[str]:
    """``[before, toponym, after]`` of a sentence, cut to ``window`` characters on each side."""
    text = " ".join((sentence or "").split())
    surface = " ".join((surface or "").split())
    i = text.find(surface) if surface else -1
    if i < 0 and surface and len(text.casefold()) == len(text):
        i = text.casefold().find(surface.casefold())  # same length: offsets still line up
    if i < 0:
        return [clean_text(text, limit=2 * window) or "", "", ""]
    before, found, after = text[:i], text[i : i + len(surface)], text[i + len(surface) :]
    if len(before) > window:
        before = "…" + before[-window:].lstrip()
    if len(after) > window:
        after = after[:window].rstrip() + "…"
    return [before, found, after]
