"""A Latin alternate that romanises the place's own Cyrillic name is its own name (native), not
a historic or foreign one: "Mykolaiv" for Mykolayiv (Миколаїв) in the national romanisation;
while "Pokrovsk", the historic name of Engels, stays an alternate (Покровск does not romanise
to Engels). Real GeoNames names, built through the index builder's posting rules."""

from __future__ import annotations

from geo.gazetteer import _format as F
from geo.gazetteer import sources as S
from geo.gazetteer.build import _postings


def _codes(rec: S.Rec) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, _, code, _ in _postings([rec]):
        out[key] = min(code, out.get(key, code))  # the index keeps the best match per key
    return out


def test_the_national_romanisation_of_the_own_cyrillic_name_is_native():
    rec = S.Rec(id=700569, name="Mykolayiv", kind="city", cc="UA",
                alternates=["Mykolaiv", "Миколаїв", "Николаев", "Nikolaev"])
    codes = _codes(rec)
    assert codes["mykolaiv"] == F.NATIVE
    assert codes["mykolayiv"] == F.PRIMARY


def test_a_historic_name_stays_an_alternate():
    rec = S.Rec(id=563464, name="Engels", kind="city", cc="RU",
                alternates=["Pokrovsk", "Покровск", "Энгельс"])
    assert _codes(rec)["pokrovsk"] == F.ALTERNATE
