"""Claims of each seed article: the key claims as whole dicts, evidence included.

The expectations are written out literally (they are what a reader of the article would note down);
the extractor derives every one of them from the text with the general rules of ingest/claims.py.
000, 001 and 002 list every claim the extractor returns; 003 and 004 list the key ones.
"""
import pytest

from ingest.build import parse_loaded
from ingest.claims import extract_claims
from ingest.load import load_file
from ingest.text import build_text_model

from conftest import SEEDS

EXPECTED = {
    "000_eee745b692254dfb.txt": [
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'investments_total', 'period': 'since 2023', 'evidence': '自2023年生成式AI（人工智能）热潮全面暴发以来，英伟达共参与了74笔融资，累计投资额超过109亿美元。', 'amount': '超过109亿美元'},
        {'kind': 'statement', 'speaker': '黄仁勋', 'speaker_person': 'Jensen Huang', 'speaker_org': 'Nvidia', 'statement': '世界各国正试图通过自己的大语言模型，收集自己的数据、文化和语言，并形成体系', 'evidence': '“世界各国正试图通过自己的大语言模型，收集自己的数据、文化和语言，并形成体系”，英伟达首席执行官（CEO）黄仁勋在9月4日发表的声明中这样表示。'},
        {'kind': 'metric', 'subject': 'OpenAI', 'predicate': 'valuation', 'evidence': '苹果被认为也参与了融资谈判，预计OpenAI的估值将达到1000亿美元。', 'amount': '1000亿美元'},
        {'kind': 'metric', 'predicate': 'venture_investment_total', 'period': '2023', 'evidence': '美国调查公司PitchBook等的调查显示，2023年美国风险投资（VC）总额比2022年减少30％，降至1706亿美元。', 'amount': '1706亿美元'},
        {'kind': 'metric', 'predicate': 'growth_percent', 'number': -30.0, 'unit': 'percent', 'period': '2023', 'evidence': '美国调查公司PitchBook等的调查显示，2023年美国风险投资（VC）总额比2022年减少30％，降至1706亿美元。'},
        {'kind': 'metric', 'predicate': 'venture_investment_total', 'period': '2021', 'evidence': '2021年因远程办公普及，对云服务相关标的的投资十分活跃，风险投资总额达到了3480亿美元的峰值，之后连续两年出现下降。', 'amount': '3480亿美元'},
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'market_share', 'number': 80.0, 'unit': 'percent', 'evidence': '尽管该公司在AI半导体市场所占的全球份额达到约8成，但如果各个国家和地区的头部企业采用该公司的产品，英伟达的主导地位将会进一步得到巩固。'},
        {'kind': 'regulatory', 'subject': 'Nvidia', 'predicate': 'antitrust_investigation', 'speaker': '法国相关部门', 'statement': '法国相关部门正在以反竞争性行为的嫌疑进行调查', 'evidence': '针对英伟达促使更多的人使用基于自家GPU的AI开发工具的行为，法国相关部门正在以反竞争性行为的嫌疑进行调查。'},
        {'kind': 'regulatory', 'subject': 'Nvidia', 'predicate': 'subpoena', 'period': '2024-09-03', 'speaker': '彭博社', 'speaker_org': 'Bloomberg', 'statement': '美国司法部已向英伟达寄送要求其提交相关证据文件的传票，并开始依据反垄断法进行强制调查', 'evidence': '美国彭博社（Bloomberg News）9月3日报道称，美国司法部已向英伟达寄送要求其提交相关证据文件的传票，并开始依据反垄断法进行强制调查。'},
    ],
    "001_6c7ba46f442473b9.txt": [
        {'kind': 'statement', 'speaker': '黄仁勋', 'speaker_person': 'Jensen Huang', 'speaker_org': 'Nvidia', 'statement': '唯一的遗憾是没给xAI更多投资', 'evidence': '2025年10月8日,科技圈发生了一件大事,市值之王,英伟达投资了马斯克的人工智能公司xAI,这一消息,最早是由英伟达的创始人黄仁勋透露的,他还略带惋惜的说,“唯一的遗憾是没给xAI更多投资”。'},
    ],
    "002_8da328b7cf59d160.txt": [
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'segment_revenue', 'period': 'FY2026', 'evidence': '根据证券时报的数据,2026财年英伟达数据中心业务收入达到创纪录的623亿美元,同比增长75%,全年收入1937亿美元,贡献公司近九成收入。', 'amount': '623亿美元'},
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'growth_percent', 'number': 75.0, 'unit': 'percent', 'period': 'FY2026', 'evidence': '根据证券时报的数据,2026财年英伟达数据中心业务收入达到创纪录的623亿美元,同比增长75%,全年收入1937亿美元,贡献公司近九成收入。'},
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'revenue', 'period': 'FY2026', 'evidence': '根据证券时报的数据,2026财年英伟达数据中心业务收入达到创纪录的623亿美元,同比增长75%,全年收入1937亿美元,贡献公司近九成收入。', 'amount': '1937亿美元'},
        {'kind': 'statement', 'speaker': '黄仁勋', 'speaker_person': 'Jensen Huang', 'speaker_org': 'Nvidia', 'statement': '英伟达的所有投资都“非常明确地、战略性地聚焦于扩大和深化我们的生态系统覆盖范围”', 'evidence': '黄仁勋在财报电话会议上明确表示,英伟达的所有投资都“非常明确地、战略性地聚焦于扩大和深化我们的生态系统覆盖范围”。'},
        {'kind': 'statement', 'speaker': '迈克尔·库苏马诺', 'speaker_person': 'Michael Cusumano', 'speaker_org': 'MIT Sloan School of Management', 'statement': '这“基本上是一种对冲”——英伟达投资OpenAI股票,OpenAI则承诺购买英伟达芯片', 'evidence': '当英伟达去年9月宣布将向OpenAI投资高达1000亿美元时,麻省理工学院斯隆管理学院教授迈克尔·库苏马诺就曾冷静地指出,这“基本上是一种对冲”——英伟达投资OpenAI股票,OpenAI则承诺购买英伟达芯片。'},
        {'kind': 'statement', 'speaker': '黄仁勋', 'speaker_person': 'Jensen Huang', 'speaker_org': 'Nvidia', 'statement': '全额投资“可能不在考虑范围内”', 'evidence': '黄仁勋在大会上承认,全额投资“可能不在考虑范围内”。'},
        {'kind': 'statement', 'speaker': '达里奥·阿莫代', 'speaker_person': 'Dario Amodei', 'speaker_org': 'Anthropic', 'statement': '向朝鲜出售核武器', 'evidence': '在英伟达宣布向Anthropic投资100亿美元仅两个月后,Anthropic CEO达里奥·阿莫代就在达沃斯论坛上,虽未点名但明显指向英伟达,将美国芯片公司向获批准的中国客户出售高性能AI处理器比作“向朝鲜出售核武器”。'},
    ],
    "003_f2308fdc1de251fa.txt": [
        {'kind': 'metric', 'subject': 'Andreessen Horowitz', 'predicate': 'assets_under_management', 'evidence': '据美国科技媒介The Information在7月中旬的报告,管理着420亿美元资产的头部风投机构Andreessen Horowitz(简叫作a16z),已斥资数亿美元购买了数千块英伟达H100芯片。', 'amount': '420亿美元'},
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'growth_percent', 'number': 628.0, 'unit': 'percent', 'period': 'Q1', 'evidence': '该机构一季度净利润同比增长628% 。'},
        {'kind': 'statement', 'speaker': '红杉', 'speaker_org': 'Sequoia Capital', 'statement': '生成式AI理应创造6000亿美元的收入,而要实现这种报答还需要几十年的时间', 'evidence': '倘若将报答定义为赚取足够的利润来抵消投资,红杉估计生成式AI理应创造6000亿美元的收入,而要实现这种报答还需要几十年的时间。', 'amount': '6000亿美元'},
        {'kind': 'statement', 'speaker': '戴维·卡恩', 'speaker_person': 'David Cahn', 'speaker_org': 'Sequoia Capital', 'statement': '一种危险的“错觉”已然占据了上风:“咱们都会火速致富,由于AGI明天就要来了,我们都需要贮存独一有价值的资源,那便是GPU。”', 'evidence': '他认为一种危险的“错觉”已然占据了上风:“咱们都会火速致富,由于AGI明天就要来了,我们都需要贮存独一有价值的资源,那便是GPU。”'},
        {'kind': 'metric', 'subject': 'Moonshot AI', 'predicate': 'stake_percent', 'number': 36.0, 'unit': 'percent', 'statement': '例如阿里巴巴投资月之暗面占股份36%', 'evidence': '例如阿里巴巴投资月之暗面占股份36%,而普通VC可能只会占十几个百分点,一般会分散投资物来谋求更好的财务报答。'},
    ],
    "004_b1286b08de46b510.txt": [
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'net_loss', 'evidence': '但英国前芯片独角兽Graphcore,却因为持续每年亏损超过2亿刀,现在只能被迫卖身。', 'amount': '超过2亿刀'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'valuation', 'evidence': '据一位投资者估计,这将Graphcore的估值定在了5.28亿美元。', 'amount': '5.28亿美元'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'growth_percent', 'number': -46.0, 'unit': 'percent', 'evidence': '但实际情况却是,公司的收入不仅在去年下降了46%,而且亏损还在持续扩大,甚至在筹集资金方面还遇到了困难。'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'net_loss', 'period': '2022', 'evidence': 'Graphcore表示,其2022年的亏损增加了11%,达到2.046亿美元,而收入从500万美元下降到了270万美元。', 'amount': '2.046亿美元'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'growth_percent', 'number': 11.0, 'unit': 'percent', 'period': '2022', 'evidence': 'Graphcore表示,其2022年的亏损增加了11%,达到2.046亿美元,而收入从500万美元下降到了270万美元。'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'revenue', 'period': '2022', 'evidence': 'Graphcore表示,其2022年的亏损增加了11%,达到2.046亿美元,而收入从500万美元下降到了270万美元。', 'amount': '270万美元'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'cash', 'evidence': '此外,公司在年末时手头只有1.57亿美元的现金了。', 'amount': '1.57亿美元'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'funding_raised_total', 'evidence': '此前,Graphcore已从包括微软和红杉资本在内的投资者那里筹集了超过7亿美元的资金,并在2020年底最后一次筹资时估值达到了28亿美元。', 'amount': '超过7亿美元'},
        {'kind': 'metric', 'subject': 'Graphcore', 'predicate': 'valuation', 'period': '2020', 'evidence': '此前,Graphcore已从包括微软和红杉资本在内的投资者那里筹集了超过7亿美元的资金,并在2020年底最后一次筹资时估值达到了28亿美元。', 'amount': '28亿美元'},
        {'kind': 'metric', 'subject': 'Nvidia', 'predicate': 'market_cap', 'evidence': '相比起来,老大哥英伟达则在AI革命期间需求激增,市值更是超过了亚马逊和谷歌,达到了1.8万亿美元,成为世界第三大科技公司。', 'amount': '1.8万亿美元'},
    ],
}
COMPLETE = {"000_eee745b692254dfb.txt", "001_6c7ba46f442473b9.txt", "002_8da328b7cf59d160.txt"}


def _extract(name):
    document, _ = parse_loaded(load_file(SEEDS / name))
    model = build_text_model(document["text"], document.get("published_on"), document.get("language"))
    return model.text, model.amounts, extract_claims(model, document)


def _view(claim, amounts):
    """A claim as the test writes it: the amount by its raw text, no offsets, no empty fields."""
    view = {k: v for k, v in claim.items()
            if v is not None and k not in ("amount_index", "char_start", "char_end", "source")}
    if claim["amount_index"] is not None:
        view["amount"] = amounts[claim["amount_index"]]["raw"]
    return view


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def seed(request):
    return (request.param, *_extract(request.param))


def test_key_claims_with_their_evidence(seed):
    name, text, amounts, claims = seed
    views = [_view(c, amounts) for c in claims]
    missing = [e for e in EXPECTED[name] if e not in views]
    assert not missing, f"{name}: missing {missing}\nextracted: {views}"
    if name in COMPLETE:
        assert views == EXPECTED[name]


def test_evidence_is_verbatim_and_amounts_are_originals(seed):
    name, text, amounts, claims = seed
    for c in claims:
        assert text[c["char_start"]:c["char_end"]] == c["evidence"]
        assert c["source"] == "extracted"
        assert c["kind"] in ("metric", "statement", "regulatory")
        if c["amount_index"] is not None:
            assert amounts[c["amount_index"]].get("converts") is None
            amount = amounts[c["amount_index"]]
            assert c["char_start"] <= amount["char_start"] < c["char_end"]
