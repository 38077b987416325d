"""Every page and API endpoint under hostile input: script tags and event handlers in listing titles,
brands and pasted specs, SQL and FTS metacharacters in search and facet values, oversized bodies,
wrong content types, unknown and absurd ids, negative, huge and non-finite numbers.

The app must answer with a correct status (a result, or a 4xx that names the problem: never a 500),
show hostile text only escaped, and never leak a stack trace.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import HOSTILE_PASTE, TestClient

# Raw markup a hostile listing or paste carries; none of it may reach an HTML page unescaped.
RAW_MARKUP = ("<script>window.__pwned", "<img src=x onerror", "<svg onload", "<b onmouseover",
              "<script>alert", "</script><script>", "<iframe", "javascript:window.__pwned")
TRACE = re.compile(r"Traceback|File \"/|line \d+, in ")


def sane(r: object, *, expect: int | tuple[int, ...] | None = None) -> None:
    """No 5xx, no stack trace, escaped markup in HTML, an error body that names the problem."""
    status, text = r.status_code, r.text  # type: ignore[attr-defined]
    ctype = r.headers.get("content-type", "")  # type: ignore[attr-defined]
    assert status < 500, (status, text[:300])
    assert not TRACE.search(text), text[:500]
    if expect is not None:
        assert status in ((expect,) if isinstance(expect, int) else expect), (status, text[:300])
    if ctype.startswith("text/html"):
        for marker in RAW_MARKUP:
            assert marker not in text, f"unescaped {marker!r} in {r.request.url}"  # type: ignore[attr-defined]
    if status >= 400 and ctype.startswith("application/json"):
        body = r.json()  # type: ignore[attr-defined]
        assert body["status"] == status and body["message"], body


# -- hostile listing text shows escaped everywhere it appears -------------------------------------
def test_hostile_listings_are_escaped_on_every_page(web: TestClient, hostile_ids: list[int],
                                                    measured_ids: list[int]) -> None:
    pages = [f"/catalog?q={q}" for q in ("Pwnco", "Evilbrand", "pwned", "script")]
    pages += [f"/models/{i}" for i in hostile_ids]
    pages += [f"/compare?ids={a}&ids={b}" for a, b in zip(hostile_ids, hostile_ids[1:] + measured_ids[:1],
                                                           strict=True)]
    pages += [f"/models/{i}?source={quote('<script>alert(1)</script>')}" for i in hostile_ids[:1]]
    shown = 0
    for path in pages:
        r = web.get(path, headers={"accept": "text/html"})
        sane(r, expect=200)
        shown += "&lt;script&gt;" in r.text or "&lt;svg onload" in r.text or "&lt;b onmouseover" in r.text
    assert shown >= 4, "the hostile text should be shown (escaped), not dropped"
    for i in hostile_ids:  # the amp form says what it lacks (422) for a model without figures
        sane(web.get(f"/amp?model={i}&source=typical+phone", headers={"accept": "text/html"}),
             expect=(200, 422))


def test_hostile_listings_are_plain_data_in_the_api(web: TestClient, hostile_ids: list[int]) -> None:
    for i in hostile_ids:
        r = web.get(f"/api/models/{i}")
        sane(r, expect=200)
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["x-content-type-options"] == "nosniff"
    names = [it["name"] + " " + (it["brand"] or "")
             for it in web.get("/api/search", params={"q": "Pwnco"}).json()["items"]]
    assert any("<b onmouseover" in n for n in names), names  # stored verbatim, escaped only on display


def test_pasted_hostile_spec_is_escaped_on_decode(web: TestClient) -> None:
    r = web.post("/decode", data={"text": HOSTILE_PASTE, "source": "<script>alert(1)</script>",
                                  "country": "<b>"})
    sane(r)
    r = web.post("/decode", data={"text": HOSTILE_PASTE, "source": "typical phone"})
    sane(r, expect=200)
    assert "&lt;script&gt;window.__pwned=7&lt;/script&gt;" in r.text
    api = web.post("/api/parse", json={"text": HOSTILE_PASTE})
    sane(api, expect=200)
    assert api.json()["spec"]["impedance_ohm"] == 32


def test_hostile_upload_name_and_content_are_escaped(web: TestClient, shared_data: Path) -> None:
    good = (shared_data / "fr" / "oratory1990" / "over-ear" / "Sennheiser HD 650.csv").read_bytes()
    name = '<img src=x onerror="window.__pwned=9">.csv'
    r = web.post("/score", files={"file": (name, good, "text/csv")}, data={"form": "over-ear"})
    sane(r, expect=200)
    r = web.post("/api/fr/score", files={"file": (name, good, "text/csv")}, data={"form": "over-ear"})
    sane(r, expect=200)
    # a made-up form is dropped, and the page asks which form it is
    sane(web.post("/score", files={"file": (name, good, "text/csv")}, data={"form": "<script>"}), expect=422)
    sane(web.post("/api/fr/score", files={"file": (name, good, "text/csv")}, data={"form": "<script>"}),
         expect=422)
    for junk in (b"<script>alert(1)</script>", b"\x00\xff" * 500, b"frequency,raw\n20,nan\n", b""):
        sane(web.post("/score", files={"file": (name, junk, "text/csv")}), expect=(400, 413, 422))
        sane(web.post("/api/fr/score", files={"file": (name, junk, "text/csv")}), expect=(400, 413, 422))


# -- SQL / FTS metacharacters in search and facet values --------------------------------------------
SQLISH = ["'", '"', "';--", "' OR '1'='1", "1; DROP TABLE models", "%", "_", "*", "\\", "NULL", "\u0000",
          '"sony"*', "NEAR(", "sony OR", "AND", "-", "^", "(", ")", ":", "{", "models_fts", "🎧",
          "<script>alert(1)</script>", "a" * 200]


@pytest.mark.parametrize("value", SQLISH)
def test_search_and_facets_take_sql_metacharacters(web: TestClient, value: str) -> None:
    before = web.get("/api/search").json()["total"]
    for key in ("q", "form", "back", "driver", "drivable_by", "currency", "sort"):
        sane(web.get("/api/search", params={key: value}), expect=(200, 400, 404, 422))
        sane(web.get("/catalog", params={key: value}, headers={"accept": "text/html"}),
             expect=(200, 400, 404, 422))
    assert web.get("/api/search").json()["total"] == before  # nothing was dropped or changed


# -- numbers: negative, zero, huge, non-finite, not numbers ------------------------------------------
NUMBERS = ["-1", "0", "1e999", "nan", "inf", "-inf", "1e308", "99999999999999999999999", "1e-320", "abc", ""]


@pytest.mark.parametrize("value", NUMBERS)
def test_numbers_out_of_range_are_4xx(web: TestClient, value: str, hostile_ids: list[int]) -> None:
    for key in ("impedance_max", "sensitivity_min", "price_max", "page", "limit"):
        sane(web.get("/api/search", params={key: value}), expect=(200, 400, 422))
        sane(web.get("/catalog", params={key: value}, headers={"accept": "text/html"}),
             expect=(200, 400, 422))
    sane(web.get(f"/api/models/{hostile_ids[0]}/similar", params={"top": value}), expect=(200, 404, 422))
    for path in (f"/models/{hostile_ids[0]}", f"/compare?ids={hostile_ids[0]}&ids={hostile_ids[1]}"):
        sane(web.get(path, params={"target": value}), expect=(200, 400, 422))
    sane(web.get("/amp", params={"impedance_ohm": value, "sensitivity_db": value, "target": value}),
         expect=(200, 400, 422))
    sane(web.get("/recommend", params={"go": "1", "budget": value}), expect=(200, 400, 422))
    sane(web.post("/decode", data={"text": "Impedance 32 ohm", "target": value}), expect=(200, 400, 422))
    try:
        number: object = float(value)
    except ValueError:
        number = value
    for path, body in (
        ("/api/amp", {"headphone": {"impedance_ohm": number, "sensitivity_db": number}, "source": "2 Vrms",
                      "target_spl_db": number}),
        ("/api/amp", {"headphone": {"impedance_ohm": 32, "sensitivity_db": 100}, "source": f"{value} Vrms"}),
        ("/api/recommend", {"budget": number, "target_spl_db": number}),
        ("/api/recommend", {"top": number}),
        ("/api/verdict", {"model": str(hostile_ids[0]), "target_spl_db": number}),
    ):
        raw = json.dumps(body, allow_nan=True)  # NaN/Infinity literals, as a careless client sends them
        sane(web.post(path, content=raw, headers={"content-type": "application/json"}),
             expect=(200, 400, 404, 422))


# -- ids: unknown, absurd, hostile -------------------------------------------------------------------
IDS = ["0", "-1", "999999999", "99999999999999999999999999", "1e308", "²", "١٢", "<script>alert(1)</script>",
       "' OR 1=1--", "../../etc/passwd", "1;DROP TABLE models", " ", "NaN", "\u0000", "%00", "x" * 400]


@pytest.mark.parametrize("model_id", IDS)
def test_unknown_or_hostile_ids_are_404_or_4xx(web: TestClient, model_id: str,
                                               hostile_ids: list[int]) -> None:
    q = quote(model_id, safe="")
    for path in (f"/api/models/{q}", f"/api/models/{q}/curves", f"/api/models/{q}/similar"):
        sane(web.get(path), expect=(404, 422))
    sane(web.get(f"/models/{q}", headers={"accept": "text/html"}), expect=(404, 422))
    sane(web.get("/api/compare", params={"ids": [model_id, str(hostile_ids[0])]}), expect=(400, 404, 422))
    sane(web.get("/compare", params={"ids": [model_id, str(hostile_ids[0])]}), expect=(200, 404, 422))
    sane(web.get("/amp", params={"model": model_id, "source": "typical phone"}), expect=(200, 404, 422))
    sane(web.post("/api/amp", json={"headphone": {"model": model_id}, "source": "typical phone"}),
         expect=(404, 422))
    sane(web.post("/api/verdict", json={"model": model_id}), expect=(404, 422))


def test_a_plain_unknown_id_is_404_everywhere(web: TestClient) -> None:
    for path in ("/api/models/999999999", "/api/models/999999999/curves", "/api/models/999999999/similar"):
        sane(web.get(path), expect=404)
        assert web.get(path).json()["error"] == "NotFoundError"
    sane(web.get("/models/999999999", headers={"accept": "text/html"}), expect=404)
    sane(web.get("/api/compare", params={"ids": ["999999999", "999999998"]}), expect=404)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model_id=st.text(min_size=1, max_size=40))
def test_any_model_id_text_is_answered(web: TestClient, model_id: str) -> None:
    q = quote(model_id, safe="")
    sane(web.get(f"/api/models/{q}"), expect=(200, 404, 422))
    sane(web.get(f"/models/{q}", headers={"accept": "text/html"}), expect=(200, 404, 422))


# -- bodies: oversized, wrong type, malformed ---------------------------------------------------------
JSON_POSTS = ("/api/parse", "/api/explain", "/api/amp", "/api/verdict", "/api/recommend")


@pytest.mark.parametrize("path", JSON_POSTS + ("/decode",))
def test_oversized_bodies_are_413(web: TestClient, path: str) -> None:
    big = json.dumps({"text": "Impedance 32 ohm " * 70_000}).encode()
    assert len(big) > 1_000_000
    sane(web.post(path, content=big, headers={"content-type": "application/json"}), expect=413)
    sane(web.post(path, data={"text": "x" * 1_100_000}, headers={"accept": "text/html"}), expect=413)


def test_oversized_uploads_are_413(web: TestClient) -> None:
    blob = b"20,80\n" * 200_000
    for path in ("/score", "/api/fr/score"):
        sane(web.post(path, files={"file": ("big.csv", blob, "text/csv")}), expect=413)


@pytest.mark.parametrize("path", JSON_POSTS)
@pytest.mark.parametrize("ctype,body", [
    ("text/plain", b"Impedance 32 ohm"),
    ("application/x-www-form-urlencoded", b"text=Impedance+32+ohm"),
    ("multipart/form-data; boundary=xyz",
     b"--xyz\r\nContent-Disposition: form-data; name=text\r\n\r\n32\r\n--xyz--"),
    ("application/json", b"{not json"),
    ("application/json", b"[]"),
    ("application/json", b'"text"'),
    ("application/json", b"null"),
    ("application/json", b'{"text": 32, "source": [], "headphone": "x", "model": {}}'),
    ("application/json", b"[" * 5000 + b"]" * 5000),
    ("application/json", b'{"text": "\\udcff"}'),
    ("application/json", b"\xff\xfe\x00"),
    ("application/xml", b"<text>Impedance 32 ohm</text>"),
    ("", b""),
])
def test_wrong_content_types_and_malformed_json_are_4xx(web: TestClient, path: str, ctype: str,
                                                        body: bytes) -> None:
    headers = {"content-type": ctype} if ctype else {}
    # every field of a recommend request is optional, so any JSON object is a valid one
    is_object = ctype == "application/json" and body.startswith(b'{"')
    ok = (200,) if path == "/api/recommend" and is_object else ()
    sane(web.post(path, content=body, headers=headers), expect=(400, 415, 422, *ok))


@pytest.mark.parametrize("path", ["/decode", "/score"])
def test_pages_take_wrong_content_types(web: TestClient, path: str) -> None:
    sane(web.post(path, json={"text": "Impedance 32 ohm"}, headers={"accept": "text/html"}),
         expect=(200, 400, 415, 422))
    sane(web.post(path, content=b"\xff\xfe\x00garbage", headers={"content-type": "text/plain"}),
         expect=(200, 400, 415, 422))


def test_wrong_methods_are_405(web: TestClient) -> None:
    for method, path in (("DELETE", "/api/search"), ("PUT", "/api/parse"), ("POST", "/api/search"),
                         ("PATCH", "/models/1"), ("POST", "/catalog")):
        sane(web.request(method, path), expect=405)


@pytest.mark.parametrize("path", ["/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                  "/..%2f..%2fetc/passwd", "/static/", "/api/", "/api/models/1/../../../etc"])
def test_path_traversal_finds_nothing(web: TestClient, path: str) -> None:
    r = web.get(path, headers={"accept": "text/html"})
    sane(r, expect=404)
    assert "root:" not in r.text


@pytest.mark.parametrize("name,body,expect", [
    ("../../../tmp/evil.csv", None, 200), ("a\x00.csv", None, 200), ("....", None, 200), ("x.exe", None, 200),
    ("", None, 422), ("a" * 5000 + ".csv", None, 400),
    ("utf16.csv", "utf-16", (400, 422)), ("reversed.csv", "reversed", (400, 422)),
])
def test_odd_uploads_are_scored_or_refused(web: TestClient, shared_data: Path, name: str, body: str | None,
                                           expect: int | tuple[int, ...]) -> None:
    good = (shared_data / "fr" / "oratory1990" / "over-ear" / "Sennheiser HD 650.csv").read_bytes()
    data = good
    if body == "utf-16":
        data = good.decode("utf-8").encode("utf-16")
    elif body == "reversed":
        lines = good.splitlines()
        data = b"\n".join([lines[0], *reversed(lines[1:])])
    for path in ("/api/fr/score", "/score"):
        r = web.post(path, files={"file": (name, data, "text/csv")}, data={"form": "over-ear"})
        sane(r, expect=expect if path.startswith("/api") or expect in (200, 400) else (400, 422))
        assert "/tmp/" not in r.text.replace("/tmp/evil", "")  # never the server's temporary path


def test_missing_or_textual_file_fields_are_422(web: TestClient) -> None:
    for path in ("/api/fr/score", "/score"):
        sane(web.post(path, data={"form": "over-ear"}), expect=422)
        sane(web.post(path, data={"file": "abc", "form": "over-ear"}), expect=422)
