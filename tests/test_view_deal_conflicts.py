"""deal_conflicts: pairs whose deals or articles disagree on status or amount."""
import json

from test_view_deals_detailed import B, view_rows, world  # noqa: F401  (world is a fixture)


def conflicts(path):
    rows = view_rows(path, "select * from deal_conflicts order by to_name, from_name")
    for row in rows:
        row["reports"] = [(r["deal_id"], r["document_id"], r["status"], r["amount"]) for r in json.loads(row["reports"])]
        del row["from_org_id"], row["to_org_id"]
    return rows


def test_conflicts_in_the_world(world):
    assert conflicts(world) == [
        # Two articles give the round different totals.
        {"from_name": None, "to_name": "OpenAI", "category": "round", "statuses": "completed",
         "amounts": '["400亿美元","300亿美元"]', "usd_min": 30 * B, "usd_max": 40 * B, "deal_ids": "[4]",
         "document_ids": "[3,4]", "reports": [(4, 3, "completed", "400亿美元"), (4, 4, "completed", "300亿美元")]},
        # 100 billion promised, scaled back to 30 billion paid.
        {"from_name": "Nvidia", "to_name": "OpenAI", "category": "investment",
         "statuses": "announced, scaled_back, completed", "amounts": '["1000亿美元","$30 billion"]',
         "usd_min": 30 * B, "usd_max": 100 * B, "deal_ids": "[1,2]", "document_ids": "[1,2,4]",
         "reports": [(1, 1, "announced", "1000亿美元"), (1, 2, "scaled_back", "1000亿美元"),
                     (2, 2, "completed", "$30 billion"), (2, 4, "completed", "$30 billion")]},
    ]


def test_separate_deals_of_a_pair_are_not_conflicts(world):
    # Lonely Capital's three investments in OpenAI differ, but nothing says they are one deal.
    assert view_rows(world, "select * from deal_conflicts where from_name = 'Lonely Capital'") == []


def test_seeds_nvidia_openai_promised_vs_paid(seed_db_path):
    assert conflicts(seed_db_path) == [
        {"from_name": "Nvidia", "to_name": "OpenAI", "category": "investment", "statuses": "scaled_back, completed",
         "amounts": '["高达1000亿美元","300亿美元"]', "usd_min": 30 * B, "usd_max": 100 * B, "deal_ids": "[11,14]",
         "document_ids": "[3]", "reports": [(11, 3, "scaled_back", "高达1000亿美元"), (14, 3, "completed", "300亿美元")]},
    ]
