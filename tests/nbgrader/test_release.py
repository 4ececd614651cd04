"""The student release in exercises/ is exactly what nbgrader makes from solutions/, and leaks nothing."""

import json
import re
from pathlib import Path

import pytest
from nbgrader.validator import Validator

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "solutions").glob("*/*.ipynb"))
RELEASES = sorted((ROOT / "exercises").glob("*/*.ipynb"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def test_every_assignment_has_a_release():
    assert [p.relative_to(ROOT / "solutions") for p in SOURCES] == [p.relative_to(ROOT / "exercises") for p in RELEASES]


@pytest.mark.nbgrader
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_release_is_exactly_what_generate_assignment_makes(source, released_course):
    rel = source.relative_to(ROOT / "solutions")
    generated = json.loads((released_course.root / "exercises" / rel).read_text())
    committed = json.loads((ROOT / "exercises" / rel).read_text())
    assert committed == generated, f"exercises/{rel} has drifted: run 'nbgrader generate_assignment {rel.parent} --force' and commit"


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.parent.name)
def test_release_contains_no_solution_or_hidden_test_markers(release):
    text = release.read_text()
    assert not re.search(r"BEGIN (SOLUTION|HIDDEN TESTS)|END (SOLUTION|HIDDEN TESTS)", text)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_release_contains_no_solution_or_hidden_test_text(source):
    """Every line inside a solution or hidden-test block is absent from the release."""
    release_text = (ROOT / "exercises" / source.relative_to(ROOT / "solutions")).read_text()
    secret_lines = []
    for cell in _cells(source):
        inside = False
        for line in "".join(cell["source"]).splitlines():
            if re.search(r"### BEGIN (SOLUTION|HIDDEN TESTS)", line):
                inside = True
            elif re.search(r"### END (SOLUTION|HIDDEN TESTS)", line):
                inside = False
            elif inside and line.strip():
                secret_lines.append(line.strip())
    assert secret_lines, "a source assignment with no solution or hidden tests cannot be checked for leaks"
    leaked = [line for line in secret_lines if json.dumps(line)[1:-1] in release_text]
    assert leaked == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_source_notebook_passes_nbgrader_validation(source):
    assert Validator().validate(str(source)) == {}


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.parent.name)
def test_blank_release_fails_nbgrader_validation(release):
    assert "failed" in Validator().validate(str(release))
