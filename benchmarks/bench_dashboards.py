"""Dashboards benchmark: time to interactive per app (median of 10) against a bare
one-widget Voilà notebook in the same run, kernel memory per open page, and how long
after opening and closing 30 pages the kernels are culled and memory is back to baseline.

Run: .venv/bin/python benchmarks/bench_dashboards.py [--gradebook /abs/path/gradebook.db] [--samples 10] [--tti-only]
Starts and always stops its own Voilà (127.0.0.1, a free port) with the shipped
``dashboards/voila.json`` settings (every app preheated) but a short cull timeout,
which the table reports. Each app is measured twice in the same server: as shipped
(``dashboards/``) and with preheating off (``cold/``, the same folder under another
name on the preheat deny list), so the table shows where the time goes. The bare page
is served the way a plain ``voila`` serves a notebook: no preheated kernel.
Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import shutil
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("UNRUFFLED_CHROMIUM", "/usr/bin/chromium")
CULL_IDLE = 30
CULL_INTERVAL = 5
CLOSED_PAGES = 30

BARE = {"cells": [{"cell_type": "code", "execution_count": None, "id": "bare", "metadata": {}, "outputs": [],
                   "source": "import ipywidgets as W\nW.Button(description='Bare')"}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}


def kernels(server) -> list[psutil.Process]:
    """Kernel processes started by the server (its process group, minus the server itself)."""
    out = []
    for p in psutil.Process(server.process.pid).children(recursive=True):
        try:  # a kernel may be culled between listing and reading it
            if "ipykernel" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def kernel_rss(server) -> float:
    """Total resident memory of the server's kernels, in MB."""
    total = 0
    for p in kernels(server):
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


class Rows(list):
    """Table rows, each also printed as soon as it is measured (a long run still reports if cut short)."""

    def append(self, row) -> None:
        print("  ".join(row), flush=True)
        super().append(row)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gradebook", help="absolute path of a gradebook.db for class results (default: the course's)")
    ap.add_argument("--samples", type=int, default=10)
    ap.add_argument("--tti-only", action="store_true", help="measure time to interactive only (no memory and culling)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from unruffled.servers import start_voila

    # Inside the repository (its git-ignored tmp/): the apps find the course by walking up
    # from their folder. Copies, not a symlinked folder: Voilà looks for notebooks to
    # preheat with Path.rglob, which does not enter symlinked folders (an earlier version
    # of this benchmark measured a "preheated" launcher that was never preheated).
    (ROOT / "tmp").mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-dashboards-", dir=ROOT / "tmp"))
    (tmp / "bare.ipynb").write_text(json.dumps(BARE))
    for folder in ("dashboards", "cold"):
        (tmp / folder).mkdir()
        for nb in (ROOT / "dashboards").glob("*.ipynb"):
            shutil.copy(nb, tmp / folder / nb.name)
    cfg = json.loads((ROOT / "dashboards" / "voila.json").read_text())
    extra = [
        "--preheat_kernel=True", f"--pool_size={cfg['VoilaConfiguration']['default_pool_size']}",
        "--VoilaKernelManager.preheat_denylist=" + json.dumps(
            ["bare.ipynb", "cold/", *[f"dashboards/{n}" for n in cfg["VoilaKernelManager"]["preheat_denylist"]]]),
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
        "--MappingKernelManager.cull_connected=False",
    ]
    gb = f"?gradebook={args.gradebook}" if args.gradebook else ""
    shipped = [("launcher", "launcher.ipynb", ".unruffled-launcher"),
               ("presenter", "presenter.ipynb?scenario=silent-hotel-guest", ".unruffled-reply"),
               ("class results", f"class-results.ipynb{gb}", ".unruffled-results, .unruffled-results-problem")]
    apps = [("bare (one Button, cold)", "bare.ipynb", "button.jupyter-button"),
            *[(f"{n} (shipped, preheated)", f"dashboards/{p}", r) for n, p, r in shipped],
            *[(f"{n} (cold)", f"cold/{p}", r) for n, p, r in shipped]]
    server = start_voila(tmp, tmp / "voila.log", extra=extra)
    rows = Rows()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)

            def open_page(path: str, ready: str):
                ctx = browser.new_context(viewport={"width": 1280, "height": 720})
                page = ctx.new_page()
                t0 = time.monotonic()
                page.goto(f"{server.url}/voila/render/{path}", wait_until="commit")
                page.wait_for_selector(ready, timeout=120_000)
                return ctx, time.monotonic() - t0

            for _, path, ready in apps:  # warm the disk cache and the pools once
                open_page(path, ready)[0].close()
            time.sleep(3)
            times = {name: [] for name, _, _ in apps}
            for _ in range(args.samples):  # interleaved, so load changes hit every app alike
                for name, path, ready in apps:
                    ctx, t = open_page(path, ready)
                    times[name].append(t)
                    ctx.close()
            bare = statistics.median(times[apps[0][0]])
            for name, _, _ in apps:
                m = statistics.median(times[name])
                rows.append((f"time to interactive: {name}", f"{m:.2f} s", f"{m / bare:.2f}x bare"))
            rows.append(("load average (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg()), "after the timing"))
            if args.tti_only:
                browser.close()
                return _table(rows)

            # memory per open page: wait for every kernel of the runs above to be culled first
            deadline = time.monotonic() + CULL_IDLE * 4
            while time.monotonic() < deadline and len(kernels(server)) > len(shipped):  # one pool kernel per app
                time.sleep(2)
            base_n, base_rss = len(kernels(server)), kernel_rss(server)
            rows.append(("baseline kernels (preheated pool)", str(base_n), f"{base_rss:.0f} MB RSS"))
            for name, path, ready in apps[:4]:  # a cold kernel of an app holds what a preheated one does
                # the previous app's kernels must be culled first, or they count against this one
                deadline = time.monotonic() + CULL_IDLE * 4
                while time.monotonic() < deadline and len(kernels(server)) > base_n:
                    time.sleep(2)
                before = kernel_rss(server)
                ctxs = [open_page(path, ready)[0] for _ in range(3)]
                time.sleep(2)
                per = (kernel_rss(server) - before) / 3
                rows.append((f"kernel memory per open page: {name}", f"{per:.0f} MB", "RSS, 3 pages open"))
                for c in ctxs:
                    c.close()
            deadline = time.monotonic() + CULL_IDLE * 4
            while time.monotonic() < deadline and len(kernels(server)) > base_n:
                time.sleep(2)

            name, path, ready = apps[2]  # the presenter as shipped
            for _ in range(CLOSED_PAGES):
                ctx, _ = open_page(path, ready)
                ctx.close()
            closed_at = time.monotonic()
            peak_n, peak_rss = len(kernels(server)), kernel_rss(server)
            culled = back = None
            while time.monotonic() - closed_at < CULL_IDLE * 6:
                n, rss = len(kernels(server)), kernel_rss(server)
                if culled is None and n <= base_n:
                    culled = time.monotonic() - closed_at
                if back is None and rss <= base_rss * 1.1 + 5:
                    back = time.monotonic() - closed_at
                if culled is not None and back is not None:
                    break
                time.sleep(1)
            rows.append((f"after {CLOSED_PAGES} closed {name} pages", f"{peak_n} kernels",
                         f"{peak_rss:.0f} MB RSS"))
            rows.append((f"kernels culled (cull_idle_timeout={CULL_IDLE} s, interval={CULL_INTERVAL} s)",
                         "never" if culled is None else f"{culled:.0f} s", "after the last page closed"))
            rows.append(("kernel memory back to baseline (+10 %)", "never" if back is None else f"{back:.0f} s",
                         f"{kernel_rss(server):.0f} MB RSS now"))
            browser.close()
    finally:
        server.stop()
        used = [line for line in server.log().splitlines() if "Using pre-heated kernel" in line]
        print(f"pages served from a preheated kernel: {len(used)}", flush=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return _table(rows)


def _table(rows) -> int:
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'value':>12}  note")
    for a, b, c in rows:
        print(f"{a:<{w}}  {b:>12}  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
