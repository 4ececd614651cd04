"""Class results from the nbgrader gradebook: plain data, plain HTML, no widgets.

:func:`load_results` reads the gradebook and the grading reports and returns
either :class:`ClassResults` or :class:`ResultsProblem` (a friendly message for
a missing, empty, locked or foreign gradebook): the dashboard never shows a
traceback.

Plots are hand-written SVG, not matplotlib and not a widget plotting library:
the charts are two bar charts, importing matplotlib in every dashboard kernel
costs about half a second of time to interactive, widget plotting libraries
need their JavaScript in the page (heavier, and more to audit for
accessibility), and our own SVG carries a ``<title>``, a ``<desc>`` and
text labels on every bar, with the same numbers in a table next to it.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from urllib.parse import parse_qs

COURSE_ID = "unruffled"
NEEDS_HELP_BELOW = 0.5
ENV_URL = "UNRUFFLED_GRADEBOOK_URL"
# `unruffled present --lan` sets this: on the LAN, nobody in the room may point the
# dashboard at another database through the page's address.
ENV_LAN = "UNRUFFLED_PRESENT_LAN"


# --- where the gradebook is ------------------------------------------------------

def course_root(start: Path | None = None) -> Path:
    """The course folder: the nearest folder at or above ``start`` (default: here) holding ``course/syllabus.yaml``.

    The same rule as :func:`unruffled.content.find_root`, without importing the content
    models (pydantic), which would cost the dashboard a quarter of a second.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course" / "syllabus.yaml").is_file():
            return folder
    raise FileNotFoundError(f"no course/syllabus.yaml in {here} or above")


def configured_gradebook_url(root: Path) -> str:
    """nbgrader's ``CourseDirectory.db_url`` as ``root/nbgrader_config.py`` sets it (or nbgrader's default).

    Read with traitlets' config loader alone: importing nbgrader to ask it costs
    seconds of CPU, the largest part of this page's time to interactive.
    """
    from traitlets.config.loader import PyFileConfigLoader

    if not (root / "nbgrader_config.py").is_file():
        raise FileNotFoundError(f"no nbgrader_config.py in {root}")
    cd = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config().CourseDirectory
    if cd.get("db_url"):
        return str(cd.db_url)
    base = Path(str(cd.get("root") or root))
    return f"sqlite:///{os.path.abspath(base / 'gradebook.db')}"


def default_gradebook_url(root: Path | None = None) -> str:
    """The course's gradebook URL: env ``UNRUFFLED_GRADEBOOK_URL``, else ``nbgrader_config.py``, else ``grading/gradebook.db``."""
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    root = root or course_root()
    try:
        return configured_gradebook_url(root)
    except Exception:  # no or broken nbgrader_config.py: fall back to nbgrader's layout here
        return f"sqlite:///{root / 'grading' / 'gradebook.db'}"


def gradebook_url_from_query(query_string: str, default: str) -> str:
    """The gradebook named by ``?gradebook=<sqlite file>`` in the page address, else ``default``.

    Only SQLite files are accepted, and never when served on the LAN (the
    facilitator's own loopback server may point at a local file; the room may not).
    """
    if os.environ.get(ENV_LAN):
        return default
    values = parse_qs(query_string or "").get("gradebook")
    if not values or not values[0]:
        return default
    path = Path(values[0])
    if not path.is_absolute() or path.suffix != ".db":
        return default
    return f"sqlite:///{path}"


def _sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):].split("?", 1)[0])
    return None


# --- results -------------------------------------------------------------------------

@dataclass(frozen=True)
class ResultsProblem:
    """Why there are no results to show, in words for a facilitator."""

    kind: str  # missing, empty, locked, unknown_course, unreadable
    message: str
    hint: str = ""

    def _repr_html_(self) -> str:
        hint = f"<p>{html.escape(self.hint)}</p>" if self.hint else ""
        return (f'<div class="unruffled-results-problem" role="status" data-kind="{self.kind}">'
                f"<p><strong>{html.escape(self.message)}</strong></p>{hint}</div>")


@dataclass(frozen=True)
class Question:
    """Average score of one graded cell across the submissions where it has a grade.

    ``count`` answers are graded; ``awaiting`` more wait for a manual grade and are not
    in ``average`` (``None`` while no answer is graded).
    """

    assignment: str
    grade_id: str
    average: float | None  # 0..1
    max_score: float
    count: int
    syllabus: tuple[str, ...] = ()
    awaiting: int = 0


@dataclass(frozen=True)
class Mastery:
    """Share of the points earned on the questions tagged with one syllabus id."""

    syllabus_id: str
    share: float
    questions: int


@dataclass(frozen=True)
class Learner:
    """A learner who may need help, and why."""

    student_id: str
    average: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Awaiting:
    """An answer that waits for a manual grade in the formgrader (left out of every average)."""

    student_id: str
    assignment: str
    grade_id: str
    max_score: float


@dataclass(frozen=True)
class Flagged:
    """A submission the grader could not grade or flagged (from ``grading/reports``)."""

    student_id: str
    assignment: str
    status: str
    reason: str


@dataclass
class ClassResults:
    """Everything the class-results dashboard shows."""

    db_url: str
    totals: dict[str, dict[str, float]]  # assignment -> student -> share 0..1
    max_scores: dict[str, float]
    questions: list[Question]  # hardest first
    mastery: list[Mastery]  # weakest first
    learners: list[Learner]
    flagged: list[Flagged]
    students: list[str] = field(default_factory=list)
    awaiting: list[Awaiting] = field(default_factory=list)

    def distribution(self, assignment: str, bins: int = 5) -> list[int]:
        """Learners per score band (0-20 %, ... 80-100 %) for ``assignment``."""
        counts = [0] * bins
        for share in self.totals.get(assignment, {}).values():
            counts[min(bins - 1, int(share * bins))] += 1
        return counts

    def csv_text(self) -> str:
        """Everything shown, as one CSV (``section`` says which table a row belongs to)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["section", "assignment", "student_id", "item", "value", "detail"])
        for a, per in sorted(self.totals.items()):
            for s, share in sorted(per.items()):
                w.writerow(["score", a, s, "total", f"{share * 100:.0f}", f"of {self.max_scores.get(a, 0):g} points"])
        for q in self.questions:
            w.writerow(["question", q.assignment, "", q.grade_id, "" if q.average is None else f"{q.average * 100:.0f}",
                        " ".join(q.syllabus) + (f" (awaiting manual grading: {q.awaiting})" if q.awaiting else "")])
        for m in self.mastery:
            w.writerow(["mastery", "", "", m.syllabus_id, f"{m.share * 100:.0f}", f"{m.questions} questions"])
        for learner in self.learners:
            value = "" if learner.average is None else f"{learner.average * 100:.0f}"
            w.writerow(["needs_help", "", learner.student_id, "average", value, "; ".join(learner.reasons)])
        for f in self.flagged:
            w.writerow(["flagged", f.assignment, f.student_id, f.status, "", f.reason])
        for x in self.awaiting:
            w.writerow(["awaiting_manual_grade", x.assignment, x.student_id, x.grade_id, "", f"of {x.max_score:g} points"])
        return buf.getvalue()

    def csv_link(self) -> str:
        """A ``data:`` link that downloads :meth:`csv_text` (works in Voilà: no code runs in the browser)."""
        payload = base64.b64encode(self.csv_text().encode("utf-8")).decode("ascii")
        return (f'<a class="unruffled-results-csv" download="class-results.csv" '
                f'href="data:text/csv;charset=utf-8;base64,{payload}">Download these results (CSV)</a>')

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [f'<div class="unruffled-results">{CSS}',
                 f"<p>{_n(len(self.students), 'learner')}, {_n(len(self.totals), 'assignment')}. {self.csv_link()}</p>"]
        parts.append("<h2>Score distribution</h2>")
        for a in sorted(self.totals):
            parts.append('<div class="unruffled-side-by-side">' + distribution_svg(a, self.distribution(a)))
            parts.append(_table(f"Learners per score band, {a}", ["Score band", "Learners"],
                                [[band, str(n)] for band, n in zip(BANDS, self.distribution(a))]) + "</div>")
        parts.append("<h2>Questions, hardest first</h2>")
        parts.append(questions_svg([q for q in self.questions if q.average is not None]))
        parts.append(_table("Average score per graded question, hardest first (answers awaiting manual grading "
                            "are left out)",
                            ["Assignment", "Question", "Average", "Graded answers", "Awaiting manual grading", "Syllabus ids"],
                            [[q.assignment, q.grade_id, _pct(q.average, "awaiting manual grading"), str(q.count),
                              str(q.awaiting), ", ".join(q.syllabus) or "none"] for q in self.questions]))
        parts.append("<h2>Mastery per syllabus id</h2>")
        parts.append(_table("Share of points earned per syllabus id, weakest first", ["Syllabus id", "Mastery", "Questions"],
                            [[m.syllabus_id, f"{m.share * 100:.0f} %", str(m.questions)] for m in self.mastery])
                     if self.mastery else "<p>No graded question is tagged with a syllabus id.</p>")
        parts.append("<h2>Learners who may need help</h2>")
        parts.append(_table("Learners below 50 % or with missing or flagged work", ["Learner", "Average", "Why"],
                            [[x.student_id, "none" if x.average is None else f"{x.average * 100:.0f} %", "; ".join(x.reasons)]
                             for x in self.learners], cls="unruffled-needs-help")
                     if self.learners else "<p>Nobody: every learner is at 50 % or above with nothing missing.</p>")
        parts.append("<h2>Submissions not graded or flagged</h2>")
        parts.append(_table("Submissions the grader could not grade or flagged", ["Learner", "Assignment", "Status", "Reason"],
                            [[f.student_id, f.assignment, f.status.replace("_", " "), f.reason] for f in self.flagged],
                            cls="unruffled-flagged")
                     if self.flagged else "<p>None (or no grading report yet).</p>")
        parts.append("<h2>Answers awaiting manual grading</h2>")
        parts.append(_table("Answers nobody has graded yet in the formgrader (not counted in any average)",
                            ["Learner", "Assignment", "Question", "Points"],
                            [[x.student_id, x.assignment, x.grade_id, f"{x.max_score:g}"] for x in self.awaiting],
                            cls="unruffled-awaiting")
                     if self.awaiting else "<p>None: every answer has a grade.</p>")
        parts.append("</div>")
        return "".join(parts)


def _pct(share: float | None, none: str) -> str:
    return none if share is None else f"{share * 100:.0f} %"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


BANDS = ["0-19 %", "20-39 %", "40-59 %", "60-79 %", "80-100 %"]

CSS = """<style>
.unruffled-results { color: var(--jp-ui-font-color1); font-size: var(--jp-content-font-size2, 1rem); max-width: 64rem; }
.unruffled-results table { border-collapse: collapse; margin: 0.5em 0 1.2em; }
.unruffled-results caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
.unruffled-results th, .unruffled-results td { border: 1px solid var(--jp-border-color1); padding: 0.2em 0.6em; text-align: left; }
.unruffled-results a { color: var(--jp-content-link-color); font-weight: bold; }
.unruffled-results .unruffled-side-by-side { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
.unruffled-results svg text { fill: var(--jp-ui-font-color1, #111); }
.unruffled-results svg .bar { fill: var(--jp-brand-color1, #1565c0); }
</style>"""


def _table(caption: str, head: list[str], rows: list[list[str]], cls: str = "") -> str:
    e = html.escape
    th = "".join(f'<th scope="col">{e(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (f'<table class="{cls}"><caption>{e(caption)}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _bar_chart(title: str, desc: str, labels: list[str], values: list[float], texts: list[str], width: int = 560) -> str:
    """Horizontal bars with their numbers written next to them (so colour carries nothing alone)."""
    e = html.escape
    row, label_w, top = 26, 190, 6
    height = top + row * max(1, len(labels)) + 6
    scale = width - label_w - 100
    peak = max(values) if values and max(values) > 0 else 1
    bars = []
    for i, (lab, v, t) in enumerate(zip(labels, values, texts)):
        y = top + i * row
        w = max(1.0, scale * v / peak)
        bars.append(f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13">{e(lab)}</text>'
                    f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="#1565c0"/>'
                    f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13">{e(t)}</text>')
    return (f'<svg role="img" aria-labelledby="t" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{e(title)}</title><desc>{e(desc)}</desc>{"".join(bars)}</svg>'
            ).replace('aria-labelledby="t" ', f'aria-label="{e(title)}" ')


def distribution_svg(assignment: str, counts: list[int]) -> str:
    """Bar chart of learners per score band for one assignment."""
    desc = ", ".join(f"{n} learners at {b}" for b, n in zip(BANDS, counts))
    return _bar_chart(f"Score distribution for {assignment}", desc, BANDS, [float(n) for n in counts],
                      [f"{n} learner{'s' if n != 1 else ''}" for n in counts])


def questions_svg(questions: list[Question]) -> str:
    """Bar chart of the average score per question, hardest first."""
    labels = [q.grade_id for q in questions]
    desc = ", ".join(f"{q.grade_id}: {q.average * 100:.0f} %" for q in questions)
    return _bar_chart("Average score per graded question, hardest first", desc, labels,
                      [q.average for q in questions], [f"{q.average * 100:.0f} %" for q in questions])


# --- reading -------------------------------------------------------------------------

def question_syllabus(solutions: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """``(assignment, grade_id) -> syllabus ids`` from the cells' ``unruffled.exercises`` metadata.

    Test cells usually carry no tag themselves: they check the answer cell
    above them, so a graded cell without a tag takes the nearest tagged cell before it.
    """
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for nb_path in sorted(Path(solutions).glob("*/*.ipynb")):
        try:
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        last: tuple[str, ...] = ()
        for cell in nb.get("cells", []):
            meta = cell.get("metadata", {})
            tags = tuple(meta.get("unruffled", {}).get("exercises", []) or ())
            if tags:
                last = tags
            nbg = meta.get("nbgrader", {})
            if nbg.get("grade") and nbg.get("grade_id"):
                out[(nb_path.parent.name, nbg["grade_id"])] = tags or last
    return out


def read_reports(folder: Path) -> list[Flagged]:
    """Submissions not cleanly graded, from every ``<assignment>.csv`` grading report in ``folder``."""
    flagged = []
    for path in sorted(Path(folder).glob("*.csv")):
        try:
            with open(path, newline="") as fh:
                for row in csv.DictReader(fh):
                    if row.get("status") and row["status"] != "graded":
                        flagged.append(Flagged(row.get("student_id", ""), row.get("assignment", path.stem),
                                               row["status"], row.get("reason", "")))
        except (OSError, csv.Error):
            continue
    return flagged


def _problem_for(exc: Exception, url: str) -> ResultsProblem:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ResultsProblem("locked", "The gradebook is busy (another program is writing to it, probably grading).",
                              "Wait until grading has finished, then reload this page.")
    return ResultsProblem("unreadable", "The gradebook could not be read.",
                          f"Check that {_safe_url(url)} is an nbgrader gradebook. ({type(exc).__name__})")


def _safe_url(url: str) -> str:
    # A server URL may hold a password; show only what identifies the database.
    path = _sqlite_path(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the configured database"


def load_results(db_url: str | None = None, solutions: Path | None = None, reports: Path | None = None,
                 course_id: str = COURSE_ID, lock_timeout: float = 2.0) -> ClassResults | ResultsProblem:
    """Read the gradebook (read only) and the grading reports; never raises for a bad gradebook."""
    try:
        root = course_root()
    except Exception:
        root = Path.cwd()
    db_url = db_url or default_gradebook_url(root)
    path = _sqlite_path(db_url)
    if path is not None and not path.is_file():
        return ResultsProblem("missing", "No gradebook yet: nothing has been graded.",
                              f"Grade an assignment first (make grade A=<assignment>); the gradebook will be at {path}.")
    if reports is None:
        reports = (path.parent / "reports") if path is not None else root / "grading" / "reports"
    solutions = solutions or root / "solutions"
    try:
        with _open(db_url, lock_timeout) as db:
            problem = _precheck(db, course_id)
            if problem:
                return problem
            rows = _grades(db, course_id)
            students, submitted = _roster(db, course_id)
    except Exception as exc:  # any database failure becomes a message, never a traceback
        return _problem_for(exc, db_url)
    if not rows:
        return ResultsProblem("empty", "The gradebook has no graded submissions yet.",
                              "Collect and grade an assignment, then reload this page.")
    return summarise(db_url, rows, question_syllabus(solutions), read_reports(reports), students, submitted)


# --- the gradebook's tables, read with SQL ------------------------------------------
# nbgrader's own API (SQLAlchemy models) costs seconds of imports in a dashboard kernel
# and its Gradebook writes a course row into a foreign gradebook. The tables read here
# (course, assignment, student, submitted_assignment, submitted_notebook, notebook,
# grade, base_cell, grade_cells, task_cells) have been stable across nbgrader 0.6-0.9;
# tests check these queries against nbgrader's API on a really graded class.

class _Db:
    """A read-only connection: ``tables()`` and ``rows(sql, params)`` over sqlite3 or SQLAlchemy."""

    def __init__(self, db_url: str, lock_timeout: float) -> None:
        self.path = _sqlite_path(db_url)
        if self.path is not None:
            import sqlite3

            # mode=ro: reading never creates, migrates or writes the gradebook.
            self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=lock_timeout)
            self.engine = None
        else:  # another database server: SQLAlchemy is only imported for these
            from sqlalchemy import create_engine

            self.engine = create_engine(db_url)
            self.conn = self.engine.connect()

    def tables(self) -> set[str]:
        if self.engine is None:
            return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        from sqlalchemy import inspect

        return set(inspect(self.conn).get_table_names())

    def rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        if self.engine is None:
            return self.conn.execute(sql, params or {}).fetchall()
        from sqlalchemy import text

        return [tuple(r) for r in self.conn.execute(text(sql), params or {})]

    def close(self) -> None:
        self.conn.close()
        if self.engine is not None:
            self.engine.dispose()

    def __enter__(self) -> _Db:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _open(db_url: str, lock_timeout: float) -> _Db:
    return _Db(db_url, lock_timeout)


def _precheck(db: _Db, course_id: str) -> ResultsProblem | None:
    """A problem in words if the gradebook has no tables, belongs to another course or has no submission."""
    if not {"course", "assignment", "grade"} <= db.tables():
        return ResultsProblem("empty", "The gradebook is empty: no assignment has been set up or graded yet.",
                              "Release and grade an assignment, then reload this page.")
    courses = [r[0] for r in db.rows("SELECT id FROM course")]
    if course_id not in courses:
        others = ", ".join(sorted(courses)) or "none"
        return ResultsProblem("unknown_course", f"This gradebook belongs to another course (courses in it: {others}).",
                              f"Point the dashboard at the gradebook of course '{course_id}'.")
    n = db.rows("SELECT COUNT(*) FROM submitted_assignment sa JOIN assignment a ON sa.assignment_id = a.id "
                "WHERE a.course_id = :c", {"c": course_id})[0][0]
    if not n:
        return ResultsProblem("empty", "The gradebook has no graded submissions yet.",
                              "Collect and grade an assignment, then reload this page.")
    return None


GRADES_SQL = """
SELECT sa.student_id, a.name, nb.name, bc.name, g.auto_score, g.manual_score, g.extra_credit,
       g.needs_manual_grade, COALESCE(gc.max_score, tc.max_score, 0.0)
FROM grade g
JOIN submitted_notebook sn ON g.notebook_id = sn.id
JOIN submitted_assignment sa ON sn.assignment_id = sa.id
JOIN assignment a ON sa.assignment_id = a.id
JOIN notebook nb ON sn.notebook_id = nb.id
JOIN base_cell bc ON g.cell_id = bc.id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id
WHERE a.course_id = :c
ORDER BY a.name, sa.student_id, nb.name, bc.name
"""


def grade_status(auto: float | None, manual: float | None, needs_manual: bool) -> str:
    """nbgrader's state of one grade, named as in ``unruffled grade``'s per-question export."""
    if manual is not None:
        return "manually_graded"
    if needs_manual:
        return "needs_manual_grade"
    if auto is not None:
        return "autograded"
    return "not_graded"


def _grades(db: _Db, course_id: str) -> list[dict]:
    """One dict per learner per graded cell; ``score`` follows nbgrader (manual over auto, plus extra credit)."""
    out = []
    for student, assignment, notebook, grade_id, auto, manual, extra, needs, max_score in db.rows(GRADES_SQL, {"c": course_id}):
        base = manual if manual is not None else auto
        score = 0.0 if base is None else float(base) + float(extra or 0.0)
        out.append({"student_id": student, "assignment": assignment, "notebook": notebook, "grade_id": grade_id,
                    "score": score, "max_score": float(max_score), "needs_manual_grade": bool(needs),
                    "status": grade_status(auto, manual, bool(needs))})
    return out


def _roster(db: _Db, course_id: str) -> tuple[list[str], dict[str, set[str]]]:
    students = sorted(r[0] for r in db.rows("SELECT id FROM student"))
    submitted: dict[str, set[str]] = defaultdict(set)
    for a, s in db.rows("SELECT a.name, sa.student_id FROM submitted_assignment sa "
                        "JOIN assignment a ON sa.assignment_id = a.id WHERE a.course_id = :c", {"c": course_id}):
        submitted[a].add(s)
    return students, dict(submitted)


def summarise(db_url: str, rows: list[dict], tags: dict[tuple[str, str], tuple[str, ...]], flagged: list[Flagged],
              students: list[str], submitted: dict[str, set[str]]) -> ClassResults:
    """Turn per-question rows (see :func:`unruffled.grading.export.per_question_scores`) into class results."""
    got: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    most: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    full: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    seen: dict[str, set[str]] = defaultdict(set)
    per_q: dict[tuple[str, str], list[float]] = defaultdict(list)
    q_max: dict[tuple[str, str], float] = {}
    waiting: dict[tuple[str, str], int] = defaultdict(int)
    awaiting: list[Awaiting] = []
    for r in rows:
        a, s, key = r["assignment"], r["student_id"], (r["assignment"], r["grade_id"])
        seen[a].add(s)
        full[a][s] += r["max_score"]
        q_max[key] = r["max_score"]
        if r.get("status") == "needs_manual_grade":
            # Not graded yet: nbgrader scores it 0 until someone grades it, which would read as
            # "the class got this wrong". Left out of every average until it has a grade.
            waiting[key] += 1
            awaiting.append(Awaiting(s, a, r["grade_id"], r["max_score"]))
            continue
        got[a][s] += r["score"]
        most[a][s] += r["max_score"]
        if r["max_score"]:
            per_q[key].append(r["score"] / r["max_score"])
    # Ungradable submissions have no score in the gradebook; they are listed as flagged, not averaged as zero.
    unscored = {(f.assignment, f.student_id) for f in flagged if f.status == "ungradable"}
    totals = {a: {s: got[a][s] / most[a][s] for s in most[a] if most[a][s] and (a, s) not in unscored}
              for a in seen}
    max_scores = {a: max(full[a].values()) for a in full}
    questions = sorted((Question(a, g, mean(per_q[(a, g)]) if per_q.get((a, g)) else None, q_max[(a, g)],
                                 len(per_q.get((a, g), ())), tags.get((a, g), ()), waiting.get((a, g), 0))
                        for (a, g) in q_max if q_max[(a, g)]),
                       key=lambda q: (q.average is None, q.average or 0.0, q.assignment, q.grade_id))
    earned: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for q in questions:
        if q.average is None:
            continue
        for sid in q.syllabus:
            earned[sid][0] += q.average * q.max_score
            earned[sid][1] += q.max_score
            earned[sid][2] += 1
    mastery = sorted((Mastery(sid, e / m if m else 0.0, int(n)) for sid, (e, m, n) in earned.items()),
                     key=lambda m: (m.share, m.syllabus_id))
    everyone = sorted(set(students) | {s for per in seen.values() for s in per} | {f.student_id for f in flagged})
    learners = []
    for s in everyone:
        shares = [totals[a][s] for a in totals if s in totals[a]]
        avg = mean(shares) if shares else None
        reasons = []
        if avg is not None and avg < NEEDS_HELP_BELOW:
            reasons.append(f"average {avg * 100:.0f} % (below {NEEDS_HELP_BELOW * 100:.0f} %)")
        missing = [a for a in sorted(seen) if s not in submitted.get(a, set()) and s not in seen[a]
                   and not any(f.student_id == s and f.assignment == a for f in flagged)]
        if missing:
            reasons.append("no submission for " + ", ".join(missing))
        reasons += [f"{f.assignment}: {f.status.replace('_', ' ')}" for f in flagged if f.student_id == s]
        if reasons:
            learners.append(Learner(s, avg, tuple(reasons)))
    learners.sort(key=lambda x: (x.average if x.average is not None else -1.0, x.student_id))
    return ClassResults(db_url, totals, max_scores, questions, mastery, learners, flagged, everyone,
                        sorted(awaiting, key=lambda x: (x.assignment, x.grade_id, x.student_id)))


__all__ = ["ClassResults", "ResultsProblem", "Question", "Mastery", "Learner", "Flagged", "Awaiting", "load_results",
           "summarise", "question_syllabus", "read_reports", "default_gradebook_url", "configured_gradebook_url",
           "course_root", "gradebook_url_from_query", "grade_status"]
