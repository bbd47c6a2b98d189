"""Dates as people type them: ISO `YYYY-MM-DD` or a natural form (`yesterday`,
`3d ago`, `friday`, `eom`), resolved against a `today` the caller gives. Pure:
nothing here reads the clock, so every form is tested on fixed days."""

from __future__ import annotations

import re
from datetime import date, timedelta

from devnet.errors import UsageError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "year": "y",
    "years": "y",
}
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
# The natural forms are patterns `re` compiles (and caches) on first use: a run
# given ISO dates, the common case, does not pay for them.
_AGO_RE = rf"(\d{{1,5}}) ?({_UNIT}) ago"
_SIGNED_RE = rf"([+-]) ?(\d{{1,5}}) ?({_UNIT})"
_IN_RE = rf"in (\d{{1,5}}) ?({_UNIT})"
_WEEKDAY_RE = r"(?:(last|next|this) )?([a-z]+)"
_WORDS = (
    "today",
    "yesterday",
    "tomorrow",
    "ago",
    "last",
    "next",
    *WEEKDAYS,
    "sow",
    "som",
    "soq",
    "soy",
    "eow",
    "eom",
    "eoq",
    "eoy",
)


def _weekday(word: str) -> int | None:
    """Monday is 0; a day is named in full or by its first three letters or more."""
    if len(word) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    import calendar

    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _shift(today: date, count: int, unit: str) -> date:
    if unit == "d":
        return today + timedelta(days=count)
    if unit == "w":
        return today + timedelta(weeks=count)
    return add_months(today, count * (12 if unit == "y" else 1))


def _period(today: date, word: str) -> date | None:
    """sow/som/soq/soy and eow/eom/eoq/eoy: the start or end of this period."""
    edge, unit = word[:2], word[2:]
    if edge not in ("so", "eo") or unit not in ("w", "m", "q", "y"):
        return None
    if unit == "w":
        start = today - timedelta(days=today.weekday())
        return start if edge == "so" else start + timedelta(days=6)
    first_month = {"m": today.month, "q": 3 * ((today.month - 1) // 3) + 1, "y": 1}[unit]
    start = date(today.year, first_month, 1)
    if edge == "so":
        return start
    months = {"m": 1, "q": 3, "y": 12}[unit]
    import calendar

    last = add_months(start, months - 1)
    return last.replace(day=calendar.monthrange(last.year, last.month)[1])


def _natural(value: str, today: date, target: bool) -> date | None:
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    if value == "tomorrow":
        return today + timedelta(days=1)
    period = _period(today, value)
    if period is not None:
        return period
    if match := re.fullmatch(_AGO_RE, value):
        return _shift(today, -int(match.group(1)), _UNITS[match.group(2)])
    if match := re.fullmatch(_SIGNED_RE, value):
        sign = -1 if match.group(1) == "-" else 1
        return _shift(today, sign * int(match.group(2)), _UNITS[match.group(3)])
    if match := re.fullmatch(_IN_RE, value):
        return _shift(today, int(match.group(1)), _UNITS[match.group(2)])
    if match := re.fullmatch(_WEEKDAY_RE, value):
        which, word = match.groups()
        weekday = _weekday(word)
        if weekday is None:
            return None
        if which == "this":  # the one in this Monday-to-Sunday week
            return today + timedelta(days=weekday - today.weekday())
        forward = which == "next" or (which is None and target)
        if forward:  # strictly after today: `--by friday` on a Friday is next week's
            return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return None


def parse(text: str, today: date, *, target: bool = False, option: str = "date") -> date:
    """The day `text` names, seen from `today`. `target` says the date is aimed at
    (`--by`, `--until`): a bare weekday is then the next one, not the last one.
    Anything else is a UsageError naming `option` and the accepted forms."""
    value = " ".join(text.strip().lower().split())
    if _ISO_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"invalid {option} {text!r}: there is no such day") from None
    try:
        day = _natural(value, today, target)
    except (OverflowError, ValueError):
        raise UsageError(
            f"invalid {option} {text!r}: it falls outside the years 1 to 9999"
        ) from None
    if day is not None:
        return day
    import difflib

    words = value.split()
    close = difflib.get_close_matches(words[-1], _WORDS, n=1, cutoff=0.7) if words else []
    hint = ""
    if close and close[0] != words[-1]:
        hint = f" (did you mean {' '.join([*words[:-1], close[0]])!r}?)"
    raise UsageError(
        f"invalid {option} {text!r}{hint}: expected YYYY-MM-DD or a form such as "
        "today, yesterday, 3d ago, last friday, som"
    )


def parse_past(text: str, today: date, option: str = "--date") -> date:
    """A day something happened: any form, but never after `today`."""
    day = parse(text, today, option=option)
    if day > today:
        raise UsageError(
            f"{option} {text.strip()!r} is {day}, in the future; devnet records what "
            "has already happened"
        )
    return day
