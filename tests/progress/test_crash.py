"""Kill -9 a writer many times mid-stream: the file stays sound, no acknowledged attempt is lost."""

from __future__ import annotations

import pytest

from unruffled.progress.crashcheck import kill_test


@pytest.mark.slow
def test_kill_9_never_corrupts_or_loses_acknowledged_attempts(tmp_path):
    report = kill_test(tmp_path / "crash.sqlite3", kills=25, seed=20240611)
    assert report.kills == 25
    assert report.acknowledged >= 25  # every run acknowledged at least one attempt
    assert report.integrity == "ok"
    assert report.missing == ()
