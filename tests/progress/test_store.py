"""The progress store: API, defaults and durability settings."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from unruffled.progress.store import Attempt, ProgressStore, default_db_path


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / "p.sqlite3")
    yield s
    s.close()


def test_record_returns_increasing_row_ids(store):
    a = store.record("ana", "01-who-is-difficult", "q1", "single", {"choice": "b"}, 1.0)
    b = store.record("ana", "01-who-is-difficult", "q2", "single", {"choice": "a"}, 0.0)
    assert b > a > 0


def test_attempts_round_trip_every_field(store):
    rid = store.record("ana", "01-who-is-difficult", "q1", "multiple", ["a", "c"], 0.5, outcome="partial",
                       syllabus=["WHO-2", "WHO-3"])
    (att,) = store.attempts()
    assert att == Attempt(id=rid, timestamp=att.timestamp, learner="ana", module="01-who-is-difficult",
                          item_id="q1", kind="multiple", answer=["a", "c"], score=0.5, outcome="partial",
                          syllabus=("WHO-2", "WHO-3"))
    assert att.timestamp.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - att.timestamp).total_seconds()) < 60


def test_attempts_filter_by_learner_and_module(store):
    store.record("ana", "m1", "q1", "single", "a", 1)
    store.record("bo", "m1", "q1", "single", "a", 1)
    store.record("ana", "m2", "q1", "single", "a", 1)
    assert [(a.learner, a.module) for a in store.attempts(learner="ana", module="m1")] == [("ana", "m1")]
    assert len(store.attempts(learner="ana")) == 2
    assert len(store.attempts(module="m1")) == 2


def test_attempt_is_frozen(store):
    store.record("ana", "m1", "q1", "single", "a", 1)
    with pytest.raises(AttributeError):
        store.attempts()[0].score = 0.0


def test_attempt_has_html_repr(store):
    store.record("ana", "m1", "q<1>", "single", "a", 1)
    html = store.attempts()[0]._repr_html_()
    assert "q&lt;1&gt;" in html and "100%" in html


@pytest.mark.parametrize("score", [-0.1, 1.5, float("nan")])
def test_record_rejects_score_outside_unit_interval(store, score):
    with pytest.raises(ValueError, match="score"):
        store.record("ana", "m1", "q1", "single", "a", score)


def test_record_rejects_answer_that_is_not_json(store):
    with pytest.raises(ValueError, match="JSON"):
        store.record("ana", "m1", "q1", "single", object(), 1.0)
    assert store.attempts() == []


def test_record_rejects_empty_learner(store):
    with pytest.raises(ValueError, match="learner"):
        store.record("", "m1", "q1", "single", "a", 1.0)


def test_mastery_is_mean_of_best_score_per_item(store):
    store.record("ana", "m1", "q1", "single", "a", 0.0, syllabus=["WHO-2"])
    store.record("ana", "m1", "q1", "single", "b", 1.0, syllabus=["WHO-2"])  # retry counts
    store.record("ana", "m1", "q2", "single", "a", 0.0, syllabus=["WHO-2", "WHO-3"])
    store.record("bo", "m1", "q2", "single", "a", 1.0, syllabus=["WHO-3"])
    assert store.mastery("ana") == {"m1": {"WHO-2": 0.5, "WHO-3": 0.0}}


def test_mastery_ignores_attempts_without_syllabus_ids(store):
    store.record("ana", "m1", "q1", "single", "a", 1.0)
    assert store.mastery("ana") == {}


def test_best_scores_per_item(store):
    store.record("ana", "m1", "q1", "single", "a", 0.5)
    store.record("ana", "m1", "q1", "single", "a", 0.25)
    assert store.best_scores("ana") == {"m1": {"q1": 0.5}}


def test_database_uses_wal_and_full_sync(store):
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_record_is_committed_when_it_returns(store):
    rid = store.record("ana", "m1", "q1", "single", "a", 1.0)
    other = sqlite3.connect(store.path)
    try:
        assert other.execute("SELECT id FROM attempts").fetchall() == [(rid,)]
    finally:
        other.close()


def test_two_stores_on_one_file_both_write(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as a, ProgressStore(tmp_path / "p.sqlite3") as b:
        a.record("ana", "m1", "q1", "single", "a", 1.0)
        b.record("bo", "m1", "q1", "single", "a", 1.0)
        assert len(a.attempts()) == 2


def test_default_path_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("UNRUFFLED_PROGRESS_DB", str(tmp_path / "env.sqlite3"))
    assert default_db_path() == tmp_path / "env.sqlite3"


def test_default_path_from_config_file(monkeypatch, tmp_path):
    monkeypatch.delenv("UNRUFFLED_PROGRESS_DB", raising=False)
    cfg = tmp_path / "config"
    (cfg).mkdir()
    (cfg / "config.yaml").write_text(f"progress_db: {tmp_path / 'cfg.sqlite3'}\n")
    monkeypatch.setattr("unruffled.progress.store._config_file", lambda: cfg / "config.yaml")
    assert default_db_path() == tmp_path / "cfg.sqlite3"


def test_default_path_falls_back_to_user_data_dir(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("UNRUFFLED_PROGRESS_DB", raising=False)
    monkeypatch.setattr("unruffled.progress.store._config_file", lambda: tmp_path / "none.yaml")
    assert default_db_path() == __import__("pathlib").Path(platformdirs.user_data_dir("unruffled")) / "progress.sqlite3"


def test_store_without_path_uses_env(monkeypatch, tmp_path):
    monkeypatch.setenv("UNRUFFLED_PROGRESS_DB", str(tmp_path / "sub" / "env.sqlite3"))
    with ProgressStore() as s:
        assert s.path == tmp_path / "sub" / "env.sqlite3"
        assert s.path.exists()


def test_default_learner_from_env(monkeypatch):
    monkeypatch.setenv("UNRUFFLED_LEARNER", "kim")
    assert ProgressStore.default_learner() == "kim"


def test_default_learner_falls_back_to_os_user(monkeypatch):
    monkeypatch.delenv("UNRUFFLED_LEARNER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    assert ProgressStore.default_learner() == "osuser"


def test_importing_store_does_not_import_ipywidgets():
    import subprocess
    import sys

    code = "import sys, unruffled.progress.store, unruffled.progress; assert 'ipywidgets' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_shared_store_is_one_per_path(tmp_path):
    a = ProgressStore.shared(tmp_path / "s.sqlite3")
    assert ProgressStore.shared(tmp_path / "s.sqlite3") is a
    assert ProgressStore.shared(tmp_path / "t.sqlite3") is not a
