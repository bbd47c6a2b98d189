"""The one verdict for a closing relationship (still active, but the latest review
said move on, the period asked for is over, or every goal it served is reached):
thank them and end gracefully, or agree a new focus (Collins; Hunt in Collins)."""

from __future__ import annotations

from collections.abc import Iterator

from devnet.analysis.common import join
from devnet.analysis.registry import Finding, Kind, register
from devnet.analysis.snapshot import Snapshot

VERDICTS = {
    "move-on": "move-on-pending",
    "period-ended": "period-ended",
    "goal-reached": "goal-reached",
}
"""Closing reason -> the kind of its one finding (CLOSING_REASONS gives the order)."""


@register(
    Kind("move-on-pending", ("medium",), "closing", verdict=True),
    Kind("period-ended", ("medium",), "closing", verdict=True),
    Kind("goal-reached", ("medium",), "closing", verdict=True),
)
def closing(snap: Snapshot) -> Iterator[Finding]:
    for pid, ps in snap.closing.items():
        p = ps.person
        kind = VERDICTS[ps.reason or "move-on"]
        if ps.reason == "move-on":
            message = (
                f"Your last review with {p.name} said move on, but the relationship is still "
                "active."
            )
            action = (
                f"Close it gracefully: thank {p.name} for their help, say you would like to "
                "stay in touch and let them know how things go, then end it."
            )
            commands: tuple[tuple[str, ...], ...] = (("end", pid),)
        elif ps.reason == "period-ended":
            until = p.until.isoformat() if p.until else "?"
            message = f"The period you asked {p.name} for ended on {until}."
            action = (
                f"Thank {p.name}, say you would like to stay in touch, and end it gracefully; "
                "or agree a new period."
            )
            commands = (("end", pid), ("edit", pid, "--until", "YYYY-MM-DD"))
        else:
            titles = join([f"'{snap.goals[g].title}'" for g in p.goals if g in snap.goals])
            done = "is" if len(p.goals) == 1 else "are all"
            message = f"What {p.name} helps you with {done} done or dropped: {titles}."
            action = (
                f"Thank {p.name} for what they helped you reach; end it gracefully, or agree "
                "a new focus for the relationship."
            )
            commands = (("end", pid), ("edit", pid, "--goal", "ID"))
        yield Finding(kind, "medium", None, pid, message, action, commands)
