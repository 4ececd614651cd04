"""Module 01 renders its widgets in a real Voilà and a real JupyterLab, in a real browser."""

import pytest

pytestmark = pytest.mark.browser

NB = "course/01-who-is-difficult.ipynb"


def test_module_01_renders_its_widgets_in_voila(voila_page):
    page = voila_page(NB, ".unruffled-course-map")
    assert page.locator(".unruffled-course-map caption").inner_text().startswith("Unruffled")
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.errors.ours() == []


def test_voila_does_not_show_the_source_code(voila_page):
    page = voila_page(NB, ".unruffled-course-map")
    assert "from unruffled.course import course_map" not in page.content()


def test_module_01_renders_its_widgets_in_jupyterlab_after_run_all(new_page, lab_url):
    page = new_page
    page.goto(f"{lab_url}/lab/tree/{NB}", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    # Run All only once the kernel has started and reports idle in the status bar.
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_selector(".jp-OutputArea .unruffled-course-map", timeout=90_000)
    outputs = page.locator(".jp-OutputArea")
    assert outputs.get_by_text("Error displaying widget").count() == 0
    assert outputs.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.errors.ours() == []
