"""The vocabulary every analysis module shares: thresholds (named constants, as
documented in docs/analysis.md), result literals, and small pure helpers (matching a
need, serving a goal, joining words, calendar-safe day arithmetic)."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Literal

from devnet.model import FAMILIES, FUNCTIONS, Person

HIGH_RANGE = 3
"""Contexts at or above which a network has high range (devnet's default; Higgins &
Kram 2001 name the dimension but give no number)."""
STRONG_TIES = 3.0
"""Mean closeness at or above which ties count as strong (3 = "close" on the 1-4
scale; devnet's default, like HIGH_RANGE)."""
MAX_GOALS = 5
"""Collins, "360° mentoring": narrow to four or five objectives."""
SMALL_NETWORK = 5
"""Fewer active developers than this is a small network (Kram: "five to six")."""
VERY_SMALL_NETWORK = 3
"""Fewer than this is a high finding: no network to speak of."""
DUE_AT = Fraction(1)
OVERDUE_AT = Fraction(3, 2)
"""Multiples of the cadence at which a contact is due and overdue (an ideal and a
maximum, as personal-CRM users ask for)."""
REVIEW_WINDOW_DAYS = 90
"""The quarterly "is this working for us?" (Kram in Collins); a longer cadence
stretches the window to one cadence."""
STRENGTH_WINDOW_DAYS = 180
"""Check-ins this recent stand in for an unset closeness."""
UNLISTED_WINDOW_DAYS = 365
"""A function logged in a check-in this recent, and not listed, is worth adding."""
OVER_RELIANCE_MIN_CELLS = 3
"""Below this many cells a grid is too small to rest on one person."""

CellStatus = Literal["gap", "weak", "fragile", "covered"]
DueStatus = Literal["ok", "due", "overdue", "closing"]
Severity = Literal["high", "medium", "low"]
NetworkType = Literal["receptive", "traditional", "opportunistic", "entrepreneurial"]
State = Literal["active", "paused", "ended", "closing"]
ClosingReason = Literal["move-on", "period-ended", "goal-reached"]

SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
CELL_STATUSES: tuple[CellStatus, ...] = ("gap", "weak", "fragile", "covered")
STATES: tuple[State, ...] = ("active", "paused", "ended", "closing")
CLOSING_REASONS: tuple[ClosingReason, ...] = ("move-on", "period-ended", "goal-reached")
"""Why a relationship is closing, in precedence order: the first that applies is the
reason (and its finding the one verdict)."""


def add_days(day: date, days: int) -> date:
    """`day` moved by `days`, held within the calendar (0001-01-01 to 9999-12-31):
    `--as-of 0001-01-01` or a check-in in 9999 gets an answer, never an overflow."""
    ordinal = day.toordinal() + days
    return date.fromordinal(min(max(ordinal, date.min.toordinal()), date.max.toordinal()))


def normalise(text: str) -> str:
    """Contexts compare case- and whitespace-insensitively: "Acme Corp" == "acmecorp"."""
    return "".join(text.split()).casefold()


def need_label(need: str) -> str:
    return f"{need} support" if need in FAMILIES else need


def provides(person: Person, need: str) -> bool:
    """A function need is met by that function; a family need by any of its functions."""
    if need in FAMILIES:
        return any(FUNCTIONS.get(f) == need for f in person.functions)
    return need in person.functions


def serves(person: Person, goal_id: str) -> bool:
    """A developer who lists no goal serves every goal."""
    return not person.goals or goal_id in person.goals


def join(items: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Small counts in words ("no", "one", ... "ten"), larger ones in digits."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def closeness_from_checkins(count: int) -> int:
    """An unset closeness, derived from check-ins in the last 180 days."""
    if count == 0:
        return 1
    if count <= 2:
        return 2
    if count <= 5:
        return 3
    return 4


def distant(person: Person) -> bool:
    """A recorded closeness of 1-2 (an unset one never counts)."""
    return person.closeness is not None and person.closeness <= 2


def weak_ties(pids: Iterable[str], people: Mapping[str, Person], overdue: Container[str]) -> str:
    """Why the providers of weak cells are weak, in the words gaps, map and report
    share: "overdue", "distant" or "overdue or distant" (as in "only overdue ties")."""
    chosen = list(pids)
    late = any(pid in overdue for pid in chosen)
    far = any(distant(people[pid]) for pid in chosen if pid in people)
    return join([w for w, on in (("overdue", late), ("distant", far)) if on], "or") or "weak"


def matches(skill: str, known: Iterable[str]) -> bool:
    """A skill is known when a known text equals it or either contains the other,
    case-insensitively (untaught-skill)."""
    s = skill.strip().casefold()
    return bool(s) and any(s == k or s in k or k in s for k in known if k)
