"""What a finding is, and the registry of finding kinds: each family module registers
its kinds (name, severities, whether it asks something of the developer concerned)
with the rule that raises them, so that the list of kinds is derived, not kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from devnet.analysis.common import Severity
from devnet.analysis.snapshot import Snapshot

Command = tuple[str, ...]
"""A suggested `devnet` command line, as its arguments after `devnet` ("..." and
UPPER-CASE words are for the user to fill in)."""


class Finding(NamedTuple):
    """One thing to act on: what is wrong (`message`), what to do (`action`, prose
    without commands) and the commands that do it (`commands`, rendered by render)."""

    kind: str
    severity: Severity
    goal: str | None
    developer: str | None
    message: str
    action: str
    commands: tuple[Command, ...] = ()
    need: str | None = None
    """For uncovered-need: the need concerned (not part of the JSON shape)."""
    goals: tuple[str, ...] = ()
    """Every goal the advice serves when it is said once for several (`goal` is the
    first); empty when it concerns one goal or none."""

    @property
    def command(self) -> Command | None:
        """The first suggested command, if any."""
        return self.commands[0] if self.commands else None


class Kind(NamedTuple):
    """A kind of finding. `asks`: it asks something of the developer concerned (book,
    agree, review, give back, add), so a closing verdict overrules it. `verdict`: it
    is a closing relationship's one verdict."""

    name: str
    severities: tuple[Severity, ...]
    family: str
    asks: bool = False
    verdict: bool = False


Rule = Callable[[Snapshot], Iterable[Finding]]

KINDS: dict[str, Kind] = {}
"""Every registered kind, in registration order."""
RULES: list[Rule] = []
"""Every rule, in registration order."""


def register(*kinds: Kind) -> Callable[[Rule], Rule]:
    """Register a rule and the kinds it may raise."""

    def add(rule: Rule) -> Rule:
        for kind in kinds:
            if kind.name in KINDS:
                raise ValueError(f"finding kind {kind.name!r} registered twice")
            KINDS[kind.name] = kind
        RULES.append(rule)
        return rule

    return add
