"""Facilitator dashboards served by ``unruffled present`` (Voilà apps under ``dashboards/``).

Each notebook makes one call here. The logic lives in plain Python
(:mod:`.results`, :mod:`.presenter`, :mod:`.launcher`) and is tested without
widgets; the functions below only wrap it in ipywidgets.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs


def launcher():
    """The workshop launcher (an ``ipywidgets.HTML``)."""
    import ipywidgets as W

    from ..content.manifest import load_manifest
    from .launcher import Launcher
    from .presenter import scenario_catalogue

    token = parse_qs(os.environ.get("QUERY_STRING", "")).get("token", [""])[0]
    page = Launcher(load_manifest(), tuple(scenario_catalogue()), token=token)
    return W.HTML(page._repr_html_(), layout=W.Layout(width="auto"))


def presenter(scenario_id: str | None = None):
    """The scenario presenter (``?scenario=<id>`` in the page address picks the first scenario)."""
    from .presenter import presenter_widget

    return presenter_widget(scenario_id)


def class_results(db_url: str | None = None):
    """Class results from the gradebook (``UNRUFFLED_GRADEBOOK_URL``, ``?gradebook=``, or the course's own)."""
    import ipywidgets as W

    from .results import default_gradebook_url, gradebook_url_from_query, load_results

    try:
        url = db_url or gradebook_url_from_query(os.environ.get("QUERY_STRING", ""), default_gradebook_url())
        shown = load_results(url)._repr_html_()
    except Exception as exc:  # last line of defence: a facilitator never sees a traceback
        shown = (f'<div class="unruffled-results-problem" role="status" data-kind="error"><p><strong>'
                 f"The class results could not be shown ({type(exc).__name__}).</strong></p></div>")
    return W.HTML(shown, layout=W.Layout(width="auto"))
