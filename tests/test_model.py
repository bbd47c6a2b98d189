"""The vocabulary and the rules of one record (pure, no files)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from devnet.errors import UsageError
from devnet.model import (
    Network,
    Person,
    cadence_days,
    choice,
    is_valid_id,
    parse_functions,
    parse_needs,
    slugify,
    split_list,
    validation_messages,
)


def person(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Maria Chen",
        "relation": "senior",
        "context": "Acme",
        "since": date(2026, 1, 1),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("weekly", 7),
        ("biweekly", 14),
        ("monthly", 30),
        ("quarterly", 91),
        ("yearly", 365),
        ("10d", 10),
        ("6w", 42),
        ("Monthly", 30),
        (" 3W ", 21),
    ],
)
def test_cadence_days(text: str, days: int) -> None:
    assert cadence_days(text) == days


@pytest.mark.parametrize("text", ["fortnightly", "0d", "-3d", "3m", "d", "", "99999d"])
def test_bad_cadence(text: str) -> None:
    with pytest.raises(ValueError, match="cadence"):
        cadence_days(text)


def test_unknown_function_suggests_and_lists() -> None:
    with pytest.raises(UsageError) as info:
        parse_functions(["coaching,sponsorshp"])
    assert "did you mean 'sponsorship'" in str(info.value)
    assert "role-modeling" in str(info.value)
    assert info.value.exit_code == 2


def test_functions_and_needs_split_and_dedupe() -> None:
    assert parse_functions(["coaching, Coaching", "exposure"]) == ["coaching", "exposure"]
    assert parse_needs(["career,role-modeling"]) == ["career", "role-modeling"]
    with pytest.raises(UsageError):
        parse_functions(["career"])  # a family is a need, not a function
    assert split_list(["a,b", "b", " ,c"]) == ["a", "b", "c"]


def test_choice_is_case_insensitive() -> None:
    assert choice("Peer", ("peer", "senior"), "relation") == "peer"
    with pytest.raises(UsageError, match="unknown relation 'boss'"):
        choice("boss", ("peer", "senior"), "relation")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Maria Chen", "maria-chen"),
        ("José Núñez-García", "jose-nunez-garcia"),
        ("  O'Brien,  Pat ", "o-brien-pat"),
        ("李明", "李明"),
        ("🎉", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug
    if slug:
        assert is_valid_id(slug)


def test_ids() -> None:
    assert is_valid_id("maria-chen")
    for bad in ["Maria", "maria chen", "-maria", "maria-", "", "a" * 65]:
        assert not is_valid_id(bad)


def test_person_rules() -> None:
    assert Person.model_validate(person()).status == "active"
    cases = [
        (person(closeness=5), "closeness"),
        (person(split=101), "split"),
        (person(relation="boss"), "relation"),
        (person(request="period"), "until"),
        (person(until=date(2027, 1, 1)), "until"),
        (person(members=5), "circle"),
        (person(relation="circle", members=16), "members"),
        (person(name="   "), "empty"),
        (person(name="x\x00y"), "NUL"),
        (person(cadence="sometimes"), "cadence"),
        (person(nickname="Mimi"), "nickname"),
        (person(since="2026-01-01"), "date"),
        (person(closeness=True), "closeness"),
    ]
    for data, word in cases:
        with pytest.raises(ValidationError) as info:
            Person.model_validate(data)
        assert word in " ".join(validation_messages(info.value)), data


def test_errors_never_show_values() -> None:
    with pytest.raises(ValidationError) as info:
        Person.model_validate(person(name=["ZZ_SECRET"], learn=123))
    assert "ZZ_SECRET" not in " ".join(validation_messages(info.value))


def test_network_references_are_checked() -> None:
    base: dict[str, Any] = {"schema": 1, "profile": {"name": "Sam", "stage": "mid"}}
    with pytest.raises(ValidationError, match="unknown goal"):
        Network.model_validate({**base, "people": {"m": person(goals=["nope"])}})
    with pytest.raises(ValidationError, match="unknown developer"):
        Network.model_validate(
            {**base, "checkins": [{"date": date(2026, 1, 1), "developer": "ghost"}]}
        )


def test_to_doc_is_ordered_and_drops_empty_values() -> None:
    net = Network.model_validate(
        {
            "schema": 1,
            "profile": {"name": "Sam", "stage": "mid"},
            "people": {"zed": person(), "amy": person(name="Amy")},
            "checkins": [
                {"date": date(2026, 3, 1), "developer": "zed"},
                {"date": date(2026, 1, 1), "developer": "amy"},
            ],
        }
    )
    doc = net.to_doc()
    assert list(doc) == ["schema", "profile", "people", "checkins"]
    assert list(doc["people"]) == ["amy", "zed"]
    assert [c["date"] for c in doc["checkins"]] == [date(2026, 1, 1), date(2026, 3, 1)]
    assert "functions" not in doc["people"]["amy"]
    assert "org" not in doc["profile"]
    assert Network.model_validate(doc) == net


def test_the_vocabulary_tables_agree() -> None:
    from typing import get_args

    from devnet.model import FAMILIES, FUNCTION_MEANINGS, FUNCTIONS, NEEDS, Function, Need

    assert tuple(FUNCTIONS) == get_args(Function) == tuple(FUNCTION_MEANINGS)
    assert NEEDS == get_args(Need) == (*FUNCTIONS, *FAMILIES)


def test_file_errors_are_worded_for_people() -> None:
    data = person(relation="boss", closeness=7, split=-1, functions="coaching", nickname="M")
    with pytest.raises(ValidationError) as info:
        Person.model_validate(data)
    text = "\n".join(validation_messages(info.value))
    assert "relation: must be one of supervisor, senior, peer" in text
    assert "closeness: must be at most 4" in text
    assert "split: must be at least 0" in text
    assert "functions: expected a list" in text
    assert "nickname: unknown field" in text
    assert "Input should" not in text


def test_long_titles_make_short_ids_of_whole_words() -> None:
    title = "Present at a conference in 2027 with a talk on platform engineering"
    slug = slugify(title)
    assert slug == "present-at-a-conference-in-2027-with-a"
    assert len(slug) <= 40 and is_valid_id(slug)
    assert slugify("x" * 100) == "x" * 40
