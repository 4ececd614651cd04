"""Per-question scores from the gradebook (nbgrader's ``export`` stops at totals).

CSV columns: ``student_id, assignment, notebook, grade_id, score, max_score,
needs_manual_grade, status`` where ``status`` is the cell's grading state:
``autograded`` (scored by its tests), ``manually_graded`` (a score was entered
in the formgrader; it overrides the autograde), ``needs_manual_grade`` (waiting
for the formgrader) or ``not_graded`` (no score at all, e.g. a test cell the
learner deleted).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

COLUMNS = ["student_id", "assignment", "notebook", "grade_id", "score", "max_score", "needs_manual_grade", "status"]


def _status(grade) -> str:
    if grade.manual_score is not None:
        return "manually_graded"
    if grade.needs_manual_grade:
        return "needs_manual_grade"
    if grade.auto_score is not None:
        return "autograded"
    return "not_graded"


def per_question_scores(db_url: str, assignment: str | None = None, course_id: str = "unruffled") -> list[dict]:
    """One dict per learner per graded cell (keys: :data:`COLUMNS`), sorted by learner, notebook and cell order.

    ``assignment=None`` gives every assignment in the gradebook.
    """
    from nbgrader.api import Gradebook

    rows: list[dict] = []
    with Gradebook(db_url, course_id=course_id) as gb:
        assignments = [gb.find_assignment(assignment)] if assignment else list(gb.assignments)
        for a in assignments:
            order = {}
            for nb in a.notebooks:
                for i, cell in enumerate(nb.grade_cells):
                    order[(nb.name, cell.name)] = i
            for sub in gb.assignment_submissions(a.name):
                for snb in sub.notebooks:
                    for g in snb.grades:
                        rows.append({"student_id": sub.student.id, "assignment": a.name, "notebook": snb.name,
                                     "grade_id": g.name, "score": float(g.score), "max_score": float(g.max_score),
                                     "needs_manual_grade": bool(g.needs_manual_grade), "status": _status(g),
                                     "_order": order.get((snb.name, g.name), 0)})
    rows.sort(key=lambda r: (r["assignment"], r["student_id"], r["notebook"], r.pop("_order")))
    return rows


def to_csv(rows: list[dict], path: Path | None = None) -> str:
    """CSV text of :func:`per_question_scores` rows (booleans as ``true``/``false``); written to ``path`` if given."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "score": f"{r['score']:g}", "max_score": f"{r['max_score']:g}",
                    "needs_manual_grade": str(r["needs_manual_grade"]).lower()})
    if path is not None:
        Path(path).write_text(buf.getvalue())
    return buf.getvalue()
