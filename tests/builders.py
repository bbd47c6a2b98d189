"""Small factories for networks in tests: each record starts healthy (a full
agreement, a recorded closeness, something given back) so that a test adds exactly
the one defect it is about. Shared: add helpers, never change what one returns."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from devnet.model import SCHEMA_VERSION, Checkin, Goal, Network, Person, Profile

START = date(2025, 1, 1)
"""The default `since` of every person."""


def day(offset: int, start: date = START) -> date:
    """`start` plus `offset` days."""
    return start + timedelta(days=offset)


def goal(needs: str | Iterable[str] = "coaching", title: str = "A goal", **fields: Any) -> Goal:
    """An active goal; `needs` as a comma-separated string or a list."""
    needs_list = needs.split(",") if isinstance(needs, str) else list(needs)
    _status_as_history(fields, START)
    return Goal(title=title, needs=needs_list, **fields)  # type: ignore[arg-type]


def _status_as_history(fields: dict[str, Any], start: date) -> None:
    """`status=`, `status_date=`, `status_note=` (schema 1's fields) as one change."""
    status = fields.pop("status", "active")
    when = fields.pop("status_date", None)
    note = fields.pop("status_note", None)
    if status != "active" or when is not None:
        change = {"date": when or start, "status": status} | ({"note": note} if note else {})
        fields.setdefault("history", []).append(change)


def person(
    name: str = "Maria Chen",
    functions: str | Iterable[str] = "coaching",
    **fields: Any,
) -> Person:
    """An active senior at Acme with a complete agreement (monthly, scheduled by me,
    something to learn and something offered), close (3), since START."""
    funcs = functions.split(",") if isinstance(functions, str) else list(functions)
    values: dict[str, Any] = {
        "relation": "senior",
        "context": "Acme",
        "cadence": "monthly",
        "scheduler": "me",
        "learn": "How to run a budget cycle",
        "offer": "A tour of the European business",
        "closeness": 3,
        "since": START,
    }
    values.update(fields)
    _status_as_history(values, values["since"])
    return Person(name=name, functions=[f for f in funcs if f], **values)  # type: ignore[misc]  # pydantic checks the Literal


def checkin(developer: str, when: date | int, **fields: Any) -> Checkin:
    """A check-in; `when` is a date or a day offset from START."""
    on = when if isinstance(when, date) else day(when)
    return Checkin(date=on, developer=developer, **fields)


def network(
    people: dict[str, Person] | None = None,
    goals: dict[str, Goal] | None = None,
    checkins: Iterable[Checkin] = (),
    *,
    stage: str = "mid",
    org: str | None = "Acme",
    name: str = "Sam Lee",
) -> Network:
    """A validated network (references checked, check-ins sorted)."""
    return Network(  # type: ignore[call-arg]  # by alias
        schema=SCHEMA_VERSION,
        profile=Profile(name=name, stage=stage, org=org),  # type: ignore[arg-type]
        goals=goals or {},
        people=people or {},
        checkins=list(checkins),
    )
