"""Start and stop real Jupyter servers (Voilà, JupyterLab) on the loopback interface.

Used by ``unruffled present``, the test fixtures and the benchmarks, so all
three start servers the same way and always stop them.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Server:
    """A server process we started, with its URL and log file."""

    name: str
    url: str
    process: subprocess.Popen
    log_path: Path
    _log_file: object = field(default=None, repr=False)

    def log(self) -> str:
        """Everything the server has printed so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def wait_ready(self, path: str = "/", timeout: float = 90.0) -> None:
        """Block until ``url + path`` answers, or raise with the server's log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}:\n{self.log()[-4000:]}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as resp:
                    if resp.status < 500:
                        return
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return
            except (OSError, http.client.HTTPException):
                # Not listening yet, or something else answered oddly on the port.
                pass
            time.sleep(0.25)
        self.stop()
        raise TimeoutError(f"{self.name} did not answer at {self.url}{path} within {timeout:.0f} s:\n{self.log()[-4000:]}")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server and its kernels (the whole process group)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


def _start(name: str, argv: list[str], url: str, log_path: Path, env: dict[str, str] | None, cwd: Path) -> Server:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_file = open(log_path, "w")
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=log_file,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so stop() also ends its kernels
    )
    return Server(name, url, process, log_path, log_file)


def voila_args(root: Path, port: int, ip: str = "127.0.0.1", notebook: str | None = None, extra: list[str] | None = None) -> list[str]:
    """Command line for a Voilà server on ``root`` (tree mode) or one notebook."""
    argv = [sys.executable, "-m", "voila"]
    if notebook:
        argv.append(notebook)
    argv += [
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--Voila.root_dir={root}",
        "--ServerApp.port_retries=0",
    ]
    return argv + list(extra or [])


def start_voila(root: Path, log_path: Path, port: int | None = None, env: dict[str, str] | None = None,
                notebook: str | None = None, extra: list[str] | None = None, ip: str = "127.0.0.1") -> Server:
    """Start Voilà serving ``root`` and wait until it answers."""
    port = port or free_port()
    server = _start("voila", voila_args(root, port, ip, notebook, extra), f"http://127.0.0.1:{port}", log_path, env, root)
    server.wait_ready("/")
    return server


def start_lab(root: Path, log_path: Path, port: int | None = None, env: dict[str, str] | None = None,
              extra: list[str] | None = None) -> Server:
    """Start JupyterLab on ``root`` with no token (loopback only) and wait until it answers."""
    port = port or free_port()
    argv = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--PasswordIdentityProvider.hashed_password=",
        "--ServerApp.disable_check_xsrf=False",
    ]
    if _running_as_root():
        argv.append("--allow-root")
    server = _start("jupyterlab", argv + list(extra or []), f"http://127.0.0.1:{port}", log_path, env, root)
    server.wait_ready("/api/status")
    return server
