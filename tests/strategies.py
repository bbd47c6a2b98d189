"""Hypothesis strategies for valid devnet records and whole networks, for round-trip
tests (file, export/import). Shared: add options, keep what a strategy generates valid."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any, cast

from hypothesis import strategies as st

from devnet.model import (
    CADENCES,
    FUNCTIONS,
    GOAL_STATUSES,
    NEEDS,
    PERSON_STATUSES,
    RELATIONS,
    REQUESTS,
    REVIEWS,
    SCHEDULERS,
    SCHEMA_VERSION,
    STAGES,
    Checkin,
    Goal,
    GoalStatus,
    Network,
    Person,
    PersonChange,
    Profile,
    Relation,
)

# Any text the model accepts: no NUL, no lone surrogates; quotes, newlines, brackets,
# commas, semicolons, backslashes and controls included on purpose.
_ALPHABET = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_TRICKY = st.sampled_from(
    ['"', "'", ",", ";", "\\", "\n", "\r\n", "[b]", "[link=http://x]y", "\x1b[2J", "|", "*", "é"]
)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
ids = st.from_regex(r"[a-z0-9é][a-z0-9é.-]{0,12}[a-z0-9]|[a-z]", fullmatch=True)


# A character that is not blank (`str.isspace` holds only for Z* and Cc characters).
_VISIBLE = st.characters(exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"])
_PIECES = st.lists(st.one_of(st.text(_ALPHABET, max_size=8), _TRICKY), max_size=5).map("".join)


@functools.cache  # one strategy object per shape: building strategies per draw is slow
def texts(
    *, min_size: int = 0, max_size: int = 40, trimmed: bool = False
) -> st.SearchStrategy[str]:
    """Free text of `min_size` to `max_size` characters, built valid rather than
    filtered; `trimmed` for the values a CSV keeps (no surrounding blanks, never
    empty). With `min_size` > 0 or `trimmed`, the text holds a visible character."""
    if not trimmed and min_size == 0:
        return _PIECES.map(lambda s: s[:max_size])
    assert 1 <= max(min_size, 1) <= max_size

    def build(parts: tuple[str, str, str]) -> str:
        before, visible, after = parts
        value = (before[: max_size - 1] + visible + after)[:max_size]
        return value.strip() if trimmed else value

    # Blanks around the visible character are kept unless trimmed, so names with
    # leading and trailing spaces or newlines are still generated.
    return st.tuples(_PIECES, _VISIBLE, _PIECES).map(build)


@functools.cache
def names(trimmed: bool = False) -> st.SearchStrategy[str]:
    """A name or title: up to 60 characters, at least one of them visible."""
    return texts(min_size=1, max_size=60, trimmed=trimmed)


_FUNCTIONS = st.sampled_from(list(FUNCTIONS))
_NEEDS = st.sampled_from(NEEDS)

cadences = st.one_of(
    st.sampled_from(sorted(CADENCES)),
    st.builds(lambda n, u: f"{n}{u}", st.integers(1, 52), st.sampled_from(["d", "w"])),
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def goals(draw: st.DrawFn, csv_safe: bool = False) -> Goal:
    status = cast(GoalStatus, draw(st.sampled_from(GOAL_STATUSES)))
    return Goal(
        title=draw(names(csv_safe)),
        needs=draw(st.lists(_NEEDS, min_size=1, max_size=4, unique=True)),
        skills=draw(st.lists(texts(trimmed=csv_safe), max_size=3, unique=True)),
        by=draw(_optional(dates)),
        history=[{"date": draw(dates), "status": status}] if status != "active" else [],
    )


@st.composite
def people(draw: st.DrawFn, goal_ids: list[str], csv_safe: bool = False) -> Person:
    """A valid developer; `csv_safe` leaves out what a CSV cannot tell apart (an empty
    text from no text, blanks around a list item)."""
    relation = cast(Relation, draw(st.sampled_from(RELATIONS)))
    request = draw(_optional(st.sampled_from(REQUESTS)))
    text = texts(trimmed=True) if csv_safe else texts()
    since = draw(dates)
    return Person(
        name=draw(names(csv_safe)),
        relation=relation,
        context=draw(names(csv_safe)),
        functions=draw(st.lists(_FUNCTIONS, max_size=4, unique=True)),
        goals=draw(st.lists(st.sampled_from(goal_ids), max_size=3, unique=True))
        if goal_ids
        else [],
        expertise=draw(st.lists(texts(trimmed=csv_safe), max_size=3, unique=True)),
        cadence=draw(_optional(cadences)),
        scheduler=draw(_optional(st.sampled_from(SCHEDULERS))),
        learn=draw(_optional(text)),
        offer=draw(_optional(text)),
        split=draw(_optional(st.integers(0, 100))),
        request=request,
        until=draw(st.dates(min_value=since, max_value=date(2040, 12, 31)))
        if request == "period"
        else None,
        closeness=draw(_optional(st.integers(1, 4))),
        members=draw(_optional(st.integers(2, 15))) if relation == "circle" else None,
        since=since,
        history=draw(_history(since, text)),
    )


@st.composite
def _history(draw: st.DrawFn, since: date, text: st.SearchStrategy[str]) -> list[PersonChange]:
    """Changes of status in date order, none before `since`, none repeating the last."""
    changes: list[PersonChange] = []
    day, status = since, "active"
    for _ in range(draw(st.integers(0, 3))):
        choices = [s for s in PERSON_STATUSES if s != status and (s, status) != ("paused", "ended")]
        status = draw(st.sampled_from(choices))
        day = draw(st.dates(min_value=day, max_value=max(day, date(2040, 12, 31))))
        note = draw(_optional(text))
        changes.append(PersonChange(date=day, status=status, note=note))  # type: ignore[arg-type]
    return changes


@st.composite
def checkins(draw: st.DrawFn, person_ids: list[str], goal_ids: list[str]) -> Checkin:
    return Checkin(
        date=draw(dates),
        developer=draw(st.sampled_from(person_ids)),
        functions=draw(st.lists(_FUNCTIONS, max_size=3, unique=True)),
        goals=draw(st.lists(st.sampled_from(goal_ids), max_size=2, unique=True))
        if goal_ids
        else [],
        skills=draw(st.lists(texts(), max_size=2, unique=True)),
        gave=draw(_optional(texts())),
        note=draw(_optional(texts())),
        review=draw(_optional(st.sampled_from(REVIEWS))),
    )


@st.composite
def networks(
    draw: st.DrawFn, max_people: int = 6, max_checkins: int = 12, csv_safe: bool = False
) -> Network:
    """A valid network: references resolve; duplicate check-ins are possible."""
    goal_ids = draw(st.lists(ids, max_size=4, unique=True))
    person_ids = draw(st.lists(ids, max_size=max_people, unique=True))
    goal_map = {g: draw(goals(csv_safe)) for g in goal_ids}
    person_map = {p: draw(people(goal_ids, csv_safe)) for p in person_ids}
    logs: list[Checkin] = []
    if person_ids:
        logs = draw(st.lists(checkins(person_ids, goal_ids), max_size=max_checkins))
        if logs and draw(st.booleans()) is True:
            logs.append(logs[0].model_copy(deep=True))  # two identical conversations
    return Network(
        schema_=SCHEMA_VERSION,
        profile=Profile(
            name=draw(names()),
            stage=draw(st.sampled_from(STAGES)),
            org=draw(_optional(names())),
        ),
        goals=goal_map,
        people=person_map,
        checkins=logs,
    )


def network_docs(**options: Any) -> st.SearchStrategy[dict[str, Any]]:
    """The file's content (`Network.to_doc()`) of a valid network: what the store
    writes and must read back."""
    return networks(**options).map(lambda n: n.to_doc())
