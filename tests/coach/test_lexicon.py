"""Lexicon files: validation with file/line/criterion/field, and a second language as data only."""

from pathlib import Path

import pytest

from unruffled.coach import assess, judge, load_lexicon
from unruffled.coach.lexicon import Lexicon, rubric_dir
from unruffled.content import ContentError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "rubric"


def problems(name):
    with pytest.raises(ContentError) as err:
        load_lexicon(FIX / name)
    return [str(p) for p in err.value.problems]


def test_shipped_english_lexicon_loads():
    assert isinstance(load_lexicon(rubric_dir() / "en.yaml"), Lexicon)


def test_minimal_fixture_is_valid():
    assert load_lexicon(FIX / "good_minimal.yaml").language == "xx"


def test_bad_regex_message_exact():
    [p] = problems("bad_regex.yaml")
    assert p.endswith("bad_regex.yaml:101: criterion 'blame': 'patterns': pattern 2 is not a valid regular expression "
                      "(missing ), unterminated subpattern at position 0): '(unclosed'")


def test_bad_top_level_regex_names_field():
    [p] = problems("bad_negation_regex.yaml")
    assert p.endswith("bad_negation_regex.yaml:11: 'negation': is not a valid regular expression "
                      "(unterminated character set at position 0): '[not'")


def test_unknown_criterion_names_line_and_lists_the_criteria():
    ps = problems("unknown_criterion.yaml")
    assert any(p.endswith("unknown_criterion.yaml:125: criterion 'kindness': 'id': unknown criterion 'kindness'; the criteria are "
                          "empathy, apology, clarifying_question, mirroring, agree_first, options, next_step, follow_up, "
                          "calm_down, blame, excuse, over_promise, condescension, hostility") for p in ps)
    assert any(p.endswith("unknown_criterion.yaml:20: 'criteria': is missing criteria: hostility (every lexicon defines all 14)") for p in ps)


def test_duplicate_criterion_names_line():
    ps = problems("duplicate_criterion.yaml")
    assert any(p.endswith("duplicate_criterion.yaml:125: criterion 'blame': 'id': is defined twice (first at criterion 10)") for p in ps)


def test_unknown_veto_if_criterion():
    [p] = problems("bad_veto_if.yaml")
    assert p.endswith("bad_veto_if.yaml:31: criterion 'apology': 'veto_if': names unknown criterion 'sarcasm'")


def test_unknown_field_is_a_typo_error():
    [p] = problems("unknown_field.yaml")
    assert p.endswith("unknown_field.yaml:47: criterion 'mirroring': 'pattern': is not a known field (check the spelling)")


def test_bad_syllabus_id():
    [p] = problems("bad_syllabus_id.yaml")
    assert p.endswith("bad_syllabus_id.yaml:104: criterion 'excuse': syllabus entry 1: String should match pattern '^[A-Z]+-[0-9]+$'")


def test_missing_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        load_lexicon(tmp_path / "nope.yaml")


def test_second_language_is_only_a_data_file():
    lex = load_lexicon(FIX / "good_minimal.yaml")
    a = assess("aa bb zzempathy cc zzblame", lexicon=lex)
    assert a.language == "xx" and a.strengths == ["empathy"] and a.pitfalls == ["blame"]
    assert judge("aa zzempathy", require=["empathy"], lexicon=lex).message == "Passed."


def test_validate_command_loads_the_shipped_lexicon(repo_root):
    from unruffled.validate import validate_repo

    report = validate_repo(repo_root)
    assert not [p for p in report.problems if "rubric" in p.path]
