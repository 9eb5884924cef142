"""Main text and metadata of an HTML page, with a real HTML parser (selectolax/lexbor).

Boilerplate (navigation, headers, footers, asides, scripts, styles, forms, cookie banners)
is dropped; the main container is ``<article>`` (the one with most text), else ``<main>``,
else ``[role=main]``, else ``<body>``. Block elements become line breaks, inline elements
do not, so ``Pok<b>rovsk</b>`` stays one word. Broken HTML is parsed the way browsers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DROP_TAGS = (
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe",
    "svg", "template", "button", "select", "textarea", "canvas", "object", "embed", "head",
    "menu", "dialog",
)
_DROP_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "menu",
               "dialog", "alert")
# class/id tokens that mark page furniture rather than the article
_BOILER_TOKENS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer",
    "header", "cookie", "cookies", "cookie-banner", "consent", "newsletter", "subscribe",
    "share", "sharing", "social", "social-share", "advert", "advertisement", "ad", "ads",
    "promo", "related", "related-articles", "comments", "comment-list", "paywall",
})
_BLOCK = frozenset({
    "address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "caption", "center", "br",
})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None
    date: str | None  # as written in the page, not normalised
    url: str | None
    source: str | None
    lang: str | None


def extract(html: str) -> HtmlPage:
    """Main text and metadata of *html* (never raises on malformed markup)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta = _metadata(tree, html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for role in _DROP_ROLES:
        for node in tree.css(f'[role="{role}"]'):
            node.decompose()
    for node in tree.css("[class], [id]"):
        if node.tag in ("body", "html", "main", "article"):
            continue
        attrs = node.attributes
        tokens = set((attrs.get("class") or "").lower().split())
        tokens.add((attrs.get("id") or "").lower())
        if tokens & _BOILER_TOKENS:
            node.decompose()
    for node in tree.css('[hidden], [aria-hidden="true"]'):
        node.decompose()
    root = _main(tree)
    text = _text(root) if root is not None else ""
    if not text:  # everything looked like furniture: fall back to the whole page's text
        tree = LexborHTMLParser(html)
        for tag in ("head", "script", "style", "noscript", "template"):
            for node in tree.css(tag):
                node.decompose()
        root = tree.body or tree.root
        text = _text(root) if root is not None else ""
    return HtmlPage(text=text, title=meta["title"], date=meta["date"], url=meta["url"],
                    source=meta["source"], lang=meta["lang"])


def _attr(tree, selector: str, attr: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    value = node.attributes.get(attr)
    value = value.strip() if value else ""
    return value or None


def _metadata(tree, html: str = "") -> dict[str, str | None]:
    linked = _json_ld(tree)
    title = _attr(tree, 'meta[property="og:title"]', "content") or linked.get("headline")
    if title is None:
        node = tree.css_first("title")
        title = _clean_inline(node.text()) if node is not None else None
    h1 = tree.css_first("h1")
    title_h1 = _clean_inline(h1.text()) if h1 is not None else None
    title = title or title_h1 or None
    date = None
    for selector, attr in (
        ('meta[property="article:published_time"]', "content"),
        ('meta[name="article:published_time"]', "content"),
        ('meta[property="og:published_time"]', "content"),
        ('meta[itemprop="datePublished"]', "content"),
        ('meta[name="date"]', "content"),
        ('meta[name="pubdate"]', "content"),
        ('meta[name="dc.date"]', "content"),
        ('meta[name="DC.date.issued"]', "content"),
        ('meta[name="parsely-pub-date"]', "content"),
        ('meta[name="sailthru.date"]', "content"),
        ('[itemprop="datePublished"][datetime]', "datetime"),
        ("time[datetime]", "datetime"),
    ):
        date = _attr(tree, selector, attr)
        if date:
            break
    date = date or linked.get("datePublished") or linked.get("dateCreated")
    url = _attr(tree, 'link[rel="canonical"]', "href") or _attr(
        tree, 'meta[property="og:url"]', "content") or linked.get("url") or _saved_from(html)
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    source = _attr(tree, 'meta[property="og:site_name"]', "content")
    lang = _attr(tree, "html[lang]", "lang")
    return {"title": title, "title_h1": title_h1, "date": date, "url": url,
            "source": source, "lang": lang}


#: schema.org types whose JSON-LD describes the page's own article
_ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting",
                            "AnalysisNewsArticle", "LiveBlogPosting", "WebPage", "Report"})
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+)\s*-->")


def _json_ld(tree) -> dict[str, str]:
    """headline, datePublished, dateCreated and url of the page's article in its JSON-LD
    (where most news sites put the date, often nowhere else)."""
    import json

    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            doc = json.loads(node.text() or "")
        except ValueError:
            continue
        stack = [doc]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
                continue
            if not isinstance(item, dict):
                continue
            if "@graph" in item:
                stack.append(item["@graph"])
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & _ARTICLE_TYPES:
                for key in ("headline", "datePublished", "dateCreated", "url"):
                    value = item.get(key)
                    if isinstance(value, str) and value.strip() and key not in found:
                        found[key] = " ".join(value.split())
    return found


def _saved_from(html: str) -> str | None:
    """The address a browser noted when it saved the page (``<!-- saved from url=... -->``)."""
    match = _SAVED_FROM.search(html[:4096])
    return match.group(1) if match else None


def _clean_inline(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text or None


def _main(tree):
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda n: len(n.text(deep=True) or ""))
    return tree.css_first("main") or tree.css_first('[role="main"]') or tree.body


def _text(root) -> str:
    """Block-aware text of *root*: blocks on their own lines, inline runs joined as is."""
    parts: list[str] = []
    # explicit stack (no recursion: broken pages can nest thousands deep)
    stack: list[tuple[object, bool]] = [(root, False)]
    pre_depth = 0
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag == "pre":
                pre_depth -= 1
            parts.append("\n")
            continue
        if tag == "-text":
            value = node.text_content or ""
            parts.append(value if pre_depth else _SPACES.sub(" ", value.replace("\n", " ")))
            continue
        if tag.startswith("-"):  # comments, doctype
            continue
        if tag == "br":
            parts.append("\n")
            continue
        block = tag in _BLOCK
        if block:
            parts.append("\n")
            stack.append((node, True))
            if tag == "pre":
                pre_depth += 1
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    text = "".join(parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
