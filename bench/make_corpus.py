"""Synthetic news articles for the benchmarks, deterministic from a seed.

    python bench/make_corpus.py N OUT_DIR [--seed 7]

Writes N article files made by recombining the seed articles' sentences (seeds/*.txt) with deal,
round, acquisition, rumour, valuation and quote sentences built from templates modelled on the
seeds' own deal sentences, filled with other organizations (the gazetteer's names plus invented
startups: …智能公司, …科技公司, … AI, … Labs), amounts and dates. So extraction does real work:
every Chinese article holds deals, amounts and claims; English ones hold amounts and claims.

Article i depends only on (seed, i): the first 1,000 files of a 10k corpus are the 1k corpus.
Shapes and encodings follow the seeds and what the loader promises to read:
  md    Markdown front matter wrapping HTML (like seed 000)                    .md / .txt
  text  plain text copied from a web page, with menus and footers (001, 002, 004)  .txt
  html  a title line then <p> paragraphs with inline <span>s (003)             .txt / .html
  page  a whole HTML page with <head> metadata and <article> (English)         .html
  encodings: UTF-8, UTF-8 with BOM, UTF-16 (BOM), GB18030 (simplified), Big5 (traditional,
  converted with OpenCC s2twp).
Clean article text runs from about 1.5k to 8k characters, like the seeds'.
"""
import argparse
import datetime as dt
import html
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GAZETTEER = REPO / "ingest" / "data" / "gazetteer.yaml"

# (weight, language, encoding, shape)
VARIANTS = [
    (34, "zh-Hans", "utf-8", "text"),
    (12, "zh-Hans", "utf-8", "md"),
    (12, "zh-Hans", "utf-8", "html"),
    (8, "zh-Hans", "gb18030", "text"),
    (4, "zh-Hans", "gb18030", "html"),
    (6, "zh-Hans", "utf-8-sig", "md"),
    (6, "zh-Hans", "utf-16", "text"),
    (8, "zh-Hant", "big5", "text"),
    (3, "zh-Hant", "big5", "html"),
    (2, "zh-Hant", "utf-8", "md"),
    (5, "en", "utf-8", "page"),
]

INLINE_TAGS = re.compile(r"</?(?:span|strong|em|b|i|a|font|u)\b[^>]*>", re.I)
ANY_TAG = re.compile(r"<[^>]+>")
SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]")

# ---------------------------------------------------------------------------------------------
# Vocabulary: seed sentences, organizations, people, numbers


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """Every sentence of the seed articles (markup and front matter removed), in file order."""
    found, seen = [], set()
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        if raw.startswith("---"):
            raw = raw.split("---", 2)[2]
        raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
        raw = ANY_TAG.sub("\n", INLINE_TAGS.sub("", raw))
        for line in html.unescape(raw).split("\n"):
            for sentence in SENTENCE.findall(line):
                sentence = sentence.strip()
                if (12 <= len(sentence) <= 200 and "http" not in sentence and sentence not in seen
                        and len(re.findall(r"[\u4e00-\u9fff]", sentence)) >= 10):
                    seen.add(sentence)
                    found.append(sentence)
    return tuple(found)


@lru_cache(maxsize=1)
def gazetteer_orgs() -> tuple[tuple[str, str], ...]:
    """(Chinese surface, English surface) of every gazetteer organization."""
    data = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))
    orgs = []
    for entry in data["organizations"]:
        orgs.append((entry.get("name_zh") or entry["name"], entry["name"]))
    return tuple(orgs)


STARTUP_HEADS = "星云深启极光量天灵澜墨锐明曜衡知微岚川序析合源睿远望拓"
STARTUP_TAILS = "河度舟芯思川岩途帆矩阵核穹域流格图衍屿澈霁朔"
STARTUP_ZH_SUFFIXES = ["智能公司", "科技公司", "智能", "资本"]
LATIN_HEADS = ["Nova", "Quanta", "Lumen", "Vector", "Cobalt", "Helio", "Orbit", "Zenith", "Prism", "Tessel",
               "Argent", "Kestrel", "Meridian", "Solace", "Vireo", "Ember", "Halcyon", "Strata"]
LATIN_SUFFIXES = ["AI", "Labs", "Robotics", "Systems", "Capital", "Ventures"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂华"
TITLES = ["创始人", "首席执行官", "CEO", "董事长", "合伙人", "联合创始人"]
MEDIA = ["彭博社", "路透社", "The Information", "华尔街日报", "金融时报", "证券时报", "财联社"]
SITES = ["网盛信息网", "新智元", "甲子光年", "科技前沿", "AI资本观察", "智东西", "投资界"]
QUOTES = [
    "我们相信这家公司的技术能改变整个行业", "算力是这个时代最稀缺的资源", "这笔投资会让双方的合作更加紧密",
    "我们不会放弃任何一个好的投资机会", "未来五年AI基础设施的需求还会成倍增长", "唯一的遗憾是没有投得更多",
    "估值不是我们最关心的问题", "我们需要更多的GPU来训练下一代模型",
]
EN_FILLER = [
    "Investors have poured money into AI infrastructure at a pace not seen since the dot-com era.",
    "The deal underscores how chipmakers are financing the customers that buy their products.",
    "Analysts said demand for accelerators would outstrip supply for at least another year.",
    "Critics warn that circular financing can inflate revenue figures across the industry.",
    "The company plans to spend most of the new money on compute and hiring researchers.",
    "Regulators in the United States and Europe are watching the wave of strategic investments closely.",
    "Startups increasingly pay for cloud capacity with the very money their cloud partners invested.",
    "The round was oversubscribed, according to people familiar with the matter.",
    "Shares of the largest chipmakers rose after the announcement.",
    "Several sovereign funds from the Gulf joined the round as limited partners.",
]


def invented_org(rng: random.Random, language: str) -> str:
    if language == "en" or rng.random() < 0.3:
        return f"{rng.choice(LATIN_HEADS)} {rng.choice(LATIN_SUFFIXES)}"
    return rng.choice(STARTUP_HEADS) + rng.choice(STARTUP_TAILS) + rng.choice(STARTUP_ZH_SUFFIXES)


def pick_orgs(rng: random.Random, language: str, count: int) -> list[str]:
    orgs: list[str] = []
    while len(orgs) < count:
        if rng.random() < 0.55:
            zh, en = rng.choice(gazetteer_orgs())
            name = en if language == "en" else zh
        else:
            name = invented_org(rng, language)
        if name not in orgs:
            orgs.append(name)
    return orgs


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def zh_amount(rng: random.Random, large: bool = True) -> str:
    if large:
        number = rng.choice([rng.randint(1, 300), rng.randint(1, 99) / 10 + rng.randint(1, 20)])
        number = f"{number:g}"
        unit = rng.choice(["亿美元"] * 6 + ["亿元人民币", "亿元", "亿日元", "亿欧元", "万美元"])
    else:
        number, unit = str(rng.randint(100, 9000)), rng.choice(["万美元", "万元"])
    prefix = rng.choice([""] * 6 + ["超过", "约", "近", "高达"])
    return f"{prefix}{number}{unit}"


def en_amount(rng: random.Random) -> str:
    return rng.choice([f"${rng.randint(1, 300)} billion", f"${rng.randint(10, 900)} million",
                       f"${rng.randint(1, 99) / 10 + 1:g} billion"])


def zh_date(rng: random.Random, published: dt.date) -> str:
    day = published - dt.timedelta(days=rng.randint(0, 200))
    return rng.choice([f"{day.year}年{day.month}月{day.day}日", f"{day.month}月{day.day}日", f"{day.month}月"])


# ---------------------------------------------------------------------------------------------
# Sentences from templates modelled on the seeds' deal sentences


def zh_deal_paragraph(rng: random.Random, published: dt.date) -> str:
    a, b, c = pick_orgs(rng, "zh", 3)
    m, n = zh_amount(rng), zh_amount(rng)
    date = zh_date(rng, published)
    rnd = rng.choice(["A轮", "B轮", "C轮", "D轮", "Pre-A轮", "天使轮", "战略轮"])
    p = person(rng)
    templates = [
        f"{date},{a}宣布向{b}投资{m}。这是{a}今年在AI领域最大的一笔投资。",
        f"据外媒报道,{b}在最新一轮融资中获得了比预期更多的资金,已达到{m}。其中,{a}在这次融资中的股权部分投资高达{n}。",
        f"{date},{a}将{b}纳为子公司,交易额约为{m}。",
        f"据知情人士透露,{a}正在与{b}进行投资谈判,投资额或将达到{m}。",
        f"{b}宣布完成{m}{rnd}融资,由{a}领投,{c}跟投。",
        f"{a}已斥资{m}向{b}采购GPU芯片,用于训练下一代大模型。",
        f"{date},{a}宣布收购{b},交易金额为{m}。",
        f"{a}计划向{b}注资{m},以换取该公司约{rng.randint(2, 30)}%的股份。",
        f"{a}{rng.choice(TITLES)}{p}表示,公司已向{b}投资{m},并承诺在未来三年内租用{c}的云服务。",
        f"据{rng.choice(MEDIA)}报道,{b}正寻求以{m}的估值筹集{n}的新资金,{a}有意参投。",
    ]
    first, second = rng.sample(templates, 2)
    return first + second


def zh_claim_paragraph(rng: random.Random, published: dt.date) -> str:
    a, b = pick_orgs(rng, "zh", 2)
    templates = [
        f"{b}的估值将达到{zh_amount(rng)}。",
        f"据{rng.choice(MEDIA)}报道,{b}最新估值已达{zh_amount(rng)}。",
        f"{a}{rng.choice(TITLES)}{person(rng)}表示,“{rng.choice(QUOTES)}”。",
        f"{b}去年的营收达到{zh_amount(rng)},同比增长{rng.randint(10, 300)}%。",
        f"{a}管理着{zh_amount(rng)}的资产,是全球最活跃的AI投资者之一。",
        f"{a}的市值已超过{zh_amount(rng)}。",
    ]
    return "".join(rng.sample(templates, 2))


def zh_filler_paragraph(rng: random.Random) -> str:
    sentences = seed_sentences()
    start = rng.randrange(len(sentences))
    count = rng.randint(2, 4)
    return "".join(sentences[(start + k) % len(sentences)] for k in range(count))


def en_paragraphs(rng: random.Random, published: dt.date, target: int) -> tuple[str, list[str]]:
    a, b, c = pick_orgs(rng, "en", 3)
    when = published.strftime("%B %d, %Y").replace(" 0", " ")
    title = f"{a} bets {en_amount(rng)} on {b} as the AI funding race heats up"
    paragraphs = [
        f"{a} said on {when} it would invest {en_amount(rng)} in {b}, making it the startup's largest backer.",
        f"{b} raised {en_amount(rng)} in a Series {rng.choice('BCDE')} round led by {a}, with {c} participating. "
        f"The round values {b} at {en_amount(rng)}.",
        f"\u201cWe are building the infrastructure this decade needs,\u201d said {person_en(rng)}, chief executive of {b}.",
        f"{b} had revenue of {en_amount(rng)} last year, up {rng.randint(20, 300)}%.",
    ]
    while sum(map(len, paragraphs)) < target:
        paragraphs.insert(rng.randint(1, len(paragraphs)), " ".join(rng.sample(EN_FILLER, 3)))
    return title, paragraphs


def person_en(rng: random.Random) -> str:
    return f"{rng.choice(['Alex', 'Maria', 'Wei', 'Priya', 'Daniel', 'Sara'])} " \
           f"{rng.choice(['Chen', 'Novak', 'Okafor', 'Lindqvist', 'Ramos', 'Tanaka'])}"


def zh_article(rng: random.Random, published: dt.date, target: int) -> tuple[str, list[str]]:
    a, b = pick_orgs(rng, "zh", 2)
    title = rng.choice([f"{a}押注{b}:AI资本再加码", f"{b}完成新一轮融资,{a}领投", f"{a}为何要投资{b}?",
                        f"AI芯片混战:{a}与{b}的资本游戏", f"独家:{a}拟收购{b}"])
    paragraphs = [zh_deal_paragraph(rng, published), zh_claim_paragraph(rng, published)]
    while sum(map(len, paragraphs)) < target:
        kind = rng.random()
        if kind < 0.2:
            paragraph = zh_deal_paragraph(rng, published)
        elif kind < 0.3:
            paragraph = zh_claim_paragraph(rng, published)
        else:
            paragraph = zh_filler_paragraph(rng)
        paragraphs.insert(rng.randint(1, len(paragraphs)), paragraph)
    return title, paragraphs


# ---------------------------------------------------------------------------------------------
# Shapes


def shape_md(rng, title, paragraphs, published, author, site) -> str:
    url = f"https://news.example.com/{published:%Y/%m}/{rng.randrange(10**6):06d}.html"
    stamp = f"{published:%Y-%m-%d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:12.000Z"
    body = "".join(f"<p>   {p}</p><p>  </p>" for p in paragraphs)
    return (f'---\nlayout: post\ntitle: "{title}"\ndate: {stamp}\nauthor: {author}\nfrom: {url}\n'
            f"tags: [ {site} ]\ncomments: True\ncategories: [ {site} ]\n---\n"
            f"<!--{rng.randrange(10**12)}-->\n[{title}]({url})\n------\n\n<div>\n<p>  </p>{body}\n"
            f"<strong>版权声明：{site}版权所有，未经授权不得转载或部分复制，违者必究。</strong>\n</div>\n")


def shape_text(rng, title, paragraphs, published, author, site) -> str:
    if rng.random() < 0.5:  # forum-like page (002)
        head = [site, "", "用户登录", "", "首页", "", "资讯", "", title, "",
                f"{published:%Y-%m-%d}/ {site}/ 查看: {rng.randint(10, 999)}/ 评论: {rng.randint(0, 50)}", ""]
        tail = ["", "鲜花", "", "握手", "", "雷人", "", "路过", "", "鸡蛋", "收藏 分享 邀请", "上一篇:暂无", "",
                "最新评论", "", "返回顶部"]
    else:  # blog-like page (001, 004)
        head = ["原创 " + title, "创始人" if rng.random() < 0.5 else f"{rng.randint(100, 999)}次阅读",
                f"{published:%Y-%m-%d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:41", "0", "",
                f"编辑:{author}", ""]
        tail = ["", "Read More", "", "正文完", "可以使用微信扫码关注公众号(ID:xzluomor)", "post-qrcode",
                "评论(没有评论)", "Generated by Feedzy"]
    body = []
    for paragraph in paragraphs:
        body += [paragraph, ""]
    return "\n".join(head + body + tail) + "\n"


def shape_html(rng, title, paragraphs, published, author, site) -> str:
    style = "font-size: 16px; color: black; line-height: 40px; text-align: left; margin-bottom: 15px;"
    lines = [title, f'<p style="{style}">文 | {site},作者|{author} {published:%Y-%m-%d}</p>']
    for paragraph in paragraphs:
        # 003 wraps single words in spans: wrap a few characters of the paragraph's last sentence.
        cut = paragraph.rfind("。", 0, len(paragraph) - 1)
        if 0 < cut < len(paragraph) - 6 and rng.random() < 0.5:
            at = cut + 1
            paragraph = f'{paragraph[:at]}<span style="color: black;">{paragraph[at:at + 2]}</span>{paragraph[at + 2:]}'
        lines.append(f'<p style="{style}">{paragraph}</p>')
    lines.append(f'<p style="{style}"><span style="color: black;">责任编辑:网友投稿</span></p>')
    return "\n".join(lines) + "\n页:\n[1]\n"


def shape_page(rng, title, paragraphs, published, author, site) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)} | AI Wire</title>"
            f'<meta property="og:site_name" content="AI Wire"><meta name="author" content="{author}">'
            f'<meta property="article:published_time" content="{published:%Y-%m-%d}T08:00:00Z"></head>\n'
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/markets\">Markets</a></nav>\n"
            f"<article><h1>{html.escape(title)}</h1><p>By {author} | {published:%B %d, %Y}</p>\n{body}\n</article>\n"
            f"<footer>Copyright AI Wire. All rights reserved.</footer></body></html>\n")


SHAPES = {"md": shape_md, "text": shape_text, "html": shape_html, "page": shape_page}
SUFFIXES = {"md": [".md", ".txt"], "text": [".txt"], "html": [".txt", ".html"], "page": [".html"]}


@lru_cache(maxsize=1)
def _s2twp():
    import opencc
    return opencc.OpenCC("s2twp")


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:  # Big5 lacks a few characters: drop them, as a Big5 site would
        return text.encode(encoding, errors="ignore")


def make_article(seed: int, index: int) -> tuple[str, bytes]:
    """(file name, bytes) of article `index`: a pure function of (seed, index)."""
    rng = random.Random(f"aicap-bench:{seed}:{index}")
    _, language, encoding, shape = rng.choices(VARIANTS, weights=[v[0] for v in VARIANTS])[0]
    published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1275))
    # Clean-text length like the seeds': mostly 1.5-4k characters, a few up to 8k.
    target = rng.randint(1500, 4000) if rng.random() < 0.85 else rng.randint(4000, 8000)
    if language == "en":
        title, paragraphs = en_paragraphs(rng, published, target // 2)
        author = person_en(rng)
    else:
        title, paragraphs = zh_article(rng, published, target)
        author = person(rng)
    site = rng.choice(SITES)
    text = SHAPES[shape](rng, title, paragraphs, published, author, site)
    if language == "zh-Hant":
        text = _s2twp().convert(text)
    name = f"{index:06d}_{language}_{encoding}{rng.choice(SUFFIXES[shape])}"
    return name, encode(text, encoding)


def write_corpus(count: int, out_dir, seed: int = 7) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        name, data = make_article(seed, index)
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("out_dir", help="folder to write them to (created if needed)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = write_corpus(args.count, args.out_dir, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
