"""Benchmark: quiz Check round trip in Voilà vs a bare ipywidgets button, and import cost.

Run: ``.venv/bin/python benchmarks/bench_quiz.py [--n 20]``. Starts its own Voilà
on 127.0.0.1 (free port) and always stops it. Prints a table; goals are 1.2x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unruffled.servers import start_voila  # noqa: E402

CHROMIUM = os.environ.get("UNRUFFLED_CHROMIUM", "/usr/bin/chromium")


def import_time(module: str, runs: int = 15) -> float:
    """Median wall time of ``python -c "import <module>"`` (a fresh interpreter each time)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


BENCH_QUESTIONS = [("01-who-is-difficult", q) for q in ("q1", "q6", "q7", "q8", "q9")] + \
    [("02-your-side-of-the-counter", q) for q in ("q1", "q3", "q5")] + [("03-let-them-vent", q) for q in ("q2", "q6", "q9")]


def _quiz_round_trip(page, i: int) -> float:
    """Check number ``i`` (0-based) on quiz_bench.ipynb: a wrong answer, Check -> feedback visible.

    Each question takes two attempts, so Check i is attempt ``i % 2`` of question ``i // 2``
    and the page never needs a reload (a reload would start a new kernel).
    """
    from unruffled.content.quiz import load_bank

    name, qid = BENCH_QUESTIONS[i // 2]
    q = load_bank(ROOT / "assets" / "quizzes" / f"{name}.yaml").question(qid)
    wrong = [o.text for o in q.options if not o.correct]
    quiz = page.locator(".unruffled-quiz").nth(i // 2)
    if i % 2:
        quiz.get_by_role("button", name="Try again").click()
        quiz.locator(".unruffled-result").wait_for(state="detached")
    quiz.get_by_role("radio", name=wrong[i % 2]).check()
    page.wait_for_timeout(30)  # let the selection reach the kernel, as a human's pause would
    t = time.perf_counter()
    quiz.get_by_role("button", name="Check").click()
    quiz.locator(".unruffled-result").wait_for(state="visible")
    return time.perf_counter() - t


def _bare_round_trip(page, i: int) -> float:
    """Click the bare button -> the label shows the new click count."""
    t = time.perf_counter()
    page.get_by_role("button", name="Check").click()
    page.get_by_text(f"Clicked {i}", exact=True).wait_for(state="visible")
    return time.perf_counter() - t


def browser_round_trips(n: int) -> tuple[list[float], list[float]]:
    """(quiz times, bare times), measured in one Voilà and one Chromium, interleaved."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-quiz-"))
    env = {"UNRUFFLED_PROGRESS_DB": str(tmp / "progress.sqlite3"), "UNRUFFLED_LEARNER": "bench"}
    server = start_voila(ROOT, tmp / "voila.log", env=env)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu"])
            try:
                pages = {}
                for key, nb, sel in (("quiz", "tests/notebooks/quiz_bench.ipynb", ".unruffled-quiz button"),
                                     ("bare", "tests/notebooks/bare_button.ipynb", ".widget-button")):
                    ctx = browser.new_context()
                    ctx.set_default_timeout(60_000)
                    page = ctx.new_page()
                    page.goto(f"{server.url}/voila/render/{nb}", wait_until="domcontentloaded")
                    page.wait_for_selector(sel, timeout=90_000)
                    pages[key] = page
                if n + 1 > 2 * len(BENCH_QUESTIONS):
                    raise SystemExit(f"--n at most {2 * len(BENCH_QUESTIONS) - 1}")
                pages["quiz"].locator(".unruffled-quiz").nth(len(BENCH_QUESTIONS) - 1).wait_for()
                # One untimed warm-up click each: the first click of a kernel pays one-off
                # imports (and, for the quiz, opening the progress store).
                _quiz_round_trip(pages["quiz"], 0)
                _bare_round_trip(pages["bare"], 1)
                quiz_t, bare_t = [], []
                for i in range(1, n + 1):  # interleaved, so machine load hits both alike
                    quiz_t.append(_quiz_round_trip(pages["quiz"], i))
                    bare_t.append(_bare_round_trip(pages["bare"], i + 1))
                return quiz_t, bare_t
            finally:
                browser.close()
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20, help="clicks per variant (median reported)")
    ap.add_argument("--import-runs", type=int, default=15)
    args = ap.parse_args()

    quiz_t, bare_t = browser_round_trips(args.n)
    imp_u = import_time("unruffled", args.import_runs)
    imp_w = import_time("ipywidgets", args.import_runs)
    mq, mb = statistics.median(quiz_t), statistics.median(bare_t)
    rows = [
        ("Voila: Check -> feedback visible (median of %d)" % len(quiz_t), f"{mq * 1000:.0f} ms",
         f"bare Button->Label {mb * 1000:.0f} ms", mq / mb),
        ("python -c 'import unruffled' (median of %d)" % args.import_runs, f"{imp_u * 1000:.0f} ms",
         f"import ipywidgets {imp_w * 1000:.0f} ms", imp_u / imp_w),
    ]
    print(f"{'benchmark':52} {'ours':>10}  {'baseline':>26}  {'ratio':>6}  goal")
    for name, ours, base, ratio in rows:
        print(f"{name:52} {ours:>10}  {base:>26}  {ratio:6.2f}  <= 1.20 {'OK' if ratio <= 1.2 else 'MISSED'}")


if __name__ == "__main__":
    main()
