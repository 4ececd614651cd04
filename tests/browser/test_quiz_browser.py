"""Quizzes in a real Voilà, in a real browser: feedback, the key kept in the kernel, keyboard use."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest

from unruffled.content.quiz import load_bank
from unruffled.quiz.engine import present

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ALL_TYPES = "tests/notebooks/quiz_all_types.ipynb"
# (bank, question id) in the order quiz_all_types.ipynb shows them.
SHOWN = [("01-who-is-difficult", "q1"), ("01-who-is-difficult", "q2"), ("03-let-them-vent", "q1"),
         ("03-let-them-vent", "q4"), ("02-your-side-of-the-counter", "q2")]


def bank(name):
    return load_bank(ROOT / "assets" / "quizzes" / f"{name}.yaml")


def question(name, qid):
    return bank(name).question(qid)


def frames_text(frames: list[str]) -> str:
    """Frames as received, plus JSON-decoded, so escaped unicode cannot hide a match."""
    out = []
    for f in frames:
        out.append(f)
        try:
            out.append(json.dumps(json.loads(f), ensure_ascii=False))
        except ValueError:
            # Binary-framed messages: find the JSON parts inside.
            for m in re.finditer(r"\{.*\}", f, re.S):
                try:
                    out.append(json.dumps(json.loads(m.group(0)), ensure_ascii=False))
                except ValueError:
                    pass
    return "\n".join(out)


def open_all_types(voila_page):
    page = voila_page(ALL_TYPES, ".unruffled-quiz")
    page.locator(".unruffled-quiz").nth(len(SHOWN) - 1).wait_for()
    page.locator(".unruffled-quiz").nth(len(SHOWN) - 1).get_by_role("button", name="Check").wait_for()
    return page


def box(page, i):
    return page.locator(".unruffled-quiz").nth(i)


def answer(page, i, right: bool):
    """Answer question ``i`` of the page right or wrong, through the real controls."""
    name, qid = SHOWN[i]
    q = question(name, qid)
    b = box(page, i)
    if q.type in ("single", "judgement"):
        opt = next(o for o in q.options if o.correct == right)
        b.get_by_role("radio", name=opt.text).check()
    elif q.type == "multiple":
        picks = [o for o in q.options if o.correct] if right else [next(o for o in q.options if not o.correct)]
        for o in picks:
            b.get_by_role("checkbox", name=o.text).check()
    elif q.type == "ordering":
        order = list(q.answer) if right else list(reversed(q.answer))
        text = {it.id: it.text for it in q.items}
        for pos, iid in enumerate(order, start=1):
            b.get_by_label(f"Step {pos}:").select_option(label=text[iid])
    elif q.type == "matching":
        p = present(q, bank(name).seed)
        right_text = {r.id: r.text for r in q.right}
        for n, left in enumerate(p.left, start=1):
            target = q.answer[left.id]
            if not right:
                target = next(r.id for r in q.right if r.id != target)
            b.get_by_label(f"Match for {n}:").select_option(label=right_text[target])
    b.get_by_role("button", name="Check").click()
    return b.locator(".unruffled-result")


@pytest.mark.parametrize("i", range(len(SHOWN)), ids=[f"{n}:{q}" for n, q in SHOWN])
def test_right_answer_shows_correct_and_why(voila_page, i):
    page = open_all_types(voila_page)
    result = answer(page, i, right=True)
    result.wait_for()
    text = result.inner_text()
    q = question(*SHOWN[i])
    assert "✓ Correct" in text
    assert q.explanation in text
    assert page.errors.ours() == []


@pytest.mark.parametrize("i", range(len(SHOWN)), ids=[f"{n}:{q}" for n, q in SHOWN])
def test_wrong_answer_shows_not_quite_and_its_feedback(voila_page, i):
    page = open_all_types(voila_page)
    result = answer(page, i, right=False)
    result.wait_for()
    text = result.inner_text()
    q = question(*SHOWN[i])
    assert "✗ Not quite" in text or "◐ Partly right" in text
    assert q.explanation not in text  # attempts remain: the key is still kept back
    if q.type in ("single", "judgement", "multiple"):
        wrong = next(o for o in q.options if not o.correct)
        assert wrong.feedback in text


def test_key_never_reaches_the_browser_before_check(voila_page, quiz_secrets):
    page = open_all_types(voila_page)
    page.wait_for_timeout(1000)  # let any late widget messages arrive
    dom = page.content()
    wire = frames_text(page.ws_frames)
    assert page.ws_frames, "no websocket frames captured: the scan would prove nothing"
    for name, qid in SHOWN:
        for secret in quiz_secrets(question(name, qid)):
            assert secret not in dom and escape(secret, quote=False) not in dom, f"{qid}: in DOM: {secret[:50]}"
            assert secret not in wire, f"{qid}: on the wire: {secret[:50]}"
    assert not re.search(r'"correct"\s*:\s*true', wire)
    assert not re.search(r'"correct"\s*:\s*true', dom)


def test_feedback_reaches_the_browser_only_after_check(voila_page):
    # The positive control for the leak test: the same scan finds the text once it is allowed.
    page = open_all_types(voila_page)
    q = question(*SHOWN[0])
    answer(page, 0, right=True).wait_for()
    right = next(o for o in q.options if o.correct)
    assert right.feedback in page.content()
    assert right.feedback in frames_text(page.ws_frames)


def test_keyboard_only_answer_and_check(voila_page):
    page = open_all_types(voila_page)
    name, qid = SHOWN[0]
    q = question(name, qid)
    order = [c.id for c in present(q, bank(name).seed).choices]
    first = box(page, 0)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.type") == "radio":
            break
    else:
        pytest.fail("Tab never reached a radio option")
    page.keyboard.press("Space")
    checked = first.locator("label:has(input[type=radio]:checked)")
    right = next(o.text for o in q.options if o.correct)
    for _ in range(len(order)):
        if checked.count() == 1 and checked.inner_text().strip() == right:
            break
        page.keyboard.press("ArrowDown")
    assert checked.inner_text().strip() == right, "arrow keys did not move the selection to the right option"
    # ipywidgets throttles state syncs (one pending update at a time) but sends button clicks at
    # once, so a click pressed within milliseconds of the last arrow key can overtake the selection.
    # A person never types that fast; give the last update time to reach the kernel.
    page.wait_for_timeout(1000)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.innerText") .strip().endswith("Check"):
            break
    else:
        pytest.fail("Tab never reached the Check button")
    page.keyboard.press("Enter")
    result = first.locator(".unruffled-result")
    result.wait_for()
    assert "✓ Correct" in result.inner_text()


def test_every_control_has_an_accessible_name(voila_page):
    page = open_all_types(voila_page)
    nameless = page.evaluate("""() => [...document.querySelectorAll(
        '.unruffled-quiz input, .unruffled-quiz select, .unruffled-quiz textarea, .unruffled-quiz button')].filter(el => {
          const id = el.id, lab = el.closest('label') || (id && document.querySelector(`label[for="${id}"]`));
          const name = (el.getAttribute('aria-label') || (lab && lab.innerText) || el.innerText || el.title || '').trim();
          return !name;
        }).map(el => el.outerHTML.slice(0, 120))""")
    assert nameless == []


def test_bank_view_moves_to_next_question_and_saves_progress(voila_page, server_env):
    from unruffled.progress.store import ProgressStore

    page = voila_page("tests/notebooks/quiz_bank.ipynb", ".unruffled-quiz")
    quiz = page.locator(".unruffled-quiz").first
    quiz.get_by_text("Question 1 of 2").wait_for()
    q1 = question("01-who-is-difficult", "q1")
    quiz.get_by_role("radio", name=next(o.text for o in q1.options if o.correct)).check()
    quiz.get_by_role("button", name="Check").click()
    quiz.locator(".unruffled-result").wait_for()
    quiz.get_by_role("button", name="Next question").click()
    quiz.get_by_text("Question 2 of 2 · 1 right so far").wait_for()
    # Other browser tests share this learner's store, so compare the view with the store,
    # which must hold this test's answer to q1.
    with ProgressStore(server_env["UNRUFFLED_PROGRESS_DB"]) as store:
        done = store.best_scores("test-learner").get("01-who-is-difficult", {})
    assert done.get("q1") == 1.0
    page.get_by_role("button", name="Refresh").click()
    b = bank("01-who-is-difficult")
    section = page.locator(".unruffled-progress h3", has_text=b.title).locator("xpath=following-sibling::p[1]")
    answered = sum(1 for q in b.questions if q.id in done)
    section.get_by_text(f"{answered} of {len(b.questions)} questions done").wait_for()
    assert page.locator(".unruffled-progress svg[role=img] title").count() >= 1


def test_free_text_reply_is_judged_by_the_coach(voila_page):
    pytest.importorskip("unruffled.coach", reason="the reply coach has not landed yet")
    page = voila_page("tests/notebooks/quiz_free_text.ipynb", ".unruffled-quiz")
    quiz = page.locator(".unruffled-quiz").first
    quiz.get_by_label("Your reply:").fill("Calm down, there is nothing I can do.")
    quiz.get_by_role("button", name="Check").click()
    result = quiz.locator(".unruffled-result")
    result.wait_for()
    assert "✗ Not quite" in result.inner_text() or "◐ Partly right" in result.inner_text()
    quiz.get_by_role("button", name="Try again").click()
    quiz.get_by_label("Your reply:").fill(
        "Forty minutes on hold is awful, I'm really sorry. I understand how frustrating this must be. "
        "I'll take it from here so you don't have to repeat anything.")
    quiz.get_by_role("button", name="Check").click()
    quiz.get_by_text("✓ Correct").wait_for()
