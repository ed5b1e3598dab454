"""Property tests: random values rendered in every written form parse back exactly, and the
extractor never fails on arbitrary text."""
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.money import extract_amounts, parse_money
from ingest.resources import load_vocabulary

VOCABULARY = load_vocabulary("money")
CHINESE_DIGITS = "零一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
CURRENCIES = {  # suffix as written → ISO code, a sample across scripts
    "美元": "USD", "美金": "USD", "元": "CNY", "元人民币": "CNY", "港元": "HKD", "港幣": "HKD",
    "日元": "JPY", "日圓": "JPY", "英镑": "GBP", "歐元": "EUR", "新台幣": "TWD", "韩元": "KRW",
}
CHINESE_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "万亿": 10**12,
                 "千万": 10**7, "百万": 10**6, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11}
ENGLISH_PREFIXES = {"$": "USD", "US$": "USD", "€": "EUR", "HK$": "HKD", "£": "GBP"}
ENGLISH_UNITS = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6,
                 "trillion": 10**12}
PREFIX_QUALIFIERS = VOCABULARY["prefix_qualifiers"]
CHINESE_QUALIFIERS = {w: b for w, b in PREFIX_QUALIFIERS.items() if not w.isascii()}
ENGLISH_QUALIFIERS = {w: b for w, b in PREFIX_QUALIFIERS.items() if w.isascii()}


def chinese_section(n: int) -> str:
    """1 <= n < 10000 in Chinese numerals, 零 for inner gaps: 1005 → 一千零五."""
    out, pending_zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit:
            if pending_zero:
                out += "零"
            out += CHINESE_DIGITS[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    return out


def chinese_numeral(n: int) -> str:
    """n >= 1 written as Chinese news writes it: sections of 万亿, 亿, 万."""
    out = ""
    for section_value, unit in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"), (1, "")):
        section = n // section_value % (10**4 if section_value < 10**12 else 10**8)
        if section:
            if out and section < 1000:
                out += "零"
            out += chinese_section(section) + unit if section < 10**4 else \
                chinese_numeral(section) + unit
    return out


def expected(value: Decimal, currency, bound="exact"):
    v = float(value)
    return {"value": v, "value_low": v if bound in ("exact", "at_least") else None,
            "value_high": v if bound in ("exact", "up_to") else None,
            "currency": currency, "bound": bound}


mantissas = st.builds(lambda units, places: Decimal(units).scaleb(-places),
                      st.integers(1, 99999), st.integers(0, 3))


@settings(max_examples=150)
@given(st.integers(1, 10**13), st.sampled_from(sorted(CURRENCIES)))
def test_arabic_with_thousands_separators(n, suffix):
    assert parse_money(f"{n:,}{suffix}") == expected(Decimal(n), CURRENCIES[suffix])


@settings(max_examples=150)
@given(mantissas, st.sampled_from(sorted(CHINESE_UNITS)), st.sampled_from(sorted(CURRENCIES)))
def test_full_width_digits_with_units(mantissa, unit, suffix):
    written = f"{mantissa}".translate(FULL_WIDTH) + unit + suffix
    assert parse_money(written) == expected(mantissa * CHINESE_UNITS[unit], CURRENCIES[suffix])


def colloquial(numeral: str, liang: bool) -> str:
    """十五 rather than 一十五 at the start; 两千/两亿 rather than 二千/二亿 when liang."""
    if numeral.startswith("一十"):
        numeral = numeral[1:]
    if liang:  # 两 replaces a 二 that counts a unit on its own, never the 二 of 十二
        numeral = re.sub("(?<!十)二(?=[千百万亿])", "两", numeral)
    return numeral


@settings(max_examples=300)
@given(st.integers(1, 10**15), st.sampled_from(sorted(CURRENCIES)), st.booleans())
def test_chinese_numerals(n, suffix, liang):
    written = colloquial(chinese_numeral(n), liang) + suffix
    assert parse_money(written) == expected(Decimal(n), CURRENCIES[suffix])


@settings(max_examples=200)
@given(mantissas, st.sampled_from(sorted(CHINESE_UNITS)), st.sampled_from(sorted(CURRENCIES)),
       st.sampled_from(sorted(CHINESE_QUALIFIERS)))
def test_mixed_numbers_with_units_and_qualifiers(mantissa, unit, suffix, qualifier):
    written = f"{qualifier}{mantissa}{unit}{suffix}"
    assert parse_money(written) == expected(
        mantissa * CHINESE_UNITS[unit], CURRENCIES[suffix], CHINESE_QUALIFIERS[qualifier])


@settings(max_examples=200)
@given(mantissas, st.sampled_from(sorted(ENGLISH_PREFIXES)), st.sampled_from(sorted(ENGLISH_UNITS)),
       st.booleans(), st.sampled_from([None, *sorted(ENGLISH_QUALIFIERS)]))
def test_english_forms(mantissa, prefix, unit, spaced, qualifier):
    written = f"{prefix}{mantissa}{' ' if spaced or len(unit) > 2 else ''}{unit}"
    bound = "exact"
    if qualifier:
        written, bound = f"{qualifier} {written}", ENGLISH_QUALIFIERS[qualifier]
    assert parse_money(written) == expected(mantissa * ENGLISH_UNITS[unit],
                                            ENGLISH_PREFIXES[prefix], bound)


@settings(max_examples=100)
@given(st.integers(1, 10**12), st.sampled_from(sorted(CURRENCIES)),
       st.sampled_from(["。", "，", "\n", "；"]))
def test_found_inside_a_sentence_with_its_offsets(n, suffix, separator):
    text = f"据报道{separator}该公司融资{n}{suffix}{separator}估值翻倍"
    [found] = extract_amounts(text)
    assert found["raw"] == f"{n}{suffix}"
    assert text[found["char_start"]:found["char_end"]] == found["raw"]


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    for found in extract_amounts(text):
        assert text[found["char_start"]:found["char_end"]] == found["raw"]


@settings(max_examples=300)
@given(st.text(alphabet="0123456789０１２３４５６７８９.,，万亿億萬千百十两一九数几多余约超过高达美元日圓$€£ bnm()（）-至"))
def test_never_raises_on_money_like_text(text):
    for found in extract_amounts(text):
        assert text[found["char_start"]:found["char_end"]] == found["raw"]
        assert found["bound"] in ("exact", "at_least", "up_to", "approx", "range")
