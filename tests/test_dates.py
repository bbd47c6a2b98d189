"""Natural dates (devnet.dates): every form resolved against fixed days, never the clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devnet.dates import add_months, parse, parse_past
from devnet.errors import UsageError

WEDNESDAY = date(2026, 12, 2)
FRIDAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        (" 2026-11-01 ", date(2026, 11, 1)),
        ("today", WEDNESDAY),
        ("Today", WEDNESDAY),
        ("yesterday", date(2026, 12, 1)),
        ("tomorrow", date(2026, 12, 3)),
        ("3d ago", date(2026, 11, 29)),
        ("3 days ago", date(2026, 11, 29)),
        ("1 day ago", date(2026, 12, 1)),
        ("2w ago", date(2026, 11, 18)),
        ("2 weeks  ago", date(2026, 11, 18)),
        ("1m ago", date(2026, 11, 2)),
        ("3 months ago", date(2026, 9, 2)),
        ("1y ago", date(2025, 12, 2)),
        ("-3d", date(2026, 11, 29)),
        ("-2w", date(2026, 11, 18)),
        ("+2w", date(2026, 12, 16)),
        ("in 10d", date(2026, 12, 12)),
        ("friday", date(2026, 11, 27)),
        ("fri", date(2026, 11, 27)),
        ("last friday", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),
        ("wednesday", date(2026, 11, 25)),  # a bare weekday is never today
        ("last wednesday", date(2026, 11, 25)),
        ("next friday", date(2026, 12, 4)),
        ("this friday", date(2026, 12, 4)),
        ("this monday", date(2026, 11, 30)),
        ("sow", date(2026, 11, 30)),
        ("som", date(2026, 12, 1)),
        ("soq", date(2026, 10, 1)),
        ("soy", date(2026, 1, 1)),
        ("eow", date(2026, 12, 6)),
        ("eom", date(2026, 12, 31)),
        ("eoq", date(2026, 12, 31)),
        ("eoy", date(2026, 12, 31)),
    ],
)
def test_forms_for_what_happened(text: str, expected: date) -> None:
    assert parse(text, WEDNESDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", date(2026, 12, 4)),  # a target: the next one
        ("wednesday", date(2026, 12, 9)),  # never today
        ("last friday", date(2026, 11, 27)),
        ("eom", date(2026, 12, 31)),
        ("tomorrow", date(2026, 12, 3)),
    ],
)
def test_forms_for_targets(text: str, expected: date) -> None:
    assert parse(text, WEDNESDAY, target=True) == expected


def test_weekdays_seen_from_that_weekday_skip_today() -> None:
    assert parse("friday", FRIDAY) == date(2026, 11, 13)
    assert parse("last friday", FRIDAY) == date(2026, 11, 13)
    assert parse("friday", FRIDAY, target=True) == date(2026, 11, 27)
    assert parse("thursday", FRIDAY) == date(2026, 11, 19)
    assert parse("saturday", FRIDAY, target=True) == date(2026, 11, 21)


@pytest.mark.parametrize(
    ("today", "expected_soq", "expected_eoq"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 5, 31), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 9, 30), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 11, 15), date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_quarters(today: date, expected_soq: date, expected_eoq: date) -> None:
    assert parse("soq", today) == expected_soq
    assert parse("eoq", today) == expected_eoq


def test_months_keep_the_day_or_the_month_end() -> None:
    assert parse("1m ago", date(2026, 3, 31)) == date(2026, 2, 28)
    assert parse("1m ago", date(2024, 3, 31)) == date(2024, 2, 29)
    assert parse("eom", date(2024, 2, 10)) == date(2024, 2, 29)
    assert parse("1y ago", date(2024, 2, 29)) == date(2023, 2, 28)
    assert add_months(date(2026, 1, 31), 13) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("yesterdy", "did you mean 'yesterday'"),
        ("last fridy", "did you mean 'last friday'"),
        ("soon", "expected YYYY-MM-DD or a form such as"),
        ("3d", "expected YYYY-MM-DD"),
        ("ago", "expected YYYY-MM-DD"),
        ("2026/01/01", "expected YYYY-MM-DD"),
        ("2026-02-30", "there is no such day"),
        ("", "expected YYYY-MM-DD"),
        ("mo", "expected YYYY-MM-DD"),  # too short to be a weekday
    ],
)
def test_bad_dates_name_the_option_and_the_forms(text: str, words: str) -> None:
    with pytest.raises(UsageError, match="--date") as caught:
        parse(text, WEDNESDAY, option="--date")
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("tomorrow", date(9999, 12, 31)),
        ("yesterday", date(1, 1, 1)),
        ("99999d ago", date(1, 1, 1)),
        ("99999y ago", WEDNESDAY),
        ("+99999y", WEDNESDAY),
        ("next monday", date(9999, 12, 31)),
        ("eow", date(9999, 12, 31)),
    ],
)
def test_the_ends_of_the_calendar_are_one_clear_line(text: str, today: date) -> None:
    with pytest.raises(UsageError, match="outside the years 1 to 9999"):
        parse(text, today)


def test_what_happened_cannot_be_in_the_future() -> None:
    assert parse_past("today", WEDNESDAY) == WEDNESDAY
    assert parse_past("friday", WEDNESDAY) == date(2026, 11, 27)
    for text in ("tomorrow", "eom", "next friday", "2026-12-03"):
        with pytest.raises(UsageError, match="in the future"):
            parse_past(text, WEDNESDAY, "--date")


@given(
    today=st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)),
    days=st.integers(min_value=0, max_value=300),
    weekday=st.sampled_from(["mon", "tuesday", "wed", "thu", "friday", "sat", "sunday"]),
)
def test_relative_forms_agree_with_arithmetic(today: date, days: int, weekday: str) -> None:
    assert parse(f"{days}d ago", today) == parse(f"-{days}d", today) == today - timedelta(days)
    last = parse(weekday, today)
    upcoming = parse(weekday, today, target=True)
    assert 1 <= (today - last).days <= 7
    assert 1 <= (upcoming - today).days <= 7
    assert last.weekday() == upcoming.weekday()
    assert parse("sow", today).weekday() == 0
    assert parse("sow", today) <= today <= parse("eow", today)
    assert parse("som", today) <= today <= parse("eom", today)
    assert parse("soq", today) <= today <= parse("eoq", today)
    assert parse("soy", today) <= today <= parse("eoy", today)
