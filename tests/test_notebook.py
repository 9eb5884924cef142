"""The notebook in docs/ runs top to bottom in a real Jupyter kernel (nbclient): parse, the
store, a weekly count, a GeoPackage export and a map, as an analyst would use them."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

pytestmark = [pytest.mark.real_gazetteer, pytest.mark.slow]

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebook.ipynb"


def test_notebook_executes(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for o in outputs)
    assert "('Pokrovsk', 'Pokrovsk', 'UA', 'settlement')" in text
    assert "'date': dtype('<M8" in text and "CategoricalDtype" in text
    assert "EPSG:4326" in text and "Pokrovsk" in text
    assert "2025-07-06" in text and "2025-07-13" in text  # the weekly resample
    assert (tmp_path / "mentions.gpkg").stat().st_size > 0
    assert "Pokrovsk" in (tmp_path / "notebook-map.html").read_text(encoding="utf-8")
