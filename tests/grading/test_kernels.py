"""The kernel pool (``unruffled.grading.kernels``): a fresh kernel per submission, in its own folder.

One small class is graded in a single shard, so that every kernel after the first
is a pre-started spare and each student follows another in the same process.
"""

from __future__ import annotations

import os
import shutil
import uuid

import nbformat
import psutil
import pytest
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from traitlets.config import Config

from unruffled.grading import GradeOptions, grade
from unruffled.grading.kernels import POOL_LOG_MARK, pooled_preprocessors
from unruffled.grading.synthetic import answered, load_assignment

from ..nbgrader.conftest import Course
from .conftest import A, autograded_max

pytestmark = pytest.mark.nbgrader

MARK = "UNRUFFLED_KERNEL_POOL_TEST"


def _answer_cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _first_answer_id(nb: nbformat.NotebookNode) -> str:
    return next(c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))


@pytest.fixture(scope="module")
def pooled_class(released_template, tmp_path_factory):
    """Students graded one after another in one pooled shard, with a marker in the kernels' environment."""
    root = tmp_path_factory.mktemp("pool") / "course"
    shutil.copytree(released_template, root)
    course = Course(root)
    release, source = load_assignment(root, A)
    good = answered(release[A], source[A])
    first = _first_answer_id(good)

    # Sorted names set the order: the leaker's kernel would be the heir's if kernels were reused.
    course.submit("a-leaker", A, good)
    heir = nbformat.from_dict(release[A])
    for cell in heir.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "pass  # relies on names defined by an earlier student"
    course.submit("b-heir", A, heir)

    reader = nbformat.from_dict(good)
    folder = course.submit("c-reader", A, reader).parent
    (folder / "my_answer.py").write_text(_answer_cell(reader, first).source)
    _answer_cell(reader, first).source = 'exec(open("my_answer.py").read())'
    nbformat.write(reader, folder / f"{A}.ipynb")

    env_check = nbformat.from_dict(good)
    cell = _answer_cell(env_check, first)
    cell.source = ('assert __import__("os").environ.get("NBGRADER_EXECUTION") == "autograde", '
                   '"not run as nbgrader autograde"\n' + cell.source)
    course.submit("d-env", A, env_check)

    marker = uuid.uuid4().hex
    os.environ[MARK] = marker  # inherited by nbgrader and so by every kernel it starts
    try:
        report = grade(A, root, GradeOptions(jobs=1, progress=False, kernel_pool=True))
    finally:
        del os.environ[MARK]
    return root, report, marker


def _outputs(root, student: str, grade_id: str) -> list[dict]:
    nb = nbformat.read(root / "grading" / "autograded" / student / A / f"{A}.ipynb", as_version=4)
    return _answer_cell(nb, grade_id).outputs


def test_every_notebook_ran_through_the_pool(pooled_class):
    root, report, _ = pooled_class
    log = (root / "grading" / "reports" / f"{A}.log").read_text()
    notebooks = len(list((root / "exercises" / A).glob("*.ipynb")))
    assert log.count(POOL_LOG_MARK) == len(report.submissions) * notebooks


def test_a_students_globals_do_not_reach_the_next_students_kernel(pooled_class):
    root, report, _ = pooled_class
    release, _ = load_assignment(root, A)
    test_ids = [c.metadata["nbgrader"]["grade_id"] for c in release[A].cells
                if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    errors = [o.get("ename") for gid in test_ids for o in _outputs(root, "b-heir", gid) if o.output_type == "error"]
    assert errors and set(errors) == {"NameError"}
    assert report.by_student()["b-heir"].score == 0
    assert report.by_student()["a-leaker"].score == autograded_max()


def test_submission_reading_a_file_by_relative_path_is_graded(pooled_class):
    _, report, _ = pooled_class
    reader = report.by_student()["c-reader"]
    assert (reader.status, reader.score) == ("graded", autograded_max()), reader.reason


def test_pre_started_kernel_runs_with_nbgraders_autograde_environment(pooled_class):
    _, report, _ = pooled_class
    env_check = report.by_student()["d-env"]
    assert (env_check.status, env_check.score) == ("graded", autograded_max()), env_check.reason


def test_no_kernel_process_is_left_after_grading(pooled_class):
    _, _, marker = pooled_class
    left = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if proc.environ().get(MARK) == marker:
                left.append((proc.pid, proc.info["cmdline"]))
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    assert left == []


def test_pool_replaces_only_nbgraders_execute_and_keeps_the_order():
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    expected = ["unruffled.grading.kernels.PooledExecute" if cls is Execute else f"{cls.__module__}.{cls.__qualname__}"
                for cls in default]
    assert Execute in default and pooled_preprocessors(Config()) == expected


def test_course_with_its_own_executor_keeps_it():
    config = Config()
    config.Autograde.autograde_preprocessors = ["mycourse.MyExecute", "nbgrader.preprocessors.SaveAutoGrades"]
    assert pooled_preprocessors(config) is None
