"""Checks of submissions against the release: before grading (files, locked cells)
and after it (what the autograded notebooks' outputs say).

Tampering is decided by nbgrader's own cell checksum (``compute_checksum``)
of each locked or graded cell, compared with the same cell in the *release*.
nbgrader's autograde warning cannot be used: it compares with the gradebook,
whose checksums include hidden tests, so it fires for every notebook with
hidden tests.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.utils import compute_checksum

from .report import SubmissionResult

TIMEOUT_ERRORS = {"CellTimeoutError"}


def _meta(cell: NotebookNode) -> dict:
    return cell.metadata.get("nbgrader", {})


def _visible_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def read_notebook(path: Path) -> tuple[NotebookNode | None, str]:
    """The notebook at ``path`` or ``None`` and why it cannot be read."""
    try:
        nb = nbformat.read(path, as_version=4)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as exc:
        return None, f"{path.name} is not valid notebook JSON ({str(exc).splitlines()[0][:120]})"
    except Exception as exc:  # nbformat raises many kinds for a structurally broken file
        return None, f"{path.name} is not a readable notebook ({type(exc).__name__}: {str(exc)[:120]})"
    if not isinstance(nb.get("cells"), list):
        return None, f"{path.name} has no cells"
    return nb, ""


def check_files(result: SubmissionResult, folder: Path, expected: list[str]) -> dict[str, NotebookNode]:
    """Flag an empty folder, missing or misnamed notebooks, invalid JSON; return the readable notebooks."""
    files = _visible_files(folder)
    if not files:
        result.flag("ungradable", f"submission folder {folder.name}/ is empty")
        return {}
    found = {p.name: p for p in files if p.suffix == ".ipynb"}
    strays = sorted(n for n in found if Path(n).stem not in expected)
    notebooks = {}
    for name in expected:
        want = f"{name}.ipynb"
        if want not in found:
            similar = [s for s in strays if s.lower().startswith(name.lower()[:8])] or strays
            hint = f"; found {', '.join(similar)}" if similar else ""
            result.flag("ungradable", f"notebook {want} not found{hint}")
            continue
        nb, why = read_notebook(found[want])
        if nb is None:
            result.flag("ungradable", why)
        else:
            notebooks[name] = nb
    return notebooks


def check_locked_cells(result: SubmissionResult, name: str, submitted: NotebookNode, release: NotebookNode) -> None:
    """Flag every locked or graded cell of the release that was deleted, edited or re-pointed."""
    by_id: dict[str, NotebookNode] = {}
    for cell in submitted.cells:
        gid = _meta(cell).get("grade_id")
        if gid and gid not in by_id:
            by_id[gid] = cell
    for ref in release.cells:
        meta = _meta(ref)
        gid = meta.get("grade_id")
        if not gid or not (meta.get("locked") or meta.get("grade")):
            continue
        where = f"cell '{gid}'" + (f" of {name}.ipynb" if name != result.assignment else "")
        cell = by_id.get(gid)
        if cell is None:
            result.flag("tampered", f"{where} was deleted")
            continue
        smeta = _meta(cell)
        if meta.get("grade") and float(smeta.get("points", 0) or 0) != float(meta.get("points", 0) or 0):
            result.flag("tampered", f"points of {where} changed from {meta.get('points', 0):g} to {float(smeta.get('points', 0) or 0):g}")
            # Judge the source on its own: the checksum also covers the points.
            cell = copy.deepcopy(cell)
            cell.metadata.nbgrader["points"] = meta.get("points")
        if any(bool(smeta.get(k)) != bool(meta.get(k)) for k in ("grade", "solution", "locked")) or cell.cell_type != ref.cell_type:
            result.flag("tampered", f"{where} had its nbgrader cell type changed")
        elif not meta.get("solution") and _checksum(cell) != _checksum(ref):
            # Answer cells are meant to change; locked cells and tests are not.
            result.flag("tampered", f"{where} was edited")


def _checksum(cell: NotebookNode) -> str:
    try:
        return compute_checksum(cell)
    except (KeyError, ValueError, TypeError):
        return ""


def check_outputs(result: SubmissionResult, name: str, autograded: NotebookNode, release: NotebookNode, timeout: int | None) -> None:
    """Flag timeouts and errors raised by learners' own code in an autograded notebook.

    A failing test (an error in a graded test cell) is a normal grade, and an
    unanswered cell still raising the release's ``NotImplementedError`` is a
    missing answer, not a crash.
    """
    release_src = {_meta(c).get("grade_id"): c.source for c in release.cells if _meta(c).get("grade_id")}
    suffix = f" of {name}.ipynb" if name != result.assignment else ""
    for cell in autograded.cells:
        if cell.cell_type != "code":
            continue
        meta = _meta(cell)
        gid = meta.get("grade_id")
        label = f"cell '{gid}'{suffix}" if gid else f"a cell the learner added{suffix}"
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if any(o.get("ename") in TIMEOUT_ERRORS for o in errors):
            limit = f" after {timeout} s" if timeout else ""
            result.flag("timed_out", f"{label} timed out{limit} and was interrupted (an endless loop?)")
            continue
        if not errors or (meta.get("grade") and not meta.get("solution")):
            continue
        if gid and release_src.get(gid) == cell.source:
            continue
        err = errors[0]
        detail = f"{err.get('ename')}: {err.get('evalue')}".rstrip(": ")
        result.flag("raised", f"{label} raised {detail[:160]}")
