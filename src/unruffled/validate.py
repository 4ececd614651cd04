"""``unruffled validate``: check every content file, notebook and syllabus coverage.

The checks are a declared list (like nbgrader's preprocessors): each content
kind names its files and its loader; each loaded item reports the syllabus
ids it exercises. Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .content.errors import ContentError, Problem
from .content.manifest import Manifest, load_manifest, syllabus_ids_in


@dataclass(frozen=True)
class ContentKind:
    """A kind of content file: where it lives and which function loads it."""

    name: str
    pattern: str
    loader: str  # "module:function", imported only when there are files to load

    def load_function(self) -> Callable[[Path], Any]:
        """Import and return the loader."""
        module, func = self.loader.split(":")
        return getattr(importlib.import_module(module), func)


CONTENT_KINDS: tuple[ContentKind, ...] = (
    ContentKind("quiz bank", "assets/quizzes/*.yaml", "unruffled.content.quiz:load_bank"),
    ContentKind("scenario", "assets/scenarios/*.yaml", "unruffled.content.scenario:load_scenario"),
    ContentKind("rubric lexicon", "assets/rubric/*.yaml", "unruffled.coach.lexicon:load_lexicon"),
)


@dataclass
class ModuleCoverage:
    """Which of a module's ids are taught in its notebook and exercised anywhere."""

    name: str
    status: str
    ids: list[str]
    starred: set[str]
    taught: set[str]
    exercised: set[str]

    @property
    def not_taught(self) -> list[str]:
        return [i for i in self.ids if i not in self.taught]

    @property
    def not_exercised(self) -> list[str]:
        return [i for i in self.ids if i in self.starred and i not in self.exercised]

    def line(self) -> str:
        """One line for the coverage table."""
        n_star = sum(1 for i in self.ids if i in self.starred)
        taught = len(self.ids) - len(self.not_taught)
        exercised = n_star - len(self.not_exercised)
        return f"{self.name:32} {self.status:9} taught {taught}/{len(self.ids)}  exercised {exercised}/{n_star} starred"


@dataclass
class Report:
    """Everything ``validate`` found."""

    problems: list[Problem] = field(default_factory=list)
    coverage: list[ModuleCoverage] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def notebook_taught_ids(path: Path) -> set[str]:
    """Ids a teaching notebook declares in its cells' ``unruffled.teaches`` metadata."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    ids: set[str] = set()
    for cell in nb.get("cells", []):
        ids.update(cell.get("metadata", {}).get("unruffled", {}).get("teaches", []))
    return ids


def notebook_exercised_ids(path: Path) -> set[str]:
    """Ids an assignment or course notebook exercises (cell metadata ``unruffled.exercises``)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    ids: set[str] = set()
    for cell in nb.get("cells", []):
        ids.update(cell.get("metadata", {}).get("unruffled", {}).get("exercises", []))
    return ids


def _check_notebook(path: Path, rel: str, manifest: Manifest, report: Report) -> None:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        report.problems.append(Problem(rel, f"not a readable notebook: {exc}"))
        return
    for i, cell in enumerate(nb.get("cells", []), start=1):
        meta = cell.get("metadata", {}).get("unruffled", {})
        for key in ("teaches", "exercises"):
            for sid in meta.get(key, []):
                if sid not in manifest.ids:
                    report.problems.append(Problem(rel, f"unknown syllabus id {sid!r}", item=f"cell {i}", field=f"'unruffled.{key}'"))


def validate_repo(root: Path) -> Report:
    """Run every check on the repository at ``root``."""
    report = Report()
    manifest_path = root / "course" / "syllabus.yaml"
    try:
        manifest = load_manifest(manifest_path)
    except ContentError as exc:
        report.problems.extend(exc.problems)
        return report
    report.files_checked += 1

    exercised: set[str] = set()
    for kind in CONTENT_KINDS:
        files = sorted(root.glob(kind.pattern))
        if not files:
            continue
        load = kind.load_function()
        for path in files:
            report.files_checked += 1
            try:
                item = load(path)
            except ContentError as exc:
                report.problems.extend(exc.problems)
                continue
            ids = set(getattr(item, "exercised_ids", lambda: set())())
            for sid in sorted(ids - manifest.ids):
                report.problems.append(Problem(str(path.relative_to(root)), f"names unknown syllabus id {sid!r}"))
            exercised |= ids

    for nb_path in sorted((root / "solutions").glob("*/*.ipynb")):
        rel = str(nb_path.relative_to(root))
        report.files_checked += 1
        _check_notebook(nb_path, rel, manifest, report)
        exercised |= notebook_exercised_ids(nb_path)

    for module in manifest.modules:
        nb_path = root / module.notebook
        if module.status == "planned":
            continue
        if not nb_path.is_file():
            report.problems.append(Problem(module.notebook, f"module {module.name} is {module.status} but its notebook is missing"))
            continue
        report.files_checked += 1
        _check_notebook(nb_path, module.notebook, manifest, report)
        taught = notebook_taught_ids(nb_path)
        cov = ModuleCoverage(module.name, module.status, list(module.covers), manifest.starred, taught,
                             exercised | notebook_exercised_ids(nb_path))
        report.coverage.append(cov)
        if module.status == "finished":
            for sid in cov.not_taught:
                report.problems.append(Problem(module.notebook, f"syllabus id {sid} of finished module {module.name} is not taught (no cell lists it in 'unruffled.teaches')"))
            for sid in cov.not_exercised:
                report.problems.append(Problem(module.notebook, f"starred syllabus id {sid} of finished module {module.name} is not exercised by any quiz, role-play or graded exercise"))

    for stray in sorted((root / "course").glob("*.ipynb")):
        if stray.name not in {Path(m.notebook).name for m in manifest.modules}:
            report.problems.append(Problem(str(stray.relative_to(root)), "notebook is not a module in course/syllabus.yaml (name it NN-slug.ipynb and add it)"))
    return report
