"""The offline gazetteer: build the index once, then look names and points up in microseconds.

>>> from geo.gazetteer import Gazetteer
>>> gaz = Gazetteer.open()
>>> gaz.lookup("Pokrovsk")[0].place.id
704422
>>> gaz.reverse(48.28, 37.18).admin1.name
'Donetsk Oblast'
"""

from __future__ import annotations

from geo.gazetteer.build import BuildReport, build_index
from geo.gazetteer.index import Gazetteer, Reverse

__all__ = ["BuildReport", "Gazetteer", "Reverse", "build_index"]
