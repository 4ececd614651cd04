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

def default_gradebook_url(root: Path | None = None) -> str:
    """The course's gradebook URL: env ``UNRUFFLED_GRADEBOOK_URL``, else ``nbgrader_config.py``, else ``grading/gradebook.db``."""
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    from ..content.manifest import find_root

    root = root or find_root()
    try:
        from ..grading.course import CourseLayout

        return CourseLayout.load(root).db_url
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
    """Average score of one graded cell across the submissions that have it."""

    assignment: str
    grade_id: str
    average: float  # 0..1
    max_score: float
    count: int
    syllabus: tuple[str, ...] = ()


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
            w.writerow(["question", q.assignment, "", q.grade_id, f"{q.average * 100:.0f}", " ".join(q.syllabus)])
        for m in self.mastery:
            w.writerow(["mastery", "", "", m.syllabus_id, f"{m.share * 100:.0f}", f"{m.questions} questions"])
        for learner in self.learners:
            value = "" if learner.average is None else f"{learner.average * 100:.0f}"
            w.writerow(["needs_help", "", learner.student_id, "average", value, "; ".join(learner.reasons)])
        for f in self.flagged:
            w.writerow(["flagged", f.assignment, f.student_id, f.status, "", f.reason])
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
        parts.append(questions_svg(self.questions))
        parts.append(_table("Average score per graded question, hardest first",
                            ["Assignment", "Question", "Average", "Submissions", "Syllabus ids"],
                            [[q.assignment, q.grade_id, f"{q.average * 100:.0f} %", str(q.count), ", ".join(q.syllabus) or "none"]
                             for q in self.questions]))
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
        parts.append("</div>")
        return "".join(parts)


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
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the configured database"


def load_results(db_url: str | None = None, solutions: Path | None = None, reports: Path | None = None,
                 course_id: str = COURSE_ID, lock_timeout: float = 2.0) -> ClassResults | ResultsProblem:
    """Read the gradebook (read only) and the grading reports; never raises for a bad gradebook."""
    from ..content.manifest import find_root

    try:
        root = find_root()
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
        problem = _precheck(db_url, course_id, lock_timeout)
        if problem:
            return problem
        from ..grading.export import per_question_scores

        rows = per_question_scores(db_url, course_id=course_id)
        students, submitted = _roster(db_url, course_id, lock_timeout)
    except Exception as exc:  # any database failure becomes a message, never a traceback
        return _problem_for(exc, db_url)
    if not rows:
        return ResultsProblem("empty", "The gradebook has no graded submissions yet.",
                              "Collect and grade an assignment, then reload this page.")
    return summarise(db_url, rows, question_syllabus(solutions), read_reports(reports), students, submitted)


def _engine(db_url: str, lock_timeout: float):
    from sqlalchemy import create_engine

    args = {"timeout": lock_timeout} if db_url.startswith("sqlite") else {}
    return create_engine(db_url, connect_args=args)


def _precheck(db_url: str, course_id: str, lock_timeout: float) -> ResultsProblem | None:
    """Check the gradebook without writing to it (nbgrader's ``Gradebook`` adds a missing course row)."""
    from sqlalchemy import inspect, text

    engine = _engine(db_url, lock_timeout)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not {"course", "assignment", "grade"} <= tables:
                return ResultsProblem("empty", "The gradebook is empty: no assignment has been set up or graded yet.",
                                      "Release and grade an assignment, then reload this page.")
            courses = [r[0] for r in conn.execute(text("SELECT id FROM course"))]
            if course_id not in courses:
                others = ", ".join(sorted(courses)) or "none"
                return ResultsProblem("unknown_course", f"This gradebook belongs to another course (courses in it: {others}).",
                                      f"Point the dashboard at the gradebook of course '{course_id}'.")
            n = conn.execute(text("SELECT COUNT(*) FROM submitted_assignment sa JOIN assignment a ON sa.assignment_id = a.id "
                                  "WHERE a.course_id = :c"), {"c": course_id}).scalar()
            if not n:
                return ResultsProblem("empty", "The gradebook has no graded submissions yet.",
                                      "Collect and grade an assignment, then reload this page.")
    finally:
        engine.dispose()
    return None


def _roster(db_url: str, course_id: str, lock_timeout: float) -> tuple[list[str], dict[str, set[str]]]:
    from sqlalchemy import text

    engine = _engine(db_url, lock_timeout)
    try:
        with engine.connect() as conn:
            students = sorted(r[0] for r in conn.execute(text("SELECT id FROM student")))
            submitted: dict[str, set[str]] = defaultdict(set)
            for a, s in conn.execute(text("SELECT a.name, sa.student_id FROM submitted_assignment sa "
                                          "JOIN assignment a ON sa.assignment_id = a.id WHERE a.course_id = :c"),
                                     {"c": course_id}):
                submitted[a].add(s)
    finally:
        engine.dispose()
    return students, dict(submitted)


def summarise(db_url: str, rows: list[dict], tags: dict[tuple[str, str], tuple[str, ...]], flagged: list[Flagged],
              students: list[str], submitted: dict[str, set[str]]) -> ClassResults:
    """Turn per-question rows (see :func:`unruffled.grading.export.per_question_scores`) into class results."""
    got: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    most: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    per_q: dict[tuple[str, str], list[float]] = defaultdict(list)
    q_max: dict[tuple[str, str], float] = {}
    for r in rows:
        got[r["assignment"]][r["student_id"]] += r["score"]
        most[r["assignment"]][r["student_id"]] += r["max_score"]
        if r["max_score"]:
            per_q[(r["assignment"], r["grade_id"])].append(r["score"] / r["max_score"])
            q_max[(r["assignment"], r["grade_id"])] = r["max_score"]
    # Ungradable submissions have no score in the gradebook; they are listed as flagged, not averaged as zero.
    unscored = {(f.assignment, f.student_id) for f in flagged if f.status == "ungradable"}
    totals = {a: {s: (got[a][s] / most[a][s] if most[a][s] else 0.0) for s in got[a] if (a, s) not in unscored}
              for a in got}
    max_scores = {a: max(most[a].values()) for a in most}
    questions = sorted((Question(a, g, mean(v), q_max[(a, g)], len(v), tags.get((a, g), ()))
                        for (a, g), v in per_q.items()), key=lambda q: (q.average, q.assignment, q.grade_id))
    earned: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for q in questions:
        for sid in q.syllabus:
            earned[sid][0] += q.average * q.max_score
            earned[sid][1] += q.max_score
            earned[sid][2] += 1
    mastery = sorted((Mastery(sid, e / m if m else 0.0, int(n)) for sid, (e, m, n) in earned.items()),
                     key=lambda m: (m.share, m.syllabus_id))
    everyone = sorted(set(students) | {s for per in got.values() for s in per} | {f.student_id for f in flagged})
    learners = []
    for s in everyone:
        shares = [totals[a][s] for a in totals if s in totals[a]]
        avg = mean(shares) if shares else None
        reasons = []
        if avg is not None and avg < NEEDS_HELP_BELOW:
            reasons.append(f"average {avg * 100:.0f} % (below {NEEDS_HELP_BELOW * 100:.0f} %)")
        missing = [a for a in sorted(got) if s not in submitted.get(a, set()) and s not in got[a]
                   and not any(f.student_id == s and f.assignment == a for f in flagged)]
        if missing:
            reasons.append("no submission for " + ", ".join(missing))
        reasons += [f"{f.assignment}: {f.status.replace('_', ' ')}" for f in flagged if f.student_id == s]
        if reasons:
            learners.append(Learner(s, avg, tuple(reasons)))
    learners.sort(key=lambda x: (x.average if x.average is not None else -1.0, x.student_id))
    return ClassResults(db_url, {a: dict(v) for a, v in totals.items()}, max_scores, questions, mastery, learners,
                        flagged, everyone)


__all__ = ["ClassResults", "ResultsProblem", "Question", "Mastery", "Learner", "Flagged", "load_results",
           "summarise", "question_syllabus", "read_reports", "default_gradebook_url", "gradebook_url_from_query"]
