"""The gazetteer as data: one alias one organization (also after OpenCC), kinds, countries, ids."""
import re
from collections import defaultdict
from pathlib import Path

from ingest.families import load_parents, parse_parents, top_of
from ingest.orgs import load_gazetteer, normalize_alias
from ingest.resources import load_vocabulary

DOC = Path(__file__).resolve().parent.parent / "docs" / "organizations.md"

# ISO 3166-1 alpha-2, officially assigned codes.
ISO_3166 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())


def raw_orgs():
    return load_vocabulary("gazetteer")["organizations"]


def raw_people():
    return load_vocabulary("people")["people"]


def surfaces(entry):
    return [a for a in [entry["name"], entry.get("name_zh"), *(entry.get("aliases") or [])] if a]


def test_every_alias_names_one_organization_even_after_opencc_and_casefolding():
    owners = defaultdict(set)
    for org in raw_orgs():
        for alias in surfaces(org):
            owners[normalize_alias(alias).casefold()].add(org["name"])
            owners[alias.casefold()].add(org["name"])
    shared = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_no_person_alias_is_an_organization_alias():
    org_keys = {normalize_alias(a).casefold() for org in raw_orgs() for a in surfaces(org)}
    person_keys = {normalize_alias(a).casefold() for p in raw_people() for a in surfaces(p)}
    assert org_keys & person_keys == set()


def test_traditional_forms_normalize_to_their_organization():
    gaz = load_gazetteer()
    for surface, name in [("輝達", "Nvidia"), ("英偉達", "Nvidia"), ("微軟", "Microsoft"),
                          ("軟銀", "SoftBank Group"), ("台積電", "TSMC"), ("紅杉資本", "Sequoia Capital"),
                          ("字節跳動", "ByteDance"), ("騰訊", "Tencent"), ("亞馬遜", "Amazon")]:
        assert gaz.keys[normalize_alias(surface)] == ("org", name), surface


def test_canonical_names_are_unique_and_loader_accepts_the_file():
    names = [org["name"] for org in raw_orgs()]
    assert len(names) == len(set(names))
    assert [org.name for org in load_gazetteer().orgs] == names


def test_kinds_come_from_the_documented_vocabulary():
    kinds = load_vocabulary("org_rules")["kinds"]
    doc = DOC.read_text(encoding="utf-8")
    for kind in kinds:
        assert f"`{kind}`" in doc, kind
    bad = {org["name"]: org["kind"] for org in raw_orgs() if org["kind"] not in kinds}
    assert bad == {}
    assert "unknown" in kinds  # the kind of discovered organizations


def test_countries_are_iso_3166_alpha_2_and_wikidata_ids_are_q_ids():
    bad_country = {o["name"]: o.get("country") for o in raw_orgs() if o.get("country") not in ISO_3166}
    assert bad_country == {}
    bad_qid = {o["name"]: o["wikidata"] for o in raw_orgs()
               if o.get("wikidata") is not None and not re.fullmatch(r"Q[1-9]\d*", o["wikidata"])}
    assert bad_qid == {}
    qids = [o["wikidata"] for o in raw_orgs() if o.get("wikidata")]
    assert len(qids) == len(set(qids))


def test_known_wikidata_ids():
    gaz = load_gazetteer()
    assert {n: gaz.org(n).wikidata_id for n in ["Nvidia", "OpenAI", "Microsoft", "TSMC", "Arm"]} == {
        "Nvidia": "Q182477", "OpenAI": "Q21708200", "Microsoft": "Q2283", "TSMC": "Q713418",
        "Arm": "Q466077"}


def test_main_actors_of_ai_capital_are_present():
    gaz = load_gazetteer()
    wanted = ["Nvidia", "OpenAI", "Microsoft", "Oracle", "AMD", "CoreWeave", "SoftBank Group",
              "Anthropic", "Amazon", "Google", "xAI", "Meta", "Intel", "Broadcom", "TSMC",
              "Alibaba Group", "Tencent", "ByteDance", "Baidu", "Moonshot AI", "Zhipu AI", "MiniMax"]
    assert [name for name in wanted if gaz.org(name) is None] == []


def test_people_point_at_gazetteer_organizations():
    gaz = load_gazetteer()
    names = [p["name"] for p in raw_people()]
    assert len(names) == len(set(names))
    assert {p["name"]: p["org"] for p in raw_people()
            if p.get("org") is not None and gaz.org(p["org"]) is None} == {}


def test_gazetteer_holds_no_facts():
    allowed = {"name", "name_zh", "kind", "country", "wikidata", "aliases", "products", "parent"}
    assert {o["name"]: set(o) - allowed for o in raw_orgs() if set(o) - allowed} == {}


def test_loader_refuses_an_alias_claimed_by_two_organizations(monkeypatch):
    import pytest

    import ingest.orgs as orgs

    real = orgs.vocabulary

    def fake(name):
        data = real(name)
        if name == "gazetteer":
            extra = {"name": "Hui Da Trading", "kind": "company", "country": "CN", "aliases": ["輝達"]}
            return {"organizations": [*data["organizations"], extra]}
        return data

    monkeypatch.setattr(orgs, "vocabulary", fake)
    orgs.load_gazetteer.cache_clear()
    try:
        with pytest.raises(ValueError, match="already belongs to Nvidia"):
            orgs.load_gazetteer()
    finally:
        monkeypatch.undo()
        orgs.load_gazetteer.cache_clear()
    assert orgs.load_gazetteer().org("Nvidia") is not None


def test_corporate_families():
    parents = load_parents()
    assert {name: (parents[name], top_of(name, parents)) for name in [
        "Google Cloud", "Google DeepMind", "Google", "Google Ventures", "Amazon Web Services", "M12", "NVentures"]} == {
        "Google Cloud": ("Google", "Alphabet"), "Google DeepMind": ("Google", "Alphabet"), "Google": ("Alphabet", "Alphabet"),
        "Google Ventures": ("Alphabet", "Alphabet"), "Amazon Web Services": ("Amazon", "Amazon"),
        "M12": ("Microsoft", "Microsoft"), "NVentures": ("Nvidia", "Nvidia")}
    # Independent firms that share a name or a past are not families.
    assert {name: parents.get(name) for name in ["HongShan", "Lightspeed China Partners", "Ant Group", "OpenAI"]} == {
        "HongShan": None, "Lightspeed China Partners": None, "Ant Group": None, "OpenAI": None}


def test_loader_refuses_an_unknown_parent_and_a_cycle_of_parents(monkeypatch):
    import pytest

    import ingest.families as families

    def org(name, parent=None):
        return {"name": name, "kind": "company", **({"parent": parent} if parent else {})}

    with pytest.raises(ValueError, match="Google Cloud: parent 'Googel' is not the name of a gazetteer organization"):
        parse_parents([org("Google"), org("Google Cloud", "Googel")])
    with pytest.raises(ValueError, match="the gazetteer's parents form a cycle: A → B → C → A"):
        parse_parents([org("A", "B"), org("B", "C"), org("C", "A"), org("D", "A")])
    with pytest.raises(ValueError, match="cycle: Self → Self"):
        parse_parents([org("Self", "Self")])
    assert parse_parents([org("Google", "Alphabet"), org("Alphabet"), org("Google Cloud", "Google")]) == {
        "Google": "Alphabet", "Google Cloud": "Google"}

    # The loader of gazetteer.yaml, which save_gazetteer calls before writing anything.
    real = families.vocabulary

    def fake(name):
        data = real(name)
        if name == "gazetteer":
            return {"organizations": [*data["organizations"], org("Nvidia Ventures Two", "Nvidia Corp")]}
        return data

    monkeypatch.setattr(families, "vocabulary", fake)
    families.load_parents.cache_clear()
    try:
        with pytest.raises(ValueError, match="parent 'Nvidia Corp' is not the name"):
            families.load_parents()
    finally:
        monkeypatch.undo()
        families.load_parents.cache_clear()
    assert families.load_parents()["NVentures"] == "Nvidia"
