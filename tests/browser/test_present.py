"""`unruffled present` serves the dashboards with a real Voilà; the launcher renders."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
def present_server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("present") / "present.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "unruffled.cli", "present", "--port", str(port)], cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/voila/render/launcher.ipynb"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            break
        except OSError:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.3)
    yield url, log
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(20)


def test_present_prints_the_url_to_open(present_server):
    url, log = present_server
    assert f"open {url}" in log.read_text()


@pytest.mark.browser
def test_present_serves_the_launcher(present_server, new_page):
    url, _ = present_server
    new_page.goto(url, wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-course-map", timeout=90_000)
    assert new_page.errors.ours() == []


def test_present_on_the_lan_stops_the_address_choosing_the_gradebook():
    from unruffled.present import voila_env

    assert voila_env(PresentOptions(ROOT, lan=True))["UNRUFFLED_PRESENT_LAN"] == "1"
    assert "UNRUFFLED_PRESENT_LAN" not in voila_env(PresentOptions(ROOT))


def test_present_config_preheats_only_pages_that_ignore_the_address():
    import json

    cfg = json.loads((ROOT / "dashboards" / "voila.json").read_text())
    assert cfg["VoilaConfiguration"]["preheat_kernel"] is True
    assert set(cfg["VoilaKernelManager"]["preheat_denylist"]) == {"presenter.ipynb", "class-results.ipynb"}


@pytest.mark.browser
def test_present_serves_the_presenter_and_class_results(present_server, new_page):
    url, _ = present_server
    base = url.rsplit("/", 1)[0]
    new_page.goto(f"{base}/presenter.ipynb?scenario=silent-hotel-guest", wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-customer-line", timeout=90_000)
    new_page.goto(f"{base}/class-results.ipynb", wait_until="domcontentloaded")
    new_page.wait_for_selector(".unruffled-results, .unruffled-results-problem", timeout=90_000)
    assert new_page.errors.ours() == []
