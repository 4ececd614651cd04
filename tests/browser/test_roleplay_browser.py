"""Role-plays in a real Voilà in a real browser: play each scenario to two endings by
clicking, one by keyboard only, and check the debrief and the mood meter."""

from __future__ import annotations

import importlib.util
import re

import pytest

pytestmark = pytest.mark.browser

READY = ".unruffled-roleplay .unruffled-reply-a"


def nb(scenario_id: str) -> str:
    return f"tests/notebooks/roleplay_{scenario_id.replace('-', '_')}.ipynb"


def pick(page, letter: str, turn: int) -> None:
    """Click reply ``letter`` and wait until the page shows that turn's feedback."""
    page.locator(f".unruffled-reply-{letter.lower()}").click()
    page.locator(".unruffled-feedback", has_text=f"(turn {turn})").wait_for()


def play_path(page, letters: str) -> None:
    for turn, letter in enumerate(letters, start=1):
        pick(page, letter, turn)


def ending_text(page) -> str:
    page.locator(".unruffled-debrief").wait_for()
    return page.locator(".unruffled-debrief-ending").inner_text()


# scenario, replies (letters among those offered), ending shown in the debrief, a line of the last customer turn
PATHS = [
    ("venting-broken-laptop", "AA", "Ending: Escalated.", "I want to speak to the manager. Now."),
    ("venting-broken-laptop", "CA", "Ending: Walked away.", "Forget it. I'll take it somewhere"),
    ("condescending-api-architect", "D", "Ending: Escalated.", "Hold music."),
    ("condescending-api-architect", "BBBA", "Ending: Won over.", "You're the first person there who actually checked"),
    ("condescending-api-architect", "BAABB", "Ending: Resolved.", "Right. Goodbye."),
    ("silent-hotel-guest", "A", "Ending: Walked away.", "He pays, nods once and leaves."),
    ("silent-hotel-guest", "BCAA", "Ending: Won over.", "I come back."),
    ("impatient-cafe-client", "AA", "Ending: Walked away.", "My nephew will do it tonight."),
    ("impatient-cafe-client", "BBAA", "Ending: Won over.", "I'll recommend you to the bakery next door."),
]


@pytest.mark.parametrize("scenario_id,letters,ending,last_line", PATHS, ids=[f"{p[0]}-{p[1]}" for p in PATHS])
def test_clicking_replies_reaches_the_ending_and_its_debrief(voila_page, scenario_id, letters, ending, last_line):
    page = voila_page(nb(scenario_id), READY)
    play_path(page, letters)
    assert ending_text(page).startswith(ending)
    assert last_line in page.locator(".unruffled-chat").inner_text()
    advice = page.locator(".unruffled-debrief").inner_text()
    assert "The six steps (recommended order)" in advice and "Advice" in advice
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.errors.ours() == []


def test_debrief_names_the_pitfall_with_its_turn_and_syllabus_id(voila_page):
    page = voila_page(nb("venting-broken-laptop"), READY)
    play_path(page, "AA")
    text = page.locator(".unruffled-debrief").inner_text()
    assert "Turn 1: Telling them to calm down (VENT-2)" in text
    assert "You told them to calm down on turn 1 (VENT-2)" in text


def test_feedback_of_replies_not_chosen_never_reaches_the_browser(voila_page):
    page = voila_page(nb("silent-hotel-guest"), READY)
    pick(page, "B", 1)
    frames = "".join(page.ws_frames)
    assert "Take your time. Is everything on the bill" in frames  # reply texts are sent...
    assert "is a negative filter" not in frames  # ...but not the feedback of the reply not taken
    assert "pushed-back" not in frames  # nor where it would lead


def test_mood_meter_is_a_progressbar_with_a_readable_value(voila_page):
    page = voila_page(nb("impatient-cafe-client"), READY)
    meter = page.get_by_role("progressbar", name="Customer mood")
    assert meter.get_attribute("aria-valuetext") == "Mood: upset (-3 of -5 to +5)"
    pick(page, "B", 1)
    assert meter.get_attribute("aria-valuenow") == "-2"
    assert "Mood: annoyed (-2 of -5 to +5)" in page.locator(".unruffled-mood").inner_text()


def test_reply_buttons_are_named_by_letter_and_text(voila_page):
    page = voila_page(nb("silent-hotel-guest"), READY)
    names = [page.locator(f".unruffled-reply-{x}").inner_text() for x in "abc"]
    assert [n[:2] for n in names] == ["A.", "B.", "C."]
    assert page.get_by_role("button", name=re.compile(r"^B\. Take your time")).count() == 1


def test_restart_starts_the_conversation_again(voila_page):
    page = voila_page(nb("silent-hotel-guest"), READY)
    pick(page, "A", 1)
    ending_text(page)
    page.get_by_role("button", name="Restart").click()
    page.locator(".unruffled-debrief").wait_for(state="detached")
    assert "He pays, nods once" not in page.locator(".unruffled-chat").inner_text()


def test_export_link_offers_markdown_of_transcript_and_debrief(voila_page):
    page = voila_page(nb("silent-hotel-guest"), READY)
    pick(page, "A", 1)
    link = page.get_by_role("link", name="Download transcript and debrief (Markdown)")
    assert link.get_attribute("download") == "silent-hotel-guest-debrief.md"
    with page.expect_download() as dl:
        link.click()
    text = open(dl.value.path(), encoding="utf-8").read()
    assert "## Transcript" in text and "**Ending:** Walked away." in text


def focused_text(page) -> str:
    return page.evaluate("() => document.activeElement ? (document.activeElement.innerText || '') : ''")


def keyboard_pick(page, letter: str, turn: int) -> None:
    """Reach reply ``letter`` with Tab / Shift+Tab only, then press Enter."""
    for _ in range(60):
        text = focused_text(page)
        if text.startswith(f"{letter}."):
            break
        current = text[:1] if re.match(r"^[A-D]\.", text) else None
        page.keyboard.press("Shift+Tab" if current and current > letter else "Tab")
    else:
        pytest.fail(f"could not reach reply {letter} with the keyboard; focus is on {focused_text(page)!r}")
    page.keyboard.press("Enter")
    page.locator(".unruffled-feedback", has_text=f"(turn {turn})").wait_for()


def test_a_whole_conversation_can_be_played_with_the_keyboard_only(voila_page):
    page = voila_page(nb("silent-hotel-guest"), READY)
    for turn, letter in enumerate("BCAA", start=1):
        keyboard_pick(page, letter, turn)
    assert ending_text(page).startswith("Ending: Won over.")


@pytest.mark.skipif(importlib.util.find_spec("unruffled.coach") is None, reason="the reply coach (unruffled.coach) is not installed yet")
def test_typed_reply_is_judged_by_the_coach_and_picks_the_branch(voila_page):
    page = voila_page(nb("venting-broken-laptop"), READY)
    play_path(page, "BA")
    box = page.get_by_role("textbox", name="Your reply")
    box.fill("I'm really sorry. That must have been awful in front of a new client, I understand why you're upset.")
    page.get_by_role("button", name="Send reply").click()
    page.locator(".unruffled-feedback", has_text="(turn 3)").wait_for()
    assert "Fine. I need a working laptop by Thursday." in page.locator(".unruffled-chat").inner_text()
    pick(page, "B", 4)
    pick(page, "A", 5)
    assert ending_text(page).startswith("Ending: Won over.")


def test_an_ending_is_recorded_in_the_progress_store(voila_page, server_env):
    from unruffled.progress.store import ProgressStore

    page = voila_page(nb("impatient-cafe-client"), READY)
    play_path(page, "AA")
    ending_text(page)
    with ProgressStore(server_env["UNRUFFLED_PROGRESS_DB"]) as store:
        mine = [a for a in store.attempts(learner=server_env["UNRUFFLED_LEARNER"]) if a.item_id == "impatient-cafe-client"]
    assert mine and (mine[-1].kind, mine[-1].outcome, mine[-1].module) == ("roleplay", "walked_away", "02-your-side-of-the-counter")
