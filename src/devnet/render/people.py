"""Developers, goals and check-ins as tables, detail views and JSON-ready dicts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from devnet.model import CLOSENESS_LABELS, Checkin, Goal, Network, Person
from devnet.render import fitted_table, jsonable, keep_whole, table, text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import RenderableType

    from devnet.analysis import PersonState


def person_json(pid: str, person: Person, state: PersonState | None = None) -> dict[str, Any]:
    """A developer; with `state` (the snapshot of a day), `status` is the status they had
    that day and `state` adds closing (still active, but ending) and its `reason`."""
    data: dict[str, Any] = {"id": pid}
    data.update(person.model_dump(mode="python"))
    data["status"] = person.status
    if state is not None:
        data["status"] = "active" if state.state == "closing" else state.state
        data["state"] = state.state
        data["reason"] = state.reason
    data["history"] = data.pop("history")
    result: dict[str, Any] = jsonable(data)
    return result


def goal_json(gid: str, goal: Goal, status: str | None = None) -> dict[str, Any]:
    """A goal; `status` is the one it had on an --as-of day (default: now)."""
    data: dict[str, Any] = {"id": gid}
    data.update(goal.model_dump(mode="python"))
    data["status"] = status or goal.status
    data["history"] = data.pop("history")
    result: dict[str, Any] = jsonable(data)
    return result


def checkin_json(checkin: Checkin, ref: str | None = None) -> dict[str, Any]:
    """A check-in's fields, led by its `ref` when given (Network.with_refs)."""
    data: dict[str, Any] = {} if ref is None else {"ref": ref}
    data.update(checkin.model_dump(mode="python"))
    result: dict[str, Any] = jsonable(data)
    return result


def person_with_checkins_json(
    network: Network, pid: str, state: PersonState | None = None
) -> dict[str, Any]:
    data = person_json(pid, network.people[pid], state)
    data["checkins"] = [
        checkin_json(c, ref) for ref, c in network.with_refs() if c.developer == pid
    ]
    return data


_STATUS_STYLE = {
    "active": "green",
    "closing": "magenta",
    "paused": "yellow",
    "ended": "dim",
    "achieved": "cyan",
    "dropped": "dim",
}


# Columns of `devnet list`, most important first: on a narrow terminal the last ones
# are left out rather than squeezing every column into a few letters.
_LIST_PRIORITY = (
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
_LIST_WHOLE = {"id", "relation", "cadence", "last", "status", "serves"}


def people_table(
    network: Network,
    ids: list[str],
    plain: bool,
    today: date,
    width: int = 200,
    states: Mapping[str, str] | None = None,
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
                "status": (states or {}).get(pid, p.status),
            }
        )
    return fitted_table(rows, _LIST_ORDER, _LIST_PRIORITY, _LIST_WHOLE, width, plain, _STATUS_STYLE)


WIDE = 110
"""Below this width the check-in log of `show` is a list of blocks, not a table."""


def _checkin_blocks(checkins: list[tuple[str, Checkin]], plain: bool) -> RenderableType:
    """One block per check-in: its ref (which holds its date), then one labelled line
    per recorded field, wrapped between words under the start of its value."""
    from rich.console import Group

    from devnet.render.wrap import Wrapped

    lines: list[RenderableType] = []
    for ref, c in checkins:
        lines.append(text(ref, "" if plain else "bold"))
        for label, value in (
            ("functions", ", ".join(c.functions)),
            ("goals", ", ".join(c.goals)),
            ("skills", "; ".join(c.skills)),
            ("gave", c.gave),
            ("note", c.note),
            ("review", c.review),
        ):
            if value:
                lead = f"  {label}: "
                lines.append(Wrapped(text(value), lead=lead, indent=len(lead)))
    return Group(*lines)


CLOSING_WORDS = {
    "move-on": "the last review said move on",
    "period-ended": "the agreed period is over",
    "goal-reached": "every goal they serve is reached",
}
"""Why a relationship is closing, in words (analysis.CLOSING_REASONS)."""


def person_detail(
    network: Network,
    pid: str,
    plain: bool,
    width: int = 200,
    state: PersonState | None = None,
) -> RenderableType:
    from rich.console import Group

    from devnet.render.wrap import Choice, whole_words

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
    if state is not None and state.state == "closing" and state.reason is not None:
        status += f"; closing: {CLOSING_WORDS[state.reason]}"
    rows.append(("status", status))
    facts = table("field", "value", plain=True)
    facts.show_header = False
    for key, value in rows:
        facts.add_row(text(key, "" if plain else "bold"), text(value))
    checkins = [(ref, c) for ref, c in network.with_refs() if c.developer == pid]
    log: RenderableType
    if width < WIDE:
        log = _checkin_blocks(checkins, plain)
    else:
        table_log = table(
            "ref",
            "functions",
            "goals",
            "skills",
            "gave",
            "note",
            "review",
            plain=plain,
            title=None if plain else f"{len(checkins)} check-ins",
        )
        keep_whole(table_log, 0)
        for ref, c in checkins:
            table_log.add_row(
                text(ref),
                text(", ".join(c.functions)),
                text(", ".join(c.goals)),
                text("; ".join(c.skills)),
                text(c.gave),
                text(c.note),
                text(c.review),
            )
        # the table only when no word in it has to be split (goal ids are long)
        log = Choice((whole_words(table_log), _checkin_blocks(checkins, plain)))
    if not checkins:
        return Group(facts, text("\nNo check-ins yet."))
    return Group(facts, text(""), log)


def goals_table(
    network: Network,
    ids: list[str],
    plain: bool,
    width: int = 200,
    statuses: Mapping[str, str] | None = None,
) -> RenderableType:
    """Goals in rows; on a narrow terminal skills, then needs, are left out. `statuses`
    are those of an --as-of day."""
    rows = [
        {
            "id": gid,
            "title": g.title,
            "needs": ", ".join(g.needs),
            "skills": "; ".join(g.skills) or "-",
            "by": g.by.isoformat() if g.by else "-",
            "status": (statuses or {}).get(gid, g.status),
        }
        for gid, g in ((gid, network.goals[gid]) for gid in ids)
    ]
    return fitted_table(
        rows,
        ("id", "title", "needs", "skills", "by", "status"),
        ("id", "status", "title", "by", "needs", "skills"),
        {"id", "by", "status"},
        width,
        plain,
        _STATUS_STYLE,
    )
