"""Files with the same bytes are measured once: each copy still gets what reading it alone
would give (its date from its own name, its source, its path, its error)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from geo.frontline.load import read_or_reason
from geo.frontline.measure import Setup, measure_files, measure_snapshot, same_bytes
from geo.frontline.stats import CENTRES, equal_area_crs
from tests import frontline_eras as era

SETUP = Setup(equal_area_crs(*CENTRES["UA"]), era.COUNTRY)


def alone(path: Path) -> tuple[list, str]:
    """What reading and measuring this one file gives, with no other file around."""
    snaps, reason = read_or_reason(path)
    return [measure_snapshot(s, SETUP) for s in snaps], reason


def fields(m) -> tuple:
    d = dataclasses.asdict(m)
    d.pop("geometry")
    return tuple(sorted(d.items()))


@pytest.fixture
def copies(tmp_path: Path) -> list[Path]:
    """One raw DeepState-era file and one unnamed (cyterat-like) file, each copied under
    other names: dated names, a cyterat name, a name without a date, a future date."""
    ds = era.write(tmp_path / "ds_20230601.geojson", era.mid_2022_2024())
    cy = era.write(tmp_path / "cy_20240520.geojson", era.cyterat())
    paths = [ds, cy]
    for name, src in [("ds_20230602.geojson", ds), ("deepstatemap_data_20240521.geojson", cy),
                      ("cy_20240522.geojson", cy), ("undated.geojson", cy),
                      ("cy_29990101.geojson", cy)]:
        shutil.copyfile(src, tmp_path / name)
        paths.append(tmp_path / name)
    dated = era.write(tmp_path / "prop.geojson", [
        era.feature(era.box(36, 47, 37, 48), "Occupied", date="2024-02-02")])
    shutil.copyfile(dated, tmp_path / "prop_20240303.geojson")  # the property wins
    return [*paths, dated, tmp_path / "prop_20240303.geojson"]


def test_copies_are_grouped_by_content(copies: list[Path], tmp_path: Path) -> None:
    groups = same_bytes([str(p) for p in copies])
    ds, cy = str(copies[0]), str(copies[1])
    assert groups[ds] == [str(tmp_path / "ds_20230602.geojson")]
    assert len(groups[cy]) == 4 and len(groups) == 3
    shp = tmp_path / "a.shp"
    shp.write_bytes(b"same")
    shutil.copyfile(shp, tmp_path / "b.shp")  # a shapefile's .dbf may differ: never grouped
    assert same_bytes([str(shp), str(tmp_path / "b.shp"), str(tmp_path / "gone.geojson")]) == {
        str(shp): [], str(tmp_path / "b.shp"): [], str(tmp_path / "gone.geojson"): []}


@pytest.mark.parametrize("workers", [1, 2])
def test_every_copy_reads_as_it_would_alone(copies: list[Path], workers: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geo.frontline.measure.PARALLEL_FROM", 2)  # the pool path too
    measured, failed = measure_files([str(p) for p in copies], SETUP, workers=workers)
    want, want_failed = [], []
    for p in copies:
        got, reason = alone(p)
        want.extend(got)
        if reason:
            want_failed.append((str(p), reason))
    want.sort(key=lambda m: (m.date, m.path))
    assert [fields(m) for m in measured] == [fields(m) for m in want]
    assert sorted(failed) == sorted(want_failed) and len(failed) == 2  # undated, future
    by_path = {Path(m.path).name: m for m in measured}
    assert by_path["ds_20230602.geojson"].date == dt.date(2023, 6, 2)
    assert by_path["deepstatemap_data_20240521.geojson"].source.startswith("DeepState (via")
    assert by_path["cy_20240522.geojson"].source == "cy_20240522.geojson"
    assert by_path["prop_20240303.geojson"].date == dt.date(2024, 2, 2)
    assert by_path["cy_20240522.geojson"].geometry is by_path["cy_20240520.geojson"].geometry
