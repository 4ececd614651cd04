"""Where a course keeps its notebooks and its gradebook, read from ``nbgrader_config.py``."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


class GradingError(Exception):
    """An instructor's mistake or a broken setup, explained in one message (no traceback)."""


@dataclass(frozen=True)
class CourseLayout:
    """The folders and gradebook of a course, resolved the way nbgrader resolves them."""

    root: Path
    course_id: str
    db_url: str
    source: Path
    release: Path
    submitted: Path
    autograded: Path
    feedback: Path

    @property
    def reports(self) -> Path:
        """Where grading reports are written (next to the other grading output)."""
        return self.root / "grading" / "reports"

    @classmethod
    def load(cls, root: Path | str) -> CourseLayout:
        """Read ``root/nbgrader_config.py`` with nbgrader's own traitlets classes."""
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        root = Path(root).resolve()
        cfg_file = root / "nbgrader_config.py"
        if not cfg_file.is_file():
            raise GradingError(f"no nbgrader_config.py in {root}: run this from the course repository")
        config = PyFileConfigLoader(cfg_file.name, path=str(root)).load_config()
        cd = CourseDirectory(config=config)
        if not config.CourseDirectory.get("root"):
            cd.root = str(root)
        base = Path(cd.root)

        def folder(name: str) -> Path:
            return (base / name).resolve()

        return cls(root=base, course_id=cd.course_id, db_url=cd.db_url,
                   source=folder(cd.source_directory), release=folder(cd.release_directory),
                   submitted=folder(cd.submitted_directory), autograded=folder(cd.autograded_directory),
                   feedback=folder(cd.feedback_directory))

    def gradebook(self):
        """nbgrader's ``Gradebook`` for this course (a context manager); the course id is always passed."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, course_id=self.course_id)

    def nbgrader(self, *args: str, log: Path | None = None, timeout: float | None = None) -> subprocess.CompletedProcess:
        """Run the real ``nbgrader`` command line in the course root.

        nbgrader calls ``alembic`` and ``jupyter`` by name, so this interpreter's
        bin folder goes first on PATH.
        """
        bin_dir = str(Path(sys.executable).parent)
        env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
        exe = os.path.join(bin_dir, "nbgrader")
        cmd = [exe if os.path.exists(exe) else "nbgrader", *args]
        if log is None:
            return subprocess.run(cmd, cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout)
        with open(log, "w") as fh:
            return subprocess.run(cmd, cwd=self.root, env=env, stdout=fh, stderr=subprocess.STDOUT, text=True, timeout=timeout)

    def popen_nbgrader(self, *args: str, log: Path) -> subprocess.Popen:
        """Start ``nbgrader`` in the background, writing its output to ``log``."""
        bin_dir = str(Path(sys.executable).parent)
        env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
        exe = os.path.join(bin_dir, "nbgrader")
        # The caller closes proc.log_handle once the process has ended.
        fh = open(log, "w")
        proc = subprocess.Popen([exe if os.path.exists(exe) else "nbgrader", *args], cwd=self.root, env=env,
                                stdout=fh, stderr=subprocess.STDOUT)
        proc.log_handle = fh  # type: ignore[attr-defined]
        return proc
