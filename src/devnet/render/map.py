"""`devnet map`: the network as a picture for the terminal: the owner at the top,
developers grouped by relation and context with their functions, closeness and how
recent the last conversation is, and the uncovered needs marked. The same data as
JSON (`map --json`); the diagram for a slide (`map --svg`) is render.svg."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from devnet.analysis import (
    Cell,
    GoalCoverage,
    Snapshot,
    join,
    need_label,
    snapshot,
    weak_ties,
)
from devnet.model import CLOSENESS_LABELS, RELATIONS, Network, Person
from devnet.render import iso, safe, text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

RECENCY_STYLE = {"ok": "green", "due": "yellow", "overdue": "bold red", "closing": "cyan"}


def _recency(days: int | None) -> str:
    if days is None:
        return "no conversation yet"
    if days == 0:
        return "talked today"
    if days < 0:
        return "talked later"
    return f"last talked {days} day{'s' if days != 1 else ''} ago"


def _closeness(person: Person, plain: bool) -> Text:
    from rich.text import Text

    if person.closeness is None:
        return Text("closeness unset", style="" if plain else "dim")
    dots = "●" * person.closeness + "○" * (4 - person.closeness)
    return Text(f"{dots} {CLOSENESS_LABELS[person.closeness]}", style="" if plain else "cyan")


def _developer(
    network: Network,
    pid: str,
    as_of: date,
    status: Mapping[str, str],
    last: date | None,
    plain: bool,
) -> Text:
    from rich.text import Text

    p = network.people[pid]
    days = None if last is None else (as_of - last).days
    line = Text()
    line.append_text(text(p.name, "" if plain else "bold"))
    line.append("  ")
    line.append_text(text(", ".join(p.functions) or "no functions", "" if plain else "magenta"))
    line.append("  ")
    line.append_text(_closeness(p, plain))
    line.append("  ")
    if pid not in status:  # paused that day: only active and closing ones have a due
        line.append(f"paused; {_recency(days)}", style="" if plain else "dim")
    else:
        state = status.get(pid, "ok")
        label = _recency(days) + (f" ({state})" if state != "ok" else "")
        line.append(label, style="" if plain else RECENCY_STYLE.get(state, ""))
    return line


@dataclass(frozen=True)
class MapData:
    """What the map shows: the developers by relation, then context (each sorted as
    drawn), their due status and last check-in, and the gap and weak cells."""

    groups: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    """(relation, ((context, developer ids), ...)), relations in RELATIONS order."""
    status: Mapping[str, str]
    """Active developer id -> ok, due, overdue or closing (paused ones are absent)."""
    last: Mapping[str, date]
    """Developer id -> date of the last check-in up to as-of."""
    open_cells: tuple[tuple[GoalCoverage, Cell], ...]
    """The gap and weak cells of the active goals."""
    snap: Snapshot
    """The network that day, which all of the above is read from."""


def map_data(network: Network, as_of: date) -> MapData:
    """The data behind the picture and `map --json`: active and paused developers
    whose relationship had begun by `as_of` (ended ones are history), grouped by
    relation and by context (compared with runs of whitespace as one space), sorted by
    name."""
    snap = snapshot(network, as_of)
    status = {d.id: d.status for d in snap.due}
    people = {pid: ps.person for pid, ps in snap.people.items() if ps.state != "ended"}
    last = {pid: ps.contact.last for pid, ps in snap.people.items() if ps.contact.last}
    groups = []
    for relation in RELATIONS:
        members = [pid for pid, p in people.items() if p.relation == relation]
        if not members:
            continue
        contexts: dict[str, list[str]] = {}
        for pid in members:
            key = " ".join(people[pid].context.split())
            contexts.setdefault(key, []).append(pid)
        groups.append(
            (
                relation,
                tuple(
                    (
                        context,
                        tuple(
                            sorted(contexts[context], key=lambda i: (people[i].name.casefold(), i))
                        ),
                    )
                    for context in sorted(contexts, key=lambda c: (c.casefold(), c))
                ),
            )
        )
    open_cells = tuple(
        (gc, cell) for gc in snap.coverage for cell in gc.cells if cell.status in ("gap", "weak")
    )
    return MapData(tuple(groups), status, last, open_cells, snap)


def map_json(network: Network, as_of: date) -> dict[str, Any]:
    """The `map --json` shape: `{as_of, profile, network, groups: [{relation, contexts:
    [{context, developers: [...]}]}], gaps}`; each developer has `id`, `name`,
    `functions`, `closeness` (1-4 or null) and its label, `status` (active or paused),
    `last`, `days_since` (days since the last check-in, null without one) and `due`
    (ok, due or overdue for an active developer, null when paused). `gaps` lists the
    gap and weak cells with the ids of their (weak) providers."""
    data = map_data(network, as_of)
    profile = network.profile
    s = data.snap.shape

    def developer(pid: str) -> dict[str, Any]:
        p = network.people[pid]
        last = data.last.get(pid)
        return {
            "id": pid,
            "name": p.name,
            "functions": list(p.functions),
            "closeness": p.closeness,
            "closeness_label": None if p.closeness is None else CLOSENESS_LABELS[p.closeness],
            "status": "active" if pid in data.status else "paused",
            "last": iso(last),
            "days_since": None if last is None else (as_of - last).days,
            "due": data.status.get(pid),
        }

    return {
        "as_of": as_of.isoformat(),
        "profile": {"name": profile.name, "stage": profile.stage, "org": profile.org},
        "network": {"size": s.size, "range": s.range, "type": s.type},
        "groups": [
            {
                "relation": relation,
                "contexts": [
                    {"context": context, "developers": [developer(pid) for pid in pids]}
                    for context, pids in contexts
                ],
            }
            for relation, contexts in data.groups
        ],
        "gaps": [
            {
                "goal": gc.id,
                "title": gc.title,
                "need": cell.need,
                "status": cell.status,
                "providers": list(cell.providers),
            }
            for gc, cell in data.open_cells
        ],
    }


def network_map(network: Network, as_of: date, plain: bool) -> RenderableType:
    """The tree of the network and, below it, the needs nobody covers."""
    from rich.console import Group
    from rich.text import Text
    from rich.tree import Tree

    profile = network.profile
    data = map_data(network, as_of)
    s = data.snap.shape
    root = Text()
    root.append_text(text(profile.name, "" if plain else "bold"))
    facts = [f"{profile.stage} career"]
    if profile.org:
        facts.append(safe(profile.org))
    root.append_text(text(" · " + " · ".join(facts)))
    root.append("\n")
    root.append_text(
        text(
            f"as of {as_of.isoformat()} · {s.size} active · {s.range} "
            f"context{'s' if s.range != 1 else ''} · {s.type} network",
            "" if plain else "dim",
        )
    )
    guide = "" if plain else "dim"
    tree = Tree(root, guide_style=guide)
    for relation, contexts in data.groups:
        count = sum(len(pids) for _, pids in contexts)
        branch = tree.add(
            text(f"{relation} ({count})", "" if plain else "bold blue"), guide_style=guide
        )
        for context, pids in contexts:
            sub = branch.add(text(context, "" if plain else "italic"), guide_style=guide)
            for pid in pids:
                sub.add(_developer(network, pid, as_of, data.status, data.last.get(pid), plain))
    if not data.groups:
        tree.add(text("nobody yet: devnet add NAME --relation senior --context ORG"))
    return Group(tree, text(""), *_gap_lines(network, data, plain))


def _gap_lines(network: Network, data: MapData, plain: bool) -> list[RenderableType]:
    """One line per gap or weak need, wrapped between words under its text."""
    from rich.text import Text

    from devnet.render.wrap import Wrapped

    lines: list[RenderableType] = []
    for gc, cell in data.open_cells:
        if cell.status == "gap":
            mark = Text("✗ gap   ", style="" if plain else "bold red")
            who = "nobody gives it"
        else:
            mark = Text("! weak  ", style="" if plain else "yellow")
            overdue = {pid for pid, state in data.status.items() if state == "overdue"}
            ties = weak_ties(cell.providers, network.people, overdue)
            who = f"only {ties} ties: " + join([network.people[p].name for p in cell.providers])
        line = text(f"{gc.title}: {need_label(cell.need)} ({who})")
        lines.append(Wrapped(line, lead=mark, indent=mark.cell_len))
    if not lines:
        goals = bool(data.snap.active_goals)
        message = (
            "✓ every need of every active objective has someone"
            if goals
            else "no active objective: devnet goal add TITLE --needs ..."
        )
        lines.append(text(message, "" if plain else "green"))
    return lines
