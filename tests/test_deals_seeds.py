"""Deals of every seed, extracted without curation: the exact set, each with its evidence quote."""
import pytest

from conftest import document_by_file

COLUMNS = ("from", "to", "kind", "status", "amount", "announced_on", "date_source", "counterparty_text", "scope",
           "round_name", "role", "project", "evidence")

EXPECTED = {
    "000": [
        ('Nvidia', 'Sakana AI', 'equity_investment', 'completed', None, '2024-09-11', 'published', None, 'total', None, None, None, '英伟达通过向日本初创企业Sakana AI（东京都港区）出资，显示出要抓住支持日语的生成式AI用半导体需求。'),
        ('Nvidia', 'Mistral AI', 'equity_investment', 'completed', None, '2024-09-11', 'published', None, 'total', None, None, None, '该公司还接连向法国Mistral AI及加拿大Cohere等各国的生成式AI开发领跑企业提供资金。'),
        ('Nvidia', 'Cohere', 'equity_investment', 'completed', None, '2024-09-11', 'published', None, 'total', None, None, None, '该公司还接连向法国Mistral AI及加拿大Cohere等各国的生成式AI开发领跑企业提供资金。'),
        ('Nvidia', 'OpenAI', 'equity_investment', 'in_talks', None, '2024-09-11', 'published', None, 'total', None, None, None, '据多家美国媒体报道，英伟达还在与掀起生成式AI热潮的美国OpenAI展开投资谈判。'),
        ('Apple', 'OpenAI', 'equity_investment', 'in_talks', None, '2024-09-11', 'published', None, 'total', None, 'participant', None, '苹果被认为也参与了融资谈判，预计OpenAI的估值将达到1000亿美元。'),
        ('SBI Holdings', 'Preferred Networks', 'capital_alliance', 'completed', '最高出资100亿日元', '2024-08', 'text', None, 'total', None, None, None, 'SBI控股8月与日本最大的独角兽Preferred Networks（东京都千代田）就新一代半导体的开发和产品化开展了资本业务合作。最高出资100亿日元，预计SBI控股将成为与丰田（第一大股东）旗鼓相当的大股东。'),
        ('KDDI', 'ELYZA', 'acquisition', 'completed', None, '2024-04', 'text', None, 'total', None, None, None, '4月，KDDI将东京大学创立的AI初创企业ELYZA（东京都文京区）纳为子公司。'),
    ],
    "001": [
        ('Nvidia', 'xAI', 'equity_investment', 'completed', '高达20亿美元', '2025-10-08', 'text', None, 'total', None, 'participant', None, '其中,英伟达在这次融资中的股权部分投资高达20亿美元(约合143亿元人民币)'),
        (None, 'xAI', 'funding_round', 'completed', '200亿美元', '2025-10-10', 'published', None, 'total', None, None, None, '据外媒报道,xAI在最新一轮融资中获得了比预期更多的资金,已达到200亿美元。'),
        ('Tesla', 'Nvidia', 'chip_purchase', 'completed', None, '2025-10-10', 'published', None, 'total', None, None, None, '但目前来看,特斯拉自身的算力需求远超过Dojo能提供的,短期内仍需大量采购英伟达GPU,合作大于竞争。'),
    ],
    "002": [
        ('Nvidia', 'OpenAI', 'equity_investment', 'scaled_back', '高达1000亿美元', '2025-09', 'text', None, 'total', None, None, None, '当英伟达去年9月宣布将向OpenAI投资高达1000亿美元时,麻省理工学院斯隆管理学院教授迈克尔·库苏马诺就曾冷静地指出,这“基本上是一种对冲”——英伟达投资OpenAI股票,OpenAI则承诺购买英伟达芯片。'),
        ('Nvidia', 'Anthropic', 'equity_investment', 'announced', '100亿美元', '2026-03-08', 'published', None, 'total', None, None, None, '在英伟达宣布向Anthropic投资100亿美元仅两个月后,Anthropic CEO达里奥·阿莫代就在达沃斯论坛上,虽未点名但明显指向英伟达,将美国芯片公司向获批准的中国客户出售高性能AI处理器比作“向朝鲜出售核武器”。'),
        ('OpenAI', 'Nvidia', 'chip_purchase', 'announced', None, '2025-09', 'text', None, 'total', None, None, None, '当英伟达去年9月宣布将向OpenAI投资高达1000亿美元时,麻省理工学院斯隆管理学院教授迈克尔·库苏马诺就曾冷静地指出,这“基本上是一种对冲”——英伟达投资OpenAI股票,OpenAI则承诺购买英伟达芯片。'),
        ('Nvidia', 'OpenAI', 'equity_investment', 'completed', '300亿美元', '2026-03-08', 'published', None, 'total', None, 'participant', None, '最终,英伟达在OpenAI最新1100亿美元融资轮中的实际投资额仅为300亿美元,远低于最初承诺的1000亿美元。'),
        (None, 'OpenAI', 'funding_round', 'completed', '1100亿美元', '2026-03-08', 'published', None, 'total', None, None, None, '最终,英伟达在OpenAI最新1100亿美元融资轮中的实际投资额仅为300亿美元,远低于最初承诺的1000亿美元。'),
    ],
    "003": [
        ('Andreessen Horowitz', 'Nvidia', 'chip_purchase', 'completed', '数亿美元', None, None, None, 'total', None, None, None, '据美国科技媒介The Information在7月中旬的报告,管理着420亿美元资产的头部风投机构Andreessen Horowitz(简叫作a16z),已斥资数亿美元购买了数千块英伟达H100芯片。'),
        (None, 'Luma AI', 'funding_round', 'completed', '4300万美元', None, None, None, 'total', 'B轮', None, None, 'Luma AI是首批运用a16z GPU资源训练模型的机构之一,这家文生视频企业今年1月刚得到a16z领投的4300万美元B轮融资。'),
        ('Andreessen Horowitz', 'Luma AI', 'equity_investment', 'completed', None, None, None, None, 'total', 'B轮', 'lead', None, 'Luma AI是首批运用a16z GPU资源训练模型的机构之一,这家文生视频企业今年1月刚得到a16z领投的4300万美元B轮融资。'),
        ('Alt Capital', None, 'equity_investment', 'planned', '25万美元', None, None, '每家初创机构', 'each', None, None, None, '与此同期,Alt Capital将向每家初创机构投资25万美元。'),
        ('Microsoft', 'OpenAI', 'equity_investment', 'completed', None, None, None, None, 'total', None, None, None, '在微软投资OpenAI,亚马逊投资Anthropic等令人瞩目的投资背面,科技巨头在生成式AI企业中的投资,正在超过传统VC公司的投资额。'),
        ('Amazon', 'Anthropic', 'equity_investment', 'completed', None, None, None, None, 'total', None, None, None, '在微软投资OpenAI,亚马逊投资Anthropic等令人瞩目的投资背面,科技巨头在生成式AI企业中的投资,正在超过传统VC公司的投资额。'),
        ('Alibaba Group', 'Moonshot AI', 'equity_investment', 'completed', None, None, None, None, 'total', None, None, None, '例如阿里巴巴投资月之暗面占股份36%,而普通VC可能只会占十几个百分点,一般会分散投资物来谋求更好的财务报答。'),
    ],
    "004": [
        ('SoftBank Group', 'Arm', 'equity_investment', 'completed', None, None, None, None, 'total', None, None, None, '而从投资Arm上尝到甜头的孙正义,又挥舞着1000亿美元的支票进军AI芯片赛道。'),
        (None, 'Graphcore', 'acquisition', 'rumored', '超过5亿美元', None, None, None, 'total', None, None, None, '与此同时,公司的主要投资者也大幅提高了他们对公司股份的估值,这可能预示着交易额将超过5亿美元(约合4亿英镑)。'),
        ('SoftBank Group', 'Izanagi', 'equity_investment', 'rumored', '300亿美元', None, None, None, 'total', None, None, None, '据悉,软银自己会投入300亿美元,另外700亿美元可能来自中东的投资者。'),
        ('Microsoft', 'OpenAI', 'equity_investment', 'completed', '超过100亿美元', None, None, None, 'total', None, None, None, '这甚至超过微软对OpenAI超过100亿美元的投资。'),
        ('Arm', 'Graphcore', 'acquisition', 'rumored', None, None, None, None, 'total', None, None, None, '传闻的潜在买家包括英国Arm、日本科技巨头SoftBank以及ChatGPT背后的创业公司OpenAI。'),
        ('SoftBank Group', 'Graphcore', 'acquisition', 'rumored', None, None, None, None, 'total', None, None, None, '传闻的潜在买家包括英国Arm、日本科技巨头SoftBank以及ChatGPT背后的创业公司OpenAI。'),
        ('OpenAI', 'Graphcore', 'acquisition', 'rumored', None, None, None, None, 'total', None, None, None, '传闻的潜在买家包括英国Arm、日本科技巨头SoftBank以及ChatGPT背后的创业公司OpenAI。'),
        (None, 'Graphcore', 'funding_round', 'completed', '超过7亿美元', None, None, None, 'total', None, None, None, '此前,Graphcore已从包括微软和红杉资本在内的投资者那里筹集了超过7亿美元的资金,并在2020年底最后一次筹资时估值达到了28亿美元。'),
        ('Microsoft', 'Graphcore', 'equity_investment', 'completed', None, None, None, None, 'total', None, 'participant', None, '此前,Graphcore已从包括微软和红杉资本在内的投资者那里筹集了超过7亿美元的资金,并在2020年底最后一次筹资时估值达到了28亿美元。'),
        ('Sequoia Capital', 'Graphcore', 'equity_investment', 'completed', None, None, None, None, 'total', None, 'participant', None, '此前,Graphcore已从包括微软和红杉资本在内的投资者那里筹集了超过7亿美元的资金,并在2020年底最后一次筹资时估值达到了28亿美元。'),
    ],
}


def reports_of(db, document_id):
    return [tuple(row.values()) for row in db.query(
        "select f.name, t.name, d.kind, d.status, a.raw, d.announced_on, d.date_source, d.counterparty_text, d.scope,"
        " d.round_name,"
        " d.role, d.project, r.evidence from deal_reports r join deals d on d.id = r.deal_id"
        " left join organizations f on f.id = d.from_org_id left join organizations t on t.id = d.to_org_id"
        " left join amounts a on a.id = r.amount_id where r.document_id = ? order by r.id", [document_id])]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_deals_of_seed(seed_db, prefix):
    document = document_by_file(seed_db, prefix)
    assert reports_of(seed_db, document["id"]) == EXPECTED[prefix]


def test_evidence_is_verbatim_with_offsets(seed_db):
    rows = list(seed_db.query(
        "select r.evidence, substr(d.text, r.char_start + 1, r.char_end - r.char_start) as quoted"
        " from deal_reports r join documents d on d.id = r.document_id"))
    assert rows and all(row["evidence"] == row["quoted"] for row in rows)


def test_promise_scaled_back_is_superseded_by_the_payment(seed_db):
    rows = list(seed_db.query(
        "select d.status, a.raw, p.status as paid_status, pa.raw as paid_raw from deals d"
        " join deals p on p.id = d.superseded_by_deal_id join amounts a on a.id = d.amount_id"
        " join amounts pa on pa.id = p.amount_id"))
    assert rows == [{"status": "scaled_back", "raw": "高达1000亿美元", "paid_status": "completed", "paid_raw": "300亿美元"}]


def test_investor_shares_point_at_their_round(seed_db):
    rows = list(seed_db.query(
        "select f.name as investor, t.name as company, a.raw as share, ra.raw as round_total, d.role from deals d"
        " join deals r on r.id = d.parent_deal_id join organizations f on f.id = d.from_org_id"
        " join organizations t on t.id = d.to_org_id left join amounts a on a.id = d.amount_id"
        " join amounts ra on ra.id = r.amount_id order by d.id"))
    assert rows == [
        {"investor": "Nvidia", "company": "xAI", "share": "高达20亿美元", "round_total": "200亿美元", "role": "participant"},
        {"investor": "Nvidia", "company": "OpenAI", "share": "300亿美元", "round_total": "1100亿美元", "role": "participant"},
        {"investor": "Andreessen Horowitz", "company": "Luma AI", "share": None, "round_total": "4300万美元", "role": "lead"},
        {"investor": "Microsoft", "company": "Graphcore", "share": None, "round_total": "超过7亿美元", "role": "participant"},
        {"investor": "Sequoia Capital", "company": "Graphcore", "share": None, "round_total": "超过7亿美元", "role": "participant"},
    ]


def test_same_deal_in_two_documents_is_one_deal(tmp_path):
    """The same article under a second name adds a report to each of its deals, not a deal."""
    from conftest import SEEDS, run_cli
    from ingest.store.shape import open_db
    folder = tmp_path / "in"
    folder.mkdir()
    source = next(SEEDS.glob("004*")).read_text(encoding="utf-8")
    (folder / "a.txt").write_text(source, encoding="utf-8")
    (folder / "b.txt").write_text(source.replace("编辑:润 好困", "编辑:另一位"), encoding="utf-8")
    run_cli("ingest", tmp_path / "x.db", folder, "--silent")
    db = open_db(tmp_path / "x.db")
    counts = list(db.query("select count(distinct d.id) as deals, count(*) as reports from deal_reports r"
                           " join deals d on d.id = r.deal_id"))
    assert counts == [{"deals": 10, "reports": 20}]
