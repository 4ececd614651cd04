"""Progress view: numbers per module and an accessible SVG chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from unruffled.progress.report import ModuleProgress, collect, progress_html, svg_chart
from unruffled.progress.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as s:
        yield s


def test_collect_counts_questions_done_against_bank_size(store):
    store.record("ana", "01-who-is-difficult", "q1", "single", "both", 1.0, syllabus=["WHO-2"])
    store.record("ana", "01-who-is-difficult", "q2", "multiple", ["shouter"], 0.5, syllabus=["WHO-2", "WHO-4"])
    mp = next(m for m in collect(store, "ana", ROOT) if m.module == "01-who-is-difficult")
    assert (mp.done, mp.total) == (2, 9)
    assert mp.mastery["WHO-2"] == 0.75 and mp.mastery["WHO-3"] is None


def test_collect_keeps_modules_without_a_bank(store):
    store.record("ana", "04-empathy-not-sympathy", "turn3", "roleplay", "x", 0.5, syllabus=["EMP-1"])
    mp = next(m for m in collect(store, "ana", ROOT) if m.module == "04-empathy-not-sympathy")
    assert mp.mastery == {"EMP-1": 0.5} and mp.done == 1


def test_summary_reads_the_numbers():
    mp = ModuleProgress("m", "Module", 2, 9, {"WHO-2": 0.75, "WHO-3": None})
    assert mp.summary() == "Module: 2 of 9 questions done. Mastery WHO-2 75%. Not tried yet: WHO-3."


def test_chart_is_an_image_with_a_title():
    svg = svg_chart(ModuleProgress("m", "Module", 2, 9, {"WHO-2": 0.75}))
    assert 'role="img"' in svg and "<title" in svg and "WHO-2 75%" in svg


def test_chart_uses_theme_colours():
    svg = svg_chart(ModuleProgress("m", "Module", 2, 9, {"WHO-2": 0.75}))
    assert "var(--jp-brand-color1)" in svg and "var(--jp-ui-font-color1)" in svg


def test_html_has_a_table_for_screen_readers():
    html = progress_html([ModuleProgress("m", "Module", 2, 9, {"WHO-2": 0.75, "WHO-3": None})], "ana")
    assert "<table" in html and "<td>75%</td>" in html and "not tried yet" in html


def test_html_without_progress_says_so():
    assert "No progress saved yet for ana" in progress_html([], "ana")


def test_show_progress_widget_renders(store):
    pytest.importorskip("ipywidgets")
    from unruffled.progress.widget import progress

    store.record("ana", "01-who-is-difficult", "q1", "single", "both", 1.0, syllabus=["WHO-2"])
    w = progress("ana", store, root=ROOT)
    assert "1 of 9 questions done" in w.view.value
