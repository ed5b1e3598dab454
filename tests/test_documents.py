"""Loading the seed articles: metadata, clean text, boilerplate removed."""
import hashlib
from pathlib import Path

import pytest

from conftest import SEEDS, document_by_file

EXPECTED_CLEAN = Path(__file__).parent / "expected" / "clean"


def sha(name):
    return hashlib.sha256(next(SEEDS.glob(f"{name}*")).read_bytes()).hexdigest()


EXPECTED_DOCUMENTS = {
    "000": {
        "title": "英伟达狂投AI初创，稳固首位宝座",
        "published_on": "2024-09-11",
        "author": "程巍",
        "publisher": "日本経済新聞",
        "url": "https://cn.nikkei.com/industry/itelectric-appliance/56624-2024-09-12-05-00-12.html",
        "language": "zh-Hans",
        "encoding": "utf-8",
        "format": "markdown",
    },
    "001": {
        "title": "英伟达黄仁勋投资马斯克xAI背后的3点思考",
        "published_on": "2025-10-10",
        "author": None,
        "publisher": None,
        "url": None,
        "language": "zh-Hans",
        "encoding": "utf-8",
        "format": "text",
    },
    "002": {
        "title": "英伟达停止投资OpenAI背后",
        "published_on": "2026-03-08",
        "author": None,
        "publisher": "网盛信息网",
        "url": None,
        "language": "zh-Hans",
        "encoding": "utf-8",
        "format": "text",
    },
    "003": {
        "title": "VC囤货GPU供给“氧气”,创业者真的买账吗?",
        "published_on": None,
        "author": "田思奇",
        "publisher": "甲子光年",
        "url": None,
        "language": "zh-Hans",
        "encoding": "utf-8",
        "format": "html",
    },
    "004": {
        "title": "AI芯片帝国开战!Altman密会美国政府求助,孙正义急筹千亿美元豪赌",
        "published_on": None,
        "author": "润 好困",
        "publisher": "新智元",
        "url": None,
        "language": "zh-Hans",
        "encoding": "utf-8",
        "format": "text",
    },
}

# Page chrome each seed carries that the clean text must not.
BOILERPLATE = {
    "000": ["<!--", "------", "](https://", "版权声明", "<p>", "<img"],
    "001": ["原创", "相关内容", "热门资讯", "办理出行同意书", "全球油价", "2025-12-24 15:03:34", "创始人\n"],
    "002": ["用户登录", "首页", "查看: 214", "王者荣耀", "鲜花", "握手", "雷人", "鸡蛋", "收藏 分享", "返回顶部",
            "最新评论", "上一篇", "摘要"],
    "003": ["展开全文", "责任编辑", "页:", "[1]", "<span", "<p", "文 | 甲子光年"],
    "004": ["AI芯片帝国开战", "Read More", "正文完", "扫码", "post-qrcode", "评论(没有评论)", "Feedzy",
            "539次阅读", "编辑:润", "新智元报道"],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_DOCUMENTS))
def test_document_row(seed_db, prefix):
    row = document_by_file(seed_db, prefix)
    source_name = next(SEEDS.glob(f"{prefix}*")).name
    assert {k: row[k] for k in EXPECTED_DOCUMENTS[prefix]} == EXPECTED_DOCUMENTS[prefix]
    assert row["sha256"] == sha(prefix)
    assert row["source_path"].endswith(f"seeds/{source_name}")
    assert row["raw"] == next(SEEDS.glob(f"{prefix}*")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", sorted(EXPECTED_DOCUMENTS))
def test_clean_text_is_the_whole_body_and_nothing_else(seed_db, prefix):
    row = document_by_file(seed_db, prefix)
    expected = next(EXPECTED_CLEAN.glob(f"{prefix}*")).read_text(encoding="utf-8").rstrip("\n")
    assert row["text"] == expected


@pytest.mark.parametrize("prefix", sorted(BOILERPLATE))
def test_boilerplate_is_removed(seed_db, prefix):
    text = document_by_file(seed_db, prefix)["text"]
    assert [chrome for chrome in BOILERPLATE[prefix] if chrome in text] == []


def test_spans_do_not_split_words(seed_db):
    text = document_by_file(seed_db, "003")["text"]
    assert "管理着420亿美元资产的头部风投机构Andreessen Horowitz(简叫作a16z),已斥资数亿美元" in text


def test_body_sentences_survive(seed_db):
    """First and last sentences of every article, checked by hand against the source."""
    expected = {
        "000": ("美国英伟达（NVIDIA）正在迅速扩大对初创企业的投资。", "世界各国的监管部门正在加大监管力度。"),
        "001": ("2025年10月8日,科技圈发生了一件大事", "而结成的战略同盟。"),
        "002": ("在旧金山摩根斯坦利科技、媒体与电信大会上", "是对算力基础设施质量和稳定性的更高要求。"),
        "003": ("氧气——人类生命的基本,灵感的源泉。", "Times《Why Generative AI Startups Are So Dependent on Big Tech》,Inc."),
        "004": ("【新智元导读】Altman迈出筹建7万亿AI芯片帝国第一步", "成为世界第三大科技公司。参考资料:https://www.bloomberg.com"),
    }
    for prefix, (first, last) in expected.items():
        text = document_by_file(seed_db, prefix)["text"]
        assert text.startswith(first), prefix
        assert last in text[-400:], prefix


def test_title_is_stated_once_in_004(seed_db):
    row = document_by_file(seed_db, "004")
    assert row["title"].count("AI芯片帝国开战") == 1
    assert row["text"].count(row["title"]) == 0
