"""Whatever people paste or type, the app answers with a result or a 4xx naming the field: never a 500."""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
SPECISH = st.lists(st.sampled_from(["Impedance", ":", "32", "Ω", "ohm", "dB", "/mW", "SPL", "Hz", "kHz", "-",
                                    "20", "mm", "<script>", "&", "\n", " ", "±", "%", "THD", "$", "99.99"]),
                   max_size=30).map("".join)


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), SPECISH))
def test_parse_api_never_fails_with_a_500(client: TestClient, text: str) -> None:
    r = client.post("/api/parse", json={"text": text})
    assert r.status_code == 200 or (400 <= r.status_code < 500 and r.json()["field"]), (r.status_code, r.text)
    if r.status_code == 200:
        assert "".join(s["text"] for s in r.json()["segments"]) == text


@SETTINGS
@given(text=st.one_of(st.text(max_size=200), SPECISH))
def test_decode_page_escapes_whatever_is_pasted(client: TestClient, text: str) -> None:
    r = client.post("/decode", data={"text": text + "<script>x</script>"})
    assert r.status_code < 500
    assert "<script>x</script>" not in r.text


@SETTINGS
@given(q=st.text(max_size=60), form=st.sampled_from(["", "in-ear", "over-ear", "bogus", "<b>"]),
       sort=st.sampled_from(["", "name", "price", "score", "x"]))
def test_search_never_fails_with_a_500(client: TestClient, q: str, form: str, sort: str) -> None:
    params = {k: v for k, v in {"q": q, "form": form, "sort": sort}.items() if v}
    r = client.get("/api/search", params=params)
    assert r.status_code == 200 or 400 <= r.status_code < 500, (r.status_code, r.text)
    page = client.get("/catalog", params=params)
    assert page.status_code < 500
