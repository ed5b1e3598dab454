"""The money grammar on sentences of our own: every form, bound, pair and trap, whole rows."""
import pytest

from ingest.money import extract_amounts, parse_money

BILLION = 10**9


def amount(text, raw, value, low, high, currency, bound, converts=None, source="text"):
    """The expected row; raw must occur once in text, which fixes its offsets. source: where the
    currency comes from (text, or context for 5万亿 written without one)."""
    assert text.count(raw) == 1
    start = text.index(raw)
    return {"raw": raw, "value": value, "value_low": low, "value_high": high,
            "currency": currency, "bound": bound, "char_start": start,
            "char_end": start + len(raw), "converts": converts, "currency_source": source}


def exact(text, raw, value, currency, converts=None, source="text"):
    return amount(text, raw, value, value, value, currency, "exact", converts, source)


def test_simplified_sentence_with_every_bound():
    text = "该公司累计投资超过36亿美元，最高出资50亿日元，估值约80亿欧元，高达1.2万亿元。"
    assert extract_amounts(text) == [
        amount(text, "超过36亿美元", 3.6e9, 3.6e9, None, "USD", "at_least"),
        amount(text, "最高出资50亿日元", 5e9, None, 5e9, "JPY", "up_to"),
        amount(text, "约80亿欧元", 8e9, None, None, "EUR", "approx"),
        amount(text, "高达1.2万亿元", 1.2e12, None, 1.2e12, "CNY", "up_to"),
    ]


@pytest.mark.parametrize("expression, expected", [
    ("7400万美元", (7.4e7, "USD")),
    ("三亿美金", (3e8, "USD")),
    ("两千万美元", (2e7, "USD")),
    ("十亿元", (1e9, "CNY")),
    ("七万亿日元", (7e12, "JPY")),
    ("1.8万亿美元", (1.8e12, "USD")),
    ("5亿刀", (5e8, "USD")),
    ("12亿港元", (1.2e9, "HKD")),
    ("12亿港币", (1.2e9, "HKD")),
    ("3000万英镑", (3e7, "GBP")),
    ("80亿新台币", (8e9, "TWD")),
    ("4000亿韩元", (4e11, "KRW")),
    ("2亿元人民币", (2e8, "CNY")),
    ("人民币2亿元", (2e8, "CNY")),
    ("2亿人民币", (2e8, "CNY")),
    ("3,500,000美元", (3.5e6, "USD")),
    ("１２０亿美元", (1.2e10, "USD")),
    ("１，２００万美元", (1.2e7, "USD")),
    ("1亿2000万美元", (1.2e8, "USD")),
    ("一亿两千万元", (1.2e8, "CNY")),
    ("5千万美元", (5e7, "USD")),
    ("2500元", (2500, "CNY")),
])
def test_simplified_forms_exact(expression, expected):
    value, currency = expected
    assert parse_money(expression) == {"value": value, "value_low": value, "value_high": value,
                                       "currency": currency, "bound": "exact"}


@pytest.mark.parametrize("expression, expected", [
    ("超過3億美元", (3e8, "USD", "at_least")),
    ("高達5000萬港幣", (5e7, "HKD", "up_to")),
    ("約合兩億歐元", (2e8, "EUR", "approx")),
    ("新台幣1兆元", (1e12, "TWD", "exact")),
    ("逾200億新台幣", (2e10, "TWD", "at_least")),
    ("300億日圓", (3e10, "JPY", "exact")),
    ("300億日元", (3e10, "JPY", "exact")),
    ("1.5萬億韓圜", (1.5e12, "KRW", "exact")),
    ("8000億韓元", (8e11, "KRW", "exact")),
    ("九千萬英鎊", (9e7, "GBP", "exact")),
    ("一億美金", (1e8, "USD", "exact")),
    ("近10億元人民幣", (1e9, "CNY", "approx")),
    ("不超過500萬美元", (5e6, "USD", "up_to")),
])
def test_traditional_forms(expression, expected):
    value, currency, bound = expected
    low = value if bound in ("exact", "at_least") else None
    high = value if bound in ("exact", "up_to") else None
    assert parse_money(expression) == {"value": value, "value_low": low, "value_high": high,
                                       "currency": currency, "bound": bound}


def test_traditional_vague_quantity():
    assert parse_money("數億日圓") == {"value": None, "value_low": 1e8, "value_high": 1e9,
                                     "currency": "JPY", "bound": "range"}


@pytest.mark.parametrize("expression, expected", [
    ("$2 billion", (2e9, "USD", "exact")),
    ("US$100bn", (1e11, "USD", "exact")),
    ("€1.2bn", (1.2e9, "EUR", "exact")),
    ("HK$7.8 billion", (7.8e9, "HKD", "exact")),
    ("£400m", (4e8, "GBP", "exact")),
    ("$500,000", (5e5, "USD", "exact")),
    ("$1.5 trillion", (1.5e12, "USD", "exact")),
    ("RMB 3 billion", (3e9, "CNY", "exact")),
    ("5 million euros", (5e6, "EUR", "exact")),
    ("2 billion US dollars", (2e9, "USD", "exact")),
    ("up to $10 billion", (1e10, "USD", "up_to")),
    ("more than $500 million", (5e8, "USD", "at_least")),
    ("about €3bn", (3e9, "EUR", "approx")),
    ("$2bn or more", (2e9, "USD", "at_least")),
])
def test_english_forms(expression, expected):
    value, currency, bound = expected
    low = value if bound in ("exact", "at_least") else None
    high = value if bound in ("exact", "up_to") else None
    assert parse_money(expression) == {"value": value, "value_low": low, "value_high": high,
                                       "currency": currency, "bound": bound}


@pytest.mark.parametrize("expression, expected", [
    ("数亿美元", (1e8, 1e9, "USD")),
    ("几百亿美元", (1e10, 1e11, "USD")),
    ("数百亿元", (1e10, 1e11, "CNY")),
    ("数十亿欧元", (1e9, 1e10, "EUR")),
    ("数千万美元", (1e7, 1e8, "USD")),
    ("十几亿元", (1e9, 2e9, "CNY")),
    ("九位数美元", (1e8, 1e9 - 1, "USD")),
    ("8位数美元", (1e7, 1e8 - 1, "USD")),
    ("10-20亿美元", (1e9, 2e9, "USD")),
    ("10亿至20亿元", (1e9, 2e9, "CNY")),
    ("$1-2 billion", (1e9, 2e9, "USD")),
])
def test_vague_and_explicit_ranges(expression, expected):
    low, high, currency = expected
    assert parse_money(expression) == {"value": None, "value_low": low, "value_high": high,
                                       "currency": currency, "bound": "range"}


@pytest.mark.parametrize("expression, expected", [
    ("100多亿美元", (1e10, "at_least")),
    ("十余亿元", (1e9, "at_least")),
    ("上百亿元", (1e10, "at_least")),
    ("5000万美元以上", (5e7, "at_least")),
    ("超过1000万美元以上", (1e7, "at_least")),
    ("100亿元左右", (1e10, "approx")),
    ("大约3亿美元", (3e8, "approx")),
    ("将近2亿美元", (2e8, "approx")),
    ("至多3亿美元", (3e8, "up_to")),
    ("不到1亿美元", (1e8, "up_to")),
    ("逾5亿美元", (5e8, "at_least")),
    ("约5亿美元以上", (5e8, "at_least")),  # a one-sided qualifier wins over 约
])
def test_qualifiers(expression, expected):
    value, bound = expected
    currency = "CNY" if "元" in expression and "美元" not in expression else "USD"
    low = value if bound == "at_least" else None
    high = value if bound == "up_to" else None
    assert parse_money(expression) == {"value": value, "value_low": low, "value_high": high,
                                       "currency": currency, "bound": bound}


def test_a_restatement_in_another_currency_converts_the_amount_before_it():
    text = "融资总额达15亿美元（约合108亿元人民币），另获3亿欧元。"
    assert extract_amounts(text) == [
        exact(text, "15亿美元", 1.5e9, "USD"),
        amount(text, "约合108亿元人民币", 1.08e10, None, None, "CNY", "approx", converts=0),
        exact(text, "3亿欧元", 3e8, "EUR"),
    ]


def test_a_restatement_after_a_comma_converts_too():
    text = "出价超过5亿美元,约合4亿英镑。"
    assert extract_amounts(text) == [
        amount(text, "超过5亿美元", 5e8, 5e8, None, "USD", "at_least"),
        amount(text, "约合4亿英镑", 4e8, None, None, "GBP", "approx", converts=0),
    ]


def test_two_amounts_in_the_same_currency_are_not_a_conversion():
    text = "A轮5000万美元(领投3000万美元)"
    assert extract_amounts(text) == [exact(text, "5000万美元", 5e7, "USD"),
                                     exact(text, "3000万美元", 3e7, "USD")]


def test_an_amount_without_currency_takes_the_currency_of_its_context():
    # Written in Chinese units, alone in its sentence: yuan, the unit Chinese writing leaves out.
    text = "他计划筹集5万亿打造芯片帝国，另有10亿用户。"
    assert extract_amounts(text) == [exact(text, "5万亿", 5e12, "CNY", source="context")]
    # Beside an amount naming its currency, in the same sentence: that currency.
    text = "奥特曼要筹集7万亿，孙正义寻求1000亿美元。"
    assert extract_amounts(text) == [exact(text, "7万亿", 7e12, "USD", source="context"),
                                     exact(text, "1000亿美元", 1e11, "USD")]
    # A money word before a number makes it money below 亿 too (年薪百万).
    text = "年薪百万，一时风头无两。"
    assert extract_amounts(text) == [amount(text, "百万", 1e6, None, None, "CNY", "approx", source="context")]
    # A bare magnitude takes a currency from its own sentence only: else it is the yuan of Chinese
    # idiom, whatever currency the paragraph counts in.
    text = "公司融资2.3亿美元。团队有创造千亿级市值公司的经验。"
    assert [(a["raw"], a["currency"], a["currency_source"]) for a in extract_amounts(text)] == [
        ("2.3亿美元", "USD", "text"), ("千亿级", "CNY", "context")]


@pytest.mark.parametrize("expression, expected", [
    ("千亿美元", (1e11, "USD")),   # a magnitude with no digit is a round figure
    ("百億美金", (1e10, "USD")),
    ("an estimated $50 billion", (5e10, "USD")),
    ("near $5 billion", (5e9, "USD")),
])
def test_round_and_estimated_figures_are_approximate(expression, expected):
    value, currency = expected
    assert parse_money(expression) == {"value": value, "value_low": None, "value_high": None,
                                       "currency": currency, "bound": "approx"}


def test_qualifiers_of_taiwanese_and_perfective_forms():
    assert parse_money("上看10億美元")["bound"] == "up_to"      # 投資上看10億美元: up to
    assert parse_money("超过了25亿美元")["bound"] == "at_least"
    assert parse_money("一百亿美元")["bound"] == "exact"       # written with a digit: as stated


def test_an_ambiguous_yen_or_yuan_sign_keeps_currency_null():
    assert parse_money("¥300亿") == {"value": 3e10, "value_low": 3e10, "value_high": 3e10,
                                     "currency": None, "bound": "exact"}


@pytest.mark.parametrize("text", [
    "表格单位:十亿美元(billion)",
    "單位：億元",
    "营收增长5倍，利润率30％，增长628%",
    "显存96GB，功率130KW，算力1037.3 EFLOPS",
    "购入2万块H100，集群有4000个GPU，另有1万块A100",
    "完成74笔投资，覆盖42家独角兽中的18家",
    "建立万亿芯片帝国，万亿参数的模型",
    "拥有10亿用户，7万亿参数",
    "数十万显卡，数以万计的GPU，百万分之一的概率",
    "砍一刀，两刀",
    "Llama 3 70B模型，20,000 GPUs，a-100-billion-ai-chip",
    "2024-02-16，2025年10月8日，2026财年",
    "近九成收入，约8成份额",
])
def test_not_money(text):
    assert extract_amounts(text) == []


def test_magnitude_classes_and_english_magnitude_words_are_ranges():
    text = "千亿级市值公司"
    assert extract_amounts(text) == [amount(text, "千亿级", None, 1e11, 1e12, "CNY", "range", source="context")]
    text = "a series of billion-dollar deals, calling it worth billions, not millions of users."
    assert extract_amounts(text) == [amount(text, "billion-dollar", None, 1e9, 1e10, "USD", "range"),
                                     amount(text, "billions", None, 1e9, 1e12, "USD", "range")]


def test_a_currency_joined_by_a_hyphen():
    text = "The round gives Mistral an 11.7 billion-euro valuation."
    assert extract_amounts(text) == [exact(text, "11.7 billion-euro", 1.17e10, "EUR")]


def test_a_word_ending_in_a_qualifier_character_is_no_qualifier():
    text = "双方签约100亿元，最近10亿美元"
    assert extract_amounts(text) == [exact(text, "100亿元", 1e10, "CNY"),
                                     exact(text, "10亿美元", 1e9, "USD")]


def test_parse_money_rejects_text_that_is_not_one_expression():
    assert parse_money("5倍") is None
    assert parse_money("融资10亿美元") is None
    assert parse_money("10亿美元和20亿美元") is None
    assert parse_money("") is None


def test_offsets_point_into_the_text():
    text = "第一段。\n\n英伟达向xAI投资20亿美元(约合143亿元人民币)，HK$7.8 billion。"
    for found in extract_amounts(text):
        assert text[found["char_start"]:found["char_end"]] == found["raw"]
    assert [a["raw"] for a in extract_amounts(text)] == [
        "20亿美元", "约合143亿元人民币", "HK$7.8 billion"]


def test_a_digit_run_too_long_for_an_amount_is_not_money():
    assert extract_amounts("订单号" + "9" * 300 + "亿美元") == []


def test_a_long_repetitive_run_neither_recurses_nor_makes_long_amounts():
    text = "1亿" * 5000
    found = extract_amounts(text)
    assert found and all(len(a["raw"]) <= 40 for a in found)
    assert all(text[a["char_start"]:a["char_end"]] == a["raw"] for a in found)
