"""Developers, goals and check-ins as tables, detail views and JSON-ready dicts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from devnet.model import CLOSENESS_LABELS, Checkin, Goal, Network, Person
from devnet.render import jsonable, keep_whole, safe, table, text

if TYPE_CHECKING:
    from rich.console import RenderableType


def person_json(pid: str, person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"id": pid}
    data.update(person.model_dump(mode="python"))
    result: dict[str, Any] = jsonable(data)
    return result


def goal_json(gid: str, goal: Goal) -> dict[str, Any]:
    data: dict[str, Any] = {"id": gid}
    data.update(goal.model_dump(mode="python"))
    result: dict[str, Any] = jsonable(data)
    return result


def checkin_json(checkin: Checkin) -> dict[str, Any]:
    result: dict[str, Any] = jsonable(checkin.model_dump(mode="python"))
    return result


def person_with_checkins_json(network: Network, pid: str) -> dict[str, Any]:
    data = person_json(pid, network.people[pid])
    data["checkins"] = [checkin_json(c) for c in network.checkins_of(pid)]
    return data


_STATUS_STYLE = {
    "active": "green",
    "paused": "yellow",
    "ended": "dim",
    "achieved": "cyan",
    "dropped": "dim",
}


# Columns of `devnet list`, most important first: on a narrow terminal the last ones
# are left out rather than squeezing every column into a few letters.
_LIST_COLUMNS = (
    "id",
    "name",
    "status",
    "last",
    "functions",
    "relation",
    "context",
    "cadence",
    "serves",
)
_LIST_ORDER = (
    "id",
    "name",
    "relation",
    "context",
    "functions",
    "serves",
    "cadence",
    "last",
    "status",
)
_WHOLE = {"id", "relation", "cadence", "last", "status"}


def people_table(
    network: Network, ids: list[str], plain: bool, today: date, width: int = 200
) -> RenderableType:
    """Developers in rows; `last` is the latest check-in on or before `today`. Goals
    are counted (their titles are in `show`); columns that do not fit `width` go."""
    last: dict[str, str] = {}
    for checkin in network.checkins:
        if checkin.date <= today:
            last[checkin.developer] = checkin.date.isoformat()
    rows: list[dict[str, str]] = []
    for pid in ids:
        p = network.people[pid]
        count = len(p.goals)
        rows.append(
            {
                "id": pid,
                "name": p.name,
                "relation": p.relation,
                "context": p.context,
                "functions": ", ".join(p.functions) or "-",
                "serves": "all goals" if not count else f"{count} goal" + "s" * (count > 1),
                "cadence": p.cadence or "-",
                "last": last.get(pid, "never"),
                "status": p.status,
            }
        )
    shown = list(_LIST_COLUMNS)

    def needed(names: list[str]) -> int:
        longest = {n: max([len(n)] + [len(safe(r[n], lines=True)) for r in rows]) for n in names}
        flexible = sum(min(longest[n], 14) for n in names if n not in _WHOLE)
        return sum(longest[n] for n in names if n in _WHOLE) + flexible + 2 * len(names)

    while len(shown) > 4 and needed(shown) > width:
        shown.pop()
    columns = [c for c in _LIST_ORDER if c in shown]
    t = table(*columns, plain=plain)
    for row in rows:
        style = "" if plain else _STATUS_STYLE.get(row["status"], "")
        t.add_row(*(text(row[c], style if c == "status" else "") for c in columns))
    for index, name in enumerate(columns):
        if name in _WHOLE:
            keep_whole(t, index)
    return t


def person_detail(network: Network, pid: str, plain: bool) -> RenderableType:
    from rich.console import Group

    p = network.people[pid]
    rows: list[tuple[str, str]] = [
        ("id", pid),
        ("name", p.name),
        ("relation", p.relation),
        ("context", p.context),
        ("functions", ", ".join(p.functions) or "-"),
        ("goals", ", ".join(network.goals[g].title for g in p.goals) or "all goals"),
        ("expertise", "; ".join(p.expertise) or "-"),
        ("cadence", p.cadence or "-"),
        ("scheduler", p.scheduler or "-"),
        ("learn", p.learn or "-"),
        ("offer", p.offer or "-"),
        ("split", "-" if p.split is None else f"{p.split}% on my needs"),
        ("request", (p.request or "-") + (f" until {p.until}" if p.until else "")),
        (
            "closeness",
            "-" if p.closeness is None else f"{p.closeness} ({CLOSENESS_LABELS[p.closeness]})",
        ),
    ]
    if p.members is not None:
        rows.append(("members", str(p.members)))
    rows.append(("since", p.since.isoformat()))
    status = p.status + (f" since {p.status_date}" if p.status_date else "")
    if p.status_note:
        status += f" ({p.status_note})"
    rows.append(("status", status))
    facts = table("field", "value", plain=True)
    facts.show_header = False
    for key, value in rows:
        facts.add_row(text(key, "" if plain else "bold"), text(value))
    checkins = network.checkins_of(pid)
    log = table(
        "date",
        "functions",
        "goals",
        "skills",
        "gave",
        "note",
        "review",
        plain=plain,
        title=None if plain else f"{len(checkins)} check-ins",
    )
    for c in checkins:
        log.add_row(
            text(c.date),
            text(", ".join(c.functions)),
            text(", ".join(c.goals)),
            text("; ".join(c.skills)),
            text(c.gave),
            text(c.note),
            text(c.review),
        )
    if not checkins:
        return Group(facts, text("\nNo check-ins yet."))
    return Group(facts, text(""), log)


def goals_table(network: Network, ids: list[str], plain: bool) -> RenderableType:
    t = table("id", "title", "needs", "skills", "by", "status", plain=plain)
    for gid in ids:
        g = network.goals[gid]
        style = "" if plain else _STATUS_STYLE.get(g.status, "")
        t.add_row(
            text(gid),
            text(g.title),
            text(", ".join(g.needs)),
            text("; ".join(g.skills) or "-"),
            text(g.by or "-"),
            text(g.status, style),
        )
    for index in (0, 4, 5):
        keep_whole(t, index)
    return t


__all__ = ["safe"]
