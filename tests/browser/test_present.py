"""`unruffled present` serves the dashboards with a real Voilà; the launcher renders."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from unruffled.present import PresentOptions, voila_command
from unruffled.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_present_binds_to_loopback_by_default():
    argv, url = voila_command(PresentOptions(ROOT, port=9999))
    assert "--Voila.ip=127.0.0.1" in argv and not any(a.startswith("--token") for a in argv)
    assert url == "http://127.0.0.1:9999/voila/render/launcher.ipynb"


def test_present_on_the_lan_requires_a_token():
    argv, url = voila_command(PresentOptions(ROOT, port=9999, lan=True))
    tokens = [a for a in argv if a.startswith("--token=")]
    assert "--Voila.ip=0.0.0.0" in argv and len(tokens) == 1 and len(tokens[0]) > len("--token=") + 16
    assert url.endswith("?token=" + tokens[0].split("=", 1)[1])


def test_present_culls_idle_kernels_of_closed_pages():
    argv, _ = voila_command(PresentOptions(ROOT))
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in argv)


@pytest.fixture(scope="module")
def present_gradebook(tmp_path_factory) -> Path:
    """Where the served class results look for the gradebook (nothing there when the server starts)."""
    return tmp_path_factory.mktemp("present-gradebook") / "gradebook.db"


@pytest.fixture(scope="module")
def present_server(tmp_path_factory, present_gradebook):
    port = free_port()
    log = tmp_path_factory.mktemp("present") / "present.log"
    env = {**os.environ, "UNRUFFLED_GRADEBOOK_URL": f"sqlite:///{present_gradebook}"}
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "unruffled.cli", "present", "--port", str(port)], cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    url = f"http://127.0.0.1:{port}/voila/render/launcher.ipynb"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            break
        except OSError:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.3)
    server = SimpleNamespace(url=url, log=log, pid=proc.pid, port=port)
    yield url, log, server
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(20)


def _kernels_waiting_for_a_page(server) -> int:
    """Kernels holding a connection to Voilà's own port: preheated apps waiting in ``wait_for_page``."""
    waiting = 0
    for child in psutil.Process(server.pid).children(recursive=True):
        try:
            if any(c.raddr and c.raddr.port == server.port and c.status == psutil.CONN_ESTABLISHED
                   for c in child.net_connections("tcp")):
                waiting += 1
        except psutil.NoSuchProcess:
            pass
    return waiting


def _wait_for_the_pool(server, apps: int = 3, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _kernels_waiting_for_a_page(server) < apps:
        assert time.monotonic() < deadline, f"the preheated apps never waited for a page:\n{server.log.read_text()[-3000:]}"
        time.sleep(0.5)


def test_present_prints_the_url_to_open(present_server):
    url, log, _ = present_server
    assert f"open {url}" in log.read_text()


@pytest.mark.browser
def test_present_serves_the_launcher(present_server, new_page):
    url, _, _ = present_server
    new_page.goto(url, wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-course-map", timeout=90_000)
    assert new_page.errors.ours() == []


def test_present_on_the_lan_stops_the_address_choosing_the_gradebook():
    from unruffled.present import voila_env

    assert voila_env(PresentOptions(ROOT, lan=True))["UNRUFFLED_PRESENT_LAN"] == "1"
    assert "UNRUFFLED_PRESENT_LAN" not in voila_env(PresentOptions(ROOT))


def test_preheated_kernels_ask_for_their_page_on_the_address_voila_listens_on():
    from unruffled.present import voila_env

    assert voila_env(PresentOptions(ROOT, host="10.1.2.3"))["VOILA_APP_IP"] == "10.1.2.3"
    assert voila_env(PresentOptions(ROOT, lan=True))["VOILA_APP_IP"] == "127.0.0.1"


def test_present_config_preheats_every_app():
    import json

    cfg = json.loads((ROOT / "dashboards" / "voila.json").read_text())
    assert cfg["VoilaConfiguration"]["preheat_kernel"] is True
    apps = [p.name for p in (ROOT / "dashboards").glob("*.ipynb")]
    assert len(apps) == 3
    assert not [a for a in apps for pattern in cfg["VoilaKernelManager"]["preheat_denylist"] if pattern in a]


@pytest.mark.browser
def test_preheated_presenter_opens_the_scenario_named_in_the_address(present_server, new_page):
    from unruffled.roleplay import load

    url, log, server = present_server
    _wait_for_the_pool(server)
    new_page.goto(f"{url.rsplit('/', 1)[0]}/presenter.ipynb?scenario=impatient-cafe-client", wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-customer-line", timeout=90_000)
    assert new_page.locator("select").input_value().startswith(load("impatient-cafe-client").title)
    assert "presenter.ipynb" in "".join(line for line in log.read_text().splitlines() if "Using pre-heated kernel" in line)


@pytest.mark.browser
def test_preheated_class_results_read_the_gradebook_when_the_page_opens(present_server, present_gradebook, new_page,
                                                                        tmp_path_factory):
    from ..dashboards.gradebooks import graded_class

    url, log, server = present_server
    course = graded_class(tmp_path_factory.mktemp("present-class"))
    _wait_for_the_pool(server)  # every app is heated and waiting, with no gradebook on disk yet
    shutil.copy(course / "grading" / "gradebook.db", present_gradebook)
    new_page.goto(f"{url.rsplit('/', 1)[0]}/class-results.ipynb", wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-results, .unruffled-results-problem", timeout=90_000)
    assert new_page.locator(".unruffled-results-problem").count() == 0
    assert "blank" in new_page.inner_text(".unruffled-needs-help")
    assert "class-results.ipynb" in "".join(line for line in log.read_text().splitlines()
                                            if "Using pre-heated kernel" in line)


@pytest.mark.browser
def test_present_serves_the_presenter_and_class_results(present_server, new_page):
    url, _, _ = present_server
    base = url.rsplit("/", 1)[0]
    new_page.goto(f"{base}/presenter.ipynb?scenario=silent-hotel-guest", wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-customer-line", timeout=90_000)
    new_page.goto(f"{base}/class-results.ipynb", wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-results, .unruffled-results-problem", timeout=90_000)
    assert new_page.errors.ours() == []
