"""Role-play benchmark: reply click -> next customer line visible, in Voilà in a real
browser, against a bare ipywidgets Button round trip in the same run; and the time to
validate every scenario.

Run: .venv/bin/python benchmarks/bench_roleplay.py   (starts and always stops its own Voilà)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("UNRUFFLED_CHROMIUM", "/usr/bin/chromium")
SAMPLES = 20
PATH = "BCAA"  # silent-hotel-guest, to "won over": four replies per play

# Click in the page and time until the DOM shows the answer, so Playwright's own
# round trips are not in the number.
BASELINE_JS = """async (n) => {
  const t0 = performance.now();
  document.querySelector('.jupyter-widgets button').click();
  await new Promise((done) => {
    const ok = () => document.querySelector('.bench-out')?.textContent === String(n);
    const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); done(); } });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  });
  return performance.now() - t0;
}"""

REPLY_JS = """async (letter) => {
  const count = () => document.querySelectorAll('.unruffled-chat .unruffled-customer').length;
  const before = count();
  const t0 = performance.now();
  document.querySelector('.unruffled-reply-' + letter).click();
  await new Promise((done) => {
    const obs = new MutationObserver(() => { if (count() > before) { obs.disconnect(); done(); } });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  });
  return performance.now() - t0;
}"""


def validation_times(repeats: int = 20) -> tuple[int, float, float]:
    """(number of scenarios, median seconds to validate all, median per scenario)."""
    from unruffled.content.scenario import load_scenario

    files = sorted((ROOT / "assets" / "scenarios").glob("*.yaml"))
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for f in files:
            load_scenario(f)
        runs.append(time.perf_counter() - t0)
    med = statistics.median(runs)
    return len(files), med, med / len(files)


def browser_times() -> tuple[list[float], list[float]]:
    """(bare button round trips, reply-to-next-line times), in milliseconds."""
    from playwright.sync_api import sync_playwright

    from unruffled.servers import _start, free_port, voila_args

    with tempfile.TemporaryDirectory() as tmp:
        env = {"UNRUFFLED_PROGRESS_DB": str(Path(tmp) / "progress.sqlite3"), "UNRUFFLED_LEARNER": "bench"}
        port = free_port()
        # Started by hand rather than with start_voila, so the server is stopped even
        # when waiting for it fails (start_voila loses the process if wait_ready raises).
        server = _start("voila", voila_args(ROOT, port), f"http://127.0.0.1:{port}", Path(tmp) / "voila.log", env, ROOT)
        try:
            server.wait_ready("/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu"])
                try:
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    page.goto(f"{server.url}/voila/render/tests/notebooks/roleplay_baseline_button.ipynb")
                    page.wait_for_selector(".bench-out", timeout=90_000)
                    page.evaluate(BASELINE_JS, 1)  # warm-up
                    base = [page.evaluate(BASELINE_JS, n) for n in range(2, SAMPLES + 2)]
                    ctx.close()

                    ctx = browser.new_context()
                    page = ctx.new_page()
                    page.goto(f"{server.url}/voila/render/tests/notebooks/roleplay_silent_hotel_guest.ipynb")
                    page.wait_for_selector(".unruffled-reply-a", timeout=90_000)
                    reply: list[float] = []
                    first = True
                    while len(reply) < SAMPLES:
                        for letter in PATH:
                            ms = page.evaluate(REPLY_JS, letter.lower())
                            if not first:  # the very first click warms up the kernel's code paths
                                reply.append(ms)
                            first = False
                        page.locator(".unruffled-debrief").wait_for()
                        page.get_by_role("button", name="Restart").click()
                        page.locator(".unruffled-debrief").wait_for(state="detached")
                    ctx.close()
                finally:
                    browser.close()
        finally:
            server.stop()
    return base, reply[:SAMPLES]


def main() -> int:
    n, total, per = validation_times()
    base, reply = browser_times()
    mb, mr = statistics.median(base), statistics.median(reply)
    ratio = mr / mb
    rows = [
        ("bare Button round trip (median of 20)", f"{mb:.0f} ms", ""),
        ("reply -> next customer line (median of 20)", f"{mr:.0f} ms", f"{ratio:.2f}x baseline (goal <= 1.2x)"),
        ("reply -> next line, 90th percentile", f"{statistics.quantiles(reply, n=10)[-1]:.0f} ms", ""),
        (f"validate all {n} scenarios (median of 20)", f"{total * 1000:.1f} ms", f"{per * 1000:.1f} ms per scenario"),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':{w}}  {'value':>9}  note")
    for name, value, note in rows:
        print(f"{name:{w}}  {value:>9}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
