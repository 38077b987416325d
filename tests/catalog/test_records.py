"""Record normalization and price reading: property tests and real feed shapes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from headspec.catalog._fields import values_from_fields
from headspec.catalog._records import normalize, parse_price


@given(st.decimals(min_value="0.01", max_value="999999.99", places=2))
def test_formatted_dollar_prices_read_back(amount) -> None:
    assert parse_price(f"${amount:,.2f}") == (float(amount), "USD")
    assert parse_price(f"₹{amount:,.2f}") == (float(amount), "INR")


@given(st.text(max_size=40))
def test_price_reading_never_raises_and_is_never_negative(text: str) -> None:
    amount, currency = parse_price(text)
    assert amount is None or amount > 0
    assert currency is None or (len(currency) == 3 and currency.isupper())


@given(
    st.dictionaries(
        st.sampled_from(["title", "raw_text", "price", "brand", "fields", "id", "kind"]),
        st.one_of(
            st.none(),
            st.text(max_size=30),
            st.integers(),
            st.floats(allow_nan=True),
            st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
        ),
    )
)
def test_normalize_returns_a_listing_or_a_reason(record: dict) -> None:
    listing, reason = normalize(record)
    assert (listing is None) != (reason is None)
    if listing is not None:
        assert listing.title and len(listing.content_hash) == 16


def test_same_record_same_hash_regardless_of_key_order() -> None:
    a, _ = normalize({"title": "Sony MDR-7506", "price": "$99.99"})
    b, _ = normalize({"price": "$99.99", "title": "Sony MDR-7506"})
    c, _ = normalize({"price": "$89.99", "title": "Sony MDR-7506"})
    assert a.content_hash == b.content_hash != c.content_hash


def test_shared_feed_keys_are_understood() -> None:
    ru, _ = normalize(
        {
            "id": "S1",
            "source": "ru-retailer-titles",
            "raw_text": "Гарнитура Honor Earbuds 2 Lite, белый",
            "url_or_origin": "github:x",
            "fields": {"price_rub": "4 999"},
        }
    )
    assert (ru.title, ru.price, ru.currency, ru.url) == (
        "Гарнитура Honor Earbuds 2 Lite, белый",
        4999.0,
        "RUB",
        "github:x",
    )
    buy, _ = normalize(
        {
            "raw_text": "Sony h.ear - MDRJ10/BLUE\n- Blue",
            "fields": {"name": "Sony h.ear - MDRJ10/BLUE", "manufacturer": "Sony", "price": "$12.38"},
        }
    )
    assert (buy.title, buy.brand, buy.price) == ("Sony h.ear - MDRJ10/BLUE", "Sony", 12.38)


def test_spec_table_columns_become_values_with_units() -> None:
    v = values_from_fields(
        {
            "brand": "sennheiser",
            "model": "hd600",
            "db/vrms": "97",
            "impedance": "300",
            "driver": "dynamic",
            "back": "open",
        },
        form="over-ear",
    )
    assert v["sensitivity_db_per_v"] == 97 and v["impedance_ohm"] == 300
    # S_mW = S_V - 10 log10(1000/Z) = 91.77, rounded to 0.1 dB like every converted value
    assert v["sensitivity_db_per_mw"] == 91.8
    assert (v["driver_type"], v["back"], v["form_factor"]) == ("dynamic", "open", "over-ear")
    # ASR: 94 dB needs 100 mVrms -> 94 - 20 log10(0.1) = 114 dB/V
    assert values_from_fields({"94db voltage": "100"})["sensitivity_db_per_v"] == 114
    assert values_from_fields({"impedance": "n/a", "db/mw": "999"}) == {}
