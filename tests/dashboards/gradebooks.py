"""Gradebooks for the class-results tests: one really autograded synthetic class, and broken ones.

Built once per test session (both the unit tests and the browser tests use
them), in temporary folders: the course's own gradebook is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
A = "01-who-is-difficult"
KINDS = ("good", "partial", "blank", "raises", "badjson")
ABSENT = "absent"
_built: dict[str, Path] = {}


def _nbgrader(root: Path, *args: str) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    r = subprocess.run([os.path.join(bin_dir, "nbgrader"), *args], cwd=root, env=env, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{r.stdout}\n{r.stderr}"


def graded_class(base: Path) -> Path:
    """A course folder under ``base`` whose ``grading/gradebook.db`` holds a class graded by ``unruffled grade``.

    Students: one per kind in :data:`KINDS` plus ``absent``, on the roster with no submission.
    """
    if "class" in _built:
        return _built["class"]
    from unruffled.grading import GradeOptions, grade
    from unruffled.grading.synthetic import build_class

    root = base / "course"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    with open(root / "nbgrader_config.py", "a") as fh:
        fh.write("\nc.ExecutePreprocessor.timeout = 5\n")
    shutil.copytree(ROOT / "solutions" / A, root / "solutions" / A, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _nbgrader(root, "generate_assignment", A, "--force")
    build_class(root, A, kinds=KINDS)
    _nbgrader(root, "db", "student", "add", ABSENT)
    # Cells get 5 s here, so that the looping submission times out quickly; the first
    # check_reply after a lexicon edit compiles and caches the lexicon (seconds on a
    # slow machine), which is not what this class is for: cache it before grading.
    from unruffled.coach import default_lexicon

    default_lexicon()
    grade(A, root, GradeOptions(jobs=1, progress=False))
    _built["class"] = root
    return root


def empty_gradebook(base: Path) -> Path:
    """A gradebook with the course but nothing graded."""
    from nbgrader.api import Gradebook

    path = base / "empty" / "gradebook.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    with Gradebook(f"sqlite:///{path}", course_id="unruffled"):
        pass
    return path


def foreign_gradebook(base: Path) -> Path:
    """A gradebook of another course."""
    from nbgrader.api import Gradebook

    path = base / "foreign" / "gradebook.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    with Gradebook(f"sqlite:///{path}", course_id="another-course") as gb:
        gb.add_assignment("ps1")
    return path


def copy_of(graded: Path, base: Path, name: str) -> Path:
    """A copy of the graded class's gradebook (for holding a lock on it)."""
    path = base / name / "gradebook.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(graded / "grading" / "gradebook.db", path)
    return path
