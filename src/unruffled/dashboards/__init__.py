"""Facilitator dashboards served by ``unruffled present`` (Voilà apps under ``dashboards/``).

Each notebook makes one call here. The logic lives in plain Python
(:mod:`.results`, :mod:`.presenter`, :mod:`.launcher`) and is tested without
widgets; the functions below only wrap it in ipywidgets.

``unruffled present`` preheats every app: Voilà starts a kernel and runs the
notebook before anybody asks for the page. Each function below therefore does
its imports first (the slow part), then :func:`wait_for_page`, and only then
reads the page address and the data, so a page always shows the data as it is
when the page is opened, never as it was when the kernel was heated.
"""

from __future__ import annotations

import json
import os
import sys
from urllib.parse import parse_qs


def wait_for_page(open_timeout: float = 10.0) -> bool:
    """In a kernel Voilà preheated, block until a page takes the kernel; then its request info is in ``os.environ``.

    Returns ``True`` if it waited. Outside a preheated kernel (Voilà without a
    pool, JupyterLab, tests) it returns ``False`` at once.

    The protocol is the one of ``voila.utils.wait_for_request``: the kernel opens
    ``ws://<ip>:<port><base url>voila/query/<kernel id>`` and Voilà sends the
    request info (``QUERY_STRING`` and friends) as one JSON message when a page
    is served from this kernel. We speak it with ``websockets`` directly because
    importing ``voila.utils`` imports the whole Voilà server: 3.4 s of CPU and tens
    of MB in every dashboard kernel.
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return False
    from websockets.sync.client import connect

    ip = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    url = f"{protocol}://{ip}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"
    try:
        # No receive timeout: a pool kernel may wait hours for its page. Pings keep the socket alive.
        with connect(url, open_timeout=open_timeout, max_size=None) as ws:
            info = json.loads(ws.recv())
    except Exception as exc:  # Voilà unreachable: the page is then built now, as without a pool
        print(f"unruffled: no request info from {url} ({type(exc).__name__}: {exc})", file=sys.stderr)
        return False
    for key, value in info.items():
        os.environ[key] = value
    return True


def launcher():
    """The workshop launcher (an ``ipywidgets.HTML``)."""
    import ipywidgets as W

    from ..content.manifest import load_manifest
    from .launcher import Launcher
    from .presenter import scenario_catalogue

    wait_for_page()
    token = parse_qs(os.environ.get("QUERY_STRING", "")).get("token", [""])[0]
    page = Launcher(load_manifest(), tuple(scenario_catalogue()), token=token)
    return W.HTML(page._repr_html_(), layout=W.Layout(width="auto"))


def presenter(scenario_id: str | None = None):
    """The scenario presenter (``?scenario=<id>`` in the page address picks the first scenario)."""
    from .presenter import import_view_modules, presenter_widget

    import_view_modules()
    wait_for_page()
    return presenter_widget(scenario_id)


def class_results(db_url: str | None = None):
    """Class results from the gradebook (``UNRUFFLED_GRADEBOOK_URL``, ``?gradebook=``, or the course's own)."""
    import ipywidgets as W

    from .results import default_gradebook_url, gradebook_url_from_query, load_results

    wait_for_page()
    try:
        url = db_url or gradebook_url_from_query(os.environ.get("QUERY_STRING", ""), default_gradebook_url())
        shown = load_results(url)._repr_html_()
    except Exception as exc:  # last line of defence: a facilitator never sees a traceback
        shown = (f'<div class="unruffled-results-problem" role="status" data-kind="error"><p><strong>'
                 f"The class results could not be shown ({type(exc).__name__}).</strong></p></div>")
    return W.HTML(shown, layout=W.Layout(width="auto"))
