"""A record that makes a stage raise, for the batch tests: the real recogniser wrapped so
that it raises on one word (the way "... and ... states" once raised KeyError)."""

from __future__ import annotations

import geo.pipeline

POISON = "Poisonville"


def poison_recognition(monkeypatch) -> None:
    """Make geo.pipeline's recognise() raise KeyError on texts naming :data:`POISON`."""
    real = geo.pipeline.recognise

    def recognise(text, gazetteer, **options):
        if POISON in text:
            raise KeyError("states")
        return real(text, gazetteer, **options)

    monkeypatch.setattr(geo.pipeline, "recognise", recognise)
