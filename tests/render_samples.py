"""Synthetic articles and mentions for the render tests (no gazetteer needed)."""

from __future__ import annotations

import random

from geo.model import Article, Mention, ParsedArticle, Place

POKROVSK = Place(704508, "Pokrovsk", "city", "UA", "05", "Donetsk Oblast", 48.282, 37.176, 60000)
KRAMATORSK = Place(704147, "Kramatorsk", "city", "UA", "05", "Donetsk Oblast", 48.723, 37.556,
                   150000)
LVIV = Place(702550, "Lviv", "city", "UA", "14", "Lviv Oblast", 49.839, 24.029, 717000)
DONETSK_OBLAST = Place(709716, "Donetsk Oblast", "admin1", "UA", "05", "Donetsk Oblast", 48.0,
                       37.8, 4100000)
UKRAINE = Place(690791, "Ukraine", "country", "UA", "", "", 49.0, 32.0, 41000000)
TOULON = Place(2972328, "Toulon", "city", "FR", "B8", "Provence-Alpes-Côte d'Azur", 43.125,
               5.93, 171000)

#: Every payload the safety test plants; each sets window.__pwned if it ever runs.
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "`",
    "${window.__pwned=3}",
    "${alert(1)}",
    "\\1",
    "</script><script>window.__pwned=4</script>",
    "<!--",
)
EVIL_TITLE = "Evil " + " ".join(PAYLOADS) + " title"
EVIL_URL = "javascript:window.__pwned=5"


def mention(article: Article, place: Place, surface: str | None = None,
            sentence: str | None = None) -> Mention:
    surface = surface or place.name
    text = sentence or article.text
    start = max(article.text.find(surface), 0)
    return Mention(article.id, start, start + len(surface), surface, text, place, 0.9, "test")


def seed_like() -> list[ParsedArticle]:
    """Three dated articles around Donetsk oblast, one in Lviv, one in Toulon."""
    a1 = Article("a1", "Russian troops advanced near Pokrovsk. Shelling hit Kramatorsk.",
                 title="Fighting near Pokrovsk", date="2025-08-01",
                 url="https://news.example/a1", source="Example News")
    a2 = Article("a2", "Pokrovsk was shelled again, officials in Donetsk Oblast said.",
                 title="Pokrovsk shelled", date="2025-08-05", url="https://news.example/a2",
                 source="Wire")
    a3 = Article("a3", "A meeting in Toulon discussed guarantees for Ukraine. Lviv hosted help.",
                 title="Talks in Toulon", date="2025-08-10", url="http://news.example/a3",
                 source="Le Monde")
    return [
        ParsedArticle(a1, (mention(a1, POKROVSK, sentence="Russian troops advanced near Pokrovsk."),
                           mention(a1, KRAMATORSK, sentence="Shelling hit Kramatorsk."))),
        ParsedArticle(a2, (mention(a2, POKROVSK), mention(a2, DONETSK_OBLAST))),
        ParsedArticle(a3, (
            mention(a3, TOULON, sentence="A meeting in Toulon discussed guarantees for Ukraine."),
            mention(a3, UKRAINE, sentence="A meeting in Toulon discussed guarantees for Ukraine."),
            mention(a3, LVIV, sentence="Lviv hosted help."))),
    ]


def hostile() -> list[ParsedArticle]:
    """One article whose title, text, source and URL carry script-injection payloads."""
    text = "Shelling near Pokrovsk " + " ".join(PAYLOADS) + " continued."
    art = Article("evil", text, title=EVIL_TITLE, date="2025-08-02", url=EVIL_URL,
                  source="<b>src</b>${window.__pwned=6}`")
    evil_place = Place(1, "Evil<img src=x onerror=\"window.__pwned=7\">`${1}", "city", "UA", "05",
                       "Donetsk ${window.__pwned=8} Oblast", 48.5, 37.5, 10)
    good = Article("good", "Calm in Lviv.", title="Calm in Lviv", date="2025-08-03",
                   url="https://news.example/good", source="Wire")
    return [
        ParsedArticle(art, (mention(art, POKROVSK), mention(art, evil_place, surface="Pokrovsk"))),
        ParsedArticle(good, (mention(good, LVIV),)),
    ]


def square(cc: str, code: str):
    """Rough admin-1 boxes for the synthetic places (shapely), None for unknown units."""
    from shapely.geometry import box

    boxes = {("UA", "05"): box(36.5, 47.0, 39.0, 49.3), ("UA", "14"): box(22.5, 49.0, 25.0, 50.5),
             ("FR", "B8"): box(4.5, 43.0, 7.5, 45.0)}
    return boxes.get((cc, code))


def synthetic(n_mentions: int, n_places: int, *, seed: int = 1, days: int = 60,
              per_article: int = 10) -> list[ParsedArticle]:
    """A large random corpus: Zipf-ish place popularity, dated articles, long sentences."""
    rng = random.Random(seed)
    places = [
        Place(10_000 + i, f"Place {i}", rng.choice(("city", "city", "city", "admin1", "country")),
              "UA", f"{i % 27:02d}", f"Oblast {i % 27}", 44.5 + rng.random() * 8,
              22.5 + rng.random() * 17, rng.randint(500, 100000))
        for i in range(n_places)
    ]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_places)]
    out = []
    for a in range((n_mentions + per_article - 1) // per_article):
        art = Article(f"art{a}", "", title=f"Article {a} about the war",
                      date=f"2025-{6 + (a % days) // 30:02d}-{1 + (a % days) % 30:02d}",
                      url=f"https://news.example/{a}", source="Synthetic Wire")
        chosen = rng.choices(places, weights=weights, k=per_article)
        mentions = tuple(
            Mention(art.id, 0, len(p.name), p.name,
                    f"Officials said that fighting continued around {p.name} on the day the "
                    f"report was written, with more details to follow later.",
                    p, 0.8, "synthetic")
            for p in chosen
        )
        out.append(ParsedArticle(art, mentions))
    return out


#: Jinja2 template syntax of every kind (each at most 70 characters, so no field cuts it):
#: expressions, statements, comments, unbalanced and nested delimiters, quotes, backslashes,
#: a shell command (creates ``CANARY`` in the working directory if it ever runs) and a
#: template-decoded ``</script>``. Rendered, any of them would change the text or run code.
TEMPLATE_PAYLOADS = (
    "{{ 7*7 }}",
    "{{ cycler.__init__.__globals__.os.popen('touch CANARY').read() }}",
    "{% if true %}4{{ 9 }}{% endif %}",
    "{# comment #}",
    "{#", "#}", "{{", "}}", "{%", "%}", "}} %} #} {{ {% {#",
    "{{ '{{ 7*7 }}' }} {{ {{ 7*7 }} }}",
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "{{ '</script><script>window.__pwned=9</script>' }}",
    "{{ \"\\u003c/script\\u003e\" }} \\ \\\\ \\n '\" `",
    "{%- set x = 7*7 -%}{{ x }}{{ self }}{{ config }}",
    "${{7*7}} `{{7*7}}` {{7*'7'}}",
)


def template_text(field: str, payload: str) -> str:
    """The text a hostile field carries: a short field tag, then the payload."""
    return f"{field}:{payload}"


def template_hostile() -> list[ParsedArticle]:
    """One article per template payload, every text field (title, text, url, source, date,
    sentence, the place's and its admin-1 region's names) carrying it, one place each."""
    out = []
    for i, p in enumerate(TEMPLATE_PAYLOADS):
        text = f"Shelling near Pokrovsk. {template_text('sentence', p)}"
        art = Article(f"t{i}", text, title=template_text("title", p),
                      date=template_text("date", p),
                      url="https://news.example/t?q=" + p.replace(" ", "+"),
                      source=template_text("src", p))
        lat, lon = _template_spot(i)
        place = Place(900 + i, template_text("place", p), "city", "UA", f"T{i}",
                      template_text("region", p), lat, lon, 10)
        sentence = template_text("sentence", p)
        out.append(ParsedArticle(art, (
            Mention(art.id, 0, len("Shelling"), "Shelling", sentence, place, 0.9, "test"),)))
    return out


def _template_spot(i: int) -> tuple[float, float]:
    """Where the ``i``-th hostile place lies: a grid south-west of the other samples, far
    enough apart (0.8 degrees) that a click at zoom 7 hits only one circle."""
    return 45.0 + (i % 6) * 0.8, 28.0 + (i // 6) * 1.5


def template_region(cc: str, code: str):
    """A box around each hostile place's admin-1 unit ``T<i>`` (shapely), None otherwise."""
    from shapely.geometry import box

    if not code.startswith("T"):
        return None
    lat, lon = _template_spot(int(code[1:]))
    return box(lon - 0.6, lat - 0.35, lon + 0.6, lat + 0.35)
