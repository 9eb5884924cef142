"""Fetching an article or feed by URL: only when asked (``read_articles(fetch=True)``, the
CLI's ``--fetch``); geo never touches the network otherwise.

http(s) only, redirects included; a time limit and a size cap keep a slow or huge answer from
hanging a batch. Failures are :class:`~geo.errors.OnlineError` (the caller reports and skips).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.errors import OnlineError

#: seconds to wait for a server; bytes read at most (a news page is rarely over 5 MB)
TIMEOUT_S = 20.0
MAX_BYTES = 20 * 1024 * 1024

URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # lower-case media type, "" when not given


def is_url(text: str) -> bool:
    """Whether ``text`` starts with a URL scheme (``https://``, ``ftp://``, ...)."""
    return bool(URL.match(text))


def refusal(url: str) -> str:
    """The message for a URL given without ``--fetch``."""
    return (f"{url!r} is a URL: geo reads local files and touches the network only when "
            "asked (--fetch); or save the page first (curl -o page.html URL)")


def fetch(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET ``url`` (http or https); OnlineError on any failure."""
    if not url.lower().startswith(("http://", "https://")):
        raise OnlineError(f"cannot fetch {url!r}: only http and https URLs")
    import urllib.error
    import urllib.request

    from geo import __version__

    request = urllib.request.Request(url, headers={
        "User-Agent": f"geo/{__version__} (news geoparser; fetch on request)",
        "Accept": "text/html, application/rss+xml, application/atom+xml, application/xml, "
                  "text/plain;q=0.8, */*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            final = answer.geturl()
            if not final.lower().startswith(("http://", "https://")):
                raise OnlineError(f"cannot fetch {url!r}: redirected to {final!r}")
            data = answer.read(max_bytes + 1)
            content_type = (answer.headers.get_content_type() or "").lower()
    except urllib.error.HTTPError as exc:
        raise OnlineError(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise OnlineError(f"cannot fetch {url}: {reason}") from exc
    if len(data) > max_bytes:
        raise OnlineError(f"cannot fetch {url}: larger than {max_bytes:,} bytes")
    return Fetched(url=final, data=data, content_type=content_type)


def format_of(fetched: Fetched) -> str:
    """The reader for a fetched answer, by media type ("" means: sniff the content)."""
    kind = fetched.content_type
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if kind in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if kind == "text/csv":
        return "csv"
    if kind == "text/markdown":
        return "markdown"
    return ""
