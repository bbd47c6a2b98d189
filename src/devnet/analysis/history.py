"""How the network changed: the snapshot at the end of each month or quarter, reduced
to the research measures (size, range, strength, type) and each goal's covered share.
The timeline (schema 2) is what makes a past period's network knowable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from devnet.analysis.common import NetworkType
from devnet.analysis.snapshot import snapshot
from devnet.model import GoalStatus, Network

Every = Literal["month", "quarter"]
EVERY: tuple[Every, ...] = ("month", "quarter")
MAX_PERIODS = 240
"""Twenty years of months: a longer span asks for `--every quarter` or a later --since."""
COVERED = ("covered", "fragile", "weak")
"""Cell statuses that count as covered: someone active (and not closing) gives the
need, even if only one person (fragile) or a thin tie (weak); a gap is not covered.
Month by month, an overdue tie would otherwise make the chart flicker."""


@dataclass(frozen=True)
class GoalPoint:
    id: str
    title: str
    status: GoalStatus
    cells: int
    covered: int

    @property
    def share(self) -> float | None:
        """Covered cells over all cells of an active goal; None when not active."""
        if self.status != "active" or not self.cells:
            return None
        return self.covered / self.cells


@dataclass(frozen=True)
class Point:
    """The network at the end of one period (the last one ends on the as-of day)."""

    end: date
    size: int
    range: int
    strength: float | None
    type: NetworkType
    goals: tuple[GoalPoint, ...]


def _next_start(day: date, every: Every) -> date:
    months = 1 if every == "month" else 3
    index = day.year * 12 + day.month - 1
    index = (index // months + 1) * months
    return date(index // 12, index % 12 + 1, 1)


def period_ends(since: date, as_of: date, every: Every) -> list[date]:
    """The last day of each month (or quarter) from the one holding `since` to the one
    holding `as_of`, the last cut at `as_of`. Raises ValueError past MAX_PERIODS."""
    ends: list[date] = []
    day = since
    while day <= as_of:
        if day.year >= 9999 and day.month >= (12 if every == "month" else 10):
            ends.append(as_of)
            break
        start = _next_start(day, every)
        ends.append(min(start - timedelta(days=1), as_of))
        if len(ends) > MAX_PERIODS:
            raise ValueError(f"more than {MAX_PERIODS} periods")
        day = start
    return ends


def point(network: Network, end: date) -> Point:
    snap = snapshot(network, end)
    cells = {gc.id: gc.cells for gc in snap.coverage}
    goals = tuple(
        GoalPoint(
            gid,
            gs.title,
            gs.status,
            len(cells.get(gid, ())),
            sum(1 for c in cells.get(gid, ()) if c.status in COVERED),
        )
        for gid, gs in snap.goals.items()
    )
    s = snap.shape
    return Point(end, s.size, s.range, s.strength, s.type, goals)


def history(network: Network, since: date, as_of: date, every: Every) -> tuple[Point, ...]:
    """The network at the end of each period from `since` to `as_of`."""
    return tuple(point(network, end) for end in period_ends(since, as_of, every))


def default_since(network: Network, as_of: date) -> date:
    """A year back from the as-of day, or the network's first day if it is later."""
    year_ago = date(as_of.year - 1, as_of.month, 1) if as_of.year > 1 else date(1, 1, 1)
    starts = [p.since for p in network.people.values()]
    starts += [c.date for c in network.checkins[:1]]
    first = min(starts) if starts else as_of
    return min(max(year_ago, first), as_of)
