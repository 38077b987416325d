"""The JSON API over a catalog built from the real shared data."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

HD600 = """Sennheiser HD 600 open-back dynamic headphones
Impedance: 300 Ω
Sensitivity: 97 dB SPL/mW
Frequency response: 12 - 40,500 Hz"""


def test_parse_decodes_impedance_and_marks_where_it_came_from(client: TestClient) -> None:
    r = client.post("/api/parse", json={"text": HD600})
    assert r.status_code == 200
    body = r.json()
    assert body["spec"]["impedance_ohm"] == 300
    assert "".join(s["text"] for s in body["segments"]) == HD600
    marked = {f: s["text"] for s in body["segments"] for f in s["fields"]}
    assert "300" in marked["impedance_ohm"]


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_parse_refuses_empty_text_naming_the_field(client: TestClient, text: str) -> None:
    r = client.post("/api/parse", json={"text": text})
    assert 400 <= r.status_code < 500
    assert r.json()["field"] == "text" and r.json()["message"]


def test_explain_from_text(client: TestClient) -> None:
    r = client.post("/api/explain", json={"text": HD600})
    assert r.status_code == 200
    fields = {f["field"] for f in r.json()["findings"]}
    assert "impedance_ohm" in fields and r.json()["summary"]


def test_amp_from_figures_matches_the_physics(client: TestClient) -> None:
    # DOMAIN.md §2: HD600, 97 dB/mW, 300 Ω -> 102.2 dB/V; 110 dB needs 2.45 Vrms and 20 mW.
    r = client.post("/api/amp", json={"headphone": {"impedance_ohm": 300, "sensitivity_db": 97,
                                                    "sensitivity_basis": "mW"},
                                      "source": "typical phone", "target_spl_db": 110})
    assert r.status_code == 200, r.text
    res = r.json()["result"]
    assert res["required_vrms"] == pytest.approx(2.45, abs=0.01)
    assert res["required_mw"] == pytest.approx(20.0, abs=0.2)
    assert res["verdict"] == "needs-amp"


def test_amp_by_source_figures_and_catalog_model(client: TestClient) -> None:
    r = client.post("/api/amp", json={"headphone": {"model": "Sennheiser hd600"}, "source": "5 Vrms, 1 ohm"})
    assert r.status_code == 200, r.text
    assert r.json()["result"]["verdict"] == "enough"


PHONE = "typical phone"
BEST = {"measured": "true", "sort": "score", "limit": 1}


@pytest.mark.parametrize(("payload", "field"), [
    ({"headphone": {"impedance_ohm": -5, "sensitivity_db": 97, "sensitivity_basis": "mW"}, "source": PHONE},
     "impedance_ohm"),
    ({"headphone": {"impedance_ohm": 32, "sensitivity_db": 97}, "source": PHONE}, "sensitivity_basis"),
    ({"headphone": {"impedance_ohm": 32, "sensitivity_db": 97, "sensitivity_basis": "mW"},
      "source": "typical phone", "target_spl_db": 400}, "target_spl_db"),
    ({"headphone": {"impedance_ohm": 32, "sensitivity_db": 97, "sensitivity_basis": "mW"},
      "source": "no such gadget at all"}, "source"),
])
def test_amp_bad_input_is_a_4xx_naming_the_field(client: TestClient, payload: dict, field: str) -> None:
    r = client.post("/api/amp", json=payload)
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["field"] == field and r.json()["message"]


def test_sources_lists_real_devices(client: TestClient) -> None:
    names = [s["name"] for s in client.get("/api/sources").json()]
    assert "typical phone" in names and any("DragonFly" in n for n in names)


def test_search_facet_counts_predict_the_filtered_total(client: TestClient) -> None:
    everything = client.get("/api/search").json()
    assert everything["total"] > 1000
    in_ear = everything["facets"]["form"]["in-ear"]
    filtered = client.get("/api/search", params={"form": "in-ear"}).json()
    assert filtered["total"] == in_ear < everything["total"]
    assert all(item["form"] == "in-ear" for item in filtered["items"])


def test_search_paginates_and_sorts_by_score(client: TestClient) -> None:
    query = {"measured": "true", "sort": "score", "limit": 5}
    first = client.get("/api/search", params=query).json()
    second = client.get("/api/search", params={**query, "page": 2}).json()
    scores = [i["score"] for i in first["items"] + second["items"]]
    assert scores == sorted(scores, reverse=True)
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])


@pytest.mark.parametrize(("params", "field"), [
    ({"sort": "colour"}, "sort"), ({"page": 0}, "page"), ({"limit": 1000}, "limit"),
    ({"impedance_max": -1}, "impedance_max"), ({"form": "spaceship"}, "form")])
def test_search_bad_filters_are_4xx_naming_the_field(client: TestClient, params: dict, field: str) -> None:
    r = client.get("/api/search", params=params)
    assert 400 <= r.status_code < 500
    assert r.json()["field"] == field


def test_model_detail_has_measurements_and_no_server_paths(client: TestClient) -> None:
    query = {"measured": "true", "sort": "score", "limit": 1}
    best = client.get("/api/search", params=query).json()["items"][0]
    detail = client.get(f"/api/models/{best['id']}").json()
    assert detail["name"] == best["name"] and detail["measurements"]
    assert all("path" not in m for m in detail["measurements"])
    curves = client.get(f"/api/models/{best['id']}/curves").json()
    assert len(curves["curves"]) == len(detail["measurements"])
    assert len(curves["curves"][0]["frequency_hz"]) == len(curves["curves"][0]["spl_db"]) > 100
    assert {t["key"] for t in curves["targets"]} >= {"harman-over-ear-2018", "harman-in-ear-2019"}


def test_unknown_model_is_404_json(client: TestClient) -> None:
    r = client.get("/api/models/999999999")
    assert r.status_code == 404 and r.json()["status"] == 404


def test_compare_two_models_and_refuse_one(client: TestClient) -> None:
    items = client.get("/api/search", params={"measured": "true", "limit": 2}).json()["items"]
    r = client.get("/api/compare", params=[("ids", items[0]["id"]), ("ids", items[1]["id"])])
    assert r.status_code == 200
    assert [m["id"] for m in r.json()["models"]] == [items[0]["id"], items[1]["id"]]
    assert any(row["differs"] for row in r.json()["rows"])
    one = client.get("/api/compare", params={"ids": items[0]["id"]})
    assert one.status_code == 400 and one.json()["field"] == "ids"


def test_fr_score_upload_matches_autoeq_reference(client: TestClient, shared_data: Path) -> None:
    path = shared_data / "fr" / "oratory1990" / "over-ear" / "Sennheiser HD 650.csv"
    with (shared_data / "fr" / "expected_scores.csv").open(encoding="utf-8") as fh:
        ref = next(r for r in csv.DictReader(fh) if r["source"] == "oratory1990")
    r = client.post("/api/fr/score", files={"file": (path.name, path.read_bytes(), "text/csv")},
                    data={"form": "over-ear"})
    assert r.status_code == 200, r.text
    assert r.json()["score"]["score"] == pytest.approx(float(ref["autoeq_preference_score"]), abs=0.1)
    assert r.json()["tonality"]["summary"]


def test_fr_score_rejects_a_binary_file_and_a_huge_one(client: TestClient) -> None:
    r = client.post("/api/fr/score", files={"file": ("x.csv", b"\x00\x01\x02" * 100, "text/csv")},
                    data={"form": "in-ear"})
    assert 400 <= r.status_code < 500 and r.json()["field"] == "file"
    assert "/tmp" not in r.text and "headspec-upload" not in r.text
    big = client.post("/api/fr/score", files={"file": ("big.csv", b"20,1\n" * 300_000, "text/csv")})
    assert big.status_code == 413


def test_hostile_listing_is_escaped_in_pages(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Evilbrand"}).json()["items"]
    assert found
    detail = client.get(f"/api/models/{found[0]['id']}").json()
    titles = [t for v in detail["variants"] for t in v["titles"]]
    assert any("<script>" in t for t in titles)  # the JSON keeps the listing title verbatim
    page = client.get(f"/models/{found[0]['id']}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<script>window" not in page and "<img src=x" not in page
    catalog = client.get("/catalog", params={"q": "Evilbrand"}).text
    assert "Evilbrand" in catalog and "<script>window" not in catalog


def test_serving_never_writes_the_catalog(client: TestClient, catalog_db: Path) -> None:
    before = hashlib.sha256(catalog_db.read_bytes()).hexdigest()
    for path in ("/catalog", "/api/search?q=sony", "/compare", "/amp?model=Sennheiser+hd600"):
        client.get(path)
    assert hashlib.sha256(catalog_db.read_bytes()).hexdigest() == before
    from headspec.web.app import open_catalog_at

    cat = open_catalog_at(catalog_db)
    try:
        with pytest.raises(Exception, match="readonly|read-only|read only"):
            cat.store.execute("DELETE FROM models")
    finally:
        cat.close()


def test_verdict_on_a_catalog_model_and_on_pasted_text(client: TestClient) -> None:
    best = client.get("/api/search", params=BEST).json()["items"][0]
    on_model = client.post("/api/verdict", json={"model": str(best["id"]), "source": "typical phone"})
    assert on_model.status_code == 200, on_model.text
    assert on_model.json()["subject"] == best["name"] and on_model.json()["claims"]
    on_text = client.post("/api/verdict", json={"text": HD600, "source": "typical phone"})
    assert on_text.status_code == 200
    assert on_text.json()["rating"] == "needs-amp"  # 300 Ω, 97 dB/mW on a 0.5 V phone reaches ~96 dB
    bad = client.post("/api/verdict", json={"model": str(best["id"]), "use": "skydiving"})
    assert bad.status_code == 400 and bad.json()["field"] == "use"


def test_recommend_ranks_by_measured_preference_and_names_bad_needs(client: TestClient) -> None:
    r = client.post("/api/recommend", json={"forms": ["in-ear"], "top": 5})
    assert r.status_code == 200, r.text
    picks = r.json()["picks"]
    assert picks and all(p["form"] == "in-ear" for p in picks)
    assert [p["rank"] for p in picks] == list(range(1, len(picks) + 1))
    bad = client.post("/api/recommend", json={"forms": ["spaceship"]})
    assert bad.status_code == 400 and bad.json()["field"] == "forms"
    no_currency = client.post("/api/recommend", json={"budget": 100})
    assert no_currency.status_code == 400 and no_currency.json()["field"] == "currency"


def test_similar_puts_the_closest_first(client: TestClient) -> None:
    best = client.get("/api/search", params=BEST).json()["items"][0]
    items = client.get(f"/api/models/{best['id']}/similar").json()["items"]
    distances = [i["distance_db"] for i in items if not i["same_model"]]
    assert items and distances == sorted(distances)


def test_country_decides_which_dollar(client: TestClient) -> None:
    text = "Sony WH-1000XM4 Wireless Headphones $348.00"
    spec = client.post("/api/parse", json={"text": text, "country": "CA"}).json()["spec"]
    assert spec["price_currency"] == "CAD"
    page = client.post("/decode", data={"text": text, "country": "AU"}).text
    assert 'data-field="price_currency">AUD' in page


def test_catalog_page_range_facet_counts_match_the_filtered_search(client: TestClient) -> None:
    import re

    page = client.get("/catalog", params={"form": "over-ear"}).text
    pattern = r'data-facet="impedance_max">.*?data-value="32">\s*<span>[^<]*</span><span class="count">(\d+)'
    shown = re.search(pattern, page, re.S)
    assert shown is not None
    total = client.get("/api/search", params={"form": "over-ear", "impedance_max": 32}).json()["total"]
    assert int(shown.group(1)) == total > 0


def test_catalog_page_keeps_working_when_a_filter_is_unusable(client: TestClient) -> None:
    r = client.get("/catalog", params={"form": "in-ear", "drivable_by": "a toaster"})
    assert r.status_code == 422
    assert "unknown source" in r.text and "showing results without that filter" in r.text
    in_ear = client.get("/api/search", params={"form": "in-ear"}).json()["total"]
    assert f'data-total="{in_ear}"' in r.text


def test_decode_page_says_when_the_text_is_not_a_headphone(client: TestClient) -> None:
    pads = "Replacement ear pads for Sony WH-1000XM4, protein leather"
    page = client.post("/decode", data={"text": pads}).text
    assert "does not read like a headphone" in page
    assert "does not read like a headphone" not in client.post("/decode", data={"text": HD600}).text
