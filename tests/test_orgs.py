"""Organization and person mentions on articles of our own: traditional script with offsets,
Latin word boundaries and case, guarded aliases, discovery of new organizations, no false hits."""
from ingest.language import normalized_view
from ingest.orgs import extract_org_mentions, extract_person_mentions


def org(text, surface, name, nth=0, new=False):
    """Expected mention of `surface` (its nth occurrence in text)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return (name, surface, start, start + len(surface), not new)


def found(text):
    mentions = extract_org_mentions(text)
    for m in mentions:
        assert text[m["char_start"]:m["char_end"]] == m["surface"]
    return [(m["name"], m["surface"], m["char_start"], m["char_end"], m["in_gazetteer"])
            for m in mentions]


def new_orgs(text):
    return {m["name"] for m in extract_org_mentions(text) if not m["in_gazetteer"]}


# ---------------------------------------------------------------------------------------------
# Traditional Chinese: matched after tw2sp, offsets into the original

TAIWAN = ("據彭博社報導，輝達（NVIDIA）執行長黃仁勳表示，記憶體與伺服器需求強勁，輝達將與軟銀集團及"
          "微軟合作。英偉達此前已投資新創公司Zephyr Robotics。台積電亦表示支持。")


def test_taiwan_article_resolves_every_form_with_offsets_into_the_original():
    assert found(TAIWAN) == [
        org(TAIWAN, "彭博社", "Bloomberg"),
        org(TAIWAN, "輝達", "Nvidia"),
        org(TAIWAN, "NVIDIA", "Nvidia"),
        org(TAIWAN, "輝達", "Nvidia", nth=1),
        org(TAIWAN, "軟銀集團", "SoftBank Group"),
        org(TAIWAN, "微軟", "Microsoft"),
        org(TAIWAN, "英偉達", "Nvidia"),
        org(TAIWAN, "Zephyr Robotics", "Zephyr Robotics", new=True),
        org(TAIWAN, "台積電", "TSMC"),
    ]


def test_people_in_traditional_text():
    start = TAIWAN.index("黃仁勳")
    assert extract_person_mentions(TAIWAN) == [
        {"name": "Jensen Huang", "surface": "黃仁勳", "char_start": start, "char_end": start + 3}]


def test_the_view_keeps_offsets_and_matches_every_script():
    # The view is converted character by character: 記憶體 stays three characters, 輝達 two.
    text = "記憶體大廠與輝達，執行長說：輝達、微軟。"
    view = normalized_view(text)
    assert len(view) == len(text) and view.startswith("记忆体大厂与辉达,")
    assert [(m[1], m[2]) for m in found(text)] == [("輝達", 6), ("輝達", 14), ("微軟", 17)]


def test_simplified_text_and_quoted_traditional_names():
    text = "英伟达建立核心文件，显著投资OpenAI。"
    assert normalized_view(text) == "英伟达建立核心文件,显著投资OpenAI。"
    quoted = "台湾媒体称英伟达为「輝達」。"
    assert found(quoted) == [org(quoted, "英伟达", "Nvidia"), org(quoted, "輝達", "Nvidia")]


def test_hong_kong_and_mixed_scripts():
    text = "騰訊與阿里巴巴集團競購，字節跳動、紅杉資本和美國紅杉均有參與；亞馬遜雲與Google Cloud提供算力。"
    assert found(text) == [
        org(text, "騰訊", "Tencent"),
        org(text, "阿里巴巴集團", "Alibaba Group"),
        org(text, "字節跳動", "ByteDance"),
        org(text, "紅杉資本", "Sequoia Capital"),
        org(text, "美國紅杉", "Sequoia Capital"),
        org(text, "亞馬遜雲", "Amazon Web Services"),
        org(text, "Google Cloud", "Google Cloud"),
    ]


# ---------------------------------------------------------------------------------------------
# Latin names: word boundaries, case, guarded letters

ENGLISH = ("Arm shares rose while armed guards watched. Meta said its metadata team posted on X "
           "about X-ray images and the letter X. Nvidia invested in Quillon Labs, a startup; "
           "Quillon Labs will buy H100 chips and run CUDA. Sam Altman's OpenAI met investors in "
           "Paris. Grok is a product of xAI, not of XAI Partners' rivals at OpenAIR.")


def test_english_paragraph():
    assert found(ENGLISH) == [
        org(ENGLISH, "Arm", "Arm"),
        org(ENGLISH, "Meta", "Meta"),
        org(ENGLISH, "X", "X Corp."),
        org(ENGLISH, "Nvidia", "Nvidia"),
        org(ENGLISH, "Quillon Labs", "Quillon Labs", new=True),
        org(ENGLISH, "Quillon Labs", "Quillon Labs", nth=1, new=True),
        org(ENGLISH, "OpenAI", "OpenAI"),
        org(ENGLISH, "xAI", "xAI"),
        org(ENGLISH, "XAI Partners", "XAI Partners", new=True),
    ]


def test_words_containing_an_alias_are_not_mentions():
    for text in ["armed forces and Armenia", "metadata and Metamorphosis", "Appleton", "Intelligent",
                 "MetaX", "the oracle spoke", "a sequoia tree", "Perplexity", "X-ray", "Xbox"]:
        names = [m["name"] for m in extract_org_mentions(text)]
        if text == "Perplexity":
            assert names == ["Perplexity"]  # the company, written as such
        else:
            assert names == [], text


def test_letter_x_only_as_the_platform():
    assert [m["surface"] for m in extract_org_mentions("马斯克控制着X平台(原推特)。")] == ["X", "推特"]
    assert extract_org_mentions("在X轴上，X光片显示。") == []
    assert [m["name"] for m in extract_org_mentions("He wrote on X that X Corp. will sue.")] == [
        "X Corp.", "X Corp."]


def test_multiword_latin_alias_across_a_line_break():
    text = "参考：Financial\nTimes报道"
    assert found(text) == [("Financial Times", "Financial\nTimes", 3, 18, True)]


def test_longest_alias_wins_and_shorter_overlaps_are_dropped():
    text = "美国红杉资本与美国红杉、红杉、Sequoia Capital、Google DeepMind、Arm Holdings、亚马逊云科技。"
    assert [(m["name"], m["surface"]) for m in extract_org_mentions(text)] == [
        ("Sequoia Capital", "美国红杉资本"), ("Sequoia Capital", "美国红杉"), ("Sequoia Capital", "红杉"),
        ("Sequoia Capital", "Sequoia Capital"), ("Google DeepMind", "Google DeepMind"),
        ("Arm", "Arm Holdings"), ("Amazon Web Services", "亚马逊云科技")]


def test_alias_inside_a_transliterated_person_name_is_not_an_organization():
    text = "Databricks首席执行官阿里·戈德斯表示，阿里与腾讯合作。"
    assert [(m["name"], m["surface"]) for m in extract_org_mentions(text)] == [
        ("Databricks", "Databricks"), ("Alibaba Group", "阿里"), ("Tencent", "腾讯")]
    assert [m["name"] for m in extract_person_mentions(text)] == ["Ali Ghodsi"]


# ---------------------------------------------------------------------------------------------
# Discovery of organizations the gazetteer does not know


def test_new_chinese_company_names():
    text = "据知情人士透露，北京星火矩阵科技有限公司完成新一轮融资，由星澜资本领投，英伟达跟投。"
    assert found(text) == [
        org(text, "北京星火矩阵科技有限公司", "北京星火矩阵科技有限公司", new=True),
        org(text, "星澜资本", "星澜资本", new=True),
        org(text, "英伟达", "Nvidia"),
    ]
    assert {m["name_zh"] for m in extract_org_mentions(text) if not m["in_gazetteer"]} == {
        "北京星火矩阵科技有限公司", "星澜资本"}


def test_new_latin_names_next_to_chinese_org_words_and_deal_verbs():
    text = "软银收购了Nimbrix，并与风投机构Kestrel合作；Orbitron公司和Helio资本也在其中。"
    assert found(text) == [
        org(text, "软银", "SoftBank Group"),
        org(text, "Nimbrix", "Nimbrix", new=True),
        org(text, "Kestrel", "Kestrel", new=True),
        org(text, "Orbitron", "Orbitron", new=True),
        org(text, "Helio资本", "Helio资本", new=True),
    ]


def test_a_discovered_name_is_found_again_without_its_context():
    text = "初创企业Zentra获得投资。Zentra表示，Zentra的模型将开源。"
    assert found(text) == [org(text, "Zentra", "Zentra", nth=n, new=True) for n in range(3)]


def test_traditional_text_with_a_new_startup_keeps_original_offsets():
    text = "輝達宣佈投資新創企業「Veloxis AI」，金額未披露。"
    assert found(text) == [org(text, "輝達", "Nvidia"), org(text, "Veloxis AI", "Veloxis AI", new=True)]


def test_products_people_places_and_common_words_are_not_organizations():
    texts = [
        "马斯克推出Grok，投资Grok与H100芯片，并在巴黎会见Sam Altman。",
        "这家公司与多家科技公司和大型科技集团合作，人工智能公司数量增加，资本市场和银行家关注。",
        "初创企业需要GPU和CUDA；AI公司与VC公司争夺API。Generative AI and Physical AI are trends.",
        "The company invested in China and acquired Tokyo offices; it backed H200 supply.",
        "美国科技巨头与中国科技公司在东京、硅谷和旧金山竞争。",
        "基于Ryzen AI Max+的迷你主机可以运行Llama 3 70B模型。",
    ]
    for text in texts:
        assert new_orgs(text) == set(), text
    assert [m["name"] for m in extract_org_mentions(texts[0])] == []
    assert [m["name"] for m in extract_person_mentions(texts[0])] == ["Elon Musk", "Sam Altman"]


def test_company_name_starts_after_the_last_function_word():
    text = "它宣布与上海云澜智能科技有限公司合作，由和平科技有限公司牵头，北京和信科技有限公司跟投。"
    assert found(text) == [
        org(text, "上海云澜智能科技有限公司", "上海云澜智能科技有限公司", new=True),
        org(text, "和平科技有限公司", "和平科技有限公司", new=True),
        org(text, "北京和信科技有限公司", "北京和信科技有限公司", new=True),
    ]


def test_guarded_chinese_aliases():
    assert extract_org_mentions("高通量测序与三星堆遗址") == []
    assert [m["name"] for m in extract_org_mentions("高通与三星合作")] == ["Qualcomm", "Samsung Electronics"]


def test_gazetteer_wins_over_discovery():
    text = "Meta AI and Sakana AI Labs; 投资了Mistral。"
    assert [(m["name"], m["surface"], m["in_gazetteer"]) for m in extract_org_mentions(text)] == [
        ("Meta", "Meta", True), ("Sakana AI", "Sakana AI", True), ("Mistral AI", "Mistral", True)]


# ---------------------------------------------------------------------------------------------
# Property: whatever the mix of scripts and length-changing conversions, offsets are exact

from hypothesis import given, settings, strategies as st  # noqa: E402

ALIASES = {"輝達": "Nvidia", "英偉達": "Nvidia", "微軟": "Microsoft", "軟銀": "SoftBank Group",
           "台積電": "TSMC", "紅杉資本": "Sequoia Capital", "NVIDIA": "Nvidia", "OpenAI": "OpenAI",
           "字節跳動": "ByteDance", "亞馬遜雲": "Amazon Web Services", "英伟达": "Nvidia"}
FILLERS = ["記憶體需求強勁", "執行長表示", "軟體更新", "伺服器與資料中心", "建立核心", "the armed metadata",
           "投資", "網路", "据报道"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 100)), min_size=1, max_size=12))
def test_offsets_are_exact_in_any_mix(pieces):
    text, expected = "", []
    for is_alias, n in pieces:
        if is_alias:
            alias = sorted(ALIASES)[n % len(ALIASES)]
            expected.append((ALIASES[alias], alias, len(text), len(text) + len(alias), True))
            text += alias
        else:
            text += FILLERS[n % len(FILLERS)]
        text += "，"
    assert found(text) == expected


def test_english_news_wire_paragraph():
    # Names the gazetteer does not hold (made up for this test) are discovered by their suffix.
    text = ("SAN FRANCISCO (Reuters) - Nvidia Corp said Thrive Capital and Quarrystone Ventures. It "
            "backed Refractor AI and acquired Run:ai, the U.S. Commerce Department said. Generative "
            "AI and Agentic AI are hot; Kestrelmoor Holding Co. invested.")
    assert found(text) == [
        org(text, "Reuters", "Reuters"),
        org(text, "Nvidia Corp", "Nvidia"),
        org(text, "Thrive Capital", "Thrive Capital"),
        org(text, "Quarrystone Ventures", "Quarrystone Ventures", new=True),
        org(text, "Refractor AI", "Refractor AI", new=True),
        org(text, "U.S. Commerce Department", "US Department of Commerce"),
        org(text, "Kestrelmoor Holding Co.", "Kestrelmoor Holding Co.", new=True),
    ]


def test_chinese_funding_paragraph():
    text = "据36氪报道，AI初创公司深言科技完成数亿元A轮融资，由启明创投领投，蓝岸创投跟投，公司将与华为云、火山引擎合作。"
    assert found(text) == [
        org(text, "36氪", "36Kr"),
        org(text, "深言科技", "深言科技", new=True),
        org(text, "启明创投", "Qiming Venture Partners"),
        org(text, "蓝岸创投", "蓝岸创投", new=True),
        org(text, "华为云", "Huawei Cloud"),
        org(text, "火山引擎", "Volcano Engine"),
    ]
