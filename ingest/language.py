"""Which language and script an article is written in (zh-Hans, zh-Hant or en), and the normalized
view every rule reads.
"""
import re
import unicodedata
from functools import lru_cache

import opencc

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_language(text: str) -> str:
    """Chinese when a tenth of the letters are Chinese characters; then the script whose
    distinctive characters (those a conversion to the other script changes) are more frequent.
    The first LANGUAGE_SAMPLE characters decide: a script shows in a few hundred, and converting a
    whole long article both ways cost a third of its parsing."""
    sample = text[:LANGUAGE_SAMPLE]
    hanzi = CJK.findall(sample)
    latin = len(LATIN_LETTER.findall(sample))
    if not hanzi or len(hanzi) < 0.1 * (len(hanzi) + latin):
        return "en"
    chars = "".join(hanzi)
    traditional_only = _changed(chars, converter("t2s").convert(chars))
    simplified_only = _changed(chars, converter("s2t").convert(chars))
    return "zh-Hant" if traditional_only > simplified_only else "zh-Hans"


LANGUAGE_SAMPLE = 2000


def _changed(before: str, after: str) -> int:
    if len(before) != len(after):  # phrase conversions can change length; compare sets then
        return len(set(before) - set(after))
    return sum(1 for a, b in zip(before, after) if a != b)


def simplified_view(text: str) -> str:
    """text in simplified characters, character for character, so offsets into it are offsets into
    text: rules written in simplified Chinese then read traditional articles (領投 → 领投)."""
    if not CJK.search(text):
        return text
    converted = converter("t2s").convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase conversion changed the length: fall back to converting character by character.
    convert = converter("t2s").convert
    return "".join(convert(ch) if len(convert(ch)) == 1 else ch for ch in text)


def normalized_view(text: str) -> str:
    """text in simplified characters with NFKC-normalized punctuation and letters (，→ , Ａ → A,
    “ → "), character for character: offsets into the view are offsets into text. Rules and
    aliases are written once, for this view."""
    table, changing = _normalizer()
    return changing.sub(lambda m: table.get(m.group()) or _normal_char(m.group()), simplified_view(text))


@lru_cache(maxsize=1)
def _normalizer() -> tuple[dict, re.Pattern]:
    """Every character of the Basic Multilingual Plane that normalizes to another one, and a class
    matching those (and any character beyond the plane, normalized when met): replacing the few
    occurrences is ten times faster than translating every character."""
    table = {}
    for code in range(0x80, 0x10000):
        if not 0xD800 <= code < 0xE000:  # surrogates are not characters
            ch = chr(code)
            normal = _normal_char(ch)
            if normal != ch:
                table[ch] = normal
    return table, re.compile("[" + "".join(map(re.escape, table)) + "\U00010000-\U0010FFFF]")


def _normal_char(ch: str) -> str:
    if ch.isascii():
        return ch
    normal = unicodedata.normalize("NFKC", ch)
    if len(normal) != 1:
        return ch
    return NORMAL_PUNCTUATION.get(normal, normal)


# Typographic marks NFKC leaves alone but the rules treat as their ASCII twins.
NORMAL_PUNCTUATION = {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "‑": "-", "‐": "-", "﹣": "-",
                      "「": '"', "」": '"', "『": '"', "』": '"'}
