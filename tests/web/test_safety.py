"""Headers, body caps, error shapes and the offline docs page: no catalog needed."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from headspec.web import create_app


@pytest.fixture(scope="module")
def bare_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    missing = tmp_path_factory.mktemp("nodb") / "absent.db"
    return TestClient(create_app(missing), raise_server_exceptions=False)


def test_every_response_carries_a_strict_csp(bare_client: TestClient) -> None:
    for path in ("/", "/docs", "/api/nope", "/static/style.css"):
        csp = bare_client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp


def test_oversized_body_by_content_length_is_413_json(bare_client: TestClient) -> None:
    body = b'{"text": "' + b"a" * 1_000_100 + b'"}'
    r = bare_client.post("/api/parse", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["field"] == "body" and "1000 kB" in r.json()["message"]


def test_oversized_streamed_body_without_length_is_413(bare_client: TestClient) -> None:
    def chunks():
        for _ in range(12):
            yield b"a" * 100_000

    r = bare_client.post("/api/parse", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_oversized_form_post_gets_an_html_page(bare_client: TestClient) -> None:
    r = bare_client.post("/decode", data={"text": "x" * 1_200_000}, headers={"accept": "text/html"})
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "Input too large" in r.text


def test_validation_error_is_422_naming_the_field(bare_client: TestClient) -> None:
    r = bare_client.post("/api/parse", json={"txt": "Impedance 32 ohm"})
    assert r.status_code == 422
    assert r.json()["field"] == "text" and r.json()["error"] == "ValidationError"
    r = bare_client.post("/api/parse", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "Traceback" not in r.text


def test_unknown_paths_are_404_json_for_api_and_html_for_pages(bare_client: TestClient) -> None:
    api = bare_client.get("/api/does-not-exist")
    assert api.status_code == 404 and api.json()["status"] == 404
    page = bare_client.get("/no/such/page", headers={"accept": "text/html"})
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text


def test_missing_catalog_is_a_clear_503_not_a_500(bare_client: TestClient) -> None:
    r = bare_client.get("/api/search")
    assert r.status_code == 503
    assert "serve --build-if-empty" in r.json()["hint"]


def test_docs_page_is_local_and_lists_the_api(bare_client: TestClient) -> None:
    r = bare_client.get("/docs")
    assert r.status_code == 200
    assert "/api/parse" in r.text and "/api/search" in r.text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text), "docs must not load anything remote"
    assert bare_client.get("/openapi.json").json()["info"]["title"] == "headspec"


def test_pages_load_only_local_assets_and_no_inline_script(bare_client: TestClient) -> None:
    html = bare_client.get("/").text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


@pytest.mark.parametrize("path", ["/", "/docs", "/static/style.css", "/openapi.json"])
def test_head_answers_like_get_without_a_body(bare_client: TestClient, path: str) -> None:
    got, head = bare_client.get(path), bare_client.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b"" and got.content
    assert head.headers["content-type"] == got.headers["content-type"]
    assert "script-src 'self'" in head.headers["content-security-policy"]


def test_head_of_a_missing_page_is_404_and_post_only_routes_still_refuse_it(bare_client: TestClient) -> None:
    assert bare_client.head("/no-such-page").status_code == 404
    assert bare_client.head("/api/parse").status_code == 405  # POST only: HEAD runs as GET, which it refuses
