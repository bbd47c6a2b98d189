"""The analysis of a developmental network: pure functions of a Network and a day;
no printing, files, clock or environment.

One snapshot of the network on a day, computed once, is what every command reads
(`due`, `gaps`, `map`, `report`, `export`, `list`, `review`, `prep`), so that no two
commands disagree about a person:

    snap = snapshot(network, day)        # analysis.snapshot

`Snapshot` (frozen) holds:

- `as_of: date`, `network: Network` (the whole file, unfiltered).
- `people: Mapping[id, PersonState]`: the developers whose relationship had begun by
  `as_of` (`since` <= day), sorted by id. A `PersonState` has `id`, `person` (the
  record), `name`, `state` (`active`, `paused`, `ended` or `closing`, the status they
  had that day from their history), `reason` (why closing: `move-on`,
  `period-ended` or `goal-reached`, in that precedence; None otherwise), `contact`
  (a `Contact`: their `checkins` up to the day, `last`, `last_review`, `review`,
  `gave`, `recent`), `due` (their `Due`, None unless active or closing), and the
  flags `active` (active or closing), `providing` (active and not closing) and
  `overdue`.
- `goals: Mapping[id, GoalState]`: every goal with `goal`, `title` and the `status`
  it had that day (`active`, `achieved`, `dropped`).
- `checkins: tuple[Checkin, ...]`: the check-ins up to `as_of`, in date order.
- `due: tuple[Due, ...]`: one per active or closing developer (`id`, `name`, `last`,
  `next`, `status` ok/due/overdue/closing, `days`, `ratio`), most urgent first,
  closing ones after them, those without a cadence last. A closing one has
  `next=None`: nothing is booked.
- `coverage: tuple[GoalCoverage, ...]`: the goals x needs grid of the goals active
  that day; each `Cell` has `need`, `status` (gap/weak/fragile/covered) and the ids
  of its `providers` (active, non-closing developers only).
- `shape: Shape`: size, range, strength, relations, home_share, type (of the active
  developers, closing ones included: they are still in the network).
- Views: `state(id)`, `having(*states)`, `active` (id -> Person, closing included),
  `providers` (id -> Person, active and not closing), `closing`, `active_goals`,
  `overdue` (ids), `names` (id -> name for every developer), `checkins_of(id)`.

Findings (`gaps_of(snap) -> Gaps`, or `gaps(network, day)`) are drawn from the
snapshot by the rules of `analysis/findings/` (one module per family: goals,
people, coverage, network, closing), each registered with its kinds in
`analysis.registry` (`KINDS`: name -> Kind with severities, family, `asks`,
`verdict`); `FINDING_KINDS` is derived from it. One precedence rule
(`findings.one_verdict`) keeps a closing person's verdict and nothing else about
them. A `Finding` has `kind`, `severity`, `goal`, `developer`, `message`, `action`
(prose, no command in it), `commands` (tuples of `devnet` arguments; render turns
them into text: `render.gaps.action_text`), `need`, and `goals` (every goal an
advice said once serves). See docs/analysis.md for each rule and its source.
The older entry points `present`, `leaving`, `due`, `coverage`, `shape` are views
of the snapshot, kept for callers that need only one of them.
"""

import importlib
from typing import TYPE_CHECKING, Any

from devnet.analysis.common import (
    CELL_STATUSES,
    CLOSING_REASONS,
    DUE_AT,
    HIGH_RANGE,
    MAX_GOALS,
    OVER_RELIANCE_MIN_CELLS,
    OVERDUE_AT,
    REVIEW_WINDOW_DAYS,
    SEVERITIES,
    SMALL_NETWORK,
    STATES,
    STRENGTH_WINDOW_DAYS,
    STRONG_TIES,
    VERY_SMALL_NETWORK,
    CellStatus,
    ClosingReason,
    DueStatus,
    NetworkType,
    Severity,
    State,
    add_days,
    closeness_from_checkins,
    join,
    need_label,
    normalise,
    provides,
    serves,
    weak_ties,
)
from devnet.analysis.snapshot import (
    Cell,
    Contact,
    Due,
    GoalCoverage,
    GoalState,
    PersonState,
    Shape,
    Snapshot,
    coverage,
    due,
    leaving,
    network_type,
    present,
    shape,
    snapshot,
)

if TYPE_CHECKING:
    from devnet.analysis.findings import FINDING_KINDS, Gaps, gaps, gaps_of, one_verdict
    from devnet.analysis.registry import KINDS, Command, Finding, Kind

_FINDINGS = {
    "FINDING_KINDS": "findings",
    "Gaps": "findings",
    "gaps": "findings",
    "gaps_of": "findings",
    "one_verdict": "findings",
    "KINDS": "registry",
    "Command": "registry",
    "Finding": "registry",
    "Kind": "registry",
}
"""The findings and their registry load on first use: `list` and `due` read only
the snapshot, and every rule module is work they would pay for on each run."""


def __getattr__(name: str) -> Any:
    if name in _FINDINGS:
        module = importlib.import_module(f"devnet.analysis.{_FINDINGS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CELL_STATUSES",
    "CLOSING_REASONS",
    "DUE_AT",
    "FINDING_KINDS",
    "HIGH_RANGE",
    "KINDS",
    "MAX_GOALS",
    "OVERDUE_AT",
    "OVER_RELIANCE_MIN_CELLS",
    "REVIEW_WINDOW_DAYS",
    "SEVERITIES",
    "SMALL_NETWORK",
    "STATES",
    "STRENGTH_WINDOW_DAYS",
    "STRONG_TIES",
    "VERY_SMALL_NETWORK",
    "Cell",
    "CellStatus",
    "ClosingReason",
    "Command",
    "Contact",
    "Due",
    "DueStatus",
    "Finding",
    "Gaps",
    "GoalCoverage",
    "GoalState",
    "Kind",
    "NetworkType",
    "PersonState",
    "Severity",
    "Shape",
    "Snapshot",
    "State",
    "add_days",
    "closeness_from_checkins",
    "coverage",
    "due",
    "gaps",
    "gaps_of",
    "join",
    "leaving",
    "need_label",
    "network_type",
    "normalise",
    "one_verdict",
    "present",
    "provides",
    "serves",
    "shape",
    "snapshot",
    "weak_ties",
]
