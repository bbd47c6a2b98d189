"""Check-ins as records (`checkins list`) and what `search` found, as tables and
JSON-ready dicts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from devnet.model import Checkin, Matches, Network, folded
from devnet.render import fitted_table
from devnet.render.people import checkin_json, goal_json, person_json

if TYPE_CHECKING:
    from rich.console import RenderableType

_ORDER = ("ref", "with", "functions", "goals", "skills", "gave", "note", "review")
_PRIORITY = ("ref", "note", "with", "functions", "review", "goals", "gave", "skills")
_WHOLE = {"ref", "review"}


def checkins_table(
    network: Network, checkins: list[tuple[str, Checkin]], plain: bool, width: int = 200
) -> RenderableType:
    """One row per check-in, its ref first (the ref holds the date); columns no
    check-in fills are left out, and on a narrow terminal those at the end of
    _PRIORITY go."""
    rows = [
        {
            "ref": ref,
            "with": network.people[c.developer].name,
            "functions": ", ".join(c.functions),
            "goals": ", ".join(c.goals),
            "skills": "; ".join(c.skills),
            "gave": c.gave or "",
            "note": c.note or "",
            "review": c.review or "",
        }
        for ref, c in checkins
    ]
    used = [k for k in _ORDER if k in ("ref", "with") or any(r[k] for r in rows)]
    order = tuple(used)
    priority = tuple(k for k in _PRIORITY if k in used)
    return fitted_table(rows, order, priority, _WHOLE, width, plain)


def checkins_json(checkins: list[tuple[str, Checkin]]) -> list[dict[str, Any]]:
    return [checkin_json(c, ref) for ref, c in checkins]


SNIPPET = 60
"""Letters of context shown on each side of a match."""


def snippet(value: str, wanted: str) -> str:
    """The line of `value` that holds `wanted`, cut to about SNIPPET letters on each
    side of it."""
    key = folded(wanted)
    for line in value.splitlines() or [value]:
        at = folded(line).find(key)
        if at < 0:
            continue
        start, end = max(0, at - SNIPPET), min(len(line), at + len(wanted) + SNIPPET)
        return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return value


def _found(values: list[tuple[str, str | list[str] | None]], wanted: str) -> str:
    parts = []
    for name, value in values:
        items = value if isinstance(value, list) else [value or ""]
        for item in items:
            if folded(wanted) in folded(item):
                parts.append(f"{name}: {snippet(item, wanted)}")
                break
    return "; ".join(parts)


def search_rows(network: Network, found: Matches, wanted: str) -> list[dict[str, str]]:
    rows = []
    for pid, hits in found.developers:
        p = network.people[pid]
        fields = {"name": p.name, "context": p.context, "learn": p.learn, "offer": p.offer}
        values: list[tuple[str, str | list[str] | None]] = [
            (h, p.expertise if h == "expertise" else fields[h]) for h in hits
        ]
        rows.append(
            {
                "kind": "developer",
                "ref": pid,
                "date": f"since {p.since}",
                "found": _found(values, wanted),
            }
        )
    for gid, hits in found.goals:
        g = network.goals[gid]
        values = [(h, g.skills if h == "skills" else g.title) for h in hits]
        rows.append(
            {
                "kind": "goal",
                "ref": gid,
                "date": f"by {g.by}" if g.by else "",
                "found": _found(values, wanted),
            }
        )
    for ref, c, hits in found.checkins:
        fields = {"note": c.note, "gave": c.gave}
        values = [(h, c.skills if h == "skills" else fields[h]) for h in hits]
        rows.append(
            {
                "kind": "check-in",
                "ref": ref,
                "date": c.date.isoformat(),
                "found": _found(values, wanted),
            }
        )
    return rows


def search_table(
    network: Network, found: Matches, wanted: str, plain: bool, width: int = 200
) -> RenderableType:
    """One row per developer, goal or check-in found: its id or ref, its date, and
    each field that holds the text, cut around the match."""
    rows = search_rows(network, found, wanted)
    order = ("kind", "ref", "date", "found")
    priority = ("ref", "found", "date", "kind")
    return fitted_table(rows, order, priority, {"kind", "ref"}, width, plain)


def search_json(network: Network, found: Matches) -> dict[str, Any]:
    """`{developers, goals, checkins}`: the records found, each with `matched` (the
    fields that hold the text)."""
    return {
        "developers": [
            {**person_json(pid, network.people[pid]), "matched": hits}
            for pid, hits in found.developers
        ],
        "goals": [
            {**goal_json(gid, network.goals[gid]), "matched": hits} for gid, hits in found.goals
        ],
        "checkins": [{**checkin_json(c, ref), "matched": hits} for ref, c, hits in found.checkins],
    }
