"""Notebooks are committed clean: no outputs, no execution counts, no widget state."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("course", "solutions", "exercises", "dashboards", "tests/notebooks")
NOTEBOOKS = sorted(p for f in FOLDERS for p in (ROOT / f).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_there_are_notebooks_to_check():
    assert any(p.is_relative_to(ROOT / "course") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_has_no_outputs(path):
    cells = json.loads(path.read_text())["cells"]
    dirty = [i for i, c in enumerate(cells, 1) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert dirty == [], f"cells with outputs: {dirty}; clear outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_has_no_widget_state(path):
    assert "widgets" not in json.loads(path.read_text())["metadata"]


def _text(cell) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


@pytest.mark.parametrize("path", sorted((ROOT / "course").glob("*.ipynb")), ids=lambda p: p.name)
def test_teaching_notebook_starts_with_objectives(path):
    first = json.loads(path.read_text())["cells"][0]
    assert first["cell_type"] == "markdown" and "you will be able to" in _text(first).lower()


@pytest.mark.parametrize("path", sorted((ROOT / "course").glob("*.ipynb")), ids=lambda p: p.name)
def test_teaching_notebook_ends_with_key_points(path):
    markdown = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown"]
    assert any("key points" in _text(c).lower() for c in markdown[-3:])
