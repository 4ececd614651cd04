"""The facilitator dashboards in a real Voilà with a real Chromium: render, keyboard play, class
results from a really autograded class, CSV download, error states, axe-core."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from unruffled.roleplay import load

from ..dashboards.gradebooks import copy_of, empty_gradebook, foreign_gradebook, graded_class

pytestmark = pytest.mark.browser

APP = "dashboards/{}.ipynb"


@pytest.fixture(scope="session")
def gradebooks(tmp_path_factory) -> dict[str, Path]:
    """The graded class's gradebook and the broken ones, by name."""
    base = tmp_path_factory.mktemp("dash-gradebooks")
    course = graded_class(base)
    return {"graded": course / "grading" / "gradebook.db", "empty": empty_gradebook(base),
            "foreign": foreign_gradebook(base), "missing": base / "missing" / "gradebook.db",
            "locked": copy_of(course, base, "locked")}


def _results(voila_page, db: Path, selector: str = ".unruffled-results, .unruffled-results-problem"):
    return voila_page(f"{APP.format('class-results')}?gradebook={db}", selector)


def _next_line_or_ending(page) -> None:
    """Wait until the customer's next line offers replies, or the debrief is shown (they arrive in separate updates)."""
    page.locator(".unruffled-debrief").or_(page.get_by_text("Discuss, then pick a reply")).first.wait_for()


def _tab_to(page, prefix: str, limit: int = 40) -> None:
    """Press Tab until the focused element's text starts with ``prefix`` (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => (document.activeElement.textContent || '').trim()").startswith(prefix):
            return
    raise AssertionError(f"Tab never reached a control starting with {prefix!r}")


def test_launcher_links_to_the_apps_and_every_scenario(voila_page):
    page = voila_page(APP.format("launcher"), ".unruffled-launcher")
    hrefs = page.eval_on_selector_all(".unruffled-launcher a", "els => els.map(e => e.getAttribute('href'))")
    assert {"presenter.ipynb", "class-results.ipynb", "presenter.ipynb?scenario=silent-hotel-guest"} <= set(hrefs)
    assert page.errors.ours() == []


def test_launcher_scenario_link_opens_the_presenter_on_that_scenario(voila_page):
    page = voila_page(APP.format("launcher"), ".unruffled-launcher")
    page.click("a[href='presenter.ipynb?scenario=impatient-cafe-client']")
    page.wait_for_selector(".unruffled-customer-line", timeout=90_000)
    # ipywidgets' select shows labels as option values: the scenario's title
    assert page.locator("select").input_value().startswith(load("impatient-cafe-client").title)


def test_presenter_plays_a_scenario_to_an_ending_by_keyboard_only(voila_page):
    page = voila_page(f"{APP.format('presenter')}?scenario=silent-hotel-guest", ".unruffled-customer-line")
    for _ in range(20):
        if page.locator(".unruffled-debrief").count():
            break
        _tab_to(page, "A:")
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Picked: reply A")
        _tab_to(page, "Reveal")
        page.keyboard.press("Enter")
        page.wait_for_selector(".unruffled-reveal")
        _tab_to(page, "Next")
        page.keyboard.press("Enter")
        page.wait_for_selector(".unruffled-reveal", state="detached")
        _next_line_or_ending(page)
    assert page.locator(".unruffled-debrief").count() == 1
    assert page.locator(".unruffled-map svg").count() == 1
    assert page.errors.ours() == []


def test_presenter_plays_a_scenario_to_an_ending_with_number_keys_only(voila_page):
    page = voila_page(f"{APP.format('presenter')}?scenario=silent-hotel-guest", ".unruffled-customer-line")
    page.hover(".unruffled-customer-line")  # the pointer rests on the stage; nothing is clicked
    for _ in range(20):
        if page.locator(".unruffled-debrief").count():
            break
        page.keyboard.press("1")
        page.wait_for_selector("text=Picked: reply A")
        page.keyboard.press("r")
        page.wait_for_selector(".unruffled-reveal")
        page.keyboard.press("n")
        page.wait_for_selector(".unruffled-reveal", state="detached")
        _next_line_or_ending(page)
    assert page.locator(".unruffled-debrief").count() == 1
    page.keyboard.press("p")
    page.wait_for_selector(".unruffled-debrief", state="detached")
    assert page.errors.ours() == []


def test_presenter_shows_the_keys_on_screen(voila_page):
    page = voila_page(f"{APP.format('presenter')}?scenario=silent-hotel-guest", ".unruffled-customer-line")
    assert page.locator(".unruffled-keys kbd").all_inner_texts() == ["1", "4", "R", "N", "P"]
    assert page.get_by_role("button", name="A:").get_attribute("title") == "Reply A, key 1"


def test_presenter_customer_line_is_projector_sized(voila_page):
    page = voila_page(APP.format("presenter"), ".unruffled-customer-line")
    size = page.eval_on_selector(".unruffled-customer-line", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 28


def test_presenter_keeps_feedback_in_the_kernel_until_reveal(voila_page):
    scenario = load("silent-hotel-guest")
    feedback = [c.feedback for c in scenario.node(scenario.start).choices if c.feedback]
    page = voila_page(f"{APP.format('presenter')}?scenario=silent-hotel-guest", ".unruffled-customer-line")
    page.get_by_role("button", name="A:").click()
    page.wait_for_selector("text=Picked: reply A")
    seen = page.content() + "".join(page.ws_frames)
    assert feedback and not [f for f in feedback if f[:40] in seen]


def test_class_results_list_answers_awaiting_manual_grading(voila_page, gradebooks):
    page = _results(voila_page, gradebooks["graded"])
    awaiting = page.inner_text(".unruffled-awaiting")
    assert "good" in awaiting and "raises" in awaiting and "blank" not in awaiting


def test_class_results_render_from_an_autograded_class(voila_page, gradebooks):
    page = _results(voila_page, gradebooks["graded"])
    needs_help = page.inner_text(".unruffled-needs-help")
    flagged = page.inner_text(".unruffled-flagged")
    assert "absent" in needs_help and "blank" in needs_help and "good" not in needs_help
    assert "ungradable" in flagged and "badjson" in flagged
    assert page.locator(".unruffled-results svg title").count() == 2
    assert page.errors.ours() == []


def test_class_results_csv_download_holds_the_rows_shown(voila_page, gradebooks):
    page = _results(voila_page, gradebooks["graded"])
    link = page.locator("a.unruffled-results-csv")
    assert link.get_attribute("download") == "class-results.csv"
    text = page.evaluate("async (href) => await (await fetch(href)).text()", link.get_attribute("href"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["student_id"] for r in rows if r["section"] == "needs_help"} == {"absent", "badjson", "blank", "partial", "raises"}
    assert {r["section"] for r in rows} == {"score", "question", "mastery", "needs_help", "flagged",
                                            "awaiting_manual_grade"}


@pytest.mark.parametrize("name, kind, words", [
    ("missing", "missing", "No gradebook yet"),
    ("empty", "empty", "no graded submissions"),
    ("foreign", "unknown_course", "another course"),
])
def test_class_results_explain_a_bad_gradebook(voila_page, gradebooks, name, kind, words):
    page = _results(voila_page, gradebooks[name], ".unruffled-results-problem")
    assert page.get_attribute(".unruffled-results-problem", "data-kind") == kind
    assert words in page.inner_text(".unruffled-results-problem") and "Traceback" not in page.content()


def test_class_results_explain_a_locked_gradebook(voila_page, gradebooks):
    holder = sqlite3.connect(gradebooks["locked"], isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        page = _results(voila_page, gradebooks["locked"], ".unruffled-results-problem")
        text = page.inner_text(".unruffled-results-problem")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert page.get_attribute(".unruffled-results-problem", "data-kind") == "locked" and "busy" in text


@pytest.mark.parametrize("app, query, ready", [
    ("launcher", "", ".unruffled-launcher"),
    ("presenter", "?scenario=silent-hotel-guest", ".unruffled-customer-line"),
    ("class-results", "graded", ".unruffled-results"),
])
def test_app_has_no_serious_accessibility_violations(voila_page, gradebooks, app, query, ready, serious_violations):
    if query == "graded":
        query = f"?gradebook={gradebooks['graded']}"
    page = voila_page(f"{APP.format(app)}{query}", ready)
    assert serious_violations(page) == []


def test_presenter_debrief_has_no_serious_accessibility_violations(voila_page, serious_violations):
    page = voila_page(f"{APP.format('presenter')}?scenario=silent-hotel-guest", ".unruffled-customer-line")
    for _ in range(20):
        if page.locator(".unruffled-debrief").count():
            break
        page.get_by_role("button", name="A:").click()
        page.get_by_role("button", name="Reveal").click()
        page.get_by_role("button", name="Next").click()
        page.wait_for_selector(".unruffled-reveal", state="detached")
    page.wait_for_selector(".unruffled-debrief")
    assert serious_violations(page) == []
