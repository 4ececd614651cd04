"""The compiled-lexicon cache: keyed by the YAML's content, never trusted when damaged, harmless when unwritable."""

import json
import shutil
import subprocess
import sys

import pytest

from unruffled.coach import assess
from unruffled.coach import lexicon as lexmod
from unruffled.coach.lexicon import load_lexicon, load_lexicon_cached, rubric_dir

REPLIES = [
    "I'm so sorry, that must be frustrating. I'll refund you today and call you tomorrow to check.",
    "You should have read the instructions. It's not that hard, sweetheart.",
    "Whatever. Take your business elsewhere.",
]


@pytest.fixture
def yaml_copy(tmp_path, monkeypatch):
    """A private copy of the English lexicon, with the cache kept beside it only."""
    path = tmp_path / "rubric" / "en.yaml"
    path.parent.mkdir()
    shutil.copy(rubric_dir() / "en.yaml", path)
    monkeypatch.setattr(lexmod, "_cache_dirs", lambda p: [p.parent / "__pycache__"])
    return path


def verdicts(lex):
    return [{c: (r.met, r.evidence) for c, r in assess(reply, lexicon=lex).criteria.items()} for reply in REPLIES]


def test_first_load_writes_a_cache_named_by_the_content_hash(yaml_copy):
    load_lexicon_cached(yaml_copy)
    [cache] = (yaml_copy.parent / "__pycache__").glob("en.*.json")
    key = lexmod._cache_key(yaml_copy.read_bytes())
    assert cache.name == f"en.{key[:16]}.json"
    assert json.loads(cache.read_text())["key"] == key


def test_cached_lexicon_judges_like_a_freshly_validated_one(yaml_copy):
    load_lexicon_cached(yaml_copy)
    from_cache = load_lexicon_cached(yaml_copy)
    assert verdicts(from_cache) == verdicts(load_lexicon(yaml_copy))


def test_second_load_reads_the_cache_without_validating(yaml_copy, monkeypatch):
    load_lexicon_cached(yaml_copy)
    from unruffled.coach import schema

    def no_validation(path):
        raise AssertionError("validated again although the file did not change")

    monkeypatch.setattr(schema, "validate_lexicon", no_validation)
    assert load_lexicon_cached(yaml_copy).language == "en"


def test_editing_the_yaml_invalidates_the_cache(yaml_copy):
    load_lexicon_cached(yaml_copy)
    text = yaml_copy.read_text().replace("      - '\\bsorry\\b'\n", "      - '\\bsorry\\b'\n      - '\\bzzregret\\b'\n", 1)
    assert "zzregret" in text
    yaml_copy.write_text(text)
    lex = load_lexicon_cached(yaml_copy)
    assert assess("zzregret about that.", lexicon=lex).criteria["apology"].met
    assert len(list((yaml_copy.parent / "__pycache__").glob("en.*.json"))) == 1  # the stale one is gone


def test_damaged_cache_is_ignored(yaml_copy):
    load_lexicon_cached(yaml_copy)
    [cache] = (yaml_copy.parent / "__pycache__").glob("en.*.json")
    cache.write_text('{"key": "' + json.loads(cache.read_text())["key"] + '", "data": {"language": 5}}')
    assert verdicts(load_lexicon_cached(yaml_copy)) == verdicts(load_lexicon(yaml_copy))


def test_unwritable_cache_folders_still_load(yaml_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setattr(lexmod, "_cache_dirs", lambda p: [blocker / "__pycache__", blocker / "cache"])
    lex = load_lexicon_cached(yaml_copy)
    assert verdicts(lex) == verdicts(load_lexicon(yaml_copy))


def test_invalid_yaml_is_still_reported_with_its_line(yaml_copy):
    from unruffled.content import ContentError

    yaml_copy.write_text(yaml_copy.read_text().replace("negation_window: 6", "negation_window: 60"))
    with pytest.raises(ContentError, match="negation_window"):
        load_lexicon_cached(yaml_copy)


def test_grading_a_reply_with_a_warm_cache_does_not_import_pydantic():
    code = ("import sys; from unruffled.coach import check_reply; "
            "check_reply('Sorry about that, I will fix it today.', require=['apology']); "
            "print('pydantic' in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # warms the cache
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"
