"""From decoded article text to a document record: metadata plus the clean body text.

Three shapes come in: Markdown with YAML front matter (possibly wrapping HTML), HTML (whole pages or
bare paragraphs, whatever the file suffix) and plain text copied from a web page. Each becomes a list
of lines; then one set of rules, read from data/boilerplate.yaml, finds the header (title, date,
byline) and drops the page chrome around the body.
"""
import datetime as dt
import re

import frontmatter
from bs4 import BeautifulSoup, Comment, NavigableString

from .language import detect_language
from .resources import load_vocabulary

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}
INVISIBLE_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select",
                  "input", "textarea", "head", "title", "meta", "link"]
PAGE_CHROME_TAGS = ["nav", "footer", "aside", "form"]
HTML_TAG = re.compile(r"<(?:p|div|br|table|span|article|section|h[1-6]|ul|ol|li|img|strong|em|a|body|html)\b[^>]*>", re.I)
FULL_PAGE = re.compile(r"^\s*(?:<!doctype html|<html\b)", re.I)
SENTENCE_END = re.compile(r"[。．！？!?；;]|[.](\s|$)")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})\s+(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<y>(?:19|20)\d{2})\b", re.I),
]
HEADER_MAX_LINES = 15


# ---------------------------------------------------------------------------------------------
# Entry point


def parse_document(raw: str, path: str = "") -> dict:
    """Metadata and clean text of one article: title, published_on, author, publisher, url,
    language, format, text. Values the article does not state are None."""
    meta, body, fmt = split_front_matter(raw)
    if looks_like_html(body):
        lines, page_meta = html_to_lines(body, markdown=fmt == "markdown")
        meta = {**page_meta, **meta}
        fmt = fmt if fmt == "markdown" else "html"
    else:
        if fmt == "markdown" or path.lower().endswith((".md", ".markdown")):
            fmt = "markdown"
            body = markdown_to_text(body)
        lines = [line.strip() for line in body.split("\n")]
    header, body_lines = split_header(lines)
    meta = {**header_metadata(header), **{k: v for k, v in meta.items() if v}}
    text = clean_body(body_lines, meta.get("title"))
    warnings = []
    if FULL_PAGE.match(body) and not re.search(r"</html\s*>", body, re.I):
        warnings.append("truncated HTML page (no closing </html>): kept the text before the cut")
    return {
        "title": meta.get("title"),
        "published_on": meta.get("published_on"),
        "author": meta.get("author"),
        "publisher": meta.get("publisher"),
        "url": meta.get("url"),
        "language": detect_language(text or meta.get("title") or ""),
        "format": fmt,
        "text": text,
        "warnings": warnings,
    }


# ---------------------------------------------------------------------------------------------
# Shapes: front matter, HTML, Markdown


def split_front_matter(raw: str) -> tuple[dict, str, str]:
    """(metadata, body, format). Jekyll-style exports put title/date/author/source up front."""
    if not raw.lstrip().startswith("---"):
        return {}, raw, "text"
    try:
        post = frontmatter.loads(raw.lstrip())
    except Exception:  # malformed YAML: keep the file as plain text rather than lose it
        return {}, raw, "text"
    if not post.metadata:
        return {}, raw, "text"
    return front_matter_metadata(post.metadata), post.content, "markdown"


def front_matter_metadata(fm: dict) -> dict:
    def first(*keys):
        for key in keys:
            value = fm.get(key)
            if isinstance(value, list):
                value = value[0] if len(value) == 1 else None
            if value:
                return value
        return None

    return {
        "title": _clean_str(first("title")),
        "published_on": normalize_date(first("date", "published", "published_on", "pubdate")),
        "author": _clean_str(first("author", "authors", "byline")),
        # Feed exporters file each post under its source feed: a single category names the publisher.
        "publisher": _clean_str(first("publisher", "source_name", "site_name", "site", "categories")),
        "url": _clean_str(first("url", "link", "from", "source", "source_url", "canonical_url")),
    }


def looks_like_html(text: str) -> bool:
    return bool(FULL_PAGE.match(text)) or len(HTML_TAG.findall(text[:200_000])) >= 2


def html_to_lines(html: str, markdown: bool = False) -> tuple[list[str], dict]:
    """Visible text of HTML as lines (one per block), and the page's own metadata.

    Inline elements (<span>, <a>, <strong>) never break a line: 003 wraps single words in spans.
    Text outside any tag in a fragment (a title line above <p> paragraphs, Markdown around an HTML
    block) keeps its line breaks.
    """
    full_page = bool(FULL_PAGE.match(html))
    if not full_page:
        html = _wrap_loose_lines(html, markdown)
    soup = BeautifulSoup(html, "lxml")
    meta = html_metadata(soup) if full_page else {}
    for tag in soup(INVISIBLE_TAGS + (PAGE_CHROME_TAGS if full_page else [])):
        tag.decompose()
    root = _main_content(soup) if full_page else soup
    parts: list[str] = []
    _collect_text(root, parts)
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in "".join(parts).split("\n")]
    return lines, meta


def _wrap_loose_lines(html: str, markdown: bool) -> str:
    wrapped = []
    for line in html.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("<"):
            text = markdown_to_text(stripped) if markdown else stripped
            wrapped.append(f"<p>{_escape(text)}</p>" if markdown else f"<p>{stripped}</p>")
        else:
            wrapped.append(line)
    return "\n".join(wrapped)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collect_text(root, parts: list[str]) -> None:
    # A stack of child iterators, not recursion: a page may nest elements deeper than Python's
    # recursion limit (100,000 <div>s), and the text at the bottom must still be read.
    stack = [(iter(root.children), False)]
    while stack:
        children, is_block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if is_block:
                parts.append("\n")
        elif isinstance(child, Comment):
            continue
        elif isinstance(child, NavigableString):
            parts.append(re.sub(r"\s+", " ", str(child)))
        elif child.name == "br":
            parts.append("\n")
        else:
            if child.name in BLOCK_TAGS:
                parts.append("\n")
            stack.append((iter(child.children), child.name in BLOCK_TAGS))


def _main_content(soup):
    """The article element of a whole page: <article>, an articleBody, else <body>."""
    for candidate in soup.select('[itemprop="articleBody"], article, main'):
        if len(candidate.get_text(strip=True)) > 200:
            return candidate
    return soup.body or soup


def html_metadata(soup) -> dict:
    def meta_content(*selectors):
        for selector in selectors:
            tag = soup.select_one(selector)
            if tag is not None:
                value = tag.get("content") or tag.get("datetime") or tag.get("href") or tag.get_text()
                if value and value.strip():
                    return value.strip()
        return None

    publisher = meta_content('meta[property="og:site_name"]', 'meta[name="application-name"]',
                             'meta[name="publisher"]')
    title = meta_content('meta[property="og:title"]', 'meta[name="title"]', "title", "h1")
    if title and publisher:
        title = re.sub(rf"\s*[-_|｜—–]+\s*{re.escape(publisher)}\s*$", "", title)
    author = meta_content('meta[name="author"]', 'meta[property="article:author"]', '[rel="author"]',
                          '[itemprop="author"]')
    if author and author.startswith("http"):
        author = None
    return {
        "title": title,
        "published_on": normalize_date(meta_content(
            'meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]',
            'meta[name="publish-date"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]',
            '[itemprop="datePublished"]', "time[datetime]")),
        "author": author,
        "publisher": publisher,
        "url": meta_content('link[rel="canonical"]', 'meta[property="og:url"]'),
    }


def markdown_to_text(text: str) -> str:
    """Markdown syntax off, words kept: links keep their text, images go, headings lose their #."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+", "", text)
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return text


# ---------------------------------------------------------------------------------------------
# Header: title, date, byline


def is_body_line(line: str) -> bool:
    """A sentence of running text, which titles, bylines and menus are not."""
    if "。" in line or "．" in line:
        return True
    if len(line) >= 80:
        return True
    words = line.split()
    return len(words) >= 10 and bool(SENTENCE_END.search(line))


def split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """Lines before the first sentence of running text (at most HEADER_MAX_LINES), and the rest."""
    nonblank = [i for i, line in enumerate(lines) if line]
    for position, i in enumerate(nonblank):
        if position >= HEADER_MAX_LINES:
            break
        if is_body_line(lines[i]):
            return [line for line in lines[:i] if line], lines[i:]
    if not nonblank:
        return [], []
    # No running text near the top: only the first line can be the title.
    first = nonblank[0]
    return [lines[first]], lines[first + 1:]


def header_metadata(header: list[str]) -> dict:
    """Title, date, author and publisher stated in the header lines of a page."""
    rules = load_vocabulary("boilerplate")
    meta: dict = {}
    title_candidates = []
    for line in header:
        byline = _byline(line, rules)
        for key, value in byline.items():
            meta.setdefault(key, value)
        published = find_date(line)
        if published and not meta.get("published_on") and _is_dateline(line):
            meta["published_on"] = published
            publisher = _publisher_in_dateline(line)
            if publisher:
                meta.setdefault("publisher", publisher)
            continue
        if byline:
            continue
        if _is_chrome(line, rules):
            continue
        title_candidates.append(strip_title_prefix(line, rules))
    title_candidates = [t for t in title_candidates if t and t != meta.get("publisher")]
    if title_candidates:
        meta["title"] = max(title_candidates, key=len)
    if "editor" in meta:
        meta.setdefault("author", meta.pop("editor"))
    return meta


def _is_dateline(line: str) -> bool:
    """A line that is mostly a date (a dateline), not a sentence that mentions one."""
    return len(line) <= 80 and not is_body_line(line)


def _publisher_in_dateline(line: str) -> str | None:
    # "2026-03-08/ 网盛信息网/ 查看: 214/ 评论: 10": the segment that is a bare name.
    for segment in re.split(r"\s*[/|｜丨]\s*|\s{2,}", line):
        segment = segment.strip()
        if 2 <= len(segment) <= 30 and not re.search(r"[\d:：]", segment) and (CJK.search(segment) or segment.istitle()):
            return segment
    return None


def _byline(line: str, rules: dict) -> dict:
    found = {}
    for pattern in rules["publisher_patterns"]:
        match = re.search(pattern, line)
        if match:
            found["publisher"] = strip_publisher_suffix(match.group(1).strip(), rules)
            break
    for pattern in rules["author_patterns"]:
        match = re.search(pattern, line)
        if match and match.group(1).strip() != found.get("publisher"):
            # "作者: EqualOcean 2024-04-16 18:19": the dateline after the name is not the author.
            found["author"] = TRAILING_DATE.sub("", match.group(1)).strip()
            break
    for pattern in rules["editor_patterns"]:
        match = re.search(pattern, line)
        if match:
            found["editor"] = match.group(1).strip()
    return found


TRAILING_DATE = re.compile(r"\s+(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}.*$")


def strip_publisher_suffix(name: str, rules: dict) -> str:
    for suffix in sorted(rules["publisher_suffixes"], key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def strip_title_prefix(line: str, rules: dict) -> str:
    for prefix in rules["title_prefixes"]:
        if line.startswith(prefix + " ") or line.startswith(f"【{prefix}】") or line.startswith(f"[{prefix}]"):
            return line[len(prefix) + (1 if line.startswith(prefix + " ") else 2):].strip()
    return line


def find_date(text: str) -> str | None:
    """The first calendar date written in text, as YYYY-MM-DD."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTHS[parts["mon"][:3].lower()]
            try:
                return dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
            except ValueError:
                continue
    return None


def normalize_date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return find_date(str(value))


def _clean_str(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# ---------------------------------------------------------------------------------------------
# Body: drop the page chrome


def _is_chrome(line: str, rules: dict) -> bool:
    if line in rules["drop_lines"]:
        return True
    return any(re.search(pattern, line) for pattern in rules["drop_line_patterns"])


def clean_body(lines: list[str], title: str | None) -> str:
    rules = load_vocabulary("boilerplate")
    lines = cut_at_tail_marker(lines, rules)
    lines = [line for line in lines if not _is_chrome(line, rules)]
    lines = remove_repeated_title(lines, title, rules)
    lines = drop_link_runs(lines, rules)
    lines = [line for line in lines if not is_keyword_stuffed(line)]
    lines = drop_truncated_teasers(lines)
    return "\n\n".join(line for line in lines if line)


def cut_at_tail_marker(lines: list[str], rules: dict) -> list[str]:
    markers = set(rules["tail_markers"])
    for i, line in enumerate(lines):
        if line in markers:
            return lines[:i]
    return lines


def remove_repeated_title(lines: list[str], title: str | None, rules: dict) -> list[str]:
    """Drop lines that restate the title, and the title pasted between sentences (image captions)."""
    if not title:
        return lines
    variants = {title, strip_title_prefix(title, rules)}
    kept = [line for line in lines if strip_title_prefix(line, rules) not in variants]
    if len(title) >= 8 and sum(line.count(title) for line in kept) >= 2:
        kept = [line.replace(title, "") for line in kept]
    return kept


def drop_link_runs(lines: list[str], rules: dict) -> list[str]:
    """Remove runs of short unpunctuated or teaser lines: menus, link lists, reaction buttons."""
    settings = rules["short_line_run"]

    def linky(line: str) -> bool:
        if any(re.search(p, line) for p in rules["teaser_patterns"]):
            return True
        return len(line) <= settings["max_chars"] and not SENTENCE_END.search(line)

    keep = [True] * len(lines)
    run: list[int] = []
    for i, line in enumerate(lines + ["。"]):  # sentinel closes the last run
        if not line:
            continue
        if linky(line):
            run.append(i)
            continue
        if len(run) >= settings["min_lines"]:
            for j in run:
                keep[j] = False
        run = []
    return [line for line, k in zip(lines, keep) if k]


def is_keyword_stuffed(line: str) -> bool:
    """SEO spam: many space-separated phrases, no sentence, most repeating the same word."""
    tokens = line.split()
    if len(tokens) < 6 or SENTENCE_END.search(line) or "，" in line or "," in line:
        return False
    bigrams: dict[str, int] = {}
    for token in tokens:
        for gram in {token[i:i + 2] for i in range(len(token) - 1)}:
            bigrams[gram] = bigrams.get(gram, 0) + 1
    return bool(bigrams) and max(bigrams.values()) >= len(tokens) * 0.6


def drop_truncated_teasers(lines: list[str]) -> list[str]:
    """A summary cut off with an ellipsis ("摘要…") whose words the body then repeats in full."""
    kept = []
    rest = "".join(lines)
    for line in lines:
        teaser = re.match(r"^(?:摘要|导语|Summary)?\s*[:：]?\s*(.{20,}?)(?:\.\.\.|…)+$", line)
        if teaser and rest.count(teaser.group(1)[:40]) >= 2:
            continue
        kept.append(line)
    return kept
