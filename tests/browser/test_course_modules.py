"""Every finished module renders in Voilà with all its widgets and no errors."""

from pathlib import Path

import pytest

from unruffled.content import load_manifest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FINISHED = [m for m in load_manifest(ROOT / "course" / "syllabus.yaml").modules if m.status == "finished"]


@pytest.mark.parametrize("module", FINISHED, ids=lambda m: m.name)
def test_finished_module_renders_every_widget_in_voila(voila_page, module):
    page = voila_page(module.notebook, ".jupyter-widgets")
    # Voilà shows a spinner until every cell has run; wait for it to go.
    page.wait_for_function("() => !document.querySelector('#loading') || document.querySelector('#loading').style.display === 'none'",
                           timeout=120_000)
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator("img[alt]").count() >= 1, "the module's figure is missing"
    broken = page.eval_on_selector_all("img", "els => els.filter(e => e.complete && e.naturalWidth === 0).map(e => e.alt)")
    assert broken == []
    assert "Traceback" not in page.inner_text("body")
    assert page.errors.ours() == []
