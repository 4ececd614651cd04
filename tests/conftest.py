"""Shared fixtures: one real Voilà server, one real JupyterLab and one headless
Chromium for the whole test session, stopped at the end every time.

Browser tests use ``new_page`` (a fresh browser context per test: many pages in
one context stall, see TOOLCHAIN.md).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from unruffled.servers import start_lab, start_voila

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("UNRUFFLED_CHROMIUM", "/usr/bin/chromium")

# Console noise that is not ours: installed extensions and offline CDN look-ups.
FOREIGN_CONSOLE_ERRORS = (
    "ERR_NAME_NOT_RESOLVED",
    "ERR_INTERNET_DISCONNECTED",
    "@jupyterlab/filebrowser",
    "RUNTIME-012",
    "favicon",
    "Failed to load resource",
)


@pytest.fixture(scope="session", autouse=True)
def venv_on_path():
    """nbgrader runs `alembic` and `jupyter` by name: make sure this environment's are found."""
    import sys

    bin_dir = str(Path(sys.executable).parent)
    old = os.environ.get("PATH", "")
    os.environ["PATH"] = bin_dir + os.pathsep + old
    yield
    os.environ["PATH"] = old


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict[str, str]:
    """Environment for servers and their kernels: progress goes to a throwaway database."""
    data = tmp_path_factory.mktemp("server-data")
    return {
        "UNRUFFLED_PROGRESS_DB": str(data / "progress.sqlite3"),
        "UNRUFFLED_LEARNER": "test-learner",
        "JUPYTER_CONFIG_DIR": str(data / "jupyter-config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(data / "workspaces"),
    }


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory, server_env):
    """A real Voilà server in tree mode, rooted at the repository."""
    log = tmp_path_factory.mktemp("logs") / "voila.log"
    server = start_voila(ROOT, log, env=server_env, extra=["--VoilaConfiguration.show_tracebacks=True"])
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_url(voila_server) -> str:
    """Base URL of the Voilà server; a notebook renders at ``{voila_url}/voila/render/<path>``."""
    return voila_server.url


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, server_env):
    """A real JupyterLab server rooted at the repository, without a token (loopback only)."""
    log = tmp_path_factory.mktemp("logs") / "lab.log"
    server = start_lab(ROOT, log, env=server_env)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lab_url(lab_server) -> str:
    """Base URL of JupyterLab; open a notebook at ``{lab_url}/lab/tree/<path>``."""
    return lab_server.url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session, driven by Playwright."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: run 'make test' (it installs Debian's chromium) or set UNRUFFLED_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


class PageErrors(list):
    """Console errors and uncaught page errors, minus noise from outside the project."""

    def ours(self) -> list[str]:
        return [e for e in self if not any(f in e for f in FOREIGN_CONSOLE_ERRORS)]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Remember each phase's outcome so new_page can keep a screenshot of failures.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, request):
    """A page in a fresh context (1280x720) that records errors and websocket frames.

    ``page.errors.ours()`` lists errors not caused by installed extensions or the
    offline network; ``page.ws_frames`` holds every websocket frame received.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.errors = PageErrors()
    page.ws_frames = []
    page.on("console", lambda m: page.errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(f"pageerror: {e}"))

    def _on_ws(ws):
        ws.on("framereceived", lambda payload: page.ws_frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))

    page.on("websocket", _on_ws)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid) + ".png")
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failing page: {shot}")
        except Exception as exc:  # the page may already be gone; the test failure says more
            print(f"no screenshot: {exc}")
    context.close()


def open_voila(page, voila_url: str, relpath: str, ready_selector: str = ".widget-box, .jupyter-widgets, .jp-OutputArea-output"):
    """Open ``relpath`` in Voilà and wait until its first widget has rendered."""
    page.goto(f"{voila_url}/voila/render/{relpath}", wait_until="domcontentloaded")
    page.wait_for_selector(ready_selector, state="attached", timeout=90_000)
    return page


@pytest.fixture
def voila_page(new_page, voila_url):
    """Open a notebook in Voilà: ``voila_page("course/01-who-is-difficult.ipynb")`` returns the page."""
    return lambda relpath, ready_selector=".jupyter-widgets": open_voila(new_page, voila_url, relpath, ready_selector)


def _serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on ``page``, one line each (impact, rule, first targets)."""
    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations
            if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def serious_violations():
    """``serious_violations(page)``: the accessibility audit every browser test asserts empty."""
    return _serious_violations


def _quiz_secrets(q) -> list[str]:
    """Texts that would give a question's answer away if the browser got them before Check."""
    from unruffled.content.quiz import FreeTextQuestion

    out = [q.explanation] + ([q.hint] if q.hint else [])
    for attr in ("options", "items", "left"):
        out += [x.feedback for x in getattr(q, attr, [])]
    if isinstance(q, FreeTextQuestion):
        out.append(q.model_answer)
    return out


@pytest.fixture(scope="session")
def quiz_secrets():
    """``quiz_secrets(question)``: the texts the leak tests look for (one list for the kernel and the browser)."""
    return _quiz_secrets

