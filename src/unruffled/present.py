"""``unruffled present``: serve the facilitator dashboards with Voilà.

Voilà runs in ``dashboards/`` so it reads ``dashboards/voila.json``: each app
has one preheated kernel. A preheated kernel runs the notebook before the
request arrives; our apps do their imports, then wait for the page
(:func:`unruffled.dashboards.wait_for_page`) before they read ``?scenario=`` /
``?gradebook=`` or any data, so a page never shows the gradebook as it was
when the kernel was heated. A waiting pool kernel is busy, and Voilà never
culls pool kernels, so the culler leaves it alone. The culling flags are
repeated on the command line so they hold even if the JSON file is edited.
"""

from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from .servers import voila_args

# Closed pages keep their kernels (voila#1458), so idle kernels are culled. The
# timeout stays far above the slowest page load on a busy laptop (20 s culled
# pages still loading; our slowest app loads in ~15 s on a loaded 2-core
# machine): a kernel culled while its page is still loading shows the
# facilitator a dead page. cull_connected=False: an open page keeps its kernel
# while the room discusses, however long that takes.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60


@dataclass(frozen=True)
class PresentOptions:
    """How to serve the dashboards."""

    root: Path
    host: str = "127.0.0.1"
    port: int = 8866
    lan: bool = False
    token: str | None = None

    @property
    def listen_ip(self) -> str:
        return "0.0.0.0" if self.lan else self.host


def voila_command(opts: PresentOptions) -> tuple[list[str], str]:
    """The Voilà command line and the URL to open.

    On the LAN a token is required: anyone in the room could otherwise reach the server.
    """
    extra = [
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]
    token = opts.token
    if opts.lan and not token:
        token = secrets.token_urlsafe(16)
    if token:
        extra.append(f"--token={token}")
    argv = voila_args(opts.root / "dashboards", opts.port, opts.listen_ip, extra=extra)
    url = f"http://{opts.host if not opts.lan else '<this-computer-ip>'}:{opts.port}/voila/render/launcher.ipynb"
    if token:
        url += f"?token={token}"
    return argv, url


def voila_env(opts: PresentOptions) -> dict[str, str]:
    """Environment for Voilà and its kernels: on the LAN, dashboards ignore address overrides of the gradebook."""
    import os

    env = dict(os.environ)
    if opts.lan:
        env["UNRUFFLED_PRESENT_LAN"] = "1"
    # A preheated kernel asks Voilà for its page's address on this IP (Voilà's default, 127.0.0.1,
    # is not listening when the server is bound to one other address).
    env["VOILA_APP_IP"] = "127.0.0.1" if opts.lan else opts.host
    return env


def run(opts: PresentOptions) -> int:
    """Start Voilà in the foreground until Ctrl+C."""
    import subprocess

    argv, url = voila_command(opts)
    print(f"Unruffled dashboards: open {url}", flush=True)
    if opts.lan:
        print("Listening on every network interface; share the address above (with its token) with the room.", flush=True)
    try:
        return subprocess.call(argv, cwd=opts.root / "dashboards", env=voila_env(opts))
    except KeyboardInterrupt:
        return 0


def main_args(parser) -> None:
    """Register the ``present`` options on an argparse sub-parser."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--lan", action="store_true", help="listen on the local network for a workshop (token required)")
    parser.add_argument("--token", help="token for --lan (default: a random one, printed)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(PresentOptions(Path.cwd())))
