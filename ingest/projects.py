"""Named projects, new ventures and vehicles: 这个项目被称为「Izanagi」, a joint venture called
Stargate. Money often goes to them before they are companies (软银自己会投入300亿美元 into the
project, not into SoftBank), so they are organizations of their own, of kind `project`.

Pure: view in, (start, end, name) out. The patterns are `project_patterns` in org_rules.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .orgs import rules
from .regex_starts import finditer


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in rules()["project_patterns"])


def find_projects(view: str) -> list[tuple[int, int, str]]:
    """Where the view names a project, and the name, in order of the text."""
    found = {}
    for pattern in _patterns():
        for m in finditer(pattern, view):
            group = "latin" if "latin" in pattern.groupindex and m.group("latin") else "name"
            name = m.group(group).strip()
            if len(name) >= 2:
                found.setdefault((m.start(group), m.start(group) + len(name)), name)
    return sorted((a, b, name) for (a, b), name in found.items())
