"""Every encoding real article files come in loads to the same clean text."""
import pytest

from ingest.build import parse_loaded
from ingest.load import load_file

# Articles written for these tests (not seeds), each with a header line, a dateline and a body.
SIMPLIFIED = (
    "月之暗面完成新一轮融资\n"
    "2025-06-01 来源:科创日报\n"
    "北京的人工智能初创企业月之暗面宣布完成新一轮融资，投资方包括腾讯和阿里巴巴。\n"
    "公司表示，资金将用于训练更大的模型。\n"
)
TRADITIONAL = (
    "輝達宣布投資台灣新創公司\n"
    "2025年7月3日 來源:經濟日報\n"
    "輝達（NVIDIA）執行長黃仁勳表示，公司將向台灣一家人工智慧新創企業投資，協助其購買伺服器。\n"
    "英偉達過去一年已經投資了數十家公司。\n"
)


def write(tmp_path, name, text, encoding):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def clean(path):
    loaded = load_file(path)
    document, warnings = parse_loaded(loaded)
    assert warnings == []
    return loaded.encoding, document


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8"),
    ("utf-16", "utf-16"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
])
def test_simplified_article_in_every_encoding(tmp_path, encoding, detected):
    reference = clean(write(tmp_path, "ref.txt", SIMPLIFIED, "utf-8"))[1]
    found, document = clean(write(tmp_path, f"a-{encoding}.txt", SIMPLIFIED, encoding))
    assert found == detected
    assert document["text"] == reference["text"]
    assert document["title"] == "月之暗面完成新一轮融资"
    assert document["published_on"] == "2025-06-01"
    assert document["publisher"] == "科创日报"
    assert document["language"] == "zh-Hans"


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8"),
    ("utf-16", "utf-16"),
    ("big5", "big5"),
    ("gb18030", "gb18030"),
])
def test_traditional_article_in_every_encoding(tmp_path, encoding, detected):
    found, document = clean(write(tmp_path, f"t-{encoding}.txt", TRADITIONAL, encoding))
    assert found == detected
    assert document["text"] == (
        "輝達（NVIDIA）執行長黃仁勳表示，公司將向台灣一家人工智慧新創企業投資，協助其購買伺服器。\n\n"
        "英偉達過去一年已經投資了數十家公司。"
    )
    assert document["title"] == "輝達宣布投資台灣新創公司"
    assert document["published_on"] == "2025-07-03"
    assert document["language"] == "zh-Hant"


def test_big5_is_not_mistaken_for_gbk(tmp_path):
    # Big5 bytes often decode without error as GB18030, into rare characters: the scorer must prefer Big5.
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap is real: this does not raise
    assert load_file(write(tmp_path, "b.txt", TRADITIONAL, "big5")).text == TRADITIONAL


def test_windows_line_endings(tmp_path):
    crlf = clean(write(tmp_path, "crlf.txt", SIMPLIFIED.replace("\n", "\r\n"), "utf-8"))[1]
    lf = clean(write(tmp_path, "lf.txt", SIMPLIFIED, "utf-8"))[1]
    assert crlf["text"] == lf["text"]


def test_english_article(tmp_path):
    text = (
        "Nvidia invests in French AI startup\n"
        "Published November 3, 2025 | By Jane Doe\n"
        "Nvidia said on Monday it would invest $2 billion in Mistral AI, the Paris-based developer of large "
        "language models, as part of a funding round led by a European fund.\n"
        "The investment is Nvidia's largest in Europe so far.\n"
    )
    document = clean(write(tmp_path, "en.txt", text, "utf-8"))[1]
    assert document["language"] == "en"
    assert document["title"] == "Nvidia invests in French AI startup"
    assert document["published_on"] == "2025-11-03"
    assert document["author"] == "Jane Doe"
    assert document["text"].startswith("Nvidia said on Monday it would invest $2 billion in Mistral AI")


def test_the_script_is_read_off_the_article_s_beginning():
    # detect_language converts only the first LANGUAGE_SAMPLE characters both ways (a long article
    # converted whole cost a third of its parsing); a script shows well before that.
    from ingest.language import LANGUAGE_SAMPLE, detect_language
    simplified, traditional = "英伟达向这家公司投资了数十亿美元。", "輝達向這家公司投資了數十億美元。"
    assert detect_language(traditional * 3) == "zh-Hant"
    assert detect_language(simplified * 3) == "zh-Hans"
    lead = simplified * (LANGUAGE_SAMPLE // len(simplified) + 1)
    assert detect_language(lead + traditional * 1000) == "zh-Hans"
    assert detect_language("Nvidia invested in OpenAI. " * 200 + traditional * 10) == "en"
