"""The course manifest: the real one loads, and each broken fixture gets one precise message."""

import re
from pathlib import Path

import pytest

from unruffled.content import ContentError, load_manifest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "manifest"
CONTENT_MD = ROOT.parent / "shared" / "CONTENT.md"

# fixture name (the rule it breaks) -> the message it must produce, after the file name.
EXPECTED = {
    "malformed_yaml": ":3: invalid YAML: did not find expected ',' or ']'",
    "empty_file": ": file is empty",
    "unknown_top_level_field": ":3: 'titel': is not a known field (check the spelling)",
    "missing_course_title": ":1: 'title': is required",
    "modules_not_numbered_from_one": ":6: 'modules': modules must be numbered 1, 2, 3, ... in order; found [2]",
    "module_covers_unknown_id": ":12: module 'who-is-difficult': 'covers': names unknown syllabus id 'WHO-9'",
    "syllabus_id_in_no_module": ":5: syllabus entry 'WHO-2': is in no module's 'covers'",
    "syllabus_id_in_two_modules": ":18: module 'second': 'covers': WHO-2 is already covered by module 'who-is-difficult'",
    "duplicate_syllabus_id": ":5: syllabus entry 'WHO-1': 'id': WHO-1 is listed twice",
    "slug_not_kebab_case": ":8: module 'Who Is Difficult': 'slug': String should match pattern",
    "minutes_below_five": ":10: module 'who-is-difficult': 'minutes': Input should be greater than or equal to 5",
    "syllabus_id_bad_pattern": ":5: syllabus entry 'who2': 'id': String should match pattern",
    "module_without_objectives": ":11: module 'who-is-difficult': 'objectives': List should have at least 1 item",
    "unknown_module_status": ":11: module 'who-is-difficult': 'status': Input should be 'planned', 'draft' or 'finished'",
}


def test_every_manifest_fixture_has_an_expected_message():
    names = {p.stem for p in FIXTURES.glob("*.yaml")} - {"valid"}
    assert names == set(EXPECTED)


def test_valid_fixture_loads():
    manifest = load_manifest(FIXTURES / "valid.yaml")
    assert [m.name for m in manifest.modules] == ["01-who-is-difficult"]


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_broken_manifest_names_file_line_item_and_field(rule):
    path = FIXTURES / f"{rule}.yaml"
    with pytest.raises(ContentError) as info:
        load_manifest(path)
    first = str(info.value.problems[0])
    assert first.split(":")[0].endswith(f"{rule}.yaml"), first
    assert EXPECTED[rule] in first, first


def test_course_manifest_loads_and_assigns_every_id():
    manifest = load_manifest(ROOT / "course" / "syllabus.yaml")
    covered = [sid for m in manifest.modules for sid in m.covers]
    assert sorted(covered) == sorted(manifest.ids)


def test_course_notebook_names_follow_the_manifest_order():
    manifest = load_manifest(ROOT / "course" / "syllabus.yaml")
    on_disk = sorted(p.name for p in (ROOT / "course").glob("*.ipynb"))
    declared = [Path(m.notebook).name for m in manifest.modules]
    assert all(name in declared for name in on_disk), on_disk
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", n) for n in on_disk)


@pytest.mark.skipif(not CONTENT_MD.exists(), reason="the shared syllabus (../shared/CONTENT.md) is not beside this checkout")
def test_manifest_ids_and_stars_match_the_shared_syllabus():
    text = CONTENT_MD.read_text()
    listed = dict(re.findall(r"^- ([A-Z]+-\d+)(\*?) ", text, flags=re.M))
    manifest = load_manifest(ROOT / "course" / "syllabus.yaml")
    assert manifest.ids == set(listed)
    assert manifest.starred == {i for i, star in listed.items() if star}
