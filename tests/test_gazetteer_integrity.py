"""Index integrity: the manifest's checksums, checked cheaply at open and fully by ``verify``.

Every test damages a copy of the tiny fixture index built in tmp, never the shared one.
"""

from __future__ import annotations

import json
import random
import shutil

import pytest

from geo.cli import main
from geo.errors import IndexCorruptError
from geo.gazetteer import Gazetteer
from geo.gazetteer._integrity import BLOCK_SIZE, check_sampled, describe
from tests.test_gazetteer_fixture import build_fixture


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("gaz") / "index").path


@pytest.fixture
def index(pristine, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(pristine, copy)
    return copy


def flip(path, offset: int) -> None:
    """Invert one byte in place: the file keeps its size."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_manifest_carries_size_sha256_and_block_hashes(index):
    files = json.loads((index / "manifest.json").read_text())["files"]
    assert set(files) == {"keys.marisa", "fuzzy.marisa", "gazetteer.sqlite"}
    for name, entry in files.items():
        size = (index / name).stat().st_size
        assert entry["size"] == size
        assert len(entry["sha256"]) == 64
        assert len(entry["blocks"]) == -(-size // BLOCK_SIZE)


def test_an_intact_index_verifies(index, capsys):
    checked = Gazetteer.verify(index)
    assert checked.checksummed and checked.files == 3
    assert main(["gazetteer", "verify", "--index", str(index)]) == 0
    assert "every checksum matches" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["gazetteer.sqlite", "keys.marisa", "fuzzy.marisa"])
def test_a_flipped_byte_anywhere_fails_verify(index, name, capsys):
    path = index / name
    flip(path, random.Random(name).randrange(path.stat().st_size))
    with pytest.raises(IndexCorruptError, match=f"{name}.*(checksum|SHA-256)"):
        Gazetteer.verify(index)
    assert main(["gazetteer", "verify", "--index", str(index)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("geo: error: ") and name in err


def test_a_flipped_byte_in_a_checked_block_is_noticed_at_open(index):
    flip(index / "gazetteer.sqlite", 5000)  # the first block: checked at every open
    with pytest.raises(IndexCorruptError, match="damaged"):
        Gazetteer.open(index)


def test_open_samples_random_blocks_beyond_the_first_and_last(index):
    path = index / "gazetteer.sqlite"
    entry = describe(path, block_size=4096)  # small blocks: the fixture file spans many
    n = len(entry["blocks"])
    assert n >= 10
    flip(path, 4096 * (n // 2) + 7)  # a middle block: neither the first nor the last
    files = {"gazetteer.sqlite": entry}
    seeds = range(200)
    found = 0
    for seed in seeds:
        try:
            check_sampled(index, files, rng=random.Random(seed))
        except IndexCorruptError:
            found += 1
    # each open draws 2 of n blocks: about 2/n of the opens see the damage, never all
    assert 0 < found < len(seeds)


def test_a_truncated_file_is_noticed_at_open(index):
    path = index / "keys.marisa"
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(IndexCorruptError, match="truncated"):
        Gazetteer.open(index)


def test_an_index_from_before_checksums_opens_and_verify_says_so(index, capsys):
    manifest = json.loads((index / "manifest.json").read_text())
    manifest["files"] = {k: v["size"] for k, v in manifest["files"].items()}
    (index / "manifest.json").write_text(json.dumps(manifest))
    Gazetteer.open(index).close()
    assert main(["gazetteer", "verify", "--index", str(index)]) == 0
    assert "without checksums" in capsys.readouterr().err
