"""org_profile: per organization, deals and US dollars in and out, claims and articles."""
from test_view_deals_detailed import B, view_rows, world  # noqa: F401  (world is a fixture)

COLUMNS = "name, deals_out, deals_in, usd_out, usd_in, usd_out_completed, usd_in_completed, claims, documents"


def profiles(path, where="1"):
    return [tuple(r.values()) for r in view_rows(path, f"select {COLUMNS} from org_profile where {where} order by name")]


def test_profiles_of_the_world(world):
    assert profiles(world) == [
        ("AMD", 1, 1, 0.5 * B, None, None, None, 0, 1),
        ("Amazon", 1, 1, None, 0.8 * B, None, 0.8 * B, 0, 1),
        ("Anthropic", 1, 1, 0.8 * B, 0.5 * B, 0.8 * B, None, 0, 1),
        ("CoreWeave", 1, 1, None, None, None, None, 0, 1),
        ("Google", 1, 1, 2 * B, None, 2 * B, None, 0, 1),
        # Lonely Capital: 3 (up to) + 5 (at least) + 1.5 (midpoint of 1-2) billion; its cancelled deal is ignored.
        ("Lonely Capital", 3, 0, 9.5 * B, None, 3 * B, None, 0, 1),
        ("Microsoft", 2, 1, 10 * B, 2 * B, 10 * B, 2 * B, 1, 2),
        ("Nvidia", 1, 1, 30 * B, 10 * B, 30 * B, 10 * B, 1, 3),
        ("OpenAI", 1, 6, 10 * B, 79.5 * B, 10 * B, 73 * B, 1, 4),
        ("Oracle", 1, 1, None, None, None, None, 0, 1),
    ]


def test_aliases_listed(world):
    assert view_rows(world, "select aliases from org_profile where name = 'Nvidia'") == [
        {"aliases": '["NVIDIA","英伟达","輝達"]'}]


def test_seeds_profiles(seed_db_path):
    assert profiles(seed_db_path, "deals_out + deals_in > 0") == [
        ('Alibaba Group', 1, 0, None, None, None, None, 0, 1),
        # 25万美元 to each startup it selects: per receiver, not added.
        ('Alt Capital', 1, 0, None, None, None, None, 0, 1),
        ('Amazon', 1, 0, None, None, None, None, 0, 3),
        ('Andreessen Horowitz', 2, 0, 550000000.0, None, 550000000.0, None, 3, 1),
        ('Anthropic', 0, 2, None, 10 * B, None, None, 0, 2),
        ('Apple', 1, 0, None, None, None, None, 0, 1),
        ('Arm', 1, 1, None, None, None, None, 0, 1),
        ('Cohere', 0, 1, None, None, None, None, 0, 1),
        ('ELYZA', 0, 1, None, None, None, None, 0, 1),
        ('Graphcore', 0, 7, None, 1200000000.0, None, 700000000.0, 9, 1),
        ('Izanagi', 0, 1, None, 30 * B, None, None, 0, 1),
        ('KDDI', 1, 0, None, None, None, None, 0, 1),
        ('Luma AI', 0, 2, None, 43000000.0, None, 43000000.0, 1, 1),
        ('Microsoft', 2, 0, 10 * B, None, 10 * B, None, 0, 3),
        ('Mistral AI', 0, 1, None, None, None, None, 0, 1),
        ('Moonshot AI', 0, 1, None, None, None, None, 1, 1),
        ('Nvidia', 7, 3, 42 * B, 550000000.0, 32 * B, 550000000.0, 9, 5),
        ('OpenAI', 2, 5, None, 120 * B, None, 120 * B, 1, 5),
        ('Preferred Networks', 0, 1, None, 70517241.37931035, None, 70517241.37931035, 0, 1),
        ('SBI Holdings', 1, 0, 70517241.37931035, None, 70517241.37931035, None, 0, 1),
        ('Sakana AI', 0, 1, None, None, None, None, 0, 1),
        ('Sequoia Capital', 1, 0, None, None, None, None, 0, 2),
        ('SoftBank Group', 3, 0, 30 * B, None, None, None, 0, 1),
        ('Tesla', 1, 0, None, None, None, None, 0, 1),
        ('xAI', 0, 2, None, 20 * B, None, 20 * B, 0, 2),
    ]


def test_seeds_profiles_only_what_the_articles_name(seed_db_path):
    # The gazetteer's other organizations are reference data: in gazetteer_organizations only.
    named = view_rows(seed_db_path, "select count(*) as n from organizations o where"
                      " o.id in (select org_id from org_mentions) or o.id in (select from_org_id from deals)"
                      " or o.id in (select to_org_id from deals) or o.id in (select subject_org_id from claims)")
    assert view_rows(seed_db_path, "select count(*) as n from org_profile") == named == [{"n": 68}]
    assert view_rows(seed_db_path, "select count(*) > 600 as many from gazetteer_organizations") == [{"many": 1}]
    # Beside those 68, organizations holds only the gazetteer people's employers (people.org_id),
    # the outlets bylines name (documents.source_org_id) and the parents of corporate families.
    others = view_rows(seed_db_path, "select o.name from organizations o where o.id not in (select org_id from"
                       " org_mentions union select from_org_id from deals where from_org_id is not null union select"
                       " to_org_id from deals where to_org_id is not null union select subject_org_id from claims"
                       " where subject_org_id is not null) and o.id not in (select org_id from people where org_id"
                       " is not null union select source_org_id from documents where source_org_id is not null"
                       " union select parent_id from organizations where parent_id is not null union"
                       " select group_id from organizations where group_id is not null)")
    assert others == []
    assert view_rows(seed_db_path, "select name from org_profile where name in ('Nvidia', 'Baidu', 'Tencent')"
                     " order by name") == [{"name": "Nvidia"}]
