"""`devnet gaps` and `devnet due` as rich renderables (the coverage grid, the shape
panel, findings by severity, the due table) and as the JSON-ready dicts of PRODUCT.md."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from devnet.analysis import SEVERITIES
from devnet.model import NEEDS
from devnet.render import fitted_table, iso, safe, table, text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from devnet.analysis import Cell, Command, Due, Finding, Gaps, Shape

CELL_STYLE = {
    "gap": "bold red",
    "weak": "yellow",
    "fragile": "dark_orange",
    "covered": "green",
}
DUE_STYLE = {"overdue": "bold red", "due": "yellow", "ok": "green", "closing": "cyan"}
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
TYPE_MEANING = {
    "receptive": "few contexts, weak ties: open to help, but little of it",
    "traditional": "few contexts, strong ties: deep support from one world",
    "opportunistic": "many contexts, weak ties: wide reach, little depth",
    "entrepreneurial": "many contexts, strong ties: Higgins & Kram propose it supports "
    "development most",
}


# --- JSON ------------------------------------------------------------------------------


def gaps_json(result: Gaps) -> dict[str, Any]:
    """The `gaps --json` shape of PRODUCT.md."""
    shape = result.shape
    return {
        "as_of": result.as_of.isoformat(),
        "goals": [
            {
                "id": g.id,
                "title": g.title,
                "cells": [
                    {"need": c.need, "status": c.status, "providers": list(c.providers)}
                    for c in g.cells
                ],
            }
            for g in result.goals
        ],
        "network": {
            "size": shape.size,
            "range": shape.range,
            "strength": None if shape.strength is None else round(shape.strength, 2),
            "type": shape.type,
        },
        "findings": [finding_json(f) for f in result.findings],
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "severity": f.severity,
        "goal": f.goal,
        "developer": f.developer,
        "message": f.message,
        "action": action_text(f),
    }


_PLAIN_ARG = re.compile(r"[\w.,@%+=:/-]+")


def command_text(command: Command) -> str:
    """A suggested command as typed: `devnet edit ana --learn "..."`."""
    words = ["devnet"]
    for arg in command:
        plain_arg = _PLAIN_ARG.fullmatch(arg) and arg != "..."
        quoted = "".join("\\" + c if c in '\\"$`' else c for c in arg)
        words.append(arg if plain_arg else f'"{quoted}"')
    return " ".join(words)


def action_text(f: Finding) -> str:
    """A finding's next step with its commands: "Agree it..., then record it (devnet
    edit ben --cadence monthly)." Several commands are alternatives or steps, in the
    order the prose names them."""
    if not f.commands:
        return f.action
    body = f.action[:-1] if f.action.endswith(".") else f.action
    return f"{body} ({'; '.join(command_text(c) for c in f.commands)})."


def due_json(entries: Sequence[Due]) -> list[dict[str, Any]]:
    """The `due --json` shape: `{id, name, last, next, status}` per developer."""
    return [
        {"id": d.id, "name": d.name, "last": iso(d.last), "next": iso(d.next), "status": d.status}
        for d in entries
    ]


# --- terminal ------------------------------------------------------------------------------


GRID_MAX_NEED_COLUMNS = 5
"""Past this many distinct needs the grid turns: needs down, goals across."""


def _cell_text(result: Gaps, cell: Cell | None, plain: bool) -> Text:
    from rich.text import Text

    if cell is None:
        return text("·", "" if plain else "dim")
    content = Text()
    content.append(cell.status, style="" if plain else CELL_STYLE[cell.status])
    for pid in cell.providers:
        content.append("\n")
        content.append(safe(result.names.get(pid, pid)))
    return content


def grid(result: Gaps, plain: bool) -> RenderableType:
    """Goals down, needs across (turned when there are many needs); each cell shows
    its status word, so it reads without color, and its providers' names."""
    used = {c.need for g in result.goals for c in g.cells}
    needs = [n for n in NEEDS if n in used]
    cells = {(g.id, c.need): c for g in result.goals for c in g.cells}
    bold = "" if plain else "bold"
    title = f"Coverage as of {result.as_of.isoformat()}"
    if len(needs) <= GRID_MAX_NEED_COLUMNS:
        t = table("goal", *needs, plain=plain, title=title)
        for column, need in zip(t.columns[1:], needs, strict=True):
            column.min_width = len(need)
        for g in result.goals:
            row: list[RenderableType] = [text(g.title, bold)]
            row += [_cell_text(result, cells.get((g.id, n)), plain) for n in needs]
            t.add_row(*row)
    else:
        t = table("need", plain=plain, title=title)
        for g in result.goals:
            t.add_column(text(g.title))  # a Text header: a title is never markup
        for need in needs:
            row = [text(need, bold)]
            row += [_cell_text(result, cells.get((g.id, need)), plain) for g in result.goals]
            t.add_row(*row)
    if plain:
        t.title_style = ""
        return t
    from devnet.render.wrap import Choice, whole_words

    return Choice((whole_words(t), goal_list(result, plain, title)))


def goal_list(result: Gaps, plain: bool, title: str) -> RenderableType:
    """The grid as a list, for a terminal too narrow for it: each goal's title on a
    line of its own, then each need it has with its status and its providers (under
    the need when even that is too wide). No word is ever split."""
    from rich.console import Group
    from rich.table import Table

    from devnet.render.wrap import Choice, Wrapped

    bold = "" if plain else "bold"
    needs = [c.need for g in result.goals for c in g.cells]
    need_width = max(map(len, needs), default=0)
    parts: list[RenderableType] = [text(title, bold)]
    for g in result.goals:
        parts.append(text(""))
        parts.append(Wrapped(text(g.title, bold)))
        rows = Table.grid(padding=(0, 1))
        rows.add_column(no_wrap=True, min_width=2 + need_width)
        rows.add_column(no_wrap=True, min_width=max(map(len, CELL_STYLE)))
        rows.add_column()
        stacked: list[RenderableType] = []
        for c in sorted(g.cells, key=lambda c: NEEDS.index(c.need)):
            status = text(c.status, "" if plain else CELL_STYLE[c.status])
            names = text(", ".join(result.names.get(p, p) for p in c.providers) or "-")
            rows.add_row(text(f"  {c.need}"), status, Wrapped(names))
            stacked.append(text(f"  {c.need} ").append_text(status))
            stacked.append(Wrapped(names, lead="    ", indent=4))
        parts.append(Choice((rows, Group(*stacked))))
    return Group(*parts)


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def shape_panel(shape: Shape, org: str | None, plain: bool) -> RenderableType:
    """The research measures in a small panel, with the type's thresholds."""
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    strength = "-" if shape.strength is None else f"{shape.strength:.1f}"
    developers = "developer" if shape.size == 1 else "developers"
    contexts = "context" if shape.range == 1 else "contexts"
    body.append(
        f"size {shape.size} {developers} · range {shape.range} {contexts} · strength "
        f"{strength} of 4 · type "
    )
    body.append(shape.type, style="" if plain else "bold")
    body.append(f" ({TYPE_MEANING[shape.type]})\n")
    mix = ", ".join(f"{n} {r}" for r, n in shape.relations.items()) or "nobody yet"
    body.append(f"relations: {mix}")
    if shape.home_share is not None and org is not None:
        body.append(" · inside ")
        body.append(safe(org))
        body.append(f": {_percent(shape.home_share)}")
    body.append(
        f"\nhigh range = {shape.high_range}+ contexts, strong ties = mean closeness "
        f"{shape.strong_ties:g}+ of 4 (Higgins & Kram 2001; devnet's thresholds)",
        style="" if plain else "dim",
    )
    if plain:
        title = Text("Network\n")
        title.append_text(body)
        return title
    return Panel(body, title="Network", title_align="left", expand=False)


def _finding(f: Finding, plain: bool) -> Text:
    """A finding's kind and message, then its next step on a line of its own."""
    from rich.text import Text

    line = Text()
    line.append(f.kind, style="" if plain else SEVERITY_STYLE[f.severity])
    line.append(": ")
    line.append(safe(f.message))
    line.append("\n→ " if not plain else "\n  next: ")
    line.append(safe(action_text(f)), style="" if plain else "italic")
    return line


def findings(result: Gaps, plain: bool, verbose: bool) -> RenderableType:
    """Findings grouped by severity; low ones counted by kind unless `verbose`."""
    from rich.console import Group
    from rich.text import Text

    from devnet.render.wrap import Wrapped

    if not result.findings:
        return text("No findings: every objective is covered and every relationship is on track.")
    parts: list[RenderableType] = []
    for severity in SEVERITIES:
        group = [f for f in result.findings if f.severity == severity]
        if not group:
            continue
        style = "" if plain else SEVERITY_STYLE[severity] + " underline"
        parts.append(Text(f"{severity.capitalize()} ({len(group)})", style=style))
        if severity == "low" and not verbose:
            counts = Counter(f.kind for f in group)
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            parts.append(Wrapped(Text(f"{summary} (devnet gaps --verbose shows them)")))
        elif plain:
            # piped: plain lines, no padding to the width of the grid
            parts.extend(Text("- ").append_text(_finding(f, plain)) for f in group)
        else:
            # a hanging indent under each bullet; wrapped between words only, a
            # next-step command kept whole on one line
            for f in group:
                parts += [Wrapped(_finding(f, plain), lead="• ", indent=2), Text("")]
            parts.pop()
        parts.append(Text(""))
    return Group(*parts[:-1])


def gaps_view(result: Gaps, org: str | None, *, plain: bool, verbose: bool) -> RenderableType:
    """The whole `devnet gaps` report: grid, shape, findings."""
    from rich.console import Group

    parts: list[RenderableType] = []
    if result.goals:
        parts.append(grid(result, plain))
    else:
        parts.append(text(f"No active goals as of {result.as_of.isoformat()}."))
    parts.append(text(""))
    parts.append(shape_panel(result.shape, org, plain))
    parts.append(text(""))
    parts.append(findings(result, plain, verbose))
    return Group(*parts)


def due_table(entries: Sequence[Due], plain: bool, width: int = 200) -> RenderableType:
    """Who to talk to next: most urgent first. On a narrow terminal the name, then
    the last date, are left out: the id and the status (who is overdue) stay."""
    rows = [
        {
            "id": d.id,
            "name": d.name,
            "last": iso(d.last) or "never",
            "next": iso(d.next) or "-",
            "status": d.status,
        }
        for d in entries
    ]
    return fitted_table(
        rows,
        ("id", "name", "last", "next", "status"),
        ("id", "status", "next", "last", "name"),
        {"id", "last", "next", "status"},
        width,
        plain,
        DUE_STYLE,
    )
