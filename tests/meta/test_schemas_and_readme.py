"""Generated files stay in step with their sources: JSON Schemas and the README's course map."""

import re
from pathlib import Path

import pytest

from unruffled.content import load_manifest
from unruffled.course import CourseMap
from unruffled.schemas import SCHEMAS, render

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("filename,target", SCHEMAS)
def test_committed_json_schema_matches_the_model(filename, target):
    committed = (ROOT / "schemas" / filename).read_text()
    assert committed == render(target), f"schemas/{filename} is stale: run 'unruffled schema' and commit"


def test_readme_course_map_matches_the_manifest():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- course-map.*?-->\n(.*?)\n<!-- /course-map -->", readme, re.S)
    assert block, "README.md has no course-map block"
    assert block.group(1).strip() == CourseMap(load_manifest(ROOT / "course" / "syllabus.yaml")).markdown()


def test_readme_gives_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make lab") < readme.index("## For learners")
    assert readme.index("make test") < readme.index("## For learners")


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
