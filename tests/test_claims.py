"""Claim rules on articles written for these tests (not seeds): simplified and traditional Chinese,
English, a new startup, synonym-rewritten reposts, and the traps the rules must not fall into."""
import sqlite_utils

from ingest.claim_vocab import claim_vocabulary, fold
from ingest.claims import extract_claims
from ingest.language import normalized_view
from ingest.store.shape import ensure_db_shape
from ingest.store.claims import save_claims
from ingest.text import build_text_model
from ingest.store.orgs import save_gazetteer


def claims_of(text, published_on="2025-06-01"):
    model = build_text_model(text, published_on)
    amounts = model.amounts
    claims = extract_claims(model, {"published_on": published_on})
    views = []
    for c in claims:
        assert text[c["char_start"]:c["char_end"]] == c["evidence"]
        view = {k: v for k, v in c.items()
                if v is not None and k not in ("amount_index", "char_start", "char_end", "source")}
        if c["amount_index"] is not None:
            view["amount"] = amounts[c["amount_index"]]["raw"]
        views.append(view)
    return views


def test_new_startup_metrics_and_a_statement_in_simplified_chinese():
    text = ("2024年，AI初创企业深瞳智算科技有限公司完成了B轮融资，估值达到40亿元。此前该公司已累计融资超过5亿元人民币。\n\n"
            "该公司创始人在接受采访时暗示：“我们的GPU数量已经超过1万块。”")
    assert claims_of(text) == [
        {"kind": "metric", "subject": "深瞳智算科技有限公司", "predicate": "valuation", "period": "2024",
         "evidence": "2024年，AI初创企业深瞳智算科技有限公司完成了B轮融资，估值达到40亿元。", "amount": "40亿元"},
        {"kind": "metric", "subject": "深瞳智算科技有限公司", "predicate": "funding_raised_total",
         "evidence": "此前该公司已累计融资超过5亿元人民币。", "amount": "超过5亿元人民币"},
        {"kind": "statement", "speaker": "该公司", "speaker_org": "深瞳智算科技有限公司",
         "statement": "我们的GPU数量已经超过1万块",
         "evidence": "该公司创始人在接受采访时暗示：“我们的GPU数量已经超过1万块。”"},
    ]


def test_traditional_chinese_article():
    text = ("輝達公布2025財年營收達到1305億美元，同比增長114%。該公司的市值一度超過3萬億美元。\n\n"
            "「需求非常強勁，」黃仁勳在財報會議上表示。\n\n"
            "美國聯邦貿易委員會正在對微軟展開反壟斷調查。\n\n"
            "據路透社報道，阿里巴巴持有月之暗面約36%的股份。")
    first = "輝達公布2025財年營收達到1305億美元，同比增長114%。"
    assert claims_of(text) == [
        {"kind": "metric", "subject": "Nvidia", "predicate": "revenue", "period": "FY2025", "evidence": first,
         "amount": "1305億美元"},
        {"kind": "metric", "subject": "Nvidia", "predicate": "growth_percent", "number": 114.0, "unit": "percent",
         "period": "FY2025", "evidence": first},
        {"kind": "metric", "subject": "Nvidia", "predicate": "market_cap", "evidence": "該公司的市值一度超過3萬億美元。",
         "amount": "超過3萬億美元"},
        {"kind": "statement", "speaker": "黃仁勳", "speaker_person": "Jensen Huang", "statement": "需求非常強勁",
         "evidence": "「需求非常強勁，」黃仁勳在財報會議上表示。"},
        {"kind": "regulatory", "subject": "Microsoft", "predicate": "antitrust_investigation",
         "speaker": "美國聯邦貿易委員會", "speaker_org": "Federal Trade Commission",
         "statement": "美國聯邦貿易委員會正在對微軟展開反壟斷調查", "evidence": "美國聯邦貿易委員會正在對微軟展開反壟斷調查。"},
        {"kind": "metric", "subject": "Moonshot AI", "predicate": "stake_percent", "number": 36.0, "unit": "percent",
         "statement": "阿里巴巴持有月之暗面約36%的股份", "evidence": "據路透社報道，阿里巴巴持有月之暗面約36%的股份。"},
    ]


def test_english_article():
    text = ('Anthropic is valued at $183 billion after the round.\n\n'
            '"Demand is insane," said Dario Amodei, chief executive of Anthropic.\n\n'
            'The Federal Trade Commission is investigating Microsoft over its OpenAI deal.\n\n'
            'Nvidia said its data center revenue rose 75% to $62.3 billion in fiscal 2026.')
    last = "Nvidia said its data center revenue rose 75% to $62.3 billion in fiscal 2026."
    assert claims_of(text) == [
        {"kind": "metric", "subject": "Anthropic", "predicate": "valuation",
         "evidence": "Anthropic is valued at $183 billion after the round.", "amount": "$183 billion"},
        {"kind": "statement", "speaker": "Dario Amodei", "speaker_person": "Dario Amodei", "speaker_org": "Anthropic",
         "statement": "Demand is insane",
         "evidence": '"Demand is insane," said Dario Amodei, chief executive of Anthropic.'},
        {"kind": "regulatory", "subject": "Microsoft", "predicate": "investigation", "speaker": "Federal Trade Commission",
         "speaker_org": "Federal Trade Commission",
         "statement": "Federal Trade Commission is investigating Microsoft over its OpenAI deal",
         "evidence": "The Federal Trade Commission is investigating Microsoft over its OpenAI deal."},
        {"kind": "statement", "speaker": "Nvidia", "speaker_org": "Nvidia",
         "statement": "its data center revenue rose 75% to $62.3 billion in fiscal 2026", "evidence": last,
         "amount": "$62.3 billion"},
        {"kind": "metric", "subject": "Nvidia", "predicate": "segment_revenue", "period": "FY2026", "evidence": last,
         "amount": "$62.3 billion"},
        {"kind": "metric", "subject": "Nvidia", "predicate": "growth_percent", "number": 75.0, "unit": "percent",
         "evidence": last},
    ]


def test_statement_metric_and_subpoena_of_one_article():
    # 暗示 (hints) is a speech verb; 该机构 (this institution) is the company just named.
    text = ("Databricks首席执行官阿里·戈德斯暗示,该机构今年的营收将超过30亿美元。\n\n"
            "2023年美国风险投资总额降至1706亿美元。\n\n"
            "据《金融时报》报道称,美国司法部已向英伟达发出传票。")
    views = claims_of(text)
    assert {"kind": "statement", "speaker": "阿里·戈德斯", "speaker_person": "Ali Ghodsi", "speaker_org": "Databricks",
            "statement": "该机构今年的营收将超过30亿美元", "amount": "超过30亿美元",
            "evidence": "Databricks首席执行官阿里·戈德斯暗示,该机构今年的营收将超过30亿美元。"} in views
    assert {"kind": "metric", "subject": "Databricks", "predicate": "revenue", "period": "2025",
            "amount": "超过30亿美元",
            "evidence": "Databricks首席执行官阿里·戈德斯暗示,该机构今年的营收将超过30亿美元。"} in views
    assert {"kind": "metric", "predicate": "venture_investment_total", "period": "2023", "amount": "1706亿美元",
            "evidence": "2023年美国风险投资总额降至1706亿美元。"} in views
    regulatory = [v for v in views if v["kind"] == "regulatory"]
    assert regulatory == [{"kind": "regulatory", "subject": "Nvidia", "predicate": "subpoena",
                           "speaker": "美国司法部", "speaker_org": "US Department of Justice",
                           "statement": "美国司法部已向英伟达发出传票",
                           "evidence": "据《金融时报》报道称,美国司法部已向英伟达发出传票。"}]


def test_growth_sign_previous_value_and_period_from_the_document_date():
    text = "英伟达表示，其去年第三季度的收入从100亿美元增长到了180亿美元。该公司的净利润下降了12%。"
    views = claims_of(text, published_on="2024-03-01")
    metrics = [v for v in views if v["kind"] == "metric"]
    assert metrics == [
        {"kind": "metric", "subject": "Nvidia", "predicate": "revenue", "period": "2023-Q3", "amount": "180亿美元",
         "evidence": "英伟达表示，其去年第三季度的收入从100亿美元增长到了180亿美元。"},
        {"kind": "metric", "subject": "Nvidia", "predicate": "growth_percent", "number": -12.0, "unit": "percent",
         "evidence": "该公司的净利润下降了12%。"},
    ]


def test_traps_give_no_claims():
    text = ("苹果被认为也参与了融资谈判。\n\n"                       # passive 被认为: no speaker
            "美国调查公司PitchBook的调查显示，投资十分活跃。\n\n"        # a survey, not an investigation
            "如果计划最终落地，OpenAI可能会受到反垄断调查。\n\n"          # hypothetical
            "也就是说，英伟达需要更多客户。\n\n"                        # 也就是说 is not speech
            "这个项目被称为「Izanagi」。\n\n"                          # naming, not speech
            "红杉估计生成式AI理应创造6000亿美元的收入。")                # the speaker is not the subject
    views = claims_of(text)
    assert [v["kind"] for v in views] == ["statement"]
    assert views[0]["speaker_org"] == "Sequoia Capital"
    assert views[0]["statement"] == "生成式AI理应创造6000亿美元的收入"


def test_converted_amount_is_never_the_claim_amount():
    text = "Graphcore的估值为5亿美元(约合4亿英镑)。"
    model = build_text_model(text)
    claims = extract_claims(model, {"published_on": None})
    assert [(c["predicate"], model.amounts[c["amount_index"]]["raw"]) for c in claims] == [("valuation", "5亿美元")]


def test_vocabulary_written_once_matches_traditional_and_capitalised_text():
    # Cues are simplified Chinese and lower-case English; they read the folded view of the text.
    v = claim_vocabulary()
    def view(text):
        return fold(normalized_view(text))
    assert v.speech.verbs.search(view("他認為，")) and v.speech.verbs.search(view("他強調"))
    assert v.speech.verbs.search(view("他說，")) and v.speech.verbs.search(view("Said"))
    assert any(p.before.search(view("營收")) for p in v.metric.predicates_of["money"] if p.before is not None)
    assert dict(v.regulatory.actions)["subpoena"].search(view("傳票"))
    assert v.subject.anaphora.search(view("The Company")) and not v.subject.anaphora.search(view("itself"))


def test_save_claims_resolves_names_and_amounts(tmp_path):
    db = sqlite_utils.Database(tmp_path / "t.db")
    ensure_db_shape(db)
    save_gazetteer(db)
    doc_id = db["documents"].insert({"sha256": "x", "source_path": "x.txt", "raw": "x", "text": "x"}).last_pk
    amount_id = db["amounts"].insert({"document_id": doc_id, "raw": "1000亿美元", "char_start": 0,
                                      "char_end": 1}).last_pk
    claims = [
        {"kind": "statement", "subject": None, "predicate": None, "amount_index": 0, "number": None, "unit": None,
         "period": None, "speaker": "库苏马诺", "speaker_person": "Michael Cusumano",
         "speaker_org": "MIT Sloan School of Management", "statement": "基本上是一种对冲", "evidence": "x",
         "char_start": 0, "char_end": 1, "source": "extracted"},
        {"kind": "metric", "subject": "Nvidia", "predicate": "growth_percent", "amount_index": None, "number": 75.0,
         "unit": "percent", "period": "FY2026", "speaker": None, "speaker_person": None, "speaker_org": None,
         "statement": None, "evidence": "x", "char_start": 0, "char_end": 1, "source": "curated"},
    ]
    save_claims(db, doc_id, claims, [amount_id])
    rows = list(db.query(
        "SELECT c.kind, o.name AS subject, c.amount_id, p.name AS person, so.name AS org, c.number, c.source "
        "FROM claims c LEFT JOIN organizations o ON o.id = c.subject_org_id "
        "LEFT JOIN people p ON p.id = c.speaker_person_id LEFT JOIN organizations so ON so.id = c.speaker_org_id "
        "ORDER BY c.id"))
    assert rows == [
        {"kind": "statement", "subject": None, "amount_id": amount_id, "person": "Michael Cusumano",
         "org": "MIT Sloan School of Management", "number": None, "source": "extracted"},
        {"kind": "metric", "subject": "Nvidia", "amount_id": None, "person": None, "org": None, "number": 75.0,
         "source": "curated"},
    ]
