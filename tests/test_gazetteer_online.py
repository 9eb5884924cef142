"""The optional Nominatim fallback, against a small local HTTP server (never the internet)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from geo.errors import InputError, OnlineError
from geo.gazetteer.online import USER_AGENT, OnlineGeocoder

ANSWERS = {
    "Klishchiivka": [{
        "place_id": 1, "osm_type": "node", "osm_id": 337823, "lat": "48.5283", "lon": "37.9667",
        "name": "Klishchiivka", "display_name": "Klishchiivka, Bakhmut Raion, Donetsk Oblast",
        "class": "place", "type": "village", "addresstype": "village", "importance": 0.4,
        "address": {"village": "Klishchiivka", "state": "Donetsk Oblast",
                    "country_code": "ua"},
    }],
}


class _Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        _Handler.requests.append({"path": url.path, "query": q,
                                  "agent": self.headers.get("User-Agent")})
        if q.get("q") == "boom":
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps(ANSWERS.get(q.get("q", ""), [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.requests = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def make(server, tmp_path):
    return OnlineGeocoder(domain=server, scheme="http", cache_path=tmp_path / "online.sqlite",
                          min_delay_seconds=0.0, error_wait_seconds=0.0, timeout=5)


def test_online_lookup_is_parsed_and_cached(server, tmp_path):
    geocoder = make(server, tmp_path)
    [c] = geocoder.lookup("Klishchiivka", country="UA")
    p = c.place
    assert (p.name, p.kind, p.cc, p.admin1_name) == ("Klishchiivka", "city", "UA",
                                                     "Donetsk Oblast")
    assert (p.lat, p.lon) == (48.5283, 37.9667) and p.id < 0
    assert c.match == "online" and 0 < c.score <= 0.5
    assert len(_Handler.requests) == 1
    req = _Handler.requests[0]
    assert req["path"] == "/search" and req["query"]["countrycodes"] == "ua"
    assert req["agent"] == USER_AGENT and "geo" in req["agent"]
    # a second lookup, even from a new geocoder, is answered from the on-disk cache
    assert make(server, tmp_path).lookup("Klishchiivka", country="UA") == [c]
    assert len(_Handler.requests) == 1


def test_online_no_match_is_empty_and_cached(server, tmp_path):
    geocoder = make(server, tmp_path)
    assert geocoder.lookup("Nowhere at all") == []
    assert geocoder.lookup("Nowhere at all") == []
    assert len(_Handler.requests) == 1


def test_online_server_error_is_online_error(server, tmp_path):
    with pytest.raises(OnlineError, match="online geocoder failed"):
        make(server, tmp_path).lookup("boom")


def test_online_unreachable_is_online_error(tmp_path):
    geocoder = OnlineGeocoder(domain="127.0.0.1:9", scheme="http",
                              cache_path=tmp_path / "c.sqlite", min_delay_seconds=0,
                              error_wait_seconds=0, timeout=2)
    with pytest.raises(OnlineError):
        geocoder.lookup("Klishchiivka")


def test_online_bad_name(server, tmp_path):
    with pytest.raises(InputError):
        make(server, tmp_path).lookup("  ")
