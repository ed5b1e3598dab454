"""Merging a document's deal mentions into one record per real-world deal.

Mentions with the same kind and parties are one deal when their amounts agree; different amounts
are different deals (a promise and a later, smaller payment stay apart). Mentions without an
amount join the first deal of their group that has one. A round with neither an amount nor a
named investor is not a deal of ours (nothing flows that the text names).

A promise (planned, announced, up to) that a later report of the same parties puts lower as
actually paid (实际, 最终, 仅为, 远低于, actually) is scaled back, superseded by the payment.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .deal_status import STATUS_ORDER
from .vocab import alternation, vocabulary

PROMISED = ("planned", "announced")


def merge_mentions(mentions: list, text: str, amounts: list[dict], language: str = "zh") -> list[dict]:
    mentions = [m for m in mentions if m.kind != "funding_round" or m.amount_index is not None]
    mentions = sorted(mentions, key=lambda m: (m.evidence[0], m.order))
    groups: dict[tuple, list] = {}
    for mention in mentions:
        groups.setdefault((mention.kind, mention.from_org, mention.to_org, mention.counterparty), []).append(mention)
    deals: list[list] = []
    for members in groups.values():
        deals.extend(_cluster_by_amount(members, amounts))
    deals.sort(key=lambda members: min(m.evidence[0] for m in members))
    records = [_record(members, text) for members in deals]
    _link_parents(records, deals)
    _scale_back(records, text, amounts)
    return records


def _cluster_by_amount(mentions: list, amounts: list[dict]) -> list[list]:
    with_amount: list[list] = []
    without = []
    for mention in mentions:
        if mention.amount_index is None:
            without.append(mention)
            continue
        for cluster in with_amount:
            if same_value(amounts[cluster[0].amount_index], amounts[mention.amount_index]):
                cluster.append(mention)
                break
        else:
            with_amount.append([mention])
    if with_amount:
        with_amount[0].extend(without)
        return with_amount
    return [without] if without else []


def same_value(x: dict, y: dict) -> bool:
    if x["currency"] != y["currency"]:
        return False
    vx = x["value"] if x["value"] is not None else x["value_high"]
    vy = y["value"] if y["value"] is not None else y["value_high"]
    return vx is not None and vy is not None and abs(vx - vy) <= 0.01 * max(abs(vx), abs(vy))


def _record(members: list, text: str) -> dict:
    members = sorted(members, key=lambda m: m.evidence[0])
    with_amount = [m for m in members if m.amount_index is not None]
    candidates = with_amount or members
    # A full sentence quotes better than a heading that says the same.
    main = next((m for m in candidates if text[m.evidence[1] - 1] in "。！？!?."), candidates[0])
    # The reports that state the amount say most about the deal: an amountless mention of the
    # same parties elsewhere (其对Anthropic的投资) neither completes nor dates it.
    statuses = [m.status for m in candidates if m.status]
    status = min(statuses, key=STATUS_ORDER.index) if statuses else "completed"
    dates = [m.date for m in candidates if m.date] or [m.date for m in members if m.date]
    date = min(dates) if dates else None
    start, end = main.evidence
    return {
        "kind": main.kind,
        "status": status,
        "from": main.from_org,
        "to": main.to_org,
        "amount_index": main.amount_index,
        "announced_on": date[0] if date else None,
        "announced_precision": date[1] if date else None,
        "counterparty_text": main.counterparty,
        "scope": main.scope,
        "round_name": next((m.round_name for m in members if m.round_name), None),
        "role": next((m.role for m in members if m.role), None),
        "project": None,
        "parent_index": None,
        "superseded_by_index": None,
        "evidence": text[start:end],
        "char_start": start,
        "char_end": end,
        "source": "extracted",
        "rule": main.rule,
    }


def _link_parents(records: list[dict], deals: list[list]) -> None:
    owner = {id(m): i for i, members in enumerate(deals) for m in members}
    for i, members in enumerate(deals):
        parents = [owner.get(id(m.parent)) for m in members if m.parent is not None]
        parents = [p for p in parents if p is not None and p != i]
        if parents:
            records[i]["parent_index"] = parents[0]


@lru_cache(maxsize=1)
def _actual_cue() -> re.Pattern:
    return re.compile(alternation(vocabulary("deal_rules_zh")["actual_cues"] + vocabulary("deal_rules_en")["actual_cues"], escape=False))


def _scale_back(records: list[dict], text: str, amounts: list[dict]) -> None:
    """The promise of a pair of parties whose later report states less as actually paid."""
    for i, promise in enumerate(records):
        if promise["status"] not in PROMISED and amounts_bound(promise, amounts) != "up_to":
            continue
        for j, paid in enumerate(records):
            if j == i or paid["char_start"] < promise["char_start"] or paid["status"] != "completed":
                continue
            if (paid["from"], paid["to"], paid["kind"]) != (promise["from"], promise["to"], promise["kind"]):
                continue
            if not _actual_cue().search(paid["evidence"]) or not _less(paid, promise, amounts):
                continue
            promise["status"] = "scaled_back"
            promise["superseded_by_index"] = j
            break


def amounts_bound(record: dict, amounts: list[dict]) -> str | None:
    index = record["amount_index"]
    return amounts[index]["bound"] if index is not None else None


def _less(paid: dict, promise: dict, amounts: list[dict]) -> bool:
    if paid["amount_index"] is None or promise["amount_index"] is None:
        return False
    a, b = amounts[paid["amount_index"]], amounts[promise["amount_index"]]
    va = a["value"] if a["value"] is not None else a["value_high"]
    vb = b["value"] if b["value"] is not None else b["value_high"]
    return a["currency"] == b["currency"] and va is not None and vb is not None and va < vb
