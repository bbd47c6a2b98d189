"""Pure steps that bring an older file's document up to the current schema, one
version at a time (applied in memory on load; the file is rewritten on its next save)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any


def _earliest(doc: dict[str, Any]) -> date | None:
    """The earliest date the file knows: a stand-in for a change it kept no date for."""
    days: list[date] = []
    for person in (doc.get("people") or {}).values():
        if isinstance(person, dict):
            days.extend(
                person[k] for k in ("since", "status_date") if isinstance(person.get(k), date)
            )
    for checkin in doc.get("checkins") or []:
        if isinstance(checkin, dict) and isinstance(checkin.get("date"), date):
            days.append(checkin["date"])
    return min(days) if days else None


def status_to_history(record: dict[str, Any], fallback: Any, default: str) -> None:
    """Turn v1's `status`, `status_date` and `status_note` into one history entry.
    A record left at its default status with no date keeps no history."""
    status = record.pop("status", default)
    when = record.pop("status_date", None)
    note = record.pop("status_note", None)
    if status == default and when is None and note is None:
        return
    change: dict[str, Any] = {"date": when if when is not None else fallback, "status": status}
    if note is not None:
        change["note"] = note
    if change["date"] is None:  # nothing to date it by: validation names the field
        change.pop("date")
    record["history"] = [change]


def v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 kept only the latest status of each person and goal; schema 2 keeps
    every change with its date. The single `status_date` becomes one history entry; a
    change the file kept no date for is dated at the relationship's beginning (people)
    or the earliest date in the file (goals). A status date before `since` is evidence
    that the relationship began earlier: `since` moves back."""
    doc = copy.deepcopy(doc)
    earliest = _earliest(doc)
    for goal in (doc.get("goals") or {}).values():
        if isinstance(goal, dict):
            status_to_history(goal, earliest, "active")
    for person in (doc.get("people") or {}).values():
        if not isinstance(person, dict):
            continue
        since = person.get("since")
        status_to_history(person, since, "active")
        for change in person.get("history", []):
            when = change.get("date")
            if isinstance(when, date) and isinstance(since, date) and when < since:
                person["since"] = when
    doc["schema"] = 2
    return doc


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: v1_to_v2}
"""From schema N to N+1. Each step has a fixture folder in tests/fixtures/vN/."""
