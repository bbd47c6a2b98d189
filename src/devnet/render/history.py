"""`devnet history`: how the network changed, as a table with small inline charts
(rich, on a terminal) or a JSON object."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from devnet.analysis.history import Every, Point
from devnet.render.clean import safe

if TYPE_CHECKING:
    from rich.console import RenderableType

BARS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[float | None], low: float | None = None) -> str:
    """One bar per value, scaled from `low` (else the smallest) to the largest; a
    missing value is a space."""
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    bottom = min(known) if low is None else low
    top = max(known)
    span = top - bottom
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            level = 0 if span <= 0 else round((v - bottom) / span * (len(BARS) - 1))
            out.append(BARS[level if span > 0 or v <= 0 else len(BARS) - 1])
    return "".join(out)


def _goal_ids(points: Sequence[Point]) -> list[str]:
    """Goals that were active at the end of at least one period, in id order."""
    seen = {g.id for p in points for g in p.goals if g.status == "active"}
    return sorted(seen)


def history_json(points: Sequence[Point], since: date, as_of: date, every: Every) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "since": since.isoformat(),
        "every": every,
        "periods": [
            {
                "end": p.end.isoformat(),
                "size": p.size,
                "range": p.range,
                "strength": None if p.strength is None else round(p.strength, 2),
                "type": p.type,
                "goals": [
                    {
                        "id": g.id,
                        "title": g.title,
                        "status": g.status,
                        "cells": g.cells,
                        "covered": g.covered,
                        "covered_share": None if g.share is None else round(g.share, 2),
                    }
                    for g in p.goals
                    if g.status == "active"
                ],
            }
            for p in points
        ],
    }


def _label(end: date, every: Every) -> str:
    if every == "quarter":
        return f"{end.year} Q{(end.month - 1) // 3 + 1}"
    return f"{end.year}-{end.month:02d}"


def history_view(points: Sequence[Point], every: Every, plain: bool) -> RenderableType:
    """A row per period (size, range, strength, type, each goal's covered share), then
    a trend line per measure: the inline charts."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    goals = _goal_ids(points)
    titles = {g.id: g.title for p in points for g in p.goals}
    table = Table(box=None if plain else box.SIMPLE_HEAD, pad_edge=False)
    # the period says which row is which: it keeps its width on a narrow terminal,
    # the other columns shrink (cut with "…") first
    table.add_column("period", no_wrap=True, min_width=7)
    table.add_column("size", justify="right", no_wrap=True, min_width=4)
    table.add_column("range", justify="right", no_wrap=True, overflow="ellipsis")
    table.add_column("strength", justify="right", no_wrap=True, overflow="ellipsis")
    table.add_column("type", no_wrap=True, overflow="ellipsis")
    for gid in goals:
        table.add_column(safe(gid), justify="right", no_wrap=True, overflow="ellipsis")
    for p in points:
        shares = {g.id: g for g in p.goals}
        cells: list[str] = []
        for gid in goals:
            g = shares.get(gid)
            if g is None or g.share is None:
                cells.append("-" if g is None or g.status == "active" else g.status)
            else:
                cells.append(f"{round(g.share * 100)}%")
        table.add_row(
            _label(p.end, every),
            str(p.size),
            str(p.range),
            "-" if p.strength is None else f"{p.strength:.1f}",
            p.type,
            *cells,
        )
    trend = Table(box=None, show_header=False, pad_edge=False)
    trend.add_column(no_wrap=True)
    trend.add_column(no_wrap=True)
    trend.add_column(overflow="fold")

    def first_last(values: Sequence[float | None], fmt: str) -> str:
        known = [v for v in values if v is not None]
        return "" if not known else f"{fmt.format(known[0])} → {fmt.format(known[-1])}"

    sizes = [float(p.size) for p in points]
    ranges = [float(p.range) for p in points]
    strengths = [p.strength for p in points]
    trend.add_row("size", spark(sizes, 0), first_last(sizes, "{:.0f}"))
    trend.add_row("range", spark(ranges, 0), first_last(ranges, "{:.0f}"))
    trend.add_row("strength", spark(strengths, 1), first_last(strengths, "{:.1f}"))
    for gid in goals:
        values = [next((g.share for g in p.goals if g.id == gid), None) for p in points]
        pct = [None if v is None else v * 100 for v in values]
        summary = f"{first_last(pct, '{:.0f}%')}  {safe(titles[gid])}"
        trend.add_row(Text(safe(gid)), spark(pct, 0), Text(summary))
    return Group(table, Text(""), Text("Trend, oldest first:"), trend)
