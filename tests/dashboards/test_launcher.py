"""The launcher lists modules and scenarios with their minutes and links to the apps."""

from __future__ import annotations

from unruffled.content.manifest import load_manifest
from unruffled.dashboards.launcher import Launcher
from unruffled.dashboards.presenter import scenario_catalogue


def _page(repo_root, token=""):
    return Launcher(load_manifest(repo_root / "course" / "syllabus.yaml"), tuple(scenario_catalogue(repo_root)), token)._repr_html_()


def test_launcher_links_each_scenario_to_the_presenter(repo_root):
    page = _page(repo_root)
    for s in scenario_catalogue(repo_root):
        assert f'href="presenter.ipynb?scenario={s.id}"' in page and f"{s.minutes} min" in page


def test_launcher_shows_every_module_with_minutes(repo_root):
    page = _page(repo_root)
    for m in load_manifest(repo_root / "course" / "syllabus.yaml").modules:
        assert m.title in page or __import__("html").escape(m.title) in page


def test_launcher_links_both_apps(repo_root):
    page = _page(repo_root)
    assert 'href="presenter.ipynb"' in page and 'href="class-results.ipynb"' in page
