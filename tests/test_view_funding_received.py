"""funding_received: each investee's deals, rounds, investors and US dollars by status bucket."""
from test_view_deals_detailed import B, view_rows, world  # noqa: F401  (world is a fixture)

COLUMNS = ("organization, deals, rounds, investors, deals_with_amount, deals_superseded, usd_completed, "
           "usd_completed_low, usd_completed_high, usd_committed, usd_committed_low, usd_committed_high, "
           "usd_reported, usd_reported_low, usd_reported_high")


def received(path):
    return [tuple(r.values()) for r in view_rows(path, f"select {COLUMNS} from funding_received order by organization")]


def test_received_in_the_world(world):
    assert received(world) == [
        ("Anthropic", 1, 0, '["AMD"]', 1, 0, None, None, None, 0.5 * B, 0.5 * B, 0.5 * B, None, None, None),
        ("CoreWeave", 1, 0, '["Oracle"]', 0, 0, None, None, None, None, None, None, None, None, None),
        ("Google", 1, 0, '["CoreWeave"]', 0, 0, None, None, None, None, None, None, None, None, None),
        ("Microsoft", 1, 0, '["Google"]', 1, 0, 2 * B, 2 * B, 2 * B, None, None, None, None, None, None),
        # OpenAI: the 40 billion round (Microsoft's 10 billion share is inside it, not added again),
        # Nvidia's 30 billion (its 100 billion promise was scaled back), up to 3 billion from Lonely Capital;
        # at least 5 billion promised; 1 to 2 billion rumoured.
        ("OpenAI", 6, 1, '["Lonely Capital","Microsoft","Nvidia"]', 6, 1, 73 * B, 70 * B, 73 * B,
         5 * B, 5 * B, None, 1.5 * B, 1 * B, 2 * B),
        ("Oracle", 1, 0, '["Microsoft"]', 0, 0, None, None, None, None, None, None, None, None, None),
    ]


def test_seeds_received(seed_db_path):
    assert received(seed_db_path) == [
        ('Anthropic', 2, 0, '["Amazon","Nvidia"]', 1, 0, None, None, None, 10 * B, 10 * B, 10 * B, None, None, None),
        ('Arm', 1, 0, '["SoftBank Group"]', 0, 0, None, None, None, None, None, None, None, None, None),
        ('Cohere', 1, 0, '["Nvidia"]', 0, 0, None, None, None, None, None, None, None, None, None),
        ('ELYZA', 1, 0, '["KDDI"]', 0, 0, None, None, None, None, None, None, None, None, None),
        # 超过7亿美元 raised before; 超过5亿美元 (an acquisition rumour): no upper bounds.
        ('Graphcore', 7, 1, '["Arm","Microsoft","OpenAI","Sequoia Capital","SoftBank Group"]', 2, 0, 700000000.0, 700000000.0, None, None, None, None, 500000000.0, 500000000.0, None),
        # SoftBank's 300亿美元 for its chip venture (reported: 据悉).
        ('Izanagi', 1, 0, '["SoftBank Group"]', 1, 0, None, None, None, None, None, None, 30 * B, 30 * B, 30 * B),
        ('Luma AI', 2, 1, '["Andreessen Horowitz"]', 1, 0, 43000000.0, 43000000.0, 43000000.0, None, None, None, None, None, None),
        ('Mistral AI', 1, 0, '["Nvidia"]', 0, 0, None, None, None, None, None, None, None, None, None),
        ('Moonshot AI', 1, 0, '["Alibaba Group"]', 0, 0, None, None, None, None, None, None, None, None, None),
        # The 110 billion round holds Nvidia's 30 billion; Microsoft's 超过100亿美元 comes on top.
        ('OpenAI', 5, 1, '["Apple","Microsoft","Nvidia"]', 3, 1, 120 * B, 120 * B, None, None, None, None, None, None, None),
        ('Preferred Networks', 1, 0, '["SBI Holdings"]', 1, 0, 70517241.37931035, 0.0, 70517241.37931035, None, None, None, None, None, None),
        ('Sakana AI', 1, 0, '["Nvidia"]', 0, 0, None, None, None, None, None, None, None, None, None),
        ('xAI', 2, 1, '["Nvidia"]', 2, 0, 20 * B, 20 * B, 20 * B, None, None, None, None, None, None),
    ]
