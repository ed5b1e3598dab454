"""Named projects and new ventures (issue 15): 这个项目被称为「Izanagi」, a joint venture called
Stargate. The project is an organization of kind `project`, and money put in while the text is
about it goes to it, not to its sponsor."""
import pytest

from conftest import run_cli
from ingest.language import normalized_view
from ingest.pipeline import extract_records
from ingest.projects import find_projects
from ingest.store.shape import open_db


@pytest.mark.parametrize("text, names", [
    ("这个项目被称为「Izanagi」(伊邪那岐),意味着", ["Izanagi"]),
    ("软银正在推进代号为“星际之门”的项目", ["星际之门"]),
    ("三家公司宣布成立名为“星际之门”的合资公司", ["星际之门"]),
    ("外界关注的「星际之门」项目进展", ["星际之门"]),
    ("這個專案被稱為「Izanagi」", ["Izanagi"]),  # Taiwan's word for a project
    ("OpenAI and SoftBank announced a joint venture called Stargate on Tuesday.", ["Stargate"]),
    ("Oracle is building data centers for the Stargate project in Abilene.", ["Stargate"]),
    # Not projects: a product's platform, a plain company, an acronym before "project".
    ("该平台名为Dify,已获得融资", []),
    ("a startup called Mistral raised money", []),
    ("the AI project", []),
])
def test_the_names_texts_give_projects(text, names):
    view = normalized_view(text)
    assert [name for _, _, name in find_projects(view)] == names


def test_a_seed_project_receives_its_sponsors_share(seed_db):
    rows = seed_db.execute(
        "select f.name, t.name, t.kind, t.in_gazetteer, d.kind, d.status, a.raw, r.evidence from deals d"
        " join organizations f on f.id = d.from_org_id join organizations t on t.id = d.to_org_id"
        " join amounts a on a.id = d.amount_id join deal_reports r on r.deal_id = d.id"
        " where t.name = 'Izanagi'").fetchall()
    assert rows == [("SoftBank Group", "Izanagi", "project", 0, "equity_investment", "rumored", "300亿美元",
                     "据悉,软银自己会投入300亿美元,另外700亿美元可能来自中东的投资者。")]
    # SoftBank is not the receiver of the money it puts into its project.
    assert seed_db.execute("select count(*) from funding_received where organization = 'SoftBank Group'"
                           ).fetchone() == (0,)


REUTERS_STYLE = (
    "OpenAI, SoftBank and Oracle on Tuesday announced a joint venture called Stargate to build data "
    "centers in the United States. SoftBank will invest $19 billion, and OpenAI committed $19 billion as well, "
    "people familiar with the plans said.\n")

CHINESE_DAILY = ("软银、OpenAI与甲骨文宣布成立名为“星际之门”的合资公司。软银将出资190亿美元，OpenAI也将投入190亿美元。\n")


@pytest.mark.parametrize("text, expected", [
    (REUTERS_STYLE, [("SoftBank Group", "Stargate", "$19 billion"), ("OpenAI", "Stargate", "$19 billion")]),
    (CHINESE_DAILY, [("OpenAI", "星际之门", "190亿美元"), ("Oracle", "星际之门", None),
                     ("SoftBank Group", "星际之门", "190亿美元")]),
])
def test_money_put_in_goes_to_the_project_the_text_is_about(tmp_path, text, expected):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    run_cli("ingest", tmp_path / "x.db", path, "--silent")
    db = open_db(tmp_path / "x.db")
    assert db.execute("select name, kind from organizations where kind = 'project'").fetchall() == \
        [(expected[0][1], "project")]
    assert db.execute(
        "select f.name, t.name, a.raw from deals d join organizations f on f.id = d.from_org_id"
        " join organizations t on t.id = d.to_org_id left join amounts a on a.id = d.amount_id"
        " order by d.id").fetchall() == expected


def test_without_a_project_money_put_in_names_no_receiver():
    records = extract_records({"text": "阿里巴巴宣布，将在未来三年投入3800亿元用于云计算和AI基础设施建设。",
                               "published_on": "2025-02-24", "language": None})
    assert records["deals"] == []
