"""The grading report: one row per submission, as plain dataclasses, CSV and HTML.

CSV columns (``grading/reports/<assignment>.csv``; the class-results dashboard reads it):

``student_id``
    the submission folder name under ``grading/submitted/``.
``assignment``
    the assignment id.
``status``
    ``graded`` (autograded, nothing unusual), ``timed_out`` (a cell hit
    ``ExecutePreprocessor.timeout`` and was interrupted), ``raised`` (a cell the
    learner wrote raised an error that is not a failing test), ``tampered`` (a
    locked or test cell was edited or deleted, or its points changed, compared
    with the release; nbgrader restores edited cells from the gradebook, so the
    score is still meaningful but worth a look) or ``ungradable`` (invalid
    notebook JSON, a missing or misnamed notebook, an empty folder: not
    autograded, no score). When several apply, the first in the order
    ungradable, tampered, timed_out, raised wins; ``reason`` lists them all.
``reason``
    human-readable reasons, separated by ``; `` (empty for a clean ``graded``).
``score``
    total score in the gradebook (autograded plus any manual grades); empty for
    ungradable submissions.
``max_score``
    the assignment's maximum score.
``needs_manual_grade``
    ``true`` if some cell still needs a manual grade in the formgrader.
``regraded``
    ``true`` if the parallel run left this submission without grades and it was
    graded again on its own (see the log next to the report).
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Most serious first: it decides which status a submission with several problems gets.
STATUSES = ("ungradable", "tampered", "timed_out", "raised", "graded")


@dataclass
class SubmissionResult:
    """What happened to one learner's submission of one assignment."""

    student_id: str
    assignment: str
    problems: list[tuple[str, str]] = field(default_factory=list)  # (status, reason)
    score: float | None = None
    max_score: float | None = None
    needs_manual_grade: bool = False
    regraded: bool = False

    def flag(self, status: str, reason: str) -> None:
        """Record a problem; the most serious one decides the status."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self.problems.append((status, reason))

    @property
    def status(self) -> str:
        """The most serious status among the problems, ``graded`` if none."""
        found = {s for s, _ in self.problems}
        return next((s for s in STATUSES if s in found), "graded")

    @property
    def reason(self) -> str:
        """Every problem, most serious first."""
        order = {s: i for i, s in enumerate(STATUSES)}
        return "; ".join(r for _, r in sorted(self.problems, key=lambda p: order[p[0]]))

    @property
    def gradable(self) -> bool:
        """Whether nbgrader can autograde it (ungradable ones are left out of the run)."""
        return self.status != "ungradable"

    def row(self) -> dict[str, str]:
        """The CSV row."""
        def num(x):
            return "" if x is None else f"{x:g}"
        return {"student_id": self.student_id, "assignment": self.assignment, "status": self.status,
                "reason": self.reason, "score": num(self.score), "max_score": num(self.max_score),
                "needs_manual_grade": str(self.needs_manual_grade).lower(), "regraded": str(self.regraded).lower()}


CSV_COLUMNS = ["student_id", "assignment", "status", "reason", "score", "max_score", "needs_manual_grade", "regraded"]

_COLOURS = {"graded": "#e6f4ea", "raised": "#fff4e5", "timed_out": "#fff4e5", "tampered": "#fde7e9", "ungradable": "#eeeeee"}


@dataclass
class GradingReport:
    """The outcome of grading one assignment for the whole class."""

    assignment: str
    submissions: list[SubmissionResult]
    jobs: int = 1
    seconds: float = 0.0
    log: Path | None = None

    def by_student(self) -> dict[str, SubmissionResult]:
        """Results keyed by student id."""
        return {s.student_id: s for s in self.submissions}

    def counts(self) -> Counter:
        """How many submissions have each status."""
        return Counter(s.status for s in self.submissions)

    def summary(self) -> str:
        """One line for the terminal."""
        c = self.counts()
        parts = ", ".join(f"{c[s]} {s}" for s in STATUSES if c[s])
        regraded = sum(s.regraded for s in self.submissions)
        extra = f"; {regraded} regraded sequentially after the parallel run" if regraded else ""
        return f"{self.assignment}: {len(self.submissions)} submissions ({parts}) in {self.seconds:.1f} s with {self.jobs} job(s){extra}"

    def to_csv(self, path: Path | None = None) -> str:
        """The report as CSV text (columns documented in this module); written to ``path`` if given."""
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        for s in sorted(self.submissions, key=lambda s: s.student_id):
            w.writerow(s.row())
        if path is not None:
            Path(path).write_text(buf.getvalue())
        return buf.getvalue()

    def to_html(self, path: Path | None = None) -> str:
        """A standalone HTML page of the report; written to ``path`` if given."""
        page = ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                f"<title>Grading report: {html.escape(self.assignment)}</title>"
                "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                "th,td{border:1px solid #999;padding:.3em .6em;text-align:left}</style></head><body>"
                f"{self._repr_html_()}</body></html>")
        if path is not None:
            Path(path).write_text(page)
        return page

    def _repr_html_(self) -> str:
        head = "".join(f"<th scope='col'>{c.replace('_', ' ')}</th>" for c in CSV_COLUMNS[:1] + CSV_COLUMNS[2:])
        rows = []
        for s in sorted(self.submissions, key=lambda s: (STATUSES.index(s.status), s.student_id)):
            r = s.row()
            cells = "".join(f"<td>{html.escape(r[c])}</td>" for c in CSV_COLUMNS[:1] + CSV_COLUMNS[2:])
            rows.append(f"<tr style='background:{_COLOURS[s.status]}'>{cells}</tr>")
        return (f"<h2>Grading report: {html.escape(self.assignment)}</h2><p>{html.escape(self.summary())}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def read_report_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a report CSV written by :meth:`GradingReport.to_csv`."""
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


__all__ = ["STATUSES", "CSV_COLUMNS", "SubmissionResult", "GradingReport", "read_report_csv"]
