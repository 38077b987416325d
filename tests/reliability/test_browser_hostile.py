"""In Debian's chromium: pages that show hostile listing text, pastes and upload names run none of it.

Every payload sets `window.__pwned` or opens a dialog if it ever executes; the test loads each page,
interacts with it (hover, submit), and checks the flag stays undefined, no dialog fired, and no
element the payload tried to inject exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .conftest import HOSTILE_PASTE

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def server(hostile_db: Path, serve_catalog: Callable[[Path], str]) -> str:
    return serve_catalog(hostile_db)


@pytest.fixture()
def tab(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def _nothing_ran(page: Any) -> None:
    page.wait_for_load_state("load")
    page.mouse.move(200, 200)
    for el in page.locator("main a, main td, main h1, main dd").all()[:10]:
        if el.is_visible():
            el.hover(timeout=2000)  # fires any onmouseover a payload managed to inject
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined", page.url
    assert page.dialogs == [], page.dialogs
    injected = "img[src=x], svg[onload], b[onmouseover], iframe, [onerror], [onload]:not(body)"
    assert page.locator(injected).count() == 0, page.url


def test_hostile_listings_run_nothing_on_catalog_model_and_compare(tab: Any, server: str,
                                                                   hostile_ids: list[int]) -> None:
    for q in ("Pwnco", "Evilbrand"):
        tab.goto(f"{server}/catalog?q={q}")
        assert tab.locator("table.results tbody tr").count() >= 1
        _nothing_ran(tab)
    seen = ""
    for i in hostile_ids:
        response = tab.goto(f"{server}/models/{i}")
        assert response.status == 200
        _nothing_ran(tab)
        seen += tab.locator("body").inner_text()
    assert "<script>window.__pwned = 1</script>" in seen  # shown as text, not run
    assert '<b onmouseover="window.__pwned=5">Pwnco</b>' in seen
    tab.goto(f"{server}/compare?ids={hostile_ids[0]}&ids={hostile_ids[1]}&ids={hostile_ids[2]}")
    assert tab.locator("table.compare-table").count() == 1
    _nothing_ran(tab)


def test_a_pasted_hostile_spec_runs_nothing(tab: Any, server: str) -> None:
    tab.goto(server + "/")
    tab.fill("#text", HOSTILE_PASTE)
    tab.fill("#source", '<img src=x onerror="window.__pwned=10">')
    tab.click("button[type=submit]")
    tab.wait_for_load_state("load")
    assert "window.__pwned=7" in tab.locator("body").inner_text()
    _nothing_ran(tab)


def test_a_hostile_upload_name_and_404_run_nothing(tab: Any, server: str, shared_data: Path,
                                                   tmp_path: Path) -> None:
    src = shared_data / "fr" / "oratory1990" / "over-ear" / "Sennheiser HD 650.csv"
    hostile = tmp_path / '<img src=x onerror="window.__pwned=11">.csv'
    hostile.write_bytes(src.read_bytes())
    tab.goto(server + "/")
    tab.set_input_files("#file", str(hostile))
    tab.select_option("#form", "over-ear")
    tab.click("#score button[type=submit]")
    tab.wait_for_selector("#score-value")
    _nothing_ran(tab)
    response = tab.goto(f"{server}/models/{quote('<script>window.__pwned=12</script>', safe='')}")
    assert response.status == 404
    _nothing_ran(tab)
    response = tab.goto(f"{server}/catalog?q={quote('<svg onload=window.__pwned=13>')}&form=%3Cb%3E")
    assert response.status in (200, 422)
    _nothing_ran(tab)


def test_the_check_catches_a_payload_that_does_run(tab: Any) -> None:
    """The same payload on a page without escaping or CSP runs, and `_nothing_ran` says so."""
    tab.set_content('<main><img src=x onerror="window.__pwned = 2"><a href="#">x</a></main>')
    tab.wait_for_function("window.__pwned === 2")
    with pytest.raises(AssertionError):
        _nothing_ran(tab)
