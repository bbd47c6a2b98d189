"""`devnet map`: the network as a picture for the terminal (and for an SVG): the owner
at the top, developers grouped by relation and context with their functions,
closeness and how recent the last conversation is, and the uncovered needs marked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from devnet.analysis import coverage, due, join, need_label, shape
from devnet.model import CLOSENESS_LABELS, RELATIONS, Network, Person
from devnet.render import safe, text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

RECENCY_STYLE = {"ok": "green", "due": "yellow", "overdue": "bold red"}


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
    if p.status == "paused":
        line.append(f"paused; {_recency(days)}", style="" if plain else "dim")
    else:
        state = status.get(pid, "ok")
        label = _recency(days) + (f" ({state})" if state != "ok" else "")
        line.append(label, style="" if plain else RECENCY_STYLE.get(state, ""))
    return line


def network_map(network: Network, as_of: date, plain: bool) -> RenderableType:
    """The tree of the network and, below it, the needs nobody covers."""
    from rich.console import Group
    from rich.text import Text
    from rich.tree import Tree

    profile = network.profile
    s = shape(network, as_of)
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
    status = {d.id: d.status for d in due(network, as_of)}
    people = {pid: p for pid, p in sorted(network.people.items()) if p.status != "ended"}
    last: dict[str, date] = {}  # one pass, not one scan of every check-in per developer
    for c in network.checkins:
        if c.date <= as_of and (c.developer not in last or c.date > last[c.developer]):
            last[c.developer] = c.date
    for relation in RELATIONS:
        members = [pid for pid, p in people.items() if p.relation == relation]
        if not members:
            continue
        branch = tree.add(
            text(f"{relation} ({len(members)})", "" if plain else "bold blue"), guide_style=guide
        )
        contexts: dict[str, list[str]] = {}
        for pid in members:
            key = " ".join(people[pid].context.split())
            contexts.setdefault(key, []).append(pid)
        for context in sorted(contexts, key=lambda c: (c.casefold(), c)):
            sub = branch.add(text(context, "" if plain else "italic"), guide_style=guide)
            for pid in sorted(contexts[context], key=lambda i: (people[i].name.casefold(), i)):
                sub.add(_developer(network, pid, as_of, status, last.get(pid), plain))
    if not people:
        tree.add(text("nobody yet: devnet add NAME --relation senior --context ORG"))
    return Group(tree, text(""), *_gap_lines(network, as_of, plain))


def _gap_lines(network: Network, as_of: date, plain: bool) -> list[Text]:
    from rich.text import Text

    lines: list[Text] = []
    for gc in coverage(network, as_of):
        for cell in gc.cells:
            if cell.status not in ("gap", "weak"):
                continue
            line = Text()
            if cell.status == "gap":
                line.append("✗ gap   ", style="" if plain else "bold red")
                who = "nobody gives it"
            else:
                line.append("! weak  ", style="" if plain else "yellow")
                who = "only weak ties: " + join([network.people[p].name for p in cell.providers])
            line.append_text(text(f"{gc.title}: {need_label(cell.need)} ({who})"))
            lines.append(line)
    if not lines:
        goals = any(g.status == "active" for g in network.goals.values())
        message = (
            "✓ every need of every active objective has someone"
            if goals
            else "no active objective: devnet goal add TITLE --needs ..."
        )
        lines.append(text(message, "" if plain else "green"))
    return lines
