"""The board's bookkeeping, which resolution's speed rests on, against the plain reading it
replaces: article-local ids as ``np.unique`` numbers them, and a name's sense table as the
gazetteer's candidates say (real gazetteer: the senses of names news uses)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.text import resolve as r


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=5000), max_size=60))
def test_local_ids_number_codes_as_np_unique_does_and_keep_none_as_minus_one(codes):
    local, n = r._local_ids(np.array(codes, dtype=float))
    known = sorted({c for c in codes if c >= 0})
    assert n == max(len(known), 1)
    assert local.tolist() == [known.index(c) if c >= 0 else -1 for c in codes]


def test_a_names_sense_table_reads_as_its_candidates(gaz):
    found = gaz.candidates("springfield")
    senses = r._senses(found)
    assert senses is r._senses(found)  # built once per candidate tuple
    assert senses.cands == r._shortlist(found) and len(senses.cands) == r.MAX_CANDIDATES
    for c, row in zip(senses.cands, senses.table, strict=True):
        assert row[r._T_POPULATION] == c.place.population and row[r._T_ID] == c.place.id
        assert bool(row[r._T_PRIMARY]) == (c.match == "primary")
        assert r._KIND_FLAGS.kinds[c.place.kind] == row[r._T_KIND]
        x, y, z = row[r._T_XYZ]
        assert abs(np.degrees(np.arcsin(z)) - c.place.lat) < 1e-9
        assert abs(np.degrees(np.arctan2(y, x)) - c.place.lon) < 1e-9
    assert not senses.names_country
    assert r._senses(gaz.candidates("poland")).names_country
