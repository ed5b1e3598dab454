"""The example of annotations/README.md builds: ingested with the seed it names, it corrects the
deal it says, and the deal is marked curated."""
import re

from conftest import REPO, SEEDS, run_cli
from ingest.store.shape import open_db


def readme_example() -> str:
    readme = (REPO / "annotations" / "README.md").read_text(encoding="utf-8")
    return re.search(r"<!-- annotations-example:.*?-->\n```yaml\n(.*?)```", readme, re.S).group(1)


def test_the_example_of_the_annotations_readme_builds(tmp_path):
    example = readme_example()
    seed = next(SEEDS.glob("001_*.txt"))
    assert f"document: {seed.name}" in example
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "example.yaml").write_text(example, encoding="utf-8")
    db_path = tmp_path / "x.db"
    run_cli("ingest", db_path, seed, "--annotations", folder, "--silent")
    rows = open_db(db_path).query(
        "select d.kind, d.status, d.source, f.name as from_name, t.name as to_name, r.source as report_source, "
        "r.evidence from deals d join organizations f on f.id = d.from_org_id "
        "join organizations t on t.id = d.to_org_id join deal_reports r on r.deal_id = d.id "
        "where d.source = 'curated' or r.source = 'curated'")
    assert list(rows) == [{
        "kind": "equity_investment", "status": "completed", "source": "curated", "from_name": "Nvidia",
        "to_name": "xAI", "report_source": "curated",
        "evidence": "其中,英伟达在这次融资中的股权部分投资高达20亿美元(约合143亿元人民币)"}]
