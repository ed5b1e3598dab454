"""The hand-checked amounts of the five seed articles, read from their clean text.

Every monetary expression, in text order, and nothing else. Shared by tests/test_money_seeds.py
and bench/money_vs_jionlp.py (which must run without pytest). Non-money in these texts that must
stay out: 74笔, 42家, 18家, 5倍, 30％, 约8成, 数千块, 2万块以上, 1万块H100, 4000个GPU, 628%,
96GB, 130KW, 1037.3 EFLOPS, 表格单位:十亿美元, 百万分之一, 数十万显卡, 万亿芯片帝国, 元年, and the
100-billion inside a URL.
"""

B = 10**8  # 亿

# (raw, value, value_low, value_high, currency, bound, converts)
EXPECTED = {
    "000": [
        ("超过109亿美元", 109 * B, 109 * B, None, "USD", "at_least", None),
        ("1000亿美元", 1000 * B, 1000 * B, 1000 * B, "USD", "exact", None),
        ("1706亿美元", 1706 * B, 1706 * B, 1706 * B, "USD", "exact", None),
        ("3480亿美元", 3480 * B, 3480 * B, 3480 * B, "USD", "exact", None),
        ("超过3000亿美元", 3000 * B, 3000 * B, None, "USD", "at_least", None),
        ("超过109亿美元", 109 * B, 109 * B, None, "USD", "at_least", None),
        ("最高出资100亿日元", 100 * B, None, 100 * B, "JPY", "up_to", None),
    ],
    "001": [
        ("200亿美元", 200 * B, 200 * B, 200 * B, "USD", "exact", None),
        ("高达20亿美元", 20 * B, None, 20 * B, "USD", "up_to", None),
        ("约合143亿元人民币", 143 * B, None, None, "CNY", "approx", 1),
    ],
    "002": [
        ("623亿美元", 623 * B, 623 * B, 623 * B, "USD", "exact", None),
        ("1937亿美元", 1937 * B, 1937 * B, 1937 * B, "USD", "exact", None),
        ("高达1000亿美元", 1000 * B, None, 1000 * B, "USD", "up_to", None),
        ("1100亿美元", 1100 * B, 1100 * B, 1100 * B, "USD", "exact", None),
        ("300亿美元", 300 * B, 300 * B, 300 * B, "USD", "exact", None),
        ("1000亿美元", 1000 * B, 1000 * B, 1000 * B, "USD", "exact", None),
        ("100亿美元", 100 * B, 100 * B, 100 * B, "USD", "exact", None),
    ],
    "003": [
        ("420亿美元", 420 * B, 420 * B, 420 * B, "USD", "exact", None),
        ("数亿美元", None, B, 10 * B, "USD", "range", None),
        ("高达50亿美元", 50 * B, None, 50 * B, "USD", "up_to", None),
        ("4300万美元", 43_000_000, 43_000_000, 43_000_000, "USD", "exact", None),
        ("高达九位数美元", None, 100_000_000, 999_999_999, "USD", "range", None),
        ("几百亿美元", None, 100 * B, 1000 * B, "USD", "range", None),
        ("一亿美金", B, B, B, "USD", "exact", None),
        ("100万美元", 1_000_000, 1_000_000, 1_000_000, "USD", "exact", None),
        ("6000亿美元", 6000 * B, 6000 * B, 6000 * B, "USD", "exact", None),
        ("超过6000亿美元", 6000 * B, 6000 * B, None, "USD", "at_least", None),
        ("35万美元", 350_000, 350_000, 350_000, "USD", "exact", None),
        ("25万美元", 250_000, 250_000, 250_000, "USD", "exact", None),
        ("超过1000万美元以上", 10_000_000, 10_000_000, None, "USD", "at_least", None),
        ("270亿美元", 270 * B, 270 * B, 270 * B, "USD", "exact", None),
        ("数百亿美元", None, 100 * B, 1000 * B, "USD", "range", None),
    ],
    "004": [
        ("7万亿", 70_000 * B, 70_000 * B, 70_000 * B, "USD", "exact", None),  # dollars, as around it
        ("1000亿美元", 1000 * B, 1000 * B, 1000 * B, "USD", "exact", None),
        ("超过2亿刀", 2 * B, 2 * B, None, "USD", "at_least", None),
        ("7万亿", 70_000 * B, 70_000 * B, 70_000 * B, "USD", "exact", None),  # dollars, as around it
        ("1000亿美元", 1000 * B, 1000 * B, 1000 * B, "USD", "exact", None),
        ("高达1000亿美元", 1000 * B, None, 1000 * B, "USD", "up_to", None),
        ("300亿美元", 300 * B, 300 * B, 300 * B, "USD", "exact", None),
        ("700亿美元", 700 * B, 700 * B, 700 * B, "USD", "exact", None),
        ("超过100亿美元", 100 * B, 100 * B, None, "USD", "at_least", None),
        ("1000亿美元", 1000 * B, 1000 * B, 1000 * B, "USD", "exact", None),
        ("超过5亿美元", 5 * B, 5 * B, None, "USD", "at_least", None),
        ("约合4亿英镑", 4 * B, None, None, "GBP", "approx", 10),
        ("5.28亿美元", 528_000_000, 528_000_000, 528_000_000, "USD", "exact", None),
        ("2.046亿美元", 204_600_000, 204_600_000, 204_600_000, "USD", "exact", None),
        ("500万美元", 5_000_000, 5_000_000, 5_000_000, "USD", "exact", None),
        ("270万美元", 2_700_000, 2_700_000, 2_700_000, "USD", "exact", None),
        ("1.57亿美元", 157_000_000, 157_000_000, 157_000_000, "USD", "exact", None),
        ("超过7亿美元", 7 * B, 7 * B, None, "USD", "at_least", None),
        ("28亿美元", 28 * B, 28 * B, 28 * B, "USD", "exact", None),
        ("1.8万亿美元", 18_000 * B, 18_000 * B, 18_000 * B, "USD", "exact", None),
    ],
}
