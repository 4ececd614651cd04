"""Figures embedded in notebooks as cell attachments come from a source file in assets/figures/.

Notebooks embed figures as PNG attachments rendered from the SVG sources: Voilà 0.5.13
fails on Markdown image paths starting with '../', JupyterLab does not resolve paths
starting with '/', and JupyterLab does not show SVG attachments.
"""

import base64
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ATTACHED = [
    (nb, name, mime, data)
    for nb in sorted((ROOT / "course").glob("*.ipynb"))
    for cell in json.loads(nb.read_text())["cells"]
    for name, bundle in cell.get("attachments", {}).items()
    for mime, data in bundle.items()
]


def test_there_are_figures_to_check():
    assert ATTACHED


@pytest.mark.parametrize("nb,name,mime,data", ATTACHED, ids=lambda v: v.name if isinstance(v, Path) else None)
def test_attached_figure_is_a_png_rendered_from_an_svg_source(nb, name, mime, data):
    assert mime == "image/png" and base64.b64decode(data).startswith(b"\x89PNG")
    assert (ROOT / "assets" / "figures" / (Path(name).stem + ".svg")).is_file(), f"{nb.name}: no source for {name}"


def test_course_images_do_not_use_paths_voila_or_jupyterlab_cannot_load():
    for nb in sorted((ROOT / "course").glob("*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            assert "](../" not in src and "](/assets" not in src, f"{nb.name}: embed figures as attachments"
