"""Feedback without hidden tests: a traceback sanitiser and a leak check.

nbgrader's ``ClearHiddenTests`` clears hidden tests from cell sources, but a
failing hidden test still shows its code in the traceback (IPython prints the
failing line with a few lines of context, hidden or not). The preprocessor
below runs *before* ``ClearHiddenTests`` in ``GenerateFeedback.preprocessors``,
while the autograded source still marks which lines were hidden, and rewrites
those cells' error outputs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .course import CourseLayout, GradingError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# A context line of an IPython frame: "      4 code" or "----> 6 code".
CONTEXT = re.compile(r"^\s*(?:-*>\s*)?(\d+)(?:\s(.*))?$")
NEUTRAL = "A hidden check did not pass."


def hidden_region(source: str, begin: str, end: str) -> tuple[set[int], set[str]]:
    """1-based line numbers of the hidden-test region (markers included) and its code lines."""
    numbers, texts, inside = set(), set(), False
    for i, line in enumerate(source.split("\n"), start=1):
        if begin in line:
            inside = True
        if inside:
            numbers.add(i)
            if line.strip():
                texts.add(line.strip())
        if end in line:
            inside = False
    return numbers, texts


def sanitise_error(output: NotebookNode, execution_count: int | None, numbers: set[int], texts: set[str]) -> None:
    """Rewrite one error output so that no hidden-test line survives in it."""
    own_frame = re.compile(rf"Cell In\[{execution_count}\], line (\d+)") if execution_count else None
    hidden_failed = False
    entries = []
    for entry in output.get("traceback", []):
        lines = entry.split("\n")
        plain = [ANSI.sub("", x) for x in lines]
        m = own_frame.search(plain[0]) if own_frame else None
        if m and int(m.group(1)) in numbers:
            hidden_failed = True
            entries.append(NEUTRAL)
            continue
        kept = []
        for raw, text in zip(lines, plain):
            c = CONTEXT.match(text)
            if c and ((m and int(c.group(1)) in numbers) or (c.group(2) or "").strip() in texts):
                continue
            if text.strip() in texts:
                continue
            kept.append(raw)
        entries.append("\n".join(kept))
    if hidden_failed:
        ename = output.get("ename", "Error")
        # The last entry is "ename: evalue"; a hidden test's message may give the answer away.
        if entries and ANSI.sub("", entries[-1]).startswith(ename):
            entries[-1] = f"{ename}: {NEUTRAL}"
        output["evalue"] = NEUTRAL
    output["traceback"] = entries


class SanitiseHiddenTracebacks(NbGraderPreprocessor):
    """Replace traceback lines showing hidden-test code with a neutral message.

    Put it in ``GenerateFeedback.preprocessors`` before
    ``nbgrader.preprocessors.ClearHiddenTests``. The learner still sees which
    cell failed and the messages of the visible tests.
    """

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS", help="Start of a hidden-test region (as in ClearHiddenTests)").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS", help="End of a hidden-test region (as in ClearHiddenTests)").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and self.begin_test_delimeter in cell.source:
            numbers, texts = hidden_region(cell.source, self.begin_test_delimeter, self.end_test_delimeter)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    sanitise_error(output, cell.get("execution_count"), numbers, texts)
        return cell, resources


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML page (code is split into highlighting spans)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@dataclass
class FeedbackResult:
    """Feedback pages written, and any hidden-test line found in one of them."""

    assignment: str
    pages: list[Path] = field(default_factory=list)
    leaks: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no page shows a hidden-test line."""
        return not self.leaks


def hidden_lines(course: CourseLayout, assignment: str) -> set[str]:
    """Code lines of every hidden-test region of the assignment, from the gradebook's source cells."""
    texts: set[str] = set()
    with course.gradebook() as gb:
        for nb in gb.find_assignment(assignment).notebooks:
            for cell in nb.source_cells:
                if "BEGIN HIDDEN TESTS" in (cell.source or ""):
                    _, t = hidden_region(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
                    # Markers and bare comments give nothing away; code does.
                    texts |= {x for x in t if not x.startswith("#") and len(x) > 3}
    return texts


def find_leaks(pages: list[Path], secrets: set[str]) -> list[tuple[Path, str]]:
    """Every (page, hidden line) where the line's text is visible on the page."""
    found = []
    for page in pages:
        text = visible_text(page.read_text(errors="replace"))
        found += [(page, s) for s in sorted(secrets) if s in text]
    return found


def generate_feedback(assignment: str, root: Path | str = ".", student: str | None = None) -> FeedbackResult:
    """Run ``nbgrader generate_feedback`` and check that no page shows a hidden test."""
    from nbgrader.api import MissingEntry

    course = CourseLayout.load(root)
    if not any(course.autograded.glob(f"*/{assignment}")):
        raise GradingError(f"nothing autograded for '{assignment}' in {course.autograded}; run 'unruffled grade {assignment}' first")
    args = ["generate_feedback", assignment, "--force"] + ([f"--student={student}"] if student else [])
    proc = course.nbgrader(*args)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-15:])
        raise GradingError(f"nbgrader generate_feedback failed (exit {proc.returncode}):\n{tail}")
    pages = sorted(course.feedback.glob(f"{student or '*'}/{assignment}/*.html"))
    try:
        secrets = hidden_lines(course, assignment)
    except MissingEntry:
        secrets = set()
    return FeedbackResult(assignment, pages, find_leaks(pages, secrets))
