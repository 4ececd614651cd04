"""`unruffled validate` on the real repository and on broken copies of it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "unruffled.cli", "validate", "--root", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=120)


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A copy of the content of the repository that a test may break."""
    for folder in ("course", "assets", "solutions"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_validate_passes_on_the_repository():
    result = run_validate(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_validate_reports_coverage_per_module():
    result = run_validate(ROOT)
    assert "01-who-is-difficult" in result.stdout and "taught" in result.stdout


def test_validate_lists_every_problem_not_just_the_first(repo_copy):
    manifest = repo_copy / "course" / "syllabus.yaml"
    text = manifest.read_text().replace("minutes: 40", "minutes: 1", 1).replace("slug: boundaries", "slug: Boundaries")
    manifest.write_text(text)
    result = run_validate(repo_copy)
    assert result.returncode == 1
    assert "'minutes'" in result.stderr and "'slug'" in result.stderr
    assert "2 problem(s)" in result.stderr


def test_validate_flags_a_notebook_missing_from_the_manifest(repo_copy):
    shutil.copy(repo_copy / "course" / "01-who-is-difficult.ipynb", repo_copy / "course" / "99-stray.ipynb")
    result = run_validate(repo_copy)
    assert result.returncode == 1
    assert "course/99-stray.ipynb: notebook is not a module in course/syllabus.yaml" in result.stderr


def test_validate_flags_an_unknown_syllabus_id_in_notebook_metadata(repo_copy):
    nb = repo_copy / "course" / "01-who-is-difficult.ipynb"
    nb.write_text(nb.read_text().replace('"WHO-1"', '"WHO-77"', 1))
    result = run_validate(repo_copy)
    assert result.returncode == 1
    assert "course/01-who-is-difficult.ipynb: cell" in result.stderr and "unknown syllabus id 'WHO-77'" in result.stderr


def test_validate_fails_when_a_finished_module_leaves_an_id_untaught(repo_copy):
    manifest = repo_copy / "course" / "syllabus.yaml"
    text = manifest.read_text()
    start = text.index("slug: who-is-difficult")
    end = text.index("status:", start)
    line_end = text.index("\n", end)
    manifest.write_text(text[:end] + "status: finished" + text[line_end:])
    nb_path = repo_copy / "course" / "01-who-is-difficult.ipynb"
    nb = json.loads(nb_path.read_text())
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("unruffled", {})
        meta["teaches"] = [i for i in meta.get("teaches", []) if i != "WHO-1"]
    nb_path.write_text(json.dumps(nb))
    result = run_validate(repo_copy)
    assert result.returncode == 1
    assert "syllabus id WHO-1 of finished module 01-who-is-difficult is not taught" in result.stderr


def test_validate_without_a_manifest_says_where_it_looked(tmp_path):
    result = subprocess.run([sys.executable, "-m", "unruffled.cli", "validate"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "no course/syllabus.yaml here or in any parent folder" in result.stderr
    assert "Traceback" not in result.stderr
