"""The reply coach widget in a real Voilà and browser: typed, checked from the keyboard, highlighted, audited."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "tests/notebooks/coach_widget.ipynb"  # requires apology and next_step, forbids calm_down
GOOD = "I'm so sorry you've been left waiting. I'll call the warehouse now and ring you back by five."


def _check_by_keyboard(page, reply: str):
    """Type ``reply`` into the coach, Tab to its button and press Enter; the feedback's verdict."""
    page.get_by_label("Your reply").focus()
    page.keyboard.type(reply)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Check my reply"
    page.keyboard.press("Enter")
    verdict = page.locator(".unruffled-coach-verdict")
    verdict.wait_for()
    return verdict


def test_good_reply_checked_by_keyboard_passes_with_its_words_highlighted(voila_page):
    page = voila_page(PAGE, ".unruffled-coach-widget")
    verdict = _check_by_keyboard(page, GOOD)
    assert verdict.inner_text().startswith("✓")
    assert page.locator("mark.unruffled-strength", has_text="sorry").count() == 1
    assert page.locator("mark.unruffled-pitfall").count() == 0
    assert page.locator(".unruffled-coach-checklist li").count() == 3  # two required, one forbidden


def test_pitfall_is_marked_as_a_pitfall_with_its_advice(voila_page):
    page = voila_page(PAGE, ".unruffled-coach-widget")
    verdict = _check_by_keyboard(page, "Calm down, it's only forty minutes.")
    assert verdict.inner_text().startswith("✗")
    assert page.locator("mark.unruffled-pitfall", has_text="Calm down").count() == 1
    item = page.locator(".unruffled-coach-checklist li", has_text="calm down: found")
    assert "Evidence: “Calm down”" in item.inner_text()


def test_coach_with_feedback_has_no_serious_accessibility_violations(voila_page, serious_violations):
    page = voila_page(PAGE, ".unruffled-coach-widget")
    _check_by_keyboard(page, GOOD + " Calm down though.")
    assert serious_violations(page) == []
