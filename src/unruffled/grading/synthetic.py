"""A synthetic class of submissions built from an assignment's release.

Tests and the grading benchmark use the same builder, so what the benchmark
measures is what the tests check. Every kind of submission is written the way a
learner's JupyterLab would write it: the released notebook, edited.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ANSWER_TEXT = "A customer who kept changing their mind; I would offer two options, not six."


def _nbmeta(cell: NotebookNode) -> dict:
    return cell.metadata.get("nbgrader", {})


def strip_markers(source: str) -> str:
    """Solution code as a learner would type it: the source minus nbgrader's markers."""
    return "\n".join(line for line in source.splitlines()
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


def answered(release: NotebookNode, source: NotebookNode, only: Iterable[str] | None = None) -> NotebookNode:
    """The release with solution cells answered as in the instructor's source.

    ``only`` limits the answers to those grade ids (a partial submission).
    """
    nb = copy.deepcopy(release)
    src = {_nbmeta(c).get("grade_id"): c for c in source.cells}
    keep = set(only) if only is not None else None
    for cell in nb.cells:
        meta = _nbmeta(cell)
        gid = meta.get("grade_id")
        if not meta.get("solution") or (keep is not None and gid not in keep):
            continue
        if cell.cell_type == "markdown":
            cell.source = ANSWER_TEXT
        elif gid in src:
            cell.source = strip_markers(src[gid].source)
    return nb


def _solution_code_ids(nb: NotebookNode) -> list[str]:
    return [_nbmeta(c)["grade_id"] for c in nb.cells if c.cell_type == "code" and _nbmeta(c).get("solution")]


def _test_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code" and _nbmeta(c).get("grade") and _nbmeta(c).get("locked")]


@dataclass(frozen=True)
class Expected:
    """What the grader should say about a synthetic submission."""

    status: str
    reason_contains: str = ""
    full_marks: bool = False
    zero: bool = False


# Each kind writes files into a student's assignment folder. They take the
# released and the instructor's notebooks, keyed by notebook name.
Writer = Callable[[Path, dict[str, NotebookNode], dict[str, NotebookNode]], None]


def _write_all(folder: Path, nbs: dict[str, NotebookNode]) -> None:
    for name, nb in nbs.items():
        nbformat.write(nb, folder / f"{name}.ipynb")


def _good(folder, release, source):
    _write_all(folder, {n: answered(release[n], source[n]) for n in release})


def _partial(folder, release, source):
    _write_all(folder, {n: answered(release[n], source[n], only=_solution_code_ids(release[n])[:1]) for n in release})


def _blank(folder, release, source):
    _write_all(folder, release)


def _answered_then(code, folder, release, source):
    """Full answers, with ``code`` appended to the first answer cell of each notebook."""
    out = {}
    for n in release:
        nb = answered(release[n], source[n])
        first = next(c for c in nb.cells if c.cell_type == "code" and _nbmeta(c).get("solution"))
        first.source += "\n" + code
        out[n] = nb
    _write_all(folder, out)


def _raises(folder, release, source):
    _answered_then("raise ValueError('my own bug, not a failing test')", folder, release, source)


def _infinite_loop(folder, release, source):
    _answered_then("while True:\n    pass", folder, release, source)


def _invalid_json(folder, release, source):
    for n in release:
        (folder / f"{n}.ipynb").write_text('{"cells": [ {"cell_type": "code", "source": "oops"')


def _deleted_test(folder, release, source):
    out = {}
    for n in release:
        nb = answered(release[n], source[n])
        victim = _test_cells(nb)[0]
        nb.cells = [c for c in nb.cells if c is not victim]
        out[n] = nb
    _write_all(folder, out)


def _rewritten_test(folder, release, source):
    out = {}
    for n in release:
        nb = copy.deepcopy(release[n])  # blank answers, but the tests no longer check anything
        for cell in _test_cells(nb):
            cell.source = "assert True  # trust me"
        out[n] = nb
    _write_all(folder, out)


def _changed_points(folder, release, source):
    out = {}
    for n in release:
        nb = answered(release[n], source[n])
        _nbmeta(_test_cells(nb)[0])["points"] = 40
        out[n] = nb
    _write_all(folder, out)


def _misnamed(folder, release, source):
    for n, nb in release.items():
        nbformat.write(answered(nb, source[n]), folder / f"{n} (1).ipynb")


def _empty(folder, release, source):
    pass


KINDS: dict[str, tuple[Writer, Expected]] = {
    "good": (_good, Expected("graded", full_marks=True)),
    "partial": (_partial, Expected("graded")),
    "blank": (_blank, Expected("graded", zero=True)),
    "raises": (_raises, Expected("raised", "ValueError")),
    "loops": (_infinite_loop, Expected("timed_out", "timed out")),
    "badjson": (_invalid_json, Expected("ungradable", "not valid notebook JSON")),
    "deltest": (_deleted_test, Expected("tampered", "was deleted")),
    "rewrote": (_rewritten_test, Expected("tampered", "was edited")),
    "points": (_changed_points, Expected("tampered", "points")),
    "misnamed": (_misnamed, Expected("ungradable", "(1).ipynb")),
    "empty": (_empty, Expected("ungradable", "empty")),
}
"""Every kind of submission the grader must grade or flag, with the expected verdict."""


def load_assignment(course_root: Path, assignment: str, release_dir: str = "exercises",
                    source_dir: str = "solutions") -> tuple[dict[str, NotebookNode], dict[str, NotebookNode]]:
    """The released and the instructor's notebooks of ``assignment``, keyed by notebook name."""
    rel = {p.stem: nbformat.read(p, as_version=4) for p in sorted((course_root / release_dir / assignment).glob("*.ipynb"))}
    src = {p.stem: nbformat.read(p, as_version=4) for p in sorted((course_root / source_dir / assignment).glob("*.ipynb"))}
    if not rel:
        raise FileNotFoundError(f"no released notebooks in {course_root / release_dir / assignment}")
    return rel, src


def build_class(course_root: Path, assignment: str, kinds: Iterable[str] | None = None, students: int | None = None,
                submitted_dir: str = "grading/submitted") -> dict[str, str]:
    """Write a synthetic class into ``submitted_dir`` and return ``{student_id: kind}``.

    With ``kinds``, one student per kind, named after it. With ``students=N``,
    N students ``s000``… cycling through good, partial and blank submissions
    (the realistic bulk of a class, for the benchmark).
    """
    release, source = load_assignment(course_root, assignment)
    if students is not None:
        cycle = itertools.cycle(["good", "partial", "blank"])
        roster = {f"s{i:03d}": next(cycle) for i in range(students)}
    else:
        roster = {k: k for k in (kinds if kinds is not None else KINDS)}
    for student, kind in roster.items():
        folder = course_root / submitted_dir / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        KINDS[kind][0](folder, release, source)
    return roster
