"""The findings of `devnet gaps`: every rule of the family modules (goals, people,
coverage, network, closing) run on one Snapshot, then one precedence rule, then one
order. The list of kinds is derived from the registry (analysis.registry)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from devnet.analysis.common import SEVERITIES
from devnet.analysis.findings import closing, coverage, goals, network, people
from devnet.analysis.registry import KINDS, RULES, Finding
from devnet.analysis.snapshot import GoalCoverage, Shape, Snapshot, snapshot
from devnet.model import Network

FAMILIES = (goals, people, coverage, network, closing)
"""The family modules, each registering its kinds on import."""
FINDING_KINDS: tuple[str, ...] = tuple(KINDS)


class Gaps(NamedTuple):
    """Everything `devnet gaps` reports."""

    as_of: date
    goals: tuple[GoalCoverage, ...]
    shape: Shape
    findings: tuple[Finding, ...]
    names: Mapping[str, str] = MappingProxyType({})
    """Developer id to name, for showing providers."""
    overdue: frozenset[str] = frozenset()
    """Ids of the overdue active developers, for saying why a cell is weak."""


def one_verdict(snap: Snapshot, findings: Iterable[Finding]) -> list[Finding]:
    """The precedence rule, the only one: a closing relationship's verdict (the kind
    of its first closing reason, CLOSING_REASONS order: move-on-pending, period-ended,
    goal-reached) is the only finding about that person. Every other finding that
    names them as its developer (it asks something of them: book, agree, review,
    give back, add a function, spread the load) is dropped. The rules that suggest
    whom to ask read `Snapshot.providers`, where nobody closing is."""
    verdict = {pid: closing.VERDICTS[ps.reason or "move-on"] for pid, ps in snap.closing.items()}
    return [f for f in findings if f.developer not in verdict or f.kind == verdict[f.developer]]


_RANK = {s: i for i, s in enumerate(SEVERITIES)}


_FIRST = ("unclear-agreement",)
"""Within a severity, these come first: the agreement is where a relationship starts
(Collins; for Ross and Julie it is the first step)."""


def _order(f: Finding) -> tuple[int, int, str, str, str, str]:
    first = 0 if f.kind in _FIRST else 1
    return (_RANK[f.severity], first, f.kind, f.goal or "", f.developer or "", f.need or "")


def gaps_of(snap: Snapshot) -> Gaps:
    """The findings of one snapshot, with its grid and shape."""
    found = [f for rule in RULES for f in rule(snap)]
    for f in found:
        if f.kind not in KINDS or f.severity not in KINDS[f.kind].severities:
            raise AssertionError(f"unregistered finding {f.kind} ({f.severity})")
    kept = sorted(one_verdict(snap, found), key=_order)
    return Gaps(snap.as_of, snap.coverage, snap.shape, tuple(kept), snap.names, snap.overdue)


def gaps(network: Network, today: date) -> Gaps:
    """The whole `devnet gaps` report as of `today`."""
    return gaps_of(snapshot(network, today))


__all__ = ["FAMILIES", "FINDING_KINDS", "Finding", "Gaps", "gaps", "gaps_of", "one_verdict"]
