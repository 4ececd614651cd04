"""Fixtures for the dashboards' plain-Python tests."""

from __future__ import annotations

import pytest

from .gradebooks import graded_class


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """A course folder with a really autograded synthetic class (see ``gradebooks.py``)."""
    return graded_class(tmp_path_factory.mktemp("dashboards"))
