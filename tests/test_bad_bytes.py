"""A few bytes that fit no encoding (a stray byte, a last character cut short): the article still
decodes in its own encoding, with U+FFFD for those bytes, all its deals are found, and the file gets a
warning naming the encoding and the count (issue 14: it used to decode as cp1252, silently, 0 deals)."""
import opencc
import pytest

from conftest import SEEDS, run_cli
from ingest.build import parse_loaded
from ingest.load import load_file
from ingest.pipeline import extract_records
from ingest.store.shape import open_db

SEED = SEEDS / "002_8da328b7cf59d160.txt"
LANDMARK = "这种商业模式的核心优势在于"  # mid-sentence in a paragraph that states no deal


def seed_text(encoding: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    # Big5 is for traditional characters: the simplified seed converted, as a Taiwanese site publishes it.
    return opencc.OpenCC("s2t").convert(text) if encoding == "big5" else text


def landmark(encoding: str) -> str:
    return opencc.OpenCC("s2t").convert(LANDMARK) if encoding == "big5" else LANDMARK


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def with_stray_byte(encoding: str) -> tuple[bytes, int]:
    """The seed with one 0xFF (invalid in UTF-8, GB18030 and Big5) after the landmark, and its offset."""
    text = seed_text(encoding)
    cut = text.index(landmark(encoding)) + len(landmark(encoding))
    head = text[:cut].encode(encoding, errors="ignore")
    return head + b"\xff" + text[cut:].encode(encoding, errors="ignore"), len(head)


def deals_of(path) -> tuple[object, list[str], list[tuple]]:
    loaded = load_file(path)
    document, warnings = parse_loaded(loaded)
    deals = extract_records(document)["deals"]
    return loaded, warnings, [(d["from"], d["to"], d["kind"], d["status"], d["evidence"]) for d in deals]


@pytest.mark.parametrize("encoding, clean_deals", [("utf-8", 5), ("gb18030", 5), ("big5", 3)])
def test_one_stray_byte(tmp_path, encoding, clean_deals):
    clean, _, expected_deals = deals_of(write(tmp_path / "clean.txt", seed_text(encoding).encode(encoding, "ignore")))
    data, offset = with_stray_byte(encoding)
    loaded, warnings, deals = deals_of(write(tmp_path / "stray.txt", data))
    assert loaded.encoding == clean.encoding == encoding
    cut = clean.text.index(landmark(encoding)) + len(landmark(encoding))
    assert loaded.text == clean.text[:cut] + "\ufffd" + clean.text[cut:]
    assert warnings == [f"decoded as {encoding} with 1 bad byte replaced by U+FFFD (at byte {offset:,})"]
    assert len(expected_deals) == clean_deals
    assert deals == expected_deals


@pytest.mark.parametrize("encoding, cut_bytes", [("utf-8", 2), ("gb18030", 1), ("big5", 1)])
def test_last_character_cut_short(tmp_path, encoding, cut_bytes):
    data = seed_text(encoding).encode(encoding, errors="ignore").rstrip()
    clean, _, expected_deals = deals_of(write(tmp_path / "clean.txt", data))
    assert clean.text.endswith("部")  # 返回顶部: the last character is a multi-byte one
    loaded, warnings, deals = deals_of(write(tmp_path / "cut.txt", data[:-1]))
    assert loaded.encoding == encoding
    assert loaded.text == clean.text[:-1] + "\ufffd"
    plural = "s" if cut_bytes > 1 else ""
    where = "at" if cut_bytes == 1 else "the first at"
    assert warnings == [f"decoded as {encoding} with {cut_bytes} bad byte{plural} replaced by U+FFFD "
                        f"({where} byte {len(data) - 1 - cut_bytes:,})"]
    assert deals == expected_deals


def test_byte_order_mark_file_with_a_bad_byte(tmp_path):
    # A BOM names the encoding: a bad byte after it is damage, not a sign of another encoding.
    data, offset = with_stray_byte("utf-8")
    loaded, warnings, deals = deals_of(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + data))
    assert loaded.encoding == "utf-8"
    assert loaded.text.count("\ufffd") == 1 and not loaded.text.startswith("\ufeff")
    assert warnings == [f"decoded as utf-8 with 1 bad byte replaced by U+FFFD (at byte {offset + 3:,})"]
    assert len(deals) == 5


def test_cp1252_article_is_not_taken_for_damaged_utf8(tmp_path):
    # Every accent of a cp1252 file is invalid UTF-8: far more than a few bad bytes.
    text = "Le fonds français a investi 2 millions d'euros dans une société créée à Paris.\n" * 3
    loaded = load_file(write(tmp_path / "fr.txt", text.encode("cp1252")))
    assert (loaded.encoding, loaded.text, loaded.warnings) == ("cp1252", text, [])


def test_command_reports_the_warning_and_keeps_the_deals(tmp_path):
    data, offset = with_stray_byte("utf-8")
    path = write(tmp_path / "stray.txt", data)
    result = run_cli("ingest", tmp_path / "stray.db", path, "--no-curated", expect_exit=1)
    assert result.output.splitlines() == [
        f"{path}: decoded as utf-8 with 1 bad byte replaced by U+FFFD (at byte {offset:,})",
        "1 files: 1 added",
        "Error: 1 of 1 files were ingested with warnings (see above)",
    ]
    run_cli("ingest", tmp_path / "clean.db", SEED, "--no-curated")
    query = ("select d.encoding, d.language, r.evidence from deal_reports r join documents d on d.id = r.document_id"
             " order by r.char_start")
    stray_rows = list(open_db(tmp_path / "stray.db").query(query))
    assert stray_rows == list(open_db(tmp_path / "clean.db").query(query))
    assert len(stray_rows) == 5 and stray_rows[0]["encoding"] == "utf-8" and stray_rows[0]["language"] == "zh-Hans"
